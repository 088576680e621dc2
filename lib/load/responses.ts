/**
 * The OpenAI Responses API (`--api openai_responses`, EvalScope's names `openai_response` and
 * `responses` too): its URL and its request body. The body is EvalScope's: `input` (the chat
 * messages), `model`, `max_output_tokens` (from `--max-tokens`), `stream`, `temperature`,
 * `top_p`, then `--extra-args`. The stream is read by lib/client/accumulator.ts.
 *
 * @module
 */
import type { DatasetItem } from "./dataset.ts";
import { type Random, uniformInt } from "../util/random.ts";
import type { BodyParams } from "./request_builder.ts";

/** `--api` values that select the Responses API (EvalScope's three spellings). */
export const RESPONSES_APIS: readonly string[] = [
  "openai_responses",
  "openai_response",
  "responses",
];

/**
 * `--url` for the Responses API: a URL ending in `/responses` as given; a chat/completions or
 * completions URL has that suffix replaced by `/responses`, and a base URL gets `/responses`
 * appended, with a warning naming the URL used (as EvalScope does).
 */
export function responsesUrl(raw: string, o: { warnings: string[]; parse: (raw: string) => URL }) {
  const u = o.parse(raw);
  const path = u.pathname.replace(/\/+$/, "");
  if (path.endsWith("/responses")) {
    u.pathname = path;
    return u.toString();
  }
  u.pathname = path.replace(/\/(chat\/completions|completions)$/, "") + "/responses";
  o.warnings.push(`--url ${raw} is not a Responses endpoint: using ${u}`);
  return u.toString();
}

/** The body of one Responses request for `item`. */
export function responsesBody(
  item: DatasetItem,
  params: BodyParams,
  rng: Random,
): Record<string, unknown> {
  if (item.body) {
    const body = { ...item.body };
    if (body.model === undefined) body.model = params.model;
    if (body.stream === undefined) body.stream = params.stream;
    return body;
  }
  const input = item.messages ??
    [{ role: "user", content: item.prompt ?? "" }];
  const body: Record<string, unknown> = { input, model: params.model };
  if (params.maxTokens !== undefined) {
    body.max_output_tokens = Array.isArray(params.maxTokens)
      ? uniformInt(rng, params.maxTokens[0], params.maxTokens[1])
      : params.maxTokens;
  }
  body.stream = params.stream;
  if (params.temperature !== undefined) body.temperature = params.temperature;
  if (params.topP !== undefined) body.top_p = params.topP;
  if (params.extraArgs) Object.assign(body, params.extraArgs);
  return body;
}

/**
 * The generation flags the Responses body leaves out (EvalScope sends only the ones above); their
 * names, for a warning.
 */
export function unsentFlags(params: Omit<BodyParams, "model" | "endpoint">): string[] {
  const out: string[] = [];
  if (params.minTokens !== undefined) out.push("--min-tokens");
  if (params.topK !== undefined) out.push("--top-k");
  if (params.frequencyPenalty !== undefined) out.push("--frequency-penalty");
  if (params.repetitionPenalty !== undefined) out.push("--repetition-penalty");
  if (params.logprobs) out.push("--logprobs");
  if (params.nChoices !== undefined && params.nChoices !== 1) out.push("--n-choices");
  if (params.stop?.length) out.push("--stop");
  if (params.stopTokenIds?.length) out.push("--stop-token-ids");
  return out;
}
