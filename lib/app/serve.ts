/**
 * Starts `lmeter app`: `Deno.serve` on 127.0.0.1 by default; a non-loopback host needs a token.
 *
 * @module
 */
import { UserError } from "../errors.ts";
import { SafeFs } from "../results/read/mod.ts";
import { createAppHandler } from "./server/handler.ts";
import { listen } from "./server/listen.ts";
import { isLoopbackHost } from "./server/security.ts";
import { type AppOptions, resolveAppOptions } from "./options.ts";

export type { AppOptions };

/** A running app. */
export interface RunningApp {
  /** The address to open (with `?token=` when a token is set). */
  url: string;
  port: number;
  /** Resolves when the server has stopped. */
  finished: Promise<void>;
  shutdown(): Promise<void>;
}

/** Starts the server and resolves once it listens. */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { outputs, host, port, lang, authToken } = resolveAppOptions(options);
  const loopback = isLoopbackHost(host);
  if (!loopback && !authToken) {
    throw new UserError(
      `Cannot listen on ${host}: other machines could read your results without a token`,
      "Add --auth-token <secret> (share it only with people who may see the results), or keep the default --host 127.0.0.1.",
    );
  }
  const fs = await SafeFs.open(outputs);
  const { server, port: actual, setHandler } = await listen({
    hostname: host,
    port,
    signal: options.signal,
  });
  setHandler(createAppHandler({
    fs,
    lang,
    authToken,
    loopbackPort: loopback ? actual : undefined,
  }));
  const shown = host.includes(":") ? `[${host}]` : host;
  const token = authToken ? `/?token=${encodeURIComponent(authToken)}` : "/";
  return {
    url: `http://${shown}:${actual}${token}`,
    port: actual,
    finished: server.finished,
    shutdown: () => server.shutdown(),
  };
}
