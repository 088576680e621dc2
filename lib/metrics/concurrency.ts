/**
 * Achieved concurrency: how many requests were really in flight, from each request's send and
 * end. A closed loop asks for `parallel` in flight; a client that cannot send fast enough (or a
 * run too short to fill its slots) gets fewer, and the run's numbers describe that lower load.
 * Pure.
 *
 * @module
 */

/** Requests in flight over a run. */
export interface AchievedConcurrency {
  /** Most requests in flight at any instant. */
  max: number;
  /** Requests in flight averaged over time, from the first send to the last end. */
  mean: number;
}

/**
 * The achieved concurrency of requests `[starts[i], ends[i]]` (ms, any clock); null when there is
 * none. A request ending when another starts is not counted as overlapping it.
 */
export function achievedConcurrency(
  starts: ArrayLike<number>,
  ends: ArrayLike<number>,
): AchievedConcurrency | null {
  const n = Math.min(starts.length, ends.length);
  if (n === 0) return null;
  // +1 at each start, -1 at each end; at equal times the ends come first.
  const events = new Float64Array(2 * n);
  const kinds = new Int8Array(2 * n);
  const order = new Uint32Array(2 * n);
  for (let i = 0; i < n; i++) {
    events[2 * i] = starts[i];
    kinds[2 * i] = 1;
    events[2 * i + 1] = Math.max(starts[i], ends[i]);
    kinds[2 * i + 1] = -1;
  }
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => events[a] - events[b] || kinds[a] - kinds[b]);
  let inFlight = 0;
  let max = 0;
  let area = 0;
  let last = events[order[0]];
  for (const i of order) {
    area += inFlight * (events[i] - last);
    last = events[i];
    inFlight += kinds[i];
    if (inFlight > max) max = inFlight;
  }
  const span = last - events[order[0]];
  return { max, mean: span > 0 ? area / span : max };
}
