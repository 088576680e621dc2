/**
 * Judge engine throughput: N synthetic QA samples (default 10 000) answered and then judged
 * (`judge_strategy llm`, the generic pattern judge) through the zero-latency simulator in its own
 * process, which plays both the candidate and the judge (an answer-key entry makes it reply `A`
 * to judge prompts). Three runs of the same folder:
 *
 * 1. fresh: N candidate requests and N judge calls;
 * 2. re-scored with the judge (`rerun_review`): every verdict comes from the run store, no call;
 * 3. re-scored by rule (`judge_strategy rule`, `rerun_review`): the same work without the judge.
 *
 * Prints samples/s of each. Then the judge engine alone, on a fresh run store: N distinct judge
 * prompts asked at `judge_worker_num` at once (calls/s), then asked again (every reply from the
 * store: µs per cached verdict, the run store's overhead).
 *
 * Usage: deno run -A bench/judge.ts [--samples 10000] [--batch 64] [--judge-workers 64]
 *
 * @module
 */
import { parseArgs } from "node:util";
import { syntheticData } from "./synthetic_data.ts";
import { defineBenchmark } from "../lib/eval/benchmark/benchmark.ts";
import type { DataAccess } from "../lib/eval/data/dataset_source.ts";
import { textField } from "../lib/eval/benchmark/fields.ts";
import { identityExtractor } from "../lib/eval/score/extractors.ts";
import { runEvaluation, type RunResult } from "../lib/eval/run/run_evaluation.ts";
import type { TaskConfig } from "../lib/eval/config/task_config.ts";
import { startSimulator } from "../lib/sim/mod.ts";
import { startSimProcess } from "./sim_process.ts";
import { join } from "node:path";
import { JudgeEngine } from "../lib/eval/judge/judge_engine.ts";
import { resolveJudgeSettings } from "../lib/eval/judge/settings.ts";
import { RunStore } from "../lib/eval/store/run_store.ts";
import { runPool } from "../lib/eval/run/pool.ts";
import { PATTERN_PROMPT } from "../lib/eval/judge/generic_judge.ts";

/** A synthetic short-answer benchmark whose rule metric is exact match. */
const syntheticQa = defineBenchmark({
  name: "synthetic_qa",
  prettyName: "Synthetic QA",
  description: "Generated short-answer questions for the judge benchmark.",
  version: "1",
  tags: ["bench"],
  dataset: { id: "synthetic", evalSplit: "test", subsets: ["default"] },
  toSample: (r) => ({ input: textField(r, "question"), target: textField(r, "answer") }),
  prompt: { style: "text", template: "{question}", fewShotNum: 0 },
  extract: identityExtractor,
  metrics: [{ name: "exact_match" }],
});

function qaData(n: number): DataAccess {
  return syntheticData(
    n,
    (i) => ({ question: `Synthetic question ${i}: name the number ${i}.`, answer: `${i}` }),
    (p) => p.endsWith("synthetic_qa"),
  );
}

/** Serves the zero-latency simulator; judge prompts get `A` (the `--serve` child). */
async function serve(): Promise<void> {
  const sim = await startSimulator({
    port: 0,
    ttftMs: 0,
    itlMs: 0,
    loremTokens: 8,
    logRingSize: 0,
    models: ["bench", "judge"],
    answerKey: [{ match: "[Predicted Answer]", answer: "A" }],
  });
  console.log(`READY ${sim.url}`);
  await new Promise(() => {});
}

