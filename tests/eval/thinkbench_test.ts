/**
 * Reasoning efficiency end to end: a math_500 run of five problems (two levels) against a
 * candidate simulator whose reasoning holds known switch phrases, then the analysis against a
 * judge simulator scripted through its answer key (one failed call, one reply without an index).
 * Tokens are counted by a word tokenizer (a token per word run or punctuation run), so every
 * expected value below is counted by hand.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  answeredPrompts,
  evaluate,
  lmeterCommandArgs,
  requestLog,
  startSim,
  type TestSim,
  withTempDir,
} from "./helpers.ts";
import { runThinkbench, type ThinkbenchTask } from "../../lib/eval/thinkbench/run_thinkbench.ts";
import { resolveJudgeSettings } from "../../lib/eval/judge/settings.ts";
import { readThinkbenchReports } from "../../lib/results/eval/thinkbench_file.ts";
import { thinkbenchTable } from "../../lib/report/eval/thinkbench_table.ts";
import { readEvalRun as readEvalRunView } from "../../lib/results/read/read_eval_run.ts";
import { SafeFs } from "../../lib/results/read/safe_fs.ts";
import { runCli } from "../capture_console.ts";
import { JUDGE_STORE_PREFIX } from "../../lib/eval/judge/judge_engine.ts";

const DATA = new URL("../fixtures/thinkbench/data/", import.meta.url).pathname;
const WORDS = new URL("../fixtures/thinkbench/word_tokenizer", import.meta.url).pathname;

/**
 * The candidate's reasoning and answers. Token counts (word tokenizer):
 * - 2+3: "2 plus 3 is 5." (6) | "But wait, check: 3 plus 2 is 5." (11) | "Alternatively count up." (4)
 *   = 21 tokens, 2 thoughts; right.
 * - 10-4: "10 minus 4 is 7." (6) | "Let me reconsider: 10 minus 4 is 6." (10) = 16, 1 thought; right.
 * - 3*4: "3 times 4 is 11." (6) | "Another way: 4 plus 4 plus 4 is 11." (11) = 17, 1 thought; wrong.
 * - 9/3, 7+8: one paragraph each, right (their judge calls fail or say nothing usable).
 */
const CANDIDATE = [
  {
    match: "What is 2+3?",
    reasoning: "2 plus 3 is 5.\n\nBut wait, check: 3 plus 2 is 5.\n\nAlternatively count up.",
    answer: "The answer is \\boxed{5}.",
  },
  {
    match: "What is 10-4?",
    reasoning: "10 minus 4 is 7.\n\nLet me reconsider: 10 minus 4 is 6.",
    answer: "The answer is \\boxed{6}.",
  },
  {
    match: "What is 3*4?",
    reasoning: "3 times 4 is 11.\n\nAnother way: 4 plus 4 plus 4 is 11.",
    answer: "The answer is \\boxed{11}.",
  },
  { match: "What is 9/3?", reasoning: "9 over 3 is 3.", answer: "\\boxed{3}" },
  { match: "What is 7+8?", reasoning: "7 plus 8 is 15.", answer: "\\boxed{15}" },
];

/** The judge's verdicts: paragraph 0, paragraph 1, none; a failed call; a reply with no index. */
const JUDGE = [
  { match: "What is 2+3?", answer: "Paragraph 0 already says 5. \\boxed{0}" },
  { match: "What is 10-4?", answer: "\\boxed{1}" },
  { match: "What is 3*4?", answer: "No paragraph reaches 12. \\boxed{-1}" },
  { match: "What is 9/3?", answer: "\\boxed{0}", fault: "500" },
  { match: "What is 7+8?", answer: "The first one: \\boxed{paragraph 0}" },
];

/** Evaluates the fixture problems (or those of `dataDir`) into `runDir`. */
async function mathRun(runDir: string, o: { apiUrl: string; dataDir?: string }) {
  await evaluate({
    model: "qwen2.5",
    api_url: o.apiUrl,
    datasets: ["math_500"],
    dataset_dir: o.dataDir ?? DATA,
    work_dir: runDir,
    no_timestamp: true,
  });
}

