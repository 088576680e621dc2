/**
 * The real llama.cpp `llama-server` for the integration tests and `bench:realserver`: found at
 * `../shared/realserver` beside the repository (or at `$LMETER_REALSERVER_DIR`), started on
 * 127.0.0.1 with a bounded start-up, and stopped by its PID. Tests that need it skip, with a
 * one-line reason, where it is absent.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The folder holding `llama-server` and `stories260K.gguf`. */
export const REALSERVER_DIR = Deno.env.get("LMETER_REALSERVER_DIR") ??
  resolve(ROOT, "../shared/realserver");
export const LLAMA_SERVER = join(REALSERVER_DIR, "llama-server");
export const MODEL_GGUF = join(REALSERVER_DIR, "stories260K.gguf");

/** True when the binary and the model are there. */
export const realServerAvailable = existsSync(LLAMA_SERVER) && existsSync(MODEL_GGUF);

/** Why the real-server tests skip, printed once per file. */
export const SKIP_REASON =
  `SKIP real-server tests: ${LLAMA_SERVER} or ${MODEL_GGUF} is absent (a fresh clone has no ../shared/realserver)`;

/** Names a real-server test; prints the reason once and names it SKIP when the server is absent. */
export function realServerTest(name: string): { name: string; ignore: boolean } {
  if (!realServerAvailable && !printed) {
    printed = true;
    console.log(SKIP_REASON);
  }
  return { name: realServerAvailable ? name : `SKIP ${name}`, ignore: !realServerAvailable };
}
let printed = false;

/** A running llama-server. */
export interface RealServer {
  url: string;
  pid: number;
  chat: string;
  completions: string;
  close(): Promise<void>;
}

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

/** Starts llama-server on 127.0.0.1 with `parallel` slots (context `ctx` in all); resolves when
 * `/health` answers ok, within 20 s, else kills it and throws. */
export async function startRealServer(
  options: { parallel?: number; ctx?: number; extra?: string[] } = {},
): Promise<RealServer> {
  const port = freePort();
  const child = new Deno.Command(LLAMA_SERVER, {
    args: [
      "-m",
      MODEL_GGUF,
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "-c",
      String(options.ctx ?? 1024),
      "-np",
      String(options.parallel ?? 2),
      "-t",
      "1",
      ...(options.extra ?? []),
    ],
    stdout: "null",
    stderr: "null",
    stdin: "null",
  }).spawn();
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    try {
      child.kill("SIGTERM");
    } catch { /* already gone */ }
    const timer = setTimeout(() => {
      try {
        child.kill("SIGKILL");
      } catch { /* gone */ }
    }, 5000);
    await child.status;
    clearTimeout(timer);
  };
  const deadline = performance.now() + 20_000;
  while (performance.now() < deadline) {
    try {
      const r = await fetch(`${url}/health`);
      const body = await r.text();
      if (r.ok && body.includes("ok")) {
        return {
          url,
          pid: child.pid,
          chat: `${url}/v1/chat/completions`,
          completions: `${url}/v1/completions`,
          close,
        };
      }
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  await close();
  throw new Error(`llama-server did not become healthy on ${url} within 20 s`);
}
