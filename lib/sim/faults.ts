/**
 * Fault injection: which failure, if any, a request gets.
 *
 * Faults are drawn per request from its sequence number and the seed, so the same sequence of
 * requests gets the same faults on every run. A request header `x-sim-fault: <kind>` forces one.
 *
 * Kinds: `500` (HTTP 500), `429` (HTTP 429 with `Retry-After`), `cut` (the connection is
 * aborted after k tokens, no `[DONE]`), `malformed` (one `data:` line of invalid JSON after k
 * tokens; the stream then goes on), `stream_error` (`data: {"error": …}` after k tokens, then
 * the stream ends without `[DONE]`), `hang` (no response headers until the client gives up or
 * the simulator closes). Without streaming, `cut` sends half of the JSON body and aborts,
 * `malformed` sends an invalid JSON body with status 200, and `stream_error` is an HTTP 500.
 *
 * @module
 */
import { unitHash } from "../util/random.ts";

/** The faults the simulator can inject. */
export type FaultKind = "500" | "429" | "cut" | "malformed" | "stream_error" | "hang";

/** Every fault kind, in the order rates are stacked when drawing. */
export const FAULT_KINDS: readonly FaultKind[] = [
  "500",
  "429",
  "cut",
  "malformed",
  "stream_error",
  "hang",
];

/** The request header that forces a fault. */
export const FAULT_HEADER = "x-sim-fault";

/** Probability (0..1) of each fault per request. */
export type FaultRates = Record<FaultKind, number>;

/** Parses an `x-sim-fault` value: a kind, null when absent or `none`, or undefined when unknown. */
export function parseFaultHeader(value: string | null): FaultKind | null | undefined {
  if (value === null) return null;
  const v = value.trim().toLowerCase();
  if (v === "" || v === "none") return null;
  return (FAULT_KINDS as readonly string[]).includes(v) ? v as FaultKind : undefined;
}

/** The fault of request number `seq` (0-based) under `rates` and `seed`; null for none. */
export function drawFault(
  rates: FaultRates,
  options: { seed: number; seq: number },
): FaultKind | null {
  const u = unitHash("fault", options.seed, options.seq);
  let edge = 0;
  for (const kind of FAULT_KINDS) {
    edge += rates[kind];
    if (u < edge) return kind;
  }
  return null;
}