/** A math run of the fixture problems against the candidate, and the judge simulator beside it. */
async function withAnalysedRun(
  fn: (ctx: { dir: string; runDir: string; judgeSim: TestSim }) => Promise<void>,
) {
  const candidate = await startSim({ answerKey: CANDIDATE });
  const judgeSim = await startSim({ answerKey: JUDGE, models: ["judge-m"] });
  try {
    await withTempDir(async (dir) => {
      const runDir = join(dir, "run");
      await mathRun(runDir, { apiUrl: candidate.apiUrl });
      await fn({ dir, runDir, judgeSim });
    });
  } finally {
    await candidate.close();
    await judgeSim.close();
  }
}

function close(actual: number | null, expected: number, what: string) {
  assert.ok(
    actual !== null && Math.abs(actual - expected) < 1e-9,
    `${what}: ${actual} ≠ ${expected}`,
  );
}

Deno.test("thinkbench: per-level statistics of a synthetic run match the hand-counted values; judge errors are counted, never values; a second analysis asks the judge only the failed call again", async () => {
  await withAnalysedRun(async ({ runDir, judgeSim }) => {
    const judge = resolveJudgeSettings({
      api_url: judgeSim.apiUrl,
      model_id: "judge-m",
      generation_config: { temperature: 0, max_tokens: 64, retries: 0 },
    }, { batchSize: 2, workers: 2, notes: [] })!;
    const task: ThinkbenchTask = {
      runDir,
      model: "qwen2.5",
      benchmark: "math_500",
      judge,
      tokenizer: WORDS,
      split: "separator",
      limit: null,
    };
    const logs: string[] = [];
    const report = await runThinkbench(task, { log: (l) => logs.push(l) });
    assert.deepEqual(report.levels.map((l) => l.level), ["Level 1", "Level 2"]);
    const [l1, l2] = report.levels;
    // Level 1: (21, F 6, refl 15, eff 6/21, 2 thoughts, right) and (16, F 16, refl 0, eff 1, 1, right).
    assert.equal(l1.samples, 2);
    assert.equal(l1.n, 2);
    assert.equal(l1.judgeErrors, 0);
    close(l1.reasoningTokens, 18.5, "L1 reasoning");
    close(l1.firstCorrectTokens, 11, "L1 first-correct");
    close(l1.reflectionTokens, 7.5, "L1 reflection");
    close(l1.tokenEfficiency, (6 / 21 + 1) / 2, "L1 efficiency");
    close(l1.thoughts, 1.5, "L1 thoughts");
    close(l1.accuracy, 1, "L1 accuracy");
    // Level 2: only 3*4 is graded (17, F 0, refl 17, eff 0, 1 thought, wrong); 2 judge errors.
    assert.equal(l2.samples, 3);
    assert.equal(l2.n, 1);
    assert.equal(l2.judgeErrors, 2);
    assert.equal(l2.skipped, 0);
    close(l2.reasoningTokens, 17, "L2 reasoning");
    close(l2.firstCorrectTokens, 0, "L2 first-correct");
    close(l2.reflectionTokens, 17, "L2 reflection");
    close(l2.tokenEfficiency, 0, "L2 efficiency");
    close(l2.thoughts, 1, "L2 thoughts");
    close(l2.accuracy, 0, "L2 accuracy");
    // Overall: the three graded samples pooled.
    const all = report.overall;
    assert.equal(all.n, 3);
    assert.equal(all.judgeErrors, 2);
    close(all.reasoningTokens, 18, "reasoning");
    close(all.firstCorrectTokens, 22 / 3, "first-correct");
    close(all.reflectionTokens, 32 / 3, "reflection");
    close(all.tokenEfficiency, (6 / 21 + 1 + 0) / 3, "efficiency");
    close(all.thoughts, 4 / 3, "thoughts");
    close(all.accuracy, 2 / 3, "accuracy");
    assert.deepEqual(report.judge, { calls: 5, cached: 0, failed: 1 });
    assert.match(
      logs.at(-1)!,
      /judge judge-m: 5 calls, 0 cached replies, 1 failed calls, 2 judge errors/,
    );

    const table = thinkbenchTable(report);
    // The hand-counted values, as tabulate prints them (rounded to 1, 2 or 4 decimals).
    const rows = table.split("\n").filter((l) => l.startsWith("| ")).slice(1);
    assert.deepEqual(rows, [
      "| Level 1 |     2 |               18.5 |                   11   |                 7.5 |             0.6429 |       1.5  |     1      |              0 |         0 |",
      "| Level 2 |     1 |               17   |                    0   |                17   |             0      |       1    |     0      |              2 |         0 |",
      "| OVERALL |     3 |               18   |                    7.3 |                10.7 |             0.4286 |       1.33 |     0.6667 |              2 |         0 |",
    ]);

    const samples = (await Deno.readTextFile(
      join(runDir, "reports/qwen2.5/thinkbench/math_500_samples.jsonl"),
    )).trim().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(samples.map((s) => s.status), [
      "graded",
      "graded",
      "graded",
      "judge_error",
      "judge_error",
    ]);
    assert.equal(samples[0].first_correct_index, 0);
    assert.equal(samples[0].first_correct_tokens, 6);
    assert.match(samples[4].reason, /paragraph 0/);
    assert.equal((await readThinkbenchReports(runDir, "qwen2.5"))[0].overall.n, 3);

    // Again: every answered call comes from the run store; the failed one is asked again.
    const before = (await requestLog(judgeSim.logPath)).length;
    assert.equal(before, 5);
    const again = await runThinkbench(task, { log: () => {} });
    const log = await requestLog(judgeSim.logPath);
    assert.equal(log.length, 6);
    assert.equal(log[5].outcome, "fault_500");
    assert.deepEqual(again.judge, { calls: 1, cached: 4, failed: 1 });
    assert.deepEqual(again.overall, report.overall);
  });
});

