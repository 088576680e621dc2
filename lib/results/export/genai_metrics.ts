/**
 * OpenTelemetry's GenAI client metrics (semantic conventions, status: development) of a perf
 * invocation, recorded through `@opentelemetry/api`. lmeter configures no exporter: with
 * `OTEL_DENO=true` Deno's built-in one sends them (OTLP, to `OTEL_EXPORTER_OTLP_ENDPOINT`);
 * without it the API's meter records nothing.
 *
 * | instrument                                    | unit      | one value per                               |
 * | --------------------------------------------- | --------- | ------------------------------------------- |
 * | `gen_ai.client.operation.duration`            | `s`       | request (failures carry `error.type`)       |
 * | `gen_ai.client.operation.time_to_first_chunk` | `s`       | streamed request with a first content chunk |
 * | `gen_ai.client.operation.time_per_output_chunk` | `s`     | gap between two content chunks              |
 * | `gen_ai.client.token.usage`                   | `{token}` | successful request and token type           |
 *
 * Attributes: `gen_ai.operation.name` (`chat`, or `text_completion` for the completions API),
 * `gen_ai.provider.name` (`--api`), `gen_ai.request.model`, `server.address`, `server.port`,
 * `lmeter.run` (the run folder); `gen_ai.token.type` on token usage.
 *
 * This egress is Deno's, not lmeter's: it ignores the job's permission scope (a worker without
 * network still exports); it happens only when the user sets `OTEL_DENO=true`.
 *
 * @module
 */
import { type Attributes, type Histogram, metrics } from "@opentelemetry/api";
import { VERSION } from "../../util/version.ts";
import type { PerfReport } from "../perf/schema.ts";
import type { RequestRow } from "./perf_export.ts";

/** Bucket bounds (seconds) for durations, as the conventions advise. */
const DURATION_BUCKETS = [
  0.01,
  0.02,
  0.04,
  0.08,
  0.16,
  0.32,
  0.64,
  1.28,
  2.56,
  5.12,
  10.24,
  20.48,
  40.96,
  81.92,
];
/** Bucket bounds (seconds) for first-chunk times. */
const TTFC_BUCKETS = [
  0.001,
  0.005,
  0.01,
  0.02,
  0.04,
  0.06,
  0.08,
  0.1,
  0.25,
  0.5,
  0.75,
  1,
  2.5,
  5,
  7.5,
  10,
];
/** Bucket bounds (seconds) for the gaps between chunks. */
const CHUNK_BUCKETS = [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5];
/** Bucket bounds for token counts: powers of 4 from 1 to 4^13. */
const TOKEN_BUCKETS = Array.from({ length: 14 }, (_, i) => 4 ** i);

interface Instruments {
  duration: Histogram;
  ttfc: Histogram;
  chunk: Histogram;
  tokens: Histogram;
}

let instruments: Instruments | undefined;

function meter(): Instruments {
  if (instruments) return instruments;
  const m = metrics.getMeter("lmeter", VERSION);
  const histogram = (name: string, unit: string, description: string, bounds: number[]) =>
    m.createHistogram(name, { unit, description, advice: { explicitBucketBoundaries: bounds } });
  instruments = {
    duration: histogram(
      "gen_ai.client.operation.duration",
      "s",
      "GenAI operation duration.",
      DURATION_BUCKETS,
    ),
    ttfc: histogram(
      "gen_ai.client.operation.time_to_first_chunk",
      "s",
      "Time to receive the first chunk of a streamed response.",
      TTFC_BUCKETS,
    ),
    chunk: histogram(
      "gen_ai.client.operation.time_per_output_chunk",
      "s",
      "Time between consecutive chunks of a streamed response.",
      CHUNK_BUCKETS,
    ),
    tokens: histogram(
      "gen_ai.client.token.usage",
      "{token}",
      "Number of input and output tokens used.",
      TOKEN_BUCKETS,
    ),
  };
  return instruments;
}

/** True when Deno's OpenTelemetry export is on (`OTEL_DENO=true`). */
export function otelEnabled(): boolean {
  try {
    return Deno.env.get("OTEL_DENO") === "true";
  } catch {
    return false;
  }
}

/** Records the requests of one run (`rows`) of `report` into the GenAI histograms. */
export function recordGenAiMetrics(
  report: Pick<PerfReport, "model" | "url" | "api">,
  run: { name: string; rows: readonly RequestRow[] },
): void {
  const { duration, ttfc, chunk, tokens } = meter();
  let host = "";
  let port = 0;
  try {
    const u = new URL(report.url);
    host = u.hostname;
    port = Number(u.port) || (u.protocol === "https:" ? 443 : 80);
  } catch { /* an unparsable URL leaves the address empty */ }
  const base: Attributes = {
    "gen_ai.operation.name":
      /\/completions$/.test(report.url) && !/chat\/completions$/.test(report.url)
        ? "text_completion"
        : "chat",
    "gen_ai.provider.name": report.api,
    "gen_ai.request.model": report.model,
    "server.address": host,
    "server.port": port,
    "lmeter.run": run.name,
  };
  for (const r of run.rows) {
    if (r.latency !== null) {
      duration.record(r.latency, r.success ? base : { ...base, "error.type": "request_failed" });
    }
    if (!r.success) continue;
    if (r.ttft !== null) ttfc.record(r.ttft, base);
    for (const gap of r.itl) chunk.record(gap, base);
    if (r.promptTokens !== null) {
      tokens.record(r.promptTokens, { ...base, "gen_ai.token.type": "input" });
    }
    if (r.outputTokens !== null) {
      tokens.record(r.outputTokens, { ...base, "gen_ai.token.type": "output" });
    }
  }
}
