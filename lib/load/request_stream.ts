/**
 * Request bodies made on their own thread. Reading a dataset, counting and cutting prompts with
 * the tokenizer, rendering chat templates and encoding token ids are CPU work — tens of
 * milliseconds for a long prompt — and the thread that timestamps every streamed event must not
 * stall for it. A worker does that work for a whole invocation (one tokenizer load), and each
 * run of a sweep opens a stream of prepared requests from it, asked for in batches a little ahead
 * of the dispatcher, so memory stays flat however many requests a run has.
 *
 * The worker starts from the same entry as every job (`main.ts`, or the bundle file) and
 * inherits the permissions of the thread that starts it.
 *
 * @module
 */
import type { DatasetContext, DatasetItem, PerfDataset, ServerTokenizer } from "./dataset.ts";
import { serverTokenizer as makeServerTokenizer } from "./server_tokenizer.ts";
import { startStreamingJob } from "../worker/stream_job.ts";
import type { JobContext } from "../worker/job.ts";
import { errorFromWire, errorToWire, type ToWorker, type WireError } from "../worker/protocol.ts";
import { loadTokenizer, type Tokenizer } from "../tokenizer/mod.ts";
import type { PerfConfig } from "./config.ts";
import { buildRequest, type PreparedRequest } from "./request_builder.ts";
import { cycleItems, repeatPrompt } from "./request_source.ts";
import { sfc32 } from "../util/random.ts";

/** Which requests one run needs. */
export interface StreamSpec {
  /** `--dataset-offset` of the run (shifts random prompts between the runs of a sweep). */
  offset: number;
  /** The run's position in the sweep (seeds its `--max-tokens lo hi` draws). */
  index: number;
}

/** The dataset context of a run: what a dataset plugin sees. */
export function datasetContext(
  config: PerfConfig,
  tokenizer: Tokenizer,
  baseSeed: number,
  offset: number,
): DatasetContext {
  return {
    path: config.datasetPath,
    tokenizer,
    tokenizerGiven: config.tokenizerGiven,
    rng: sfc32(baseSeed),
    minPromptLength: config.minPromptLength,
    maxPromptLength: config.maxPromptLength,
    prefixLength: config.prefixLength,
    offset,
    chat: config.endpoint === "chat" || config.endpoint === "responses" ||
      config.renderChatTemplate,
    tokenizePrompt: config.tokenizePrompt,
    datasetArgs: config.datasetArgs,
    textLength: config.textLength,
    images: config.images,
    ...(config.multiTurn
      ? { turns: { min: config.multiTurn.minTurns, max: config.multiTurn.maxTurns } }
      : {}),
    ...(config.traceSpeedup ? { traceSpeedup: config.traceSpeedup } : {}),
  };
}

/** Options of {@linkcode preparedRequests}. */
export interface PreparedRequestsOptions {
  tokenizer: Tokenizer;
  baseSeed: number;
  spec: StreamSpec;
  /** The dataset `config.dataset` names; not needed when `config.prompt` is set. */
  dataset?: PerfDataset;
  /** The target's tokenizer (`--tokenizer-path server`). */
  serverTokenizer?: ServerTokenizer;
}

/** The prepared requests of one run, endlessly (the dataset is cycled); made on this thread. */
export async function* preparedRequests(
  config: PerfConfig,
  options: PreparedRequestsOptions,
): AsyncGenerator<PreparedRequest> {
  const { tokenizer, baseSeed, spec, dataset, serverTokenizer } = options;
  const rng = sfc32(baseSeed + 1_000_003 + spec.index);
  const template = config.renderChatTemplate && tokenizer.applyChatTemplate
    ? (m: { role: string; content: string }[]) =>
      tokenizer.applyChatTemplate!(m, { addGenerationPrompt: true })
    : undefined;
  const params = {
    ...config.body,
    model: config.model,
    endpoint: config.endpoint,
    chatTemplate: template,
    tokenize: config.tokenizePrompt ? (text: string) => tokenizer.encode(text) : undefined,
  };
  const items: AsyncIterable<DatasetItem> = config.prompt !== undefined
    ? repeatPrompt(config.prompt)
    : cycleItems(
      dataset ?? missingDataset(config.dataset),
      {
        ...datasetContext(config, tokenizer, baseSeed, spec.offset),
        ...(serverTokenizer ? { serverTokenizer } : {}),
      },
    );
  for await (const item of items) yield buildRequest(item, params, rng);
}

function missingDataset(name: string): never {
  throw new Error(`Cannot make the requests of dataset ${name}: it was not passed down`);
}

/** Main → worker, inside `stream` messages. */
type Down =
  | { op: "open"; id: number; spec: StreamSpec }
  | { op: "more"; id: number; n: number }
  | { op: "close"; id: number }
  | { op: "stop" };

/** Worker → main, inside `stream` messages. */
type Up =
  | { op: "ready" }
  | { op: "items"; id: number; items: PreparedRequest[]; done: boolean }
  | { op: "error"; id: number; error: WireError };

/** Requests sent in one message at most. */
const BATCH = 64;
/** Requests asked for ahead of what the run has taken. */
const AHEAD = 256;

/** Input of the `perf-requests` job. */
export interface RequestStreamInput {
  config: PerfConfig;
  baseSeed: number;
}

/** Context of {@linkcode requestStreamJob}: the job's, plus the datasets the job table passed. */
export interface RequestStreamContext extends JobContext {
  /** The registered datasets (perf/mod.ts), passed down by the worker's job table. */
  datasets: Readonly<Record<string, PerfDataset>>;
}