Deno.test("thinkbench --split keywords cuts before switch phrases, so the judge sees other paragraphs", async () => {
  const candidate = await startSim({ answerKey: CANDIDATE.slice(0, 2) });
  // Paragraph 1 of 2+3 under keywords is "But wait, check: 3 plus 2 is 5." as well.
  const judgeSim = await startSim({
    answerKey: [{ match: "<paragraph_2>\nAlternatively count up.", answer: "\\boxed{1}" }, {
      match: "What is",
      answer: "\\boxed{-1}",
    }],
    models: ["judge-m"],
  });
  try {
    await withTempDir(async (dir) => {
      const runDir = join(dir, "run");
      await Deno.mkdir(runDir);
      const data = join(dir, "data/math_500/default");
      await Deno.mkdir(data, { recursive: true });
      const rows = (await Deno.readTextFile(join(DATA, "math_500/default/test.jsonl"))).split("\n");
      await Deno.writeTextFile(join(data, "test.jsonl"), rows.slice(0, 2).join("\n") + "\n");
      await mathRun(runDir, { apiUrl: candidate.apiUrl, dataDir: join(dir, "data") });
      const judge = resolveJudgeSettings(
        { api_url: judgeSim.apiUrl, model_id: "judge-m" },
        { batchSize: 1, workers: 1, notes: [] },
      )!;
      const report = await runThinkbench({
        runDir,
        model: "qwen2.5",
        benchmark: "math_500",
        judge,
        tokenizer: WORDS,
        split: "keywords",
        limit: 1,
      }, { log: () => {} });
      // Only 2+3 (limit 1): keywords split gives 3 paragraphs; index 1 ends after "… is 5." = 6 + 11.
      assert.equal(report.levels[0].samples, 1);
      close(report.levels[0].firstCorrectTokens, 17, "first-correct");
      close(report.levels[0].reflectionTokens, 4, "reflection");
      assert.equal(report.split, "keywords");
      assert.equal(report.limit, 1);
    });
  } finally {
    await candidate.close();
    await judgeSim.close();
  }
});

