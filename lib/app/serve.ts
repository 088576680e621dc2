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
  const { outputs, host, port, lang, authToken, service, serviceToken } = resolveAppOptions(
    options,
  );
  const loopback = isLoopbackHost(host);
  if (!loopback && !authToken) {
    throw new UserError(
      `Cannot listen on ${host}: other machines could read your results without a token`,
      "Add --auth-token <secret> (share it only with people who may see the results), or keep the default --host 127.0.0.1.",
    );
  }
  const serviceUrl = service === undefined ? undefined : serviceBase(service);
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
    service: serviceUrl === undefined ? undefined : { url: serviceUrl, token: serviceToken },
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

/** The service's base URL (`http(s)://host:port`, any path kept, no trailing slash). */
function serviceBase(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    url = new URL("about:blank");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UserError(
      `Cannot follow the service ${text}: it is not an http(s) URL`,
      "Pass --service with the address lmeter service printed, e.g. --service http://127.0.0.1:9000.",
    );
  }
  return url.toString().replace(/\/+$/, "");
}
