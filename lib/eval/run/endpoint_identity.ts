/**
 * Records who answered: the endpoint's `/v1/models` payload and its server headers, so two runs
 * against "the same model name" can be told apart when the weights or the server changed.
 *
 * @module
 */
import { HttpClient } from "../../client/http_client.ts";

/** Response headers worth keeping (server identity); others (dates, cookies, lengths) are dropped. */
const KEEP = /^(server|x-.*version.*|x-powered-by|via|openai-.*|x-request-id|x-model.*)$/i;
const DROP = /cookie|authorization|date|content-length|x-request-id/i;

/** What the endpoint said about itself. */
export interface EndpointIdentity {
  api_url: string;
  model: string;
  models_url: string;
  /** HTTP status of `GET /models` (null when unreachable). */
  models_status: number | null;
  /** The `/models` payload as sent. */
  models: unknown;
  /** Whether the payload lists `model` (null when it lists nothing readable). */
  model_listed: boolean | null;
  server_headers: Record<string, string>;
  error?: string;
}

/** GETs `<apiUrl>/models`; never throws (an unreachable endpoint is recorded, not fatal). */
export async function probeEndpoint(
  apiUrl: string,
  options: {
    model: string;
    apiKey: string;
    headers?: Record<string, string>;
    /** Connect and total timeout, ms; default 10 000 and 15 000. */
    timeoutMs?: number;
  },
): Promise<EndpointIdentity> {
  const url = `${apiUrl}/models`;
  const client = new HttpClient({
    apiKey: options.apiKey,
    headers: options.headers,
    connectTimeoutMs: options.timeoutMs ?? 10_000,
  });
  try {
    const r = await client.getJson(url, { timeoutMs: options.timeoutMs ?? 15_000 });
    const ids = listedModels(r.body);
    return {
      api_url: apiUrl,
      model: options.model,
      models_url: url,
      models_status: r.status,
      models: r.body,
      model_listed: ids ? ids.includes(options.model) : null,
      server_headers: serverHeaders(r.headers),
    };
  } catch (e) {
    return {
      api_url: apiUrl,
      model: options.model,
      models_url: url,
      models_status: null,
      models: null,
      model_listed: null,
      server_headers: {},
      error: (e as Error).message,
    };
  } finally {
    client.close();
  }
}

/**
 * What to tell the user when `/models` does not list the requested name: what it does list, as a
 * note when the server is one that serves any name (llama.cpp's `llama-server` lists its GGUF path
 * and answers every name), as a warning otherwise. Null when the name is listed or nothing is.
 */
export function modelListNote(
  probe: EndpointIdentity,
): { level: "warn" | "note"; text: string } | null {
  if (probe.model_listed !== false) return null;
  const ids = listedModels(probe.models) ?? [];
  const lists = ids.length === 0
    ? "lists no model"
    : `lists ${ids.slice(0, 5).map((id) => `"${id}"`).join(", ")}${
      ids.length > 5 ? ` and ${ids.length - 5} more` : ""
    }`;
  if (servesAnyName(probe)) {
    return {
      level: "note",
      text: `${probe.models_url} ${lists}; llama.cpp serves any model name, so "${probe.model}" ` +
        "is answered by that model.",
    };
  }
  return {
    level: "warn",
    text: `${probe.models_url} ${lists}, not "${probe.model}"; requests may fail (pass one of ` +
      "the listed names with --model).",
  };
}

/** llama.cpp's server, which answers every model name with the one model it loaded. */
function servesAnyName(probe: EndpointIdentity): boolean {
  if (/llama\.cpp/i.test(probe.server_headers["server"] ?? "")) return true;
  const data = (probe.models as { data?: unknown })?.data;
  return Array.isArray(data) &&
    data.some((m) => (m as { owned_by?: unknown })?.owned_by === "llamacpp");
}

/** The model ids of an OpenAI `/models` payload, or null when it has none. */
export function listedModels(body: unknown): string[] | null {
  const data = (body as { data?: unknown })?.data;
  if (!Array.isArray(data)) return null;
  return data.map((m) => (m as { id?: unknown })?.id).filter((id): id is string =>
    typeof id === "string"
  );
}

function serverHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (KEEP.test(k) && !DROP.test(k)) out[k] = v;
  }
  return out;
}
