/**
 * The handler of `POST /v1/chat/completions` and `POST /v1/completions`: validation, the
 * connection cap, faults, and the timed response.
 *
 * @module
 */
import type { SimConfig } from "./config.ts";
import {
  ChunkEncoder,
  completionBody,
  errorBody,
  type LlamaTimings,
  type ResponseMeta,
} from "./events.ts";
import { drawFault, FAULT_HEADER, type FaultKind, parseFaultHeader } from "./faults.ts";
import { type GenerationPlan, type PlanContext, planGeneration } from "./plan.ts";
import { BadRequest, type Endpoint, parseSimRequest, type SimRequest } from "./request.ts";
import {
  LOG_TEXT_LIMIT,
  type LogOutcome,
  newLogEntry,
  type RequestLog,
  type RequestLogEntry,
} from "./request_log.ts";
import type { WakeScheduler } from "./scheduler.ts";
import type { emptyCounters, LatenessMeter } from "./stats.ts";
import { cutError, type StreamEnd, streamEvents, timedStream, usageOf } from "./stream.ts";
import { tokenOffsets } from "./timing.ts";
import { round } from "../metrics/round.ts";
import type { SimMetrics } from "./metrics.ts";
import { groupBySteps, specSteps, stepOffsets } from "./spec.ts";
import { responsesBody, responsesEvents } from "./responses.ts";
import { type PrefixCache, promptSequence } from "./prefix_cache.ts";

/** The shared state of a running simulator. */
export interface SimContext {
  config: SimConfig;
  planContext: PlanContext;
  scheduler: WakeScheduler;
  lateness: LatenessMeter;
  log: RequestLog;
  counters: ReturnType<typeof emptyCounters>;
  /** Aborted when the simulator closes. */
  closing: AbortSignal;
  seq: number;
  /** Prompts seen so far (their SHA-256), for the prefix cache. */
  seenPrompts: Set<string>;
  /** What `GET /metrics` serves. */
  metrics: SimMetrics;
  /** The block prefix cache (`prefixCacheBlock` > 0), and its memo of encoded texts. */
  prefixBlocks?: { cache: PrefixCache; encode: (text: string) => readonly number[] };
}

const JSON_HEADERS = { "content-type": "application/json", server: "lmeter-sim" };

/** The `id` prefix of each endpoint's responses. */
const ID_PREFIX: Record<Endpoint, string> = {
  chat: "chatcmpl",
  completions: "cmpl",
  responses: "resp",
};