Deno.test("lmeter thinkbench <run> runs in a scoped job, prints and writes the table, draws the charts into report.html and the app's run, and lmeter report prints it again", async () => {
  await withAnalysedRun(async ({ dir, runDir, judgeSim }) => {
    const refused = await runCli(["thinkbench", runDir, "--tokenizer", WORDS]);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /Cannot score math_500 with an LLM judge: no --judge-model-args/);
    const args = JSON.stringify({
      api_url: judgeSim.apiUrl,
      model_id: "judge-m",
      generation_config: { retries: 0 },
    });
    const r = await runCli([
      "thinkbench",
      runDir,
      "--judge-model-args",
      args,
      "--tokenizer",
      WORDS,
    ]);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.out,
      /Reasoning efficiency: qwen2\.5 on math_500 \(judge judge-m, separator split/,
    );
    assert.match(
      r.out,
      /\| Level 2 +\| +1 \| +17 +\| +0 +\| +17 +\| +0 +\| +1 +\| +0 +\| +2 \| +0 \|/,
    );
    assert.equal((await requestLog(judgeSim.logPath)).length, 5);
    const folder = join(runDir, "reports/qwen2.5/thinkbench");
    assert.match(await Deno.readTextFile(join(folder, "math_500.txt")), /\| OVERALL +\| +3 \|/);
    const html = await Deno.readTextFile(join(runDir, "reports/report.html"));
    assert.match(html, /<h2>Reasoning efficiency<\/h2>/);
    assert.equal(html.match(/class="thinkbench-panels"/g)?.length, 1);
    assert.equal(html.match(/<polyline /g)?.length, 6); // one line per chart
    const view = await readEvalRunView(await SafeFs.open(dir), runDir);
    assert.equal(view.models[0].thinkbench[0].overall.n, 3);
    assert.equal(view.models[0].reports.length, 1); // the analysis is not read as a benchmark
    const again = await runCli(["report", runDir]);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /Reasoning efficiency: qwen2\.5 on math_500/);
  });
});

Deno.test("thinkbench: kill -9 while the judge hangs, then again: the judge is never asked again for a reply it gave", async () => {
  // The judge answers 2+3, 10-4, 3*4 and 7+8 and hangs on 9/3 (its reply kept in the store before the kill).
  const hanging = await startSim({
    answerKey: JUDGE.map((k) => k.match === "What is 9/3?" ? { ...k, fault: "hang" } : k),
    models: ["judge-m"],
  });
  const judgeSim = await startSim({
    answerKey: JUDGE.filter((k) => k.match === "What is 9/3?").map(({ fault: _, ...k }) => k),
    models: ["judge-m"],
  });
  const candidate = await startSim({ answerKey: CANDIDATE });
  try {
    await withTempDir(async (dir) => {
      const runDir = join(dir, "run");
      await mathRun(runDir, { apiUrl: candidate.apiUrl });
      const args = (judgeUrl: string) =>
        lmeterCommandArgs("thinkbench", [
          runDir,
          "--tokenizer",
          WORDS,
          "--judge-model-args",
          JSON.stringify({ api_url: judgeUrl, model_id: "judge-m" }),
        ]);
      const child = new Deno.Command(Deno.execPath(), {
        args: args(hanging.apiUrl),
        stdout: "null",
        stderr: "null",
      }).spawn();
      // Wait until the four replies are in the run store (read beside the running analysis).
      const deadline = Date.now() + 60_000;
      while (await storedReplies(join(runDir, "cache/eval_store.kv")) < 4) {
        if (Date.now() > deadline) throw new Error("the analysis did not store the four replies");
        await new Promise((r) => setTimeout(r, 50));
      }
      child.kill("SIGKILL");
      await child.status;
      const answered = await answeredPrompts(hanging.logPath);
      assert.equal(answered.size, 4);
      await hanging.close();

      const again = await new Deno.Command(Deno.execPath(), {
        args: args(judgeSim.apiUrl),
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.equal(again.code, 0, new TextDecoder().decode(again.stderr));
      const asked = await requestLog(judgeSim.logPath);
      assert.equal(asked.length, 1, "only 9/3 is asked after the kill");
      assert.ok(!answered.has(asked[0].prompt_sha256), "a judge call was repeated");
      assert.match(
        new TextDecoder().decode(again.stderr),
        /judge judge-m: 1 calls, 4 cached replies, 0 failed calls, 1 judge errors/,
      );
      const [report] = await readThinkbenchReports(runDir, "qwen2.5");
      assert.equal(report.overall.n, 4); // 9/3 now graded; 7+8's reply still has no index
      assert.equal(report.overall.judgeErrors, 1);
    });
  } finally {
    await candidate.close();
    await hanging.close();
    await judgeSim.close();
  }
});

/** The judge replies held by the run store at `path` (0 while it does not exist). */
async function storedReplies(path: string): Promise<number> {
  try {
    await Deno.stat(path);
  } catch {
    return 0;
  }
  const kv = await Deno.openKv(path);
  try {
    let n = 0;
    for await (const _ of kv.list({ prefix: [JUDGE_STORE_PREFIX] })) n++;
    return n;
  } finally {
    kv.close();
  }
}
