/**
 * `lmeter demo` (`deno task demo`): starts the simulator on a free loopback port, shows one
 * request's timings, runs a small evaluation on built-in sample data and a small perf sweep
 * against it, prints the tables, writes `outputs/`, and stops the simulator.
 *
 * @module
 */
import { HttpClient } from "../client/http_client.ts";
import { NO_RETRY } from "../client/retry.ts";
import { demoAnswerKey } from "../../benchmarks/demo/mod.ts";
import type { DemoEvalOutput } from "../jobs/demo_eval.ts";
import { runScoped } from "../jobs/run_scoped.ts";
import { buildScope } from "../jobs/scope.ts";
import { startSimulator } from "../sim/mod.ts";
import { COMMANDS } from "./commands.ts";
import type { Command } from "./command.ts";
import { printEvalTables } from "./eval_output.ts";
import { perfCommand } from "./perf.ts";
import { parseCommandArgs } from "./command.ts";

const SPEC = {
  name: "demo",
  summary: COMMANDS.demo.summary,
  usage: "lmeter demo [--outputs-dir outputs]",
  description: `
Everything runs against lmeter's built-in simulator on 127.0.0.1 (TTFT 40 ms, 4 ms per token,
a little slower as concurrency grows; right on 80% of the sample questions), so it needs no GPU,
no network and no datasets. Results go to --outputs-dir; look at them with 'lmeter app'.`,
  options: [
    { name: "outputs_dir", type: "string", default: "outputs", help: "Where results are written" },
  ],
} as const;

/** The simulator the demo runs against (TTFT 40 ms, 4 ms per token, slower under load). */
export const DEMO_SIMULATOR = {
  ttftMs: 40,
  itlMs: 4,
  prefillMsPerToken: 0.01,
  slowdownPerRequest: 0.01,
  answerKey: demoAnswerKey(0.8),
  models: ["lmeter-sim"],
  seed: 42,
};

/** The `lmeter perf` arguments of the demo's sweep (concurrency 1, 4, 16). */
export function demoPerfArgs(chatUrl: string, outputsDir: string): string[] {
  return [
    "--url",
    chatUrl,
    "--model",
    "lmeter-sim",
    "--parallel",
    "1",
    "4",
    "16",
    "--number",
    "8",
    "24",
    "64",
    "--dataset",
    "random",
    "--min-prompt-length",
    "256",
    "--max-prompt-length",
    "256",
    "--max-tokens",
    "64",
    "--min-tokens",
    "64",
    "--sleep-interval",
    "0",
    "--outputs-dir",
    outputsDir,
    "--name",
    "demo-perf",
  ];
}

/** The `demo` command. */
export const demoCommand: Command = {
  spec: { ...SPEC, options: [...SPEC.options] },
  async run({ options, signal }) {
    const out = String(options.values.outputs_dir);
    const started = performance.now();
    const sim = await startSimulator(DEMO_SIMULATOR);
    try {
      heading(`1/3  One streamed request to the simulator at ${sim.url}`);
      await roundTrip(sim.url);
      if (signal.aborted) return 130;

      heading("2/3  Evaluation: gsm8k, arc, mmlu on built-in sample data");
      const evalResult = await runScoped<DemoEvalOutput>("demo-eval", {
        apiUrl: `${sim.url}/v1`,
        workDir: out,
      }, { scope: buildScope({ urls: [sim.url], write: [out] }), signal });
      printEvalTables(evalResult.reports);
      console.log(`\nEvaluation results: ${evalResult.runDir}`);
      if (signal.aborted) return 130;

      heading("3/3  Perf sweep: concurrency 1, 4, 16 with 256-token prompts and 64-token answers");
      const args = demoPerfArgs(`${sim.url}/v1/chat/completions`, out);
      const perfOptions = await parseCommandArgs(perfCommand.spec, args);
      const code = await perfCommand.run({ options: perfOptions, signal });
      if (code !== 0) return code;
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      heading(
        `Done in ${secs} s. Results are in ${out}/; browse them with: ${
          taskCommand({ denoOnPath: denoOnPath() })
        } lmeter app --outputs ${out}`,
      );
      return 0;
    } finally {
      await sim.close();
    }
  },
};

function heading(text: string): void {
  console.log(`\n=== ${text}\n`);
}

/** Sends one streamed chat request and prints where its time went. */
async function roundTrip(url: string): Promise<void> {
  const client = new HttpClient({ retry: NO_RETRY });
  try {
    const r = await client.post(`${url}/v1/chat/completions`, {
      model: "lmeter-sim",
      messages: [{ role: "user", content: "Say something." }],
      max_tokens: 32,
      stream: true,
      stream_options: { include_usage: true },
    });
    const t = r.timing;
    const ms = (x: number | null) => (x === null ? "-" : `${(x - t.sent).toFixed(2)} ms`);
    const gaps = t.tokenEvents.slice(1).map((v, i) => v - t.tokenEvents[i]);
    const mean = gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : 0;
    const rows: [string, string][] = [
      ["Outcome", r.outcome],
      ["Response headers", ms(t.headers)],
      ["First event (TTFT, told 40 ms)", ms(t.firstChoiceEvent)],
      ["First content token", ms(t.firstToken)],
      ["Last event (latency)", ms(t.lastEvent)],
      ["Mean gap between tokens (told 4 ms)", `${mean.toFixed(2)} ms`],
      ["Events / content events", `${r.chunks} / ${t.tokenEvents.length}`],
      [
        "Usage (prompt / completion tokens)",
        `${r.usage?.promptTokens} / ${r.usage?.completionTokens}`,
      ],
      ["Finish reason", String(r.finishReason)],
    ];
    const w = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) console.log(`  ${k.padEnd(w)}  ${v}`);
  } finally {
    client.close();
  }
}

/** How to run a task here: `deno task`, or the README's npx form when `deno` is not on PATH. */
export function taskCommand(options: { denoOnPath: boolean }): string {
  return options.denoOnPath ? "deno task" : `npx -y deno@${Deno.version.deno} task`;
}

/** True when an executable `deno` (or `deno.exe`) is on PATH. */
export function denoOnPath(): boolean {
  let path: string | undefined;
  try {
    path = Deno.env.get("PATH");
  } catch {
    return false;
  }
  const sep = Deno.build.os === "windows" ? ";" : ":";
  for (const dir of (path ?? "").split(sep)) {
    if (!dir) continue;
    for (const name of ["deno", "deno.exe"]) {
      try {
        if (Deno.statSync(`${dir}/${name}`).isFile) return true;
      } catch { /* not here */ }
    }
  }
  return false;
}