/** Answers one generation request. */
export async function handleGeneration(
  request: Request,
  options: { endpoint: Endpoint; path: string; ctx: SimContext },
): Promise<Response> {
  const { endpoint, path, ctx } = options;
  const arrival = performance.now();
  const entry = newLogEntry(ctx.seq++, path);
  const c = ctx.counters;
  c.requests++;
  c.byEndpoint[endpoint]++;
  const finish = (outcome: LogOutcome, status = entry.status) => {
    entry.outcome = outcome;
    entry.status = status;
    entry.duration_ms = Math.round((performance.now() - arrival) * 1000) / 1000;
    c.outcomes[outcome]++;
    ctx.log.add(entry);
  };
  if (c.inFlight >= ctx.config.maxConnections) {
    finish("rejected", 503);
    return reject(ctx.config.maxConnections);
  }
  c.inFlight++;
  c.maxInFlight = Math.max(c.maxInFlight, c.inFlight);
  let handedOff = false;
  try {
    const early = await checkRequest(request, { endpoint, entry, ctx });
    if (early instanceof Response) {
      finish(outcomeOf(early.status), early.status);
      return early;
    }
    const { req, fault } = early;
    const told = ctx.config.told;
    // Speculative decoding: each step's tokens come as one piece, due together.
    const steps = specSteps(early.plan.completionTokens, {
      k: told.specTokens,
      acceptRate: told.specAcceptRate,
      seed: told.seed,
      seq: entry.seq,
    });
    const plan = steps.length > 0 ? groupBySteps(early.plan, steps) : early.plan;
    describe(entry, request, req, plan, fault);
    const meta: ResponseMeta = {
      endpoint,
      id: `${ID_PREFIX[endpoint]}-sim-${entry.seq}`,
      model: req.model ?? ctx.config.told.models[0],
      created: Math.floor(Date.now() / 1000),
      fingerprint: ctx.config.fingerprint,
    };
    if (fault !== null) c.faults[fault]++;
    await ctx.scheduler.waitUntil(arrival + ctx.config.told.delayHeadersMs);
    if (
      fault === "500" || fault === "429" || fault === "hang" ||
      (fault === "stream_error" && !req.stream)
    ) {
      const response = await failFast(fault, request, ctx);
      finish(
        fault === "hang"
          ? "hang"
          : fault === "stream_error"
          ? "stream_error"
          : `fault_${fault}` as LogOutcome,
        response.status,
      );
      return response;
    }
    c.active++;
    c.maxActive = Math.max(c.maxActive, c.active);
    count(c, req, plan);
    const cached = cachedPrompt(ctx, req, plan);
    if (told.prefixCache || ctx.prefixBlocks) {
      c.prefixCacheQueries += plan.promptTokens;
      c.prefixCacheHits += cached;
      entry.cached_tokens = cached;
    }
    const offsets = stepOffsets(
      tokenOffsets(plan.completionTokens, ctx.config.told, {
        promptTokens: plan.promptTokens - cached,
        active: c.active,
        seed: ctx.config.told.seed,
        seq: entry.seq,
      }),
      steps,
    );
    const kvTokens = plan.promptTokens + plan.completionTokens;
    ctx.metrics.planned({
      success: fault === null,
      finishReason: plan.finishReason,
      promptTokens: plan.promptTokens,
      completionTokens: plan.completionTokens,
      cachedTokens: cached,
      offsets,
      steps,
      k: told.specTokens,
    });
    ctx.metrics.started(kvTokens);
    const llamaTimings = told.llamaCpp ? timingsOf(plan, offsets, cached) : undefined;
    // vLLM reports the cache in usage; llama.cpp only in timings.cache_n.
    const cachedTokens = (told.prefixCache || ctx.prefixBlocks) && !told.llamaCpp
      ? cached
      : undefined;
    if (!req.stream) {
      try {
        const response = await respondWhole(plan, {
          meta,
          fault,
          ctx,
          dueAt: arrival + offsets[offsets.length - 1],
          llamaTimings,
          cachedTokens,
        });
        finish(
          ctx.closing.aborted
            ? "server_closed"
            : fault === "malformed"
            ? "malformed"
            : fault === "cut"
            ? "cut"
            : "completed",
        );
        return response;
      } finally {
        c.active--;
        ctx.metrics.ended(kvTokens);
      }
    }
    const events = endpoint === "responses"
      ? responsesEvents(plan, {
        meta,
        arrival,
        offsets,
        usage: usageOf(plan, cached),
        fault,
        faultAfter: told.faultAfterTokens,
      })
      : streamEvents(plan, {
        encoder: new ChunkEncoder(meta),
        chat: endpoint === "chat",
        arrival,
        offsets,
        includeUsage: req.includeUsage,
        roleGapMs: told.roleGapMs,
        fault,
        faultAfter: ctx.config.told.faultAfterTokens,
        llamaTimings,
        cachedTokens,
      });
    const body = timedStream(events, {
      scheduler: ctx.scheduler,
      lateness: ctx.lateness,
      eventsPerWrite: told.eventsPerWrite,
      joinsEvents: told.llamaCpp,
      signal: ctx.closing,
      onFirstWrite: (at) => (entry.first_write_ms = Math.round((at - arrival) * 1000) / 1000),
      onEnd: (end: StreamEnd) => {
        c.active--;
        ctx.metrics.ended(kvTokens);
        c.inFlight--;
        finish(end === "completed" && fault === "malformed" ? "malformed" : end);
      },
    });
    handedOff = true;
    return new Response(body, {
      headers: {
        "content-type": "text/event-stream",
        "cache-control": "no-cache",
        server: "lmeter-sim",
        // llama-server keeps no connection after a stream (it closes without saying so; Deno's
        // server can only close after saying so).
        ...(told.llamaCpp ? { connection: "close" } : {}),
      },
    });
  } finally {
    if (!handedOff) c.inFlight--;
  }
}

