/**
 * The dispatcher: sends prepared requests closed-loop (at most `parallel` in flight), paced by
 * an absolute arrival schedule (`--rate`), or open-loop (no cap), and hands every finished
 * exchange to `onResult`. It records the intended send time of each request, so send lag is
 * measured, never hidden (no coordinated omission).
 *
 * @module
 */
import { setImmediate } from "node:timers";
import type { SendOptions } from "../client/http_client.ts";
import type { CompletionResult } from "../client/types.ts";
import type { PreparedRequest } from "./request_builder.ts";
import type { TurnInfo } from "../metrics/multi_turn.ts";
import { realTimer, type Timer } from "./timer.ts";
import { firstStop, stopAtDeadline, stopOnAbort, type StopReason } from "./stop_rules.ts";

/** What the dispatcher needs from an HTTP client. */
export interface PostClient {
  post(url: string, body: unknown, options?: SendOptions): Promise<CompletionResult>;
}

/** One finished exchange. */
export interface Dispatched {
  /** Order of dispatch, from 0. */
  index: number;
  request: PreparedRequest;
  result: CompletionResult;
  /** Where it sits in its conversation (multi-turn runs: lib/load/conversation.ts). */
  turn?: TurnInfo;
}

export type { StopReason } from "./stop_rules.ts";

/** Options of {@linkcode dispatch}. */
export interface DispatchOptions {
  client: PostClient;
  url: string;
  source: { next(): Promise<PreparedRequest | undefined> };
  /** Max requests in flight; -1 (or 0) for no cap (open loop). */
  parallel: number;
  /** Intended send offsets in ms from the start (ascending); null: send as slots free up. */
  arrivals: Float64Array | null;
  /** Stop dispatching once this many ms have passed; in-flight requests finish. */
  durationMs?: number;
  /** Aborting stops dispatching and cancels requests in flight. */
  signal?: AbortSignal;
  timer?: Timer;
  keepEvents?: boolean;
  onResult(d: Dispatched): void;
}

/** What happened overall. */
export interface DispatchStats {
  dispatched: number;
  startMs: number;
  endMs: number;
  stopReason: StopReason;
}

/** A counting semaphore. */
class Slots {
  #free: number;
  readonly #waiters: (() => void)[] = [];

  constructor(n: number) {
    this.#free = n;
  }

