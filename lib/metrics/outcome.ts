/**
 * How one request — and so one perf sample or one eval attempt — ended: lmeter's one outcome
 * vocabulary, shared by the client (`CompletionResult.outcome`), the perf records and metrics
 * (`RequestSample.outcome`) and the eval engine (`Generation.outcome`, `SampleResult.outcome`).
 *
 * @module
 */

/**
 * - `success`: an answer came back (for eval: it was scored).
 * - `error`: the request failed, after any retries (for eval: the sample has no score).
 * - `incomplete`: the stream was cut before its end.
 * - `aborted`: lmeter cancelled it (Ctrl-C); not counted as a failure.
 */
export type Outcome = "success" | "error" | "incomplete" | "aborted";
