/**
 * The bounded connection test before the runs: one small request like the real ones (same
 * model and parameters, `max_tokens` capped at 16). A 4xx stops at once; other failures are
 * retried a few times, then reported clearly — never a silent hours-long wait.
 *
 * @module
 */
import { UserError } from "../errors.ts";
import type { PostClient } from "./dispatch.ts";
import { type BodyParams, buildRequest } from "./request_builder.ts";
import { sfc32 } from "../util/random.ts";
import { sleep } from "./timer.ts";

/** Options of {@linkcode testConnection}. */
export interface ConnectionTestOptions {
  url: string;
  params: BodyParams;
  /** Attempts before giving up (default 3). */
  tries?: number;
  /** Pause between attempts, ms (default 2000). */
  waitMs?: number;
  signal?: AbortSignal;
}

/** Cap on `max_tokens` of the test request, so a large --max-tokens does not slow it. */
export const CONNECTION_TEST_MAX_TOKENS = 16;

/** Sends the test request; resolves when the server answered well, throws a UserError otherwise. */
export async function testConnection(client: PostClient, o: ConnectionTestOptions): Promise<void> {
  const tries = o.tries ?? 3;
  const max = Array.isArray(o.params.maxTokens) ? o.params.maxTokens[0] : o.params.maxTokens;
  const capped = Math.min(max ?? CONNECTION_TEST_MAX_TOKENS, CONNECTION_TEST_MAX_TOKENS);
  const params: BodyParams = {
    ...o.params,
    maxTokens: capped,
    minTokens: o.params.minTokens !== undefined ? Math.min(o.params.minTokens, capped) : undefined,
    queryTemplate: o.params.queryTemplate,
  };
  const body = buildRequest({ prompt: "hello" }, params, sfc32(0)).body;
  let last = "";
  for (let attempt = 1; attempt <= tries; attempt++) {
    const r = await client.post(o.url, body, { signal: o.signal });
    if (r.outcome === "success") return;
    if (r.errorKind === "aborted") {
      throw new UserError("Connection test cancelled", undefined, { exitCode: 130 });
    }
    const status = r.httpStatus ?? 0;
    if (
      r.errorKind === "permission" ||
      (status >= 400 && status < 500 && status !== 408 && status !== 429)
    ) {
      throw new UserError(
        `Cannot start the benchmark: ${o.url} answered the test request with ${r.error}`,
        "Check --model, --url and --api-key (the test request uses the same model and parameters as the runs).",
        { exitCode: 1 },
      );
    }
    last = r.error ?? r.outcome;
    if (attempt < tries) await sleep(o.waitMs ?? 2000, o.signal);
    if (o.signal?.aborted) break;
  }
  throw new UserError(
    `Cannot connect to ${o.url}: the test request failed ${tries} times (last: ${last})`,
    "Is the server running and reachable? Check --url, or pass --no-test-connection to skip this check.",
    { exitCode: 1 },
  );
}
