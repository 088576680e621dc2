/**
 * Runs the simulator in its own thread (a Web Worker), so timing tests measure the client
 * against a server that does not share its event loop. Messages: `{start: options}` →
 * `{url}`; `{close: true}` → `{closed: true}`.
 *
 * @module
 */
import { startSimulator } from "../lib/sim/mod.ts";

const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage(m: unknown): void;
};
let sim: { url: string; close(): Promise<void> } | undefined;
scope.onmessage = async (e) => {
  if (e.data.start) {
    sim = await startSimulator(e.data.start);
    scope.postMessage({ url: sim.url });
  } else if (e.data.close) {
    await sim?.close();
    scope.postMessage({ closed: true });
  }
};
