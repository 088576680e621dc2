/**
 * Starts `lmeter app`: `Deno.serve` on 127.0.0.1 by default; a non-loopback host needs a token.
 *
 * @module
 */
import { UserError } from "../errors.ts";
import { SafeFs } from "../results/read/mod.ts";
import { createAppHandler } from "./server/handler.ts";
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
  let resolveListen: (port: number) => void = () => {};
  const listening = new Promise<number>((r) => (resolveListen = r));
  let handler = (_req: Request) =>
    Promise.resolve(new Response("Starting, try again in a moment.\n", { status: 503 }));
  let server: Deno.HttpServer;
  try {
    server = Deno.serve({
      hostname: host,
      port,
      signal: options.signal,
      onListen: (addr) => resolveListen(addr.port),
      onError: (e) => {
        console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
        return new Response("Internal error\n", { status: 500 });
      },
    }, (req) => handler(req));
  } catch (e) {
    throw new UserError(
      `Cannot listen on ${host}:${port}: ${e instanceof Error ? e.message : String(e)}`,
      "Pick another --port (or 0 for any free one).",
      { cause: e },
    );
  }
  const actual = await listening;
  handler = createAppHandler({
    fs,
    lang,
    authToken,
    loopbackPort: loopback ? actual : undefined,
  });
  const shown = host.includes(":") ? `[${host}]` : host;
  const token = authToken ? `/?token=${encodeURIComponent(authToken)}` : "/";
  return {
    url: `http://${shown}:${actual}${token}`,
    port: actual,
    finished: server.finished,
    shutdown: () => server.shutdown(),
  };
}
