/**
 * Which shard of an evaluation this process runs: `--shard K/N` (0 ≤ K < N), else the
 * environment's `LMETER_SHARD=K/N`, else `JOB_COMPLETION_INDEX` (a Kubernetes Indexed Job's pod
 * index) with `--shards N`. A shard runs the sample groups `g` of every subset with
 * `g mod N = K` — after shuffle, limit and repeats, so every attempt of an item stays on one shard.
 *
 * @module
 */
import { UserError } from "../../errors.ts";

/** One shard of N. */
export interface Shard {
  /** 0-based. */
  index: number;
  count: number;
}

/** Where a shard may come from besides `--shard`. */
export interface ShardEnv {
  LMETER_SHARD?: string;
  JOB_COMPLETION_INDEX?: string;
}

/** Parses `K/N`; a message when it is not one. */
export function parseShard(text: string): Shard | string {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return `"${text}" is not K/N (e.g. 0/4)`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) return `"${text}": N must be at least 1`;
  if (index >= count) return `"${text}": K counts from 0 and must be below N`;
  return { index, count };
}

/** The shard of a run, or null for an unsharded one; throws a {@linkcode UserError}. */
export function resolveShard(
  options: { shard?: string; shards?: number },
  env: ShardEnv = {},
): Shard | null {
  const hint =
    "Pass --shard K/N (K from 0), set LMETER_SHARD=K/N, or use --shards N with JOB_COMPLETION_INDEX.";
  let text: string | undefined;
  let from = "--shard";
  if (options.shard) text = options.shard;
  else if (env.LMETER_SHARD) [text, from] = [env.LMETER_SHARD, "LMETER_SHARD"];
  else if (options.shards !== undefined) {
    if (env.JOB_COMPLETION_INDEX === undefined) {
      throw new UserError("Cannot shard the evaluation: --shards without a shard index", hint);
    }
    [text, from] = [`${env.JOB_COMPLETION_INDEX}/${options.shards}`, "JOB_COMPLETION_INDEX"];
  }
  if (text === undefined) return null;
  const shard = parseShard(text);
  if (typeof shard === "string") {
    throw new UserError(`Invalid shard from ${from}: ${shard}`, hint);
  }
  if (options.shards !== undefined && options.shards !== shard.count) {
    throw new UserError(
      `Cannot shard the evaluation: ${from} says ${shard.count} shards, --shards ${options.shards}`,
      hint,
    );
  }
  return shard;
}

/** True when sample group `groupId` belongs to `shard` (every group does when unsharded). */
export function inShard(groupId: number, shard: Shard | null): boolean {
  return shard === null || groupId % shard.count === shard.index;
}