/**
 * Prompt tokens served from the prefix cache: the block cache's hit (lib/sim/prefix_cache.ts),
 * or with the whole-prompt cache (`prefixCache`) all of a prompt seen before.
 */
function cachedPrompt(ctx: SimContext, req: SimRequest, plan: GenerationPlan): number {
  const blocks = ctx.prefixBlocks;
  if (blocks) {
    const seq = promptSequence(req, blocks.encode, ctx.config.tokenizer);
    const hit = Math.min(blocks.cache.lookup(seq), plan.promptTokens);
    const reply = blocks.encode(plan.content.texts.join(""));
    blocks.cache.insert(reply.length > 0 ? seq.concat(reply) : seq);
    return hit;
  }
  if (!ctx.config.told.prefixCache) return 0;
  // A prompt seen before is served from the prefix cache: no prefill for its tokens.
  const seen = ctx.seenPrompts.has(plan.promptSha256);
  ctx.seenPrompts.add(plan.promptSha256);
  return seen ? plan.promptTokens : 0;
}

type Checked = { req: SimRequest; plan: GenerationPlan; fault: FaultKind | null };

async function checkRequest(
  request: Request,
  options: { endpoint: Endpoint; entry: RequestLogEntry; ctx: SimContext },
): Promise<Checked | Response> {
  const { endpoint, entry, ctx } = options;
  const seq = entry.seq;
  const { config } = ctx;
  if (
    config.apiKey !== null && request.headers.get("authorization") !== `Bearer ${config.apiKey}`
  ) {
    return json(401, errorBody("Invalid or missing API key.", "authentication_error", 401));
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return json(
      400,
      errorBody("The request body is not valid JSON.", "invalid_request_error", 400),
    );
  }
  if (config.logBodies) entry.body = body;
  const forced = parseFaultHeader(request.headers.get(FAULT_HEADER));
  if (forced === undefined) {
    return json(
      400,
      errorBody(
        `Unknown ${FAULT_HEADER} value; use one of 500, 429, cut, malformed, stream_error, hang, none.`,
        "invalid_request_error",
        400,
        FAULT_HEADER,
      ),
    );
  }
  try {
    const req = parseSimRequest(endpoint, body);
    if (config.strictModel && req.model !== null && !config.told.models.includes(req.model)) {
      return json(
        404,
        errorBody(`The model \`${req.model}\` does not exist.`, "NotFoundError", 404, "model"),
      );
    }
    const plan = planGeneration(req, ctx.planContext);
    const fault = forced ?? plan.fault ??
      drawFault(config.told.faultRates, { seed: config.told.seed, seq });
    return { req, plan, fault };
  } catch (error) {
    if (!(error instanceof BadRequest)) throw error;
    return json(400, errorBody(error.message, "invalid_request_error", 400, error.param));
  }
}

async function failFast(fault: FaultKind, request: Request, ctx: SimContext): Promise<Response> {
  if (fault === "429") {
    return new Response(
      errorBody(
        "Simulated rate limit: too many requests, retry later.",
        "rate_limit_exceeded",
        429,
      ),
      {
        status: 429,
        headers: { ...JSON_HEADERS, "retry-after": String(ctx.config.told.retryAfterS) },
      },
    );
  }
  if (fault === "hang") {
    const gone = AbortSignal.any([request.signal, ctx.closing]);
    await new Promise<void>((resolve) => {
      if (gone.aborted) return resolve();
      gone.addEventListener("abort", () => resolve(), { once: true });
    });
    return json(
      503,
      errorBody("The simulator closed while the request hung.", "service_unavailable", 503),
    );
  }
  return json(500, errorBody("Simulated internal server error.", "internal_server_error", 500));
}

