/**
 * What every route family shares: the engine, the service's policy (allowed targets, whether
 * clients may name paths on this machine) and the lists the EvalScope routes describe; and the
 * one submit path all three families go through.
 *
 * @module
 */
import type { OptionSpec } from "../config/schema.ts";
import { UserError } from "../errors.ts";
import { hostPort } from "../jobs/scope.ts";
import type { JobEngine, SubmitResult } from "./engine.ts";
import { HttpError } from "./http.ts";
import { type JobKind, TASK_ID } from "./job_record.ts";

/** The service as the routes see it. */
export interface ServiceContext {
  engine: JobEngine;
  /** `HOST` or `HOST:PORT` entries a job may target; empty: any (loopback binds only). */
  allowTargets: readonly string[];
  /** The service listens on loopback: clients are local users and may name local files. */
  loopback: boolean;
  /** The option lists of the job kinds (`GET …/params` is generated from them). */
  options: Readonly<Record<JobKind, readonly OptionSpec[]>>;
  /** Benchmark metadata for `GET /api/v1/eval/benchmarks` (`type`: text or multimodal). */
  benchmarks(type: string | null): unknown[];
}

/** Config keys that name files on the service's machine (refused from remote clients). */
const PATH_KEYS = ["dataset_dir", "dataset_path", "tokenizer_path", "chat_template"];

/** Checks a task id: 400 unless it matches {@linkcode TASK_ID}. */
export function checkTaskId(id: string): string {
  if (!TASK_ID.test(id)) {
    throw new HttpError(
      400,
      `Cannot use task id "${id}": it must match ${TASK_ID.source}`,
      "Use letters, digits, '.', '_' and '-', starting with a letter or digit (at most 128).",
    );
  }
  return id;
}

/** True when `target` (`host:port`) is in the allow-list (an entry without a port allows all). */
export function targetAllowed(target: string, allow: readonly string[]): boolean {
  if (allow.length === 0) return true;
  const host = target.slice(0, target.lastIndexOf(":"));
  return allow.some((entry) => entry === target || entry === host);
}

/** Queues a job after the service's checks: 400 for a bad id or config, 403 for a target. */
export async function submitJob(
  ctx: ServiceContext,
  kind: JobKind,
  config: Record<string, unknown>,
  options: { id?: string; resume?: boolean } = {},
): Promise<SubmitResult> {
  const { id, resume } = options;
  if (id !== undefined) checkTaskId(id);
  if (!ctx.loopback) {
    const named = PATH_KEYS.filter((k) => config[k] !== undefined && config[k] !== null);
    if (named.length > 0) {
      throw new HttpError(
        403,
        `Forbidden: ${named.join(", ")} name files on the service's machine`,
        "A service on a network address reads no file a client names; use hub datasets.",
      );
    }
  }
  try {
    const { url } = ctx.engine.kind(kind).check(config);
    if (url !== null && !targetAllowed(hostPort(url), ctx.allowTargets)) {
      throw new HttpError(
        403,
        `Forbidden: ${hostPort(url)} is not an allowed target`,
        `This service may send requests only to: ${ctx.allowTargets.join(", ")} (--allow-target).`,
      );
    }
    return await ctx.engine.submit(kind, config, { id, resume });
  } catch (e) {
    if (e instanceof UserError) throw new HttpError(400, e.message, e.hint);
    throw e;
  }
}