/** The worker side: loads the tokenizer once, then serves streams of prepared requests. */
export async function requestStreamJob(input: unknown, ctx: RequestStreamContext): Promise<null> {
  const { config, baseSeed } = input as RequestStreamInput;
  const dataset = ctx.datasets[config.dataset];
  const stream = ctx.stream;
  if (!stream) throw new Error("the perf-requests job needs a stream");
  const tokenizer = await loadTokenizer(config.tokenizerPath);
  const serverTokenizer = config.serverTokenizer
    ? makeServerTokenizer(config.url, {
      model: config.model,
      apiKey: config.apiKey,
      headers: config.headers,
    })
    : undefined;
  const open = new Map<
    number,
    { gen: AsyncGenerator<PreparedRequest>; credit: number; pumping: boolean }
  >();
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  ctx.signal.addEventListener("abort", () => stop(), { once: true });

  const pump = async (id: number) => {
    const s = open.get(id);
    if (!s || s.pumping) return;
    s.pumping = true;
    try {
      while (s.credit > 0 && open.get(id) === s) {
        const items: PreparedRequest[] = [];
        let done = false;
        while (items.length < Math.min(s.credit, BATCH)) {
          const r = await s.gen.next();
          if (r.done) {
            done = true;
            break;
          }
          items.push(r.value);
        }
        s.credit -= items.length;
        stream.post({ op: "items", id, items, done } satisfies Up);
        if (done) {
          open.delete(id);
          break;
        }
      }
    } catch (e) {
      open.delete(id);
      stream.post({ op: "error", id, error: errorToWire(e) } satisfies Up);
    } finally {
      s.pumping = false;
    }
  };

  stream.onData((data) => {
    const m = data as Down;
    if (m.op === "open") {
      open.set(m.id, {
        gen: preparedRequests(config, {
          tokenizer,
          baseSeed,
          spec: m.spec,
          dataset,
          serverTokenizer,
        }),
        credit: 0,
        pumping: false,
      });
    } else if (m.op === "more") {
      const s = open.get(m.id);
      if (s) {
        s.credit += m.n;
        pump(m.id);
      }
    } else if (m.op === "close") {
      const s = open.get(m.id);
      open.delete(m.id);
      s?.gen.return(undefined);
    } else if (m.op === "stop") {
      stop();
    }
  });
  stream.post({ op: "ready" } satisfies Up);
  await stopped;
  serverTokenizer?.close();
  return null;
}

interface Pending {
  queue: PreparedRequest[];
  /** Requests received from the worker so far. */
  arrived: number;
  done: boolean;
  error: Error | null;
  wake: (() => void) | null;
}

/** The main side: one worker for an invocation; {@linkcode RequestWorker.open} per run. */
export class RequestWorker {
  #worker!: Worker;
  readonly #streams = new Map<number, Pending>();
  #nextId = 1;
  #failure: Error | null = null;

  private constructor() {}

  /** Starts the worker and waits until its tokenizer is loaded. */
  static async start(config: PerfConfig, baseSeed: number): Promise<RequestWorker> {
    const rw = new RequestWorker();
    const input: RequestStreamInput = { config, baseSeed };
    rw.#worker = await startStreamingJob({
      name: "lmeter-perf-requests",
      job: "perf-requests",
      input,
      what: "the request generator",
      onData: (data) => rw.#onUp(data as Up),
      onFail(e) {
        rw.#failure = e;
        for (const s of rw.#streams.values()) rw.#settle(s, e);
      },
    });
    return rw;
  }

  /** The prepared requests of one run: at most `limit`, made ahead in the worker. */
  async *open(spec: StreamSpec, limit: number): AsyncGenerator<PreparedRequest> {
    if (this.#failure) throw this.#failure;
    const id = this.#nextId++;
    const s: Pending = { queue: [], arrived: 0, done: false, error: null, wake: null };
    this.#streams.set(id, s);
    let asked = 0;
    // Keeps about AHEAD requests buffered or on their way, never more than the run needs.
    const ask = () => {
      const ahead = s.queue.length + asked - s.arrived;
      if (s.done || asked >= limit || ahead >= AHEAD / 2) return;
      const n = Math.min(AHEAD - ahead, limit - asked);
      asked += n;
      this.#post({ op: "more", id, n });
    };
    this.#post({ op: "open", id, spec });
    try {
      for (let taken = 0; taken < limit;) {
        ask();
        if (s.queue.length > 0) {
          taken++;
          yield s.queue.shift()!;
          continue;
        }
        if (s.error) throw s.error;
        if (s.done) return;
        await new Promise<void>((resolve) => (s.wake = resolve));
        s.wake = null;
      }
    } finally {
      this.#streams.delete(id);
      if (!s.done) this.#post({ op: "close", id });
    }
  }

  /** Stops the worker. */
  close(): void {
    try {
      this.#post({ op: "stop" });
    } catch { /* already gone */ }
    this.#worker.terminate();
  }

  #onUp(up: Up): void {
    if (up.op === "ready") return;
    const s = this.#streams.get(up.id);
    if (!s) return;
    if (up.op === "items") {
      s.arrived += up.items.length;
      for (const r of up.items) s.queue.push(r);
      if (up.done) s.done = true;
    } else {
      s.error = errorFromWire(up.error);
    }
    s.wake?.();
  }

  #settle(s: Pending, e: Error): void {
    s.error = e;
    s.wake?.();
  }

  #post(m: Down): void {
    this.#worker.postMessage({ type: "stream", data: m } satisfies ToWorker);
  }
}
