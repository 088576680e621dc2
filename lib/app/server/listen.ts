/**
 * Listening for `lmeter app` and `lmeter service`: the server starts answering 503 at once and
 * takes its real handler once the port is known (the Host check needs the port 0 resolved to).
 *
 * @module
 */
import { UserError } from "../../errors.ts";

/** A server that listens, and the port it got. */
export interface Listening {
  server: Deno.HttpServer;
  port: number;
  /** Puts the real handler in place of the 503 answer. */
  setHandler(handler: (req: Request) => Promise<Response>): void;
}

/** Listens on `hostname:port`; a port that cannot be had is a `UserError` with a hint. */
export async function listen(
  options: { hostname: string; port: number; signal?: AbortSignal },
): Promise<Listening> {
  const { hostname, port, signal } = options;
  let resolveListen: (port: number) => void = () => {};
  const listening = new Promise<number>((r) => (resolveListen = r));
  let handler = (_req: Request) =>
    Promise.resolve(new Response("Starting, try again in a moment.\n", { status: 503 }));
  let server: Deno.HttpServer;
  try {
    server = Deno.serve({
      hostname,
      port,
      signal,
      onListen: (addr) => resolveListen(addr.port),
      onError: (e) => {
        console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
        return new Response("Internal error\n", { status: 500 });
      },
    }, (req) => handler(req));
  } catch (e) {
    throw new UserError(
      `Cannot listen on ${hostname}:${port}: ${e instanceof Error ? e.message : String(e)}`,
      "Pick another --port (or 0 for any free one).",
      { cause: e },
    );
  }
  return { server, port: await listening, setHandler: (h) => (handler = h) };
}
