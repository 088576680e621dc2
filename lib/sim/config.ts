/**
 * Resolving {@linkcode SimulatorOptions} into the complete, checked configuration the
 * simulator runs with.
 *
 * @module
 */
import { UserError } from "../errors.ts";
import { loadTokenizer, type Tokenizer } from "../tokenizer/mod.ts";
import { AnswerKey, readAnswerKey } from "./answer_key.ts";
import { defaultMaxConnections, readFdSoftLimit } from "./fd_limit.ts";
import type { FaultRates } from "./faults.ts";
import { SIM_DEFAULTS, type SimulatorOptions } from "./options.ts";
import type { ToldConfig } from "./stats.ts";

/** Everything the running simulator needs, with defaults applied. */
export interface SimConfig {
  host: string;
  port: number;
  strictModel: boolean;
  apiKey: string | null;
  tokenizer: Tokenizer;
  answerKey: AnswerKey | null;
  fdSoftLimit: number | null;
  maxConnections: number;
  requestLog: string | undefined;
  logRingSize: number;
  /** Keep request bodies in the log (`body`). */
  logBodies: boolean;
  /** Values per embedding vector. */
  embeddingDim: number;
  fingerprint: string;
  told: ToldConfig;
}

/** Applies defaults, checks ranges, loads the tokenizer and the answer key. */
export async function resolveConfig(opts: SimulatorOptions): Promise<SimConfig> {
  const o = { ...SIM_DEFAULTS, ...stripUndefined(opts) };
  for (
    const key of [
      "ttftMs",
      "ttftJitterMs",
      "prefillMsPerToken",
      "itlMs",
      "itlJitterMs",
      "slowdownPerRequest",
      "delayHeadersMs",
      "roleGapMs",
      "loremTokens",
      "reasoningTokens",
      "faultAfterTokens",
      "retryAfterS",
      "logRingSize",
      "prefixCacheBlock",
    ] as const
  ) {
    const v = o[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw new UserError(`Cannot start the simulator: ${key} must be a number >= 0, got ${v}`);
    }
  }
  const faultRates: FaultRates = {
    "500": o.fault500Rate,
    "429": o.fault429Rate,
    cut: o.faultCutRate,
    malformed: o.faultMalformedRate,
    stream_error: o.faultStreamErrorRate,
    hang: o.faultHangRate,
  };
  const rates = Object.values(faultRates);
  if (rates.some((r) => !(r >= 0 && r <= 1)) || rates.reduce((a, b) => a + b, 0) > 1) {
    throw new UserError(
      "Cannot start the simulator: fault rates must each be in 0..1 and sum to at most 1",
      "Lower the --fault-*-rate values.",
    );
  }
  if (o.unmatched !== "lorem" && o.unmatched !== "echo") {
    throw new UserError(
      `Cannot start the simulator: unmatched must be 'lorem' or 'echo', got '${o.unmatched}'`,
    );
  }
  if (o.models.length === 0) {
    throw new UserError("Cannot start the simulator: no model names", "Give --models a name.");
  }
  if (!Number.isInteger(o.eventsPerWrite) || o.eventsPerWrite < 1) {
    throw new UserError("Cannot start the simulator: eventsPerWrite must be an integer >= 1");
  }
  if (
    !Number.isInteger(o.specTokens) || o.specTokens < 0 ||
    !(o.specAcceptRate >= 0 && o.specAcceptRate <= 1) ||
    !Number.isInteger(o.kvCacheTokens) || o.kvCacheTokens < 1
  ) {
    throw new UserError(
      "Cannot start the simulator: specTokens must be an integer >= 0, specAcceptRate in 0..1 and kvCacheTokens an integer >= 1",
    );
  }
  const fdSoftLimit = readFdSoftLimit();
  const maxConnections = opts.maxConnections ?? defaultMaxConnections(fdSoftLimit);
  if (!Number.isInteger(maxConnections) || maxConnections < 1) {
    throw new UserError("Cannot start the simulator: maxConnections must be an integer >= 1");
  }
  if (fdSoftLimit !== null && maxConnections > defaultMaxConnections(fdSoftLimit)) {
    throw new UserError(
      `Cannot start the simulator: --max-connections ${maxConnections} needs more file descriptors ` +
        `than the soft limit of ${fdSoftLimit} allows (at most ${
          defaultMaxConnections(fdSoftLimit)
        })`,
      "Raise the limit first (`ulimit -n 20000`, up to `ulimit -Hn`), or lower --max-connections.",
    );
  }
  const tokenizer = typeof opts.tokenizer === "object"
    ? opts.tokenizer
    : await loadTokenizer(opts.tokenizer);
  const entries = typeof opts.answerKey === "string"
    ? await readAnswerKey(opts.answerKey)
    : opts.answerKey;
  const answerKey = entries === undefined ? null : new AnswerKey(entries);
  return {
    host: o.host,
    port: o.port,
    strictModel: o.strictModel,
    apiKey: opts.apiKey ?? null,
    tokenizer,
    answerKey,
    fdSoftLimit,
    maxConnections,
    requestLog: opts.requestLog,
    logRingSize: o.logRingSize,
    logBodies: o.logBodies,
    embeddingDim: o.embeddingDim,
    fingerprint: o.fingerprint,
    told: {
      ttftMs: o.ttftMs,
      ttftJitterMs: o.ttftJitterMs,
      prefillMsPerToken: o.prefillMsPerToken,
      itlMs: o.itlMs,
      itlJitterMs: o.itlJitterMs,
      slowdownPerRequest: o.slowdownPerRequest,
      delayHeadersMs: o.delayHeadersMs,
      roleGapMs: o.roleGapMs,
      seed: o.seed,
      faultRates,
      faultAfterTokens: o.faultAfterTokens,
      retryAfterS: o.retryAfterS,
      unmatched: o.unmatched,
      loremTokens: o.loremTokens,
      reasoningTokens: o.reasoningTokens,
      maxModelLen: o.maxModelLen,
      eventsPerWrite: o.eventsPerWrite,
      llamaCpp: o.llamaCpp,
      prefixCache: o.prefixCache,
      specTokens: o.specTokens,
      specAcceptRate: o.specAcceptRate,
      kvCacheTokens: o.kvCacheTokens,
      prefixCacheBlock: o.prefixCacheBlock,
      answerKeyEntries: answerKey?.entries.length ?? 0,
      models: [...o.models],
    },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
