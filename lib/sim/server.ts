/**
 * `startSimulator`: the OpenAI-compatible simulator on `Deno.serve`.
 *
 * Endpoints: `GET /v1/models`, `POST /v1/chat/completions`, `POST /v1/completions`,
 * `POST /v1/embeddings`, `POST /v1/rerank` (also `/v1/reranks`, EvalScope's suffix),
 * `POST /v1/responses` (the Responses API: lib/sim/responses.ts),
 * `GET /health`, `GET /sim/stats` (counters and the told configuration), `GET /sim/requests`
 * (the in-memory request log), `GET /metrics` (Prometheus text, vLLM's names: lib/sim/metrics.ts).
 *
 * @module
 */
import type { Tokenizer } from "../tokenizer/mod.ts";
import { resolveConfig } from "./config.ts";
import { errorBody } from "./events.ts";
import { FillerPool } from "./filler.ts";
import { handleGeneration, type SimContext } from "./generate.ts";
import type { SimulatorOptions } from "./options.ts";
import { PieceCache } from "./pieces.ts";
import { SimMetrics } from "./metrics.ts";
import { handlePooling } from "./pooling.ts";
import { memoEncoder, PrefixCache } from "./prefix_cache.ts";
import { RequestLog, type RequestLogEntry } from "./request_log.ts";
import { WakeScheduler } from "./scheduler.ts";
import { emptyCounters, LatenessMeter, type SimStats } from "./stats.ts";

/** A running simulator. */
export interface SimulatorHandle {
  /** `http://HOST:PORT` (no trailing slash; the API is under `/v1`). */
  url: string;
  port: number;
  /** The tokenizer counting tokens. */
  tokenizer: Tokenizer;
  /** A snapshot of the counters and the told configuration. */
  stats(): SimStats;
  /** The in-memory request log, oldest first. */
  requests(): RequestLogEntry[];
  /** Test hook: zeroes the counters and histograms of `GET /metrics`, as a server restart does. */
  resetMetrics(): void;
  /** Ends hanging requests and open streams, stops listening, closes the log file. */
  close(): Promise<void>;
  /** Same as `close()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

const JSON_HEADERS = { "content-type": "application/json", server: "lmeter-sim" };

/** Starts the simulator (see the module doc); resolves once it listens. */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const config = await resolveConfig(opts);
  const log = await RequestLog.open({ path: config.requestLog, ringSize: config.logRingSize });
  const closing = new AbortController();
  const ctx: SimContext = {
    config,
    planContext: {
      cache: new PieceCache(config.tokenizer),
      filler: FillerPool.build(config.tokenizer, config.told.seed),
      answerKey: config.answerKey,
      seed: config.told.seed,
      unmatched: config.told.unmatched,
      loremTokens: config.told.loremTokens,
      reasoningTokens: config.told.reasoningTokens,
      maxModelLen: config.told.maxModelLen,
    },
    scheduler: new WakeScheduler(),
    lateness: new LatenessMeter(),
    log,
    counters: emptyCounters(),
    closing: closing.signal,
    seq: 0,
    seenPrompts: new Set(),
    metrics: new SimMetrics({
      model: config.told.models[0],
      kvCacheTokens: config.told.kvCacheTokens,
    }),
    ...(config.told.prefixCacheBlock > 0
      ? {
        prefixBlocks: {
          cache: new PrefixCache(config.told.prefixCacheBlock),
          encode: memoEncoder(config.tokenizer),
        },
      }
      : {}),
  };
  const startedAt = new Date();
  const started = performance.now();
  let url = "";
  const stats = (): SimStats => ({
    url,
    startedAt: startedAt.toISOString(),
    uptimeMs: performance.now() - started,
    tokenizer: config.tokenizer.name,
    fdSoftLimit: config.fdSoftLimit,
    maxConnections: config.maxConnections,
    told: config.told,
    ...structuredClone(ctx.counters),
    timerLagMs: ctx.scheduler.lagMs,
    sendLateness: ctx.lateness.snapshot(),
  });
  const server = Deno.serve({
    hostname: config.host,
    port: config.port,
    onListen() {},
    onError(error) {
      const message = error instanceof Error ? error.message : String(error);
      return new Response(
        errorBody(`lmeter sim failed: ${message}`, "internal_server_error", 500),
        {
          status: 500,
          headers: JSON_HEADERS,
        },
      );
    },
  }, (request) => route(request, { ctx, stats }));
  const port = server.addr.port;
  url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  let closed: Promise<void> | null = null;
  const close = () => {
    closed ??= (async () => {
      closing.abort();
      ctx.scheduler.wakeAll();
      await server.shutdown();
      log.close();
    })();
    return closed;
  };
  return {
    url,
    port,
    tokenizer: config.tokenizer,
    stats,
    requests: () => log.entries(),
    resetMetrics: () => ctx.metrics.reset(),
    close,
    [Symbol.asyncDispose]: close,
  };
}

