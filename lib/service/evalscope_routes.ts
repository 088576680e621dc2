/**
 * EvalScope's service routes over lmeter's job engine (filled in below).
 *
 * @module
 */
import type { ServiceContext } from "./context.ts";

/** Answers an EvalScope route, or null when the path is not one. */
export function evalscopeRoute(
  _req: Request,
  _url: URL,
  _ctx: ServiceContext,
): Promise<Response | null> {
  return Promise.resolve(null);
}
