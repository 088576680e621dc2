/**
 * Flat-memory check: one `lmeter perf` run of many requests (default 100 000) against the
 * simulator in its own process, sampling this process's RSS every 250 ms. Prints the peak and
 * the RSS after 10%, 50% and 100% of the requests: memory must not grow with the request count
 * (request bodies are generated lazily and rows are flushed to SQLite; only 8-byte timing
 * columns grow, about 100 bytes per request plus 8 bytes per streamed token).
 *
 * Usage:
 *   deno run -A bench/perf_memory.ts [--number 100000] [--parallel 64] [--tokens 16]
 *     [--prompts hi | --prompts random:N]   (random:N: N-token random prompts from the request worker)
 *   deno run -A --v8-flags=--expose-gc bench/perf_memory.ts   # heap after a full GC at each sample
 *
 * @module
 */
import { parseArgs } from "node:util";
import { runPerfWithOutput } from "../lib/jobs/perf_job.ts";
import { startSimulator } from "../lib/sim/mod.ts";
import { type SimProcess, startSimProcess } from "./sim_process.ts";
import { configFrom } from "./perf_setup.ts";

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

async function serve(tokens: number): Promise<void> {
  const sim = await startSimulator({
    port: 0,
    ttftMs: 0,
    itlMs: 0,
    loremTokens: tokens,
    logRingSize: 0,
  });
  console.log(`READY ${sim.url}`);
  await new Promise(() => {});
}

async function startServerProcess(tokens: number): Promise<SimProcess> {
  return await startSimProcess(import.meta.filename!, ["--tokens", String(tokens)]);
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      serve: { type: "boolean", default: false },
      number: { type: "string", default: "100000" },
      parallel: { type: "string", default: "64" },
      tokens: { type: "string", default: "16" },
      // "random:N" draws N-token random prompts (made by the request worker) instead of "hi".
      prompts: { type: "string", default: "hi" },
    },
  });
  const tokens = Number(values.tokens);
  if (values.serve) {
    await serve(tokens);
  } else {
    const number = Number(values.number);
    const server = await startServerProcess(tokens);
    const out = await Deno.makeTempDir({ prefix: "lmeter-mem-" });
    const samples: { done: number; rss: number; heap: number; external: number }[] = [];
    let done = 0;
    let peak = 0;
    // With --v8-flags=--expose-gc, collect before each sample so the heap shows what is retained.
    const gc = (globalThis as { gc?: () => void }).gc;
    const timer = setInterval(() => {
      gc?.();
      const { rss, heapUsed, external } = Deno.memoryUsage();
      peak = Math.max(peak, rss);
      samples.push({ done, rss, heap: heapUsed, external });
    }, gc ? 2000 : 250);
    const startRss = Deno.memoryUsage().rss;
    const t0 = performance.now();
    try {
      const args = [
        "--model",
        "m",
        "--url",
        `${server.url}/v1/chat/completions`,
        "--parallel",
        values.parallel,
        "--number",
        String(number),
        "--max-tokens",
        String(tokens),
        "--min-tokens",
        String(tokens),
        ...(values.prompts.startsWith("random:")
          ? [
            "--dataset",
            "random",
            "--min-prompt-length",
            values.prompts.slice(7),
            "--max-prompt-length",
            values.prompts.slice(7),
          ]
          : ["--prompt", values.prompts]),
        "--outputs-dir",
        out,
        "--no-calibrate",
        "--no-test-connection",
      ];
      const config = await configFrom(args, { fast: false });
      const report = await runPerfWithOutput(config, {
        print: () => {},
        onProgress: (e) => {
          if (e.phase === "benchmark") done = e.done;
        },
      });
      clearInterval(timer);
      const s = report.runs[0].summary;
      const at = (share: number) => {
        const hit = samples.find((x) => x.done >= share * number) ??
          (share >= 0.99 ? samples[samples.length - 1] : undefined);
        return hit
          ? `${mib(hit.rss)} (JS heap ${mib(hit.heap)}, external ${mib(hit.external)})`
          : "-";
      };
      console.log(
        `requests: ${s.total} (${s.failed} failed) in ${
          ((performance.now() - t0) / 1000).toFixed(1)
        } s, ${s.rps} req/s`,
      );
      console.log(
        `RSS before: ${(startRss / 2 ** 20).toFixed(0)} MiB; after 10%: ${at(0.1)}; 50%: ${
          at(0.5)
        }; 100%: ${at(0.999)}; peak: ${(peak / 2 ** 20).toFixed(0)} MiB`,
      );
    } finally {
      clearInterval(timer);
      await server.stop();
      await Deno.remove(out, { recursive: true });
    }
  }
}