function route(
  request: Request,
  options: { ctx: SimContext; stats: () => SimStats },
): Response | Promise<Response> {
  const { ctx } = options;
  const start = request.url.indexOf("/", request.url.indexOf("//") + 2);
  const query = request.url.indexOf("?", start);
  const path = request.url.slice(start, query < 0 ? undefined : query);
  const method = request.method;
  if (path === "/v1/chat/completions" || path === "/v1/completions" || path === "/v1/responses") {
    if (method !== "POST") return methodNotAllowed(path, "POST");
    const endpoint = path === "/v1/chat/completions"
      ? "chat"
      : path === "/v1/responses"
      ? "responses"
      : "completions";
    return handleGeneration(request, { endpoint, path, ctx });
  }
  if (path === "/v1/embeddings" || path === "/v1/rerank" || path === "/v1/reranks") {
    if (method !== "POST") return methodNotAllowed(path, "POST");
    const endpoint = path === "/v1/embeddings" ? "embeddings" : "rerank";
    return handlePooling(request, { endpoint, path, ctx });
  }
  if (path === "/tokenize" || path === "/detokenize") {
    if (method !== "POST") return methodNotAllowed(path, "POST");
    return tokenizeRoute(request, { path, ctx });
  }
  if (method !== "GET") return methodNotAllowed(path, "GET");
  switch (path) {
    case "/health":
      return Response.json({ status: "ok" }, { headers: JSON_HEADERS });
    case "/v1/models":
      return Response.json({
        object: "list",
        data: ctx.config.told.models.map((id) => ({
          id,
          object: "model",
          created: 0,
          owned_by: "lmeter-sim",
          max_model_len: ctx.config.told.maxModelLen,
        })),
      }, { headers: JSON_HEADERS });
    case "/sim/stats":
      return Response.json(options.stats(), { headers: JSON_HEADERS });
    case "/sim/requests":
      return Response.json(ctx.log.entries(), { headers: JSON_HEADERS });
    case "/metrics":
      return new Response(ctx.metrics.render(), {
        headers: {
          "content-type": "text/plain; version=0.0.4; charset=utf-8",
          server: "lmeter-sim",
        },
      });
  }
  return new Response(errorBody(`No route for ${method} ${path}.`, "not_found", 404), {
    status: 404,
    headers: JSON_HEADERS,
  });
}

/** llama-server's and vLLM's `POST /tokenize` (`{content}` or `{prompt}` → `{tokens}`) and
 * `POST /detokenize` (`{tokens}` → `{content}`), with the simulator's tokenizer. */
async function tokenizeRoute(
  request: Request,
  options: { path: string; ctx: SimContext },
): Promise<Response> {
  const tok = options.ctx.config.tokenizer;
  let body: Record<string, unknown>;
  try {
    body = await request.json();
  } catch {
    return new Response(errorBody("The body is not JSON.", "invalid_request_error", 400), {
      status: 400,
      headers: JSON_HEADERS,
    });
  }
  if (options.path === "/tokenize") {
    const text = typeof body.content === "string"
      ? body.content
      : typeof body.prompt === "string"
      ? body.prompt
      : null;
    if (text === null) {
      return new Response(
        errorBody('"content" must be a string.', "invalid_request_error", 400, "content"),
        { status: 400, headers: JSON_HEADERS },
      );
    }
    const tokens = tok.encode(text);
    return Response.json({ tokens, count: tokens.length }, { headers: JSON_HEADERS });
  }
  const ids = Array.isArray(body.tokens) ? body.tokens.filter((t) => typeof t === "number") : null;
  if (ids === null) {
    return new Response(
      errorBody('"tokens" must be a list of ids.', "invalid_request_error", 400, "tokens"),
      { status: 400, headers: JSON_HEADERS },
    );
  }
  return Response.json({
    content: tok.decode(ids as number[]),
    prompt: tok.decode(ids as number[]),
  }, {
    headers: JSON_HEADERS,
  });
}

function methodNotAllowed(path: string, allowed: string): Response {
  return new Response(
    errorBody(`${path} only accepts ${allowed}.`, "method_not_allowed", 405),
    { status: 405, headers: { ...JSON_HEADERS, allow: allowed } },
  );
}
