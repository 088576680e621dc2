/**
 * The timing model: when each token of a response is due, measured from the request's arrival.
 *
 * - TTFT = (`ttftMs` + `prefillMsPerToken` × prompt tokens) × slowdown, plus a uniform jitter
 *   in ±`ttftJitterMs`.
 * - Every later token follows the previous one by `itlMs` × slowdown, plus a uniform jitter in
 *   ±`itlJitterMs` (gaps never go below 0).
 * - slowdown = 1 + `slowdownPerRequest` × (active − 1), where active counts the generation
 *   requests in flight when this one arrives, itself included. It is fixed for the life of the
 *   request, so a sweep over concurrency shows TTFT and ITL growing linearly with it.
 *
 * Token i is due at arrival + offsets[i]: all times are absolute, so a late timer never delays
 * the tokens after it. Jitter is drawn from a generator seeded by the simulator seed and the
 * request's sequence number.
 *
 * @module
 */
import { mulberry32 } from "../util/random.ts";

/** The knobs of the timing model, in ms. */
export interface TimingModel {
  ttftMs: number;
  ttftJitterMs: number;
  prefillMsPerToken: number;
  itlMs: number;
  itlJitterMs: number;
  slowdownPerRequest: number;
}

/** The slowdown factor for a request that arrives while `active` requests (itself included) run. */
export function slowdownFactor(active: number, slowdownPerRequest: number): number {
  return 1 + slowdownPerRequest * Math.max(0, active - 1);
}

/** Due times (ms after arrival) of `tokens` tokens; element 0 is the TTFT. At least one element. */
export function tokenOffsets(
  tokens: number,
  model: TimingModel,
  options: { promptTokens: number; active: number; seed: number; seq: number },
): Float64Array {
  const factor = slowdownFactor(options.active, model.slowdownPerRequest);
  const random = model.ttftJitterMs > 0 || model.itlJitterMs > 0
    ? mulberry32((options.seed * 0x9e3779b1) ^ options.seq)
    : () => 0.5;
  const offsets = new Float64Array(Math.max(1, tokens));
  const ttft = (model.ttftMs + model.prefillMsPerToken * options.promptTokens) * factor;
  offsets[0] = Math.max(0, ttft + model.ttftJitterMs * (2 * random() - 1));
  const itl = model.itlMs * factor;
  for (let i = 1; i < offsets.length; i++) {
    offsets[i] = offsets[i - 1] + Math.max(0, itl + model.itlJitterMs * (2 * random() - 1));
  }
  return offsets;
}