/** llama.cpp's timings of a plan: prefill until the first token, then one gap per token. */
function timingsOf(plan: GenerationPlan, offsets: Float64Array, cached: number): LlamaTimings {
  const n = plan.completionTokens;
  const promptN = plan.promptTokens - cached;
  const promptMs = offsets[0];
  const perToken = n > 1 ? (offsets[n - 1] - offsets[0]) / (n - 1) : 0;
  const r3 = (v: number) => round(v, 3);
  return {
    cache_n: cached,
    prompt_n: promptN,
    prompt_ms: r3(promptMs),
    prompt_per_token_ms: promptN > 0 ? r3(promptMs / promptN) : 0,
    prompt_per_second: promptMs > 0 ? r3((promptN / promptMs) * 1000) : 0,
    predicted_n: n,
    predicted_ms: r3(perToken * n),
    predicted_per_token_ms: perToken,
    predicted_per_second: perToken > 0 ? r3(1000 / perToken) : 0,
  };
}

async function respondWhole(
  plan: GenerationPlan,
  options: {
    meta: ResponseMeta;
    fault: FaultKind | null;
    ctx: SimContext;
    dueAt: number;
    llamaTimings?: LlamaTimings;
    cachedTokens?: number;
  },
): Promise<Response> {
  await options.ctx.scheduler.waitUntil(options.dueAt);
  const make = options.meta.endpoint === "responses" ? responsesBody : completionBody;
  const body = make(options.meta, {
    content: plan.content.texts.join(""),
    reasoning: plan.reasoning.texts.join(""),
    finishReason: plan.finishReason,
    usage: usageOf(plan, options.cachedTokens),
    ...(options.llamaTimings ? { timings: options.llamaTimings } : {}),
  });
  if (options.fault === "malformed") return json(200, body.slice(0, Math.floor(body.length / 2)));
  if (options.fault !== "cut") return json(200, body);
  const half = new TextEncoder().encode(body.slice(0, Math.floor(body.length / 2)));
  let sent = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent) return controller.error(cutError());
      sent = true;
      controller.enqueue(half);
    },
  }, { highWaterMark: 0 });
  return new Response(stream, { headers: JSON_HEADERS });
}

/** The header whose value the request log keeps as `session` (sticky routing). */
export const SESSION_HEADER = "x-session-id";

function describe(
  entry: RequestLogEntry,
  request: Request,
  req: SimRequest,
  plan: GenerationPlan,
  fault: FaultKind | null,
): void {
  entry.model = req.model;
  entry.prompt_sha256 = plan.promptSha256;
  entry.last_user = plan.promptText.slice(0, LOG_TEXT_LIMIT);
  entry.max_tokens = req.maxTokens;
  entry.stream = req.stream;
  entry.fault = fault;
  entry.answer = plan.answer;
  entry.finish_reason = plan.finishReason;
  entry.prompt_tokens = plan.promptTokens;
  entry.completion_tokens = plan.completionTokens;
  entry.session = request.headers.get(SESSION_HEADER);
}

function count(c: SimContext["counters"], req: SimRequest, plan: GenerationPlan): void {
  if (req.stream) c.streamed++;
  else c.notStreamed++;
  c.finishReasons[plan.finishReason]++;
  c.answers[plan.answer]++;
  c.promptTokens += plan.promptTokens;
  c.completionTokens += plan.completionTokens;
  c.reasoningTokens += plan.reasoningTokens;
}

function outcomeOf(status: number): LogOutcome {
  if (status === 401) return "unauthorized";
  if (status === 404) return "not_found";
  return "invalid";
}

function reject(limit: number): Response {
  return new Response(
    errorBody(
      `Cannot accept the request: the simulator is at its connection cap of ${limit} requests in flight. ` +
        "Raise the file-descriptor limit (ulimit -n) and --max-connections, or lower the concurrency.",
      "service_unavailable",
      503,
    ),
    { status: 503, headers: { ...JSON_HEADERS, "retry-after": "1", connection: "close" } },
  );
}

function json(status: number, body: string): Response {
  return new Response(body, { status, headers: JSON_HEADERS });
}
