/**
 * `lmeter app`: a local, read-only web UI over an outputs folder. {@linkcode startApp} listens;
 * {@linkcode createAppHandler} is the request handler alone (for tests and embedding).
 *
 * @module
 */
export { type AppOptions, type RunningApp, startApp } from "./serve.ts";
export { APP_OPTIONS, resolveAppOptions, type ResolvedAppOptions } from "./options.ts";
export { type AppHandlerOptions, createAppHandler } from "./server/handler.ts";