/** The judge engine alone: N fresh asks, then the same N from the run store. */
async function engineAlone(
  options: { apiUrl: string; work: string; n: number; workers: number },
): Promise<void> {
  const { n, workers } = options;
  const settings = resolveJudgeSettings(
    { api_url: options.apiUrl, model_id: "judge", generation_config: { max_tokens: 4 } },
    { batchSize: workers, workers, notes: [] },
  )!;
  const store = await RunStore.open(join(options.work, "judge-only.kv"));
  const engine = new JudgeEngine(settings, { store });
  const prompts = Array.from({ length: n }, (_, i) => [{
    role: "user" as const,
    content: `${PATTERN_PROMPT}\n\n[Predicted Answer]\nanswer ${i}`,
  }]);
  const pass = async () => {
    const t0 = performance.now();
    let cached = 0;
    await runPool(prompts, { concurrency: workers }, async (m) => {
      if ((await engine.ask(m)).cached) cached++;
    });
    return { secs: (performance.now() - t0) / 1000, cached };
  };
  try {
    const fresh = await pass();
    await store.flush();
    const again = await pass();
    console.log(
      `judge engine alone, fresh:  ${fresh.secs.toFixed(2)} s  ${
        (n / fresh.secs).toFixed(0)
      } calls/s (${engine.stats.calls} calls, ${workers} at once)`,
    );
    console.log(
      `judge engine alone, cached: ${again.secs.toFixed(2)} s  ${
        ((again.secs / n) * 1e6).toFixed(0)
      } µs per cached verdict (${again.cached} of ${n} from the run store, no call)`,
    );
  } finally {
    engine.close();
    await store.close();
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      serve: { type: "boolean", default: false },
      samples: { type: "string", default: "10000" },
      batch: { type: "string", default: "64" },
      "judge-workers": { type: "string", default: "64" },
    },
  });
  if (values.serve) {
    await serve();
  } else {
    const n = Number(values.samples);
    const server = await startSimProcess(import.meta.filename!, []);
    const base = server.url.replace(/\/+$/, "");
    const apiUrl = base.endsWith("/v1") ? base : `${base}/v1`;
    const work = await Deno.makeTempDir({ prefix: "lmeter-bench-judge-" });
    const config: TaskConfig = {
      model: "bench",
      api_url: apiUrl,
      datasets: ["synthetic_qa"],
      dataset_dir: "/synthetic",
      dataset_hub: "local",
      eval_batch_size: Number(values.batch),
      generation_config: { temperature: 0, max_tokens: 16 },
      work_dir: work,
      no_timestamp: true,
      judge_strategy: "llm",
      judge_model_args: {
        api_url: apiUrl,
        model_id: "judge",
        generation_config: { temperature: 0, max_tokens: 4 },
      },
      judge_worker_num: Number(values["judge-workers"]),
    };
    const run = async (extra: TaskConfig): Promise<{ secs: number; result: RunResult }> => {
      const t0 = performance.now();
      const result = await runEvaluation({ ...config, ...extra }, {
        registry: [syntheticQa],
        data: qaData(n),
        output: "silent",
      });
      return { secs: (performance.now() - t0) / 1000, result };
    };
    try {
      const fresh = await run({});
      const judged = await run({ use_cache: work, rerun_review: true });
      const ruled = await run({ use_cache: work, rerun_review: true, judge_strategy: "rule" });
      const line = (label: string, r: { secs: number; result: RunResult }) => {
        const e = r.result.reports[0].execution;
        console.log(
          `${label.padEnd(26)} ${r.secs.toFixed(2)} s  ${
            (n / r.secs).toFixed(0)
          } samples/s  (${e.scored} scored, ${
            e.judgeErrors ?? 0
          } judge errors, ${r.result.requested} model requests, ${r.result.judgeCalls} judge calls)`,
        );
      };
      console.log(
        `samples: ${n} (eval_batch_size ${values.batch}, judge_worker_num ${
          values["judge-workers"]
        })`,
      );
      line("fresh (model + judge):", fresh);
      line("re-scored, cached verdicts:", judged);
      line("re-scored by rule:", ruled);
      await engineAlone({ apiUrl, work, n, workers: Number(values["judge-workers"]) });
    } finally {
      await server.stop();
      await Deno.remove(work, { recursive: true });
    }
  }
}