  acquire(): Promise<void> | undefined {
    if (this.#free > 0) {
      this.#free--;
      return undefined;
    }
    return new Promise((r) => this.#waiters.push(r));
  }

  release(): void {
    const w = this.#waiters.shift();
    if (w) w();
    else this.#free++;
  }

  wakeAll(): void {
    for (const w of this.#waiters.splice(0)) w();
  }
}

/** Options of {@linkcode SendGate}. */
export interface SendGateOptions {
  /** Waiters that check the gate on every turn, at most; later ones queue in order (default 256). */
  maxPolling?: number;
  /** Sends let through per turn while waiters queue beyond the polling ones (default 8). */
  burst?: number;
  /** Runs a callback on the next turn of the event loop; default `setImmediate`. */
  defer?: (fn: () => void) => void;
}

/**
 * Lets at most one request be written per turn of the event loop. A request's bytes leave only
 * when JavaScript yields, so in a burst of sends the first ones would be timed from a `sent`
 * stamp taken long before their bytes went out; spreading the burst keeps `sent` true (the
 * wait shows up as send lag instead, where it belongs).
 *
 * Up to `maxPolling` waiters check the gate on every turn (the first to find it open passes). A
 * turn costs one callback per polling waiter, so more waiters than that queue in arrival order
 * and take a polling place as one frees up: at `--parallel 5000` a turn no longer costs 5000
 * callbacks (which kept fewer than 2000 requests in flight). While waiters queue, the client is
 * already behind its schedule, and up to `burst` sends pass per turn so it catches up; the stamp
 * of the first of them then leads its bytes by the others' set-up (tens of microseconds each).
 * With no more waiters than `maxPolling` (every concurrency up to 256) nothing queues and the
 * gate lets one send through per turn. 256, not 128: at `--parallel 256` a smaller polling set
 * queues half the slots and releases them in bursts while the stream openings contend for the
 * cores, which raised the TTFT the client benchmark reads by ~40% and moved fewer events a
 * second, while 256 callbacks a turn cost nothing measurable at 1000 and 5000 slots
 * (docs/PERFORMANCE.md, "The send gate's polling set").
 */
export class SendGate {
  readonly #maxPolling: number;
  readonly #burst: number;
  readonly #defer: (fn: () => void) => void;
  readonly #queue: (() => void)[] = [];
  #sentThisTurn = 0;
  #resetScheduled = false;
  #polling = 0;

  constructor(options: SendGateOptions = {}) {
    this.#maxPolling = Math.max(1, options.maxPolling ?? 256);
    this.#burst = options.burst ?? 8;
    this.#defer = options.defer ?? ((fn) => setImmediate(fn));
  }

  #closed(): boolean {
    return this.#sentThisTurn >= (this.#queue.length > 0 ? this.#burst : 1);
  }

  /** Resolves when a send may happen now. */
  async ready(): Promise<void> {
    // In arrival order: once some wait in the queue, a newcomer waits behind them.
    if (this.#queue.length > 0 || (this.#closed() && this.#polling >= this.#maxPolling)) {
      await new Promise<void>((r) => this.#queue.push(r));
    }
    if (this.#closed()) {
      this.#polling++;
      try {
        while (this.#closed()) await new Promise<void>((r) => this.#defer(r));
      } finally {
        this.#polling--;
      }
    }
    this.#sentThisTurn++;
    this.#queue.shift()?.(); // the next in line takes the place this one leaves
    if (!this.#resetScheduled) {
      this.#resetScheduled = true;
      this.#defer(() => {
        this.#sentThisTurn = 0;
        this.#resetScheduled = false;
      });
    }
  }
}

/**
 * A trace's send offsets as a run sees them: as given, except that a trace replayed again after
 * its last row (an offset below the one before) goes on from that last row's time.
 */
export function traceClock(): (arrivalMs: number) => number {
  let base = 0;
  let last = 0;
  return (a) => {
    if (a + base < last) base = last - a;
    last = a + base;
    return last;
  };
}

/** Sends requests from `source` until it is empty, the duration passes, or `signal` aborts. */
export async function dispatch(o: DispatchOptions): Promise<DispatchStats> {
  const timer = o.timer ?? realTimer;
  const t0 = timer.now();
  const deadline = o.durationMs !== undefined && o.durationMs > 0 ? t0 + o.durationMs : Infinity;
  let stopReason: StopReason = "completed";
  let dispatched = 0;
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const rules = [stopOnAbort(o.signal), stopAtDeadline(deadline)];
  const stopped = () => {
    const reason = firstStop(rules, timer.now());
    if (reason) stopReason = reason;
    return reason !== null;
  };
  const gate = new SendGate();
  const send = (request: PreparedRequest, intended: number, after?: () => void) => {
    const index = dispatched++;
    inFlight++;
    return o.client.post(o.url, request.body, {
      intendedSend: intended,
      signal: o.signal,
      keepEvents: o.keepEvents,
    }).then((result) => {
      o.onResult({ index, request, result });
    }).finally(() => {
      inFlight--;
      after?.();
      if (inFlight === 0) drained?.();
    });
  };

  const capped = o.parallel > 0;
  if (o.arrivals === null && capped) {
    // Closed loop: `parallel` workers, each sending its next request when the last one ends.
    const worker = async () => {
      for (;;) {
        const intended = timer.now();
        if (stopped()) return;
        const request = await o.source.next();
        if (request === undefined || stopped()) return;
        await gate.ready();
        if (stopped()) return; // never sent: no row, not an aborted request
        await send(request, intended);
      }
    };
    await Promise.all(Array.from({ length: o.parallel }, worker));
  } else {
    // Paced (closed loop with --rate, or open loop): fire at absolute instants.
    const slots = capped ? new Slots(o.parallel) : undefined;
    const onAbort = () => slots?.wakeAll();
    o.signal?.addEventListener("abort", onAbort, { once: true });
    const traced = traceClock();
    for (let i = 0;; i++) {
      if (o.arrivals !== null && i >= o.arrivals.length) break;
      const request = await o.source.next();
      if (request === undefined) break;
      const intended = t0 +
        (request.arrivalMs !== undefined ? traced(request.arrivalMs) : (o.arrivals?.[i] ?? 0));
      if (intended >= deadline) {
        stopReason = "duration";
        break;
      }
      await timer.sleepUntil(intended, o.signal);
      if (stopped()) break;
      const wait = slots?.acquire();
      if (wait) await wait;
      if (stopped()) break;
      await gate.ready();
      if (stopped()) break;
      send(request, intended, slots ? () => slots.release() : undefined);
    }
    o.signal?.removeEventListener("abort", onAbort);
    if (inFlight > 0) await new Promise<void>((r) => (drained = r));
  }
  return { dispatched, startMs: t0, endMs: timer.now(), stopReason };
}
