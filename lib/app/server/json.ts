/**
 * The JSON answers of the app's and the service's routes.
 *
 * @module
 */
import { BASE_HEADERS } from "./security.ts";

/** A JSON response, not cached (non-finite numbers as null); `headers` are added. */
export function json(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): Response {
  const body = JSON.stringify(
    value,
    (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v),
  );
  return jsonText(status, body, headers);
}

/** A JSON response whose text the caller wrote (a JSON file as it is on disk). */
export function jsonText(
  status: number,
  body: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(body, {
    status,
    headers: {
      ...BASE_HEADERS,
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      ...headers,
    },
  });
}
