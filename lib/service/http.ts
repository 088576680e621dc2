/**
 * The service's HTTP edge: JSON responses, the capped body reader, and the guard every request
 * passes (Host header, bearer token). No CORS headers are ever sent, and a request body must be
 * JSON, so a web page on another origin can neither read answers nor post a form.
 *
 * @module
 */
import { json, jsonText } from "../app/server/json.ts";
import { hostAllowed, isLoopbackHost, sameToken } from "../app/server/security.ts";

export { json, jsonText };

/** Largest request body the service reads (1 MiB). */
export const BODY_CAP = 1 << 20;

/** A request the service answers with an error status and a reason. */
export class HttpError extends Error {
  readonly status: number;
  readonly hint: string | undefined;
  constructor(status: number, message: string, hint?: string) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.hint = hint;
  }
}

/** The JSON answer to an error: `{"error": message, "hint"?: hint}`. */
export function errorResponse(e: HttpError): Response {
  const extra: Record<string, string> = e.status === 401
    ? { "www-authenticate": 'Bearer realm="lmeter service"' }
    : {};
  return json(e.status, e.hint ? { error: e.message, hint: e.hint } : { error: e.message }, extra);
}

/** Reads a JSON object body of at most {@linkcode BODY_CAP} bytes (413 beyond, 400 if not JSON). */
export async function readJsonBody(req: Request): Promise<Record<string, unknown>> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(
      415,
      "Cannot read the request: the body must be JSON",
      "Send 'Content-Type: application/json'.",
    );
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > BODY_CAP) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    for await (const chunk of req.body) {
      size += chunk.byteLength;
      if (size > BODY_CAP) throw tooLarge();
      chunks.push(chunk);
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new HttpError(400, `Cannot read the request: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new HttpError(400, "Cannot read the request: the body must be a JSON object");
  }
  return value as Record<string, unknown>;
}

function tooLarge(): HttpError {
  return new HttpError(413, `Cannot read the request: the body is larger than ${BODY_CAP} bytes`);
}

/** What the guard checks. */
export interface GuardOptions {
  /** The address the service listens on. */
  host: string;
  /** The port it listens on. */
  port: number;
  /** Required as `Authorization: Bearer <token>` on every route but `/health` when set. */
  token?: string;
}

/**
 * Throws the {@linkcode HttpError} a request deserves before any route sees it: 403 for a Host
 * header that does not name this service (DNS rebinding), 401 without the right token.
 */
export function guard(req: Request, path: string, options: GuardOptions): void {
  const host = req.headers.get("host");
  if (isLoopbackHost(options.host)) {
    if (!hostAllowed(host, options.port)) {
      throw new HttpError(
        403,
        `Forbidden: the Host header "${host ?? ""}" does not name this service`,
        "This service listens on loopback: address it as 127.0.0.1 or localhost with its port.",
      );
    }
  } else if (!isWildcard(options.host) && !namesHost(host, options.host, options.port)) {
    throw new HttpError(
      403,
      `Forbidden: the Host header "${host ?? ""}" does not name this service`,
      `Address the service as ${options.host}:${options.port}.`,
    );
  }
  if (!options.token || path === "/health") return;
  const auth = req.headers.get("authorization");
  if (!auth?.startsWith("Bearer ")) {
    throw new HttpError(
      401,
      "Unauthorized: this service needs a token",
      "Send 'Authorization: Bearer <token>' (the token of --auth-token-file or LMETER_SERVICE_TOKEN).",
    );
  }
  if (!sameToken(auth.slice(7).trim(), options.token)) {
    throw new HttpError(
      401,
      "Unauthorized: the token is wrong",
      "Send the token of --auth-token-file or LMETER_SERVICE_TOKEN.",
    );
  }
}

function isWildcard(host: string): boolean {
  return host === "0.0.0.0" || host === "::" || host === "[::]";
}

function namesHost(header: string | null, host: string, port: number): boolean {
  if (!header) return false;
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(header.trim());
  if (!m || (m[2] !== undefined && Number(m[2]) !== port)) return false;
  return m[1].replace(/^\[|\]$/g, "").toLowerCase() === bare;
}
