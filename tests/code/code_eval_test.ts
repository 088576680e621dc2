import assert from "node:assert/strict";
import { UserError } from "../../lib/errors.ts";
import type { ExecutionRecord } from "../../lib/eval/define.ts";
import { evaluate, FIXTURES, reviews, startSim, withTempDir } from "../benchmarks/helpers.ts";
import { requestLog } from "../eval/helpers.ts";
import { sandboxTest, testSandbox } from "./sandbox.ts";

const box = await testSandbox();

const fence = (code: string) => "```python\n" + code + "\n```";

/** Completions for the HumanEval fixtures: right, wrong, crashing, looping. */
const HUMANEVAL_KEY = [
  { match: "def add(a: int, b: int)", answer: fence("    return a + b") },
  { match: "def reverse_words(s: str)", answer: fence("    return s") },
  { match: "def is_even(n: int)", answer: fence("    return n.parity") },
  { match: "def count_vowels(s: str)", answer: fence("    while True:\n        pass") },
];

/** Completions for the MBPP fixtures: right, out of memory, killed by a signal. */
const MBPP_KEY = [
  { match: "the square of a number", answer: "[BEGIN]\ndef square(x):\n    return x * x\n[DONE]" },
  { match: "constant FACTOR", answer: fence("def scale(x):\n    return bytearray(8 * 1024 ** 3)") },
  {
    match: "largest element of a list",
    answer: fence("import os, signal\ndef largest(xs):\n    os.kill(os.getpid(), signal.SIGKILL)"),
  },
];

/** Per task id: "<sandbox status>/<first test status>/<acc>" from a run's review lines. */
async function outcomes(runDir: string, benchmark: string, subset: string) {
  const out: Record<string, string> = {};
  for (const line of await reviews(runDir, { model: "qwen2.5", benchmark, subset })) {
    const sampleScore = line.sample_score as {
      score: { value: { acc: number }; metadata: { execution: ExecutionRecord } };
      sample_metadata: { task_id: unknown };
    };
    const { execution } = sampleScore.score.metadata;
    out[String(sampleScore.sample_metadata.task_id)] = `${execution.status}/${
      execution.tests[0].status
    }/${sampleScore.score.value.acc}`;
  }
  return out;
}

/** True when a Docker daemon answers here (then an unusable sandbox cannot be shown with it). */
function dockerAnswers(): boolean {
  try {
    return new Deno.Command("docker", { args: ["info"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

/** Runs `config` against a simulator and returns the refusal and the requests the model got. */
async function refusal(config: Record<string, unknown>) {
  const sim = await startSim({ answerKey: HUMANEVAL_KEY });
  try {
    return await withTempDir(async (dir) => {
      let err: unknown = null;
      try {
        await evaluate({
          model: "qwen2.5",
          api_url: sim.apiUrl,
          datasets: ["gsm8k", "humaneval", "mbpp"],
          dataset_dir: FIXTURES,
          work_dir: dir,
          ...config,
        });
      } catch (e) {
        err = e;
      }
      return { err, requests: await requestLog(sim.logPath) };
    });
  } finally {
    await sim.close();
  }
}

Deno.test("code benchmarks with --sandbox none refuse to run before any request, naming --sandbox and bubblewrap", async () => {
  const { err, requests } = await refusal({ sandbox: "none" });
  assert.ok(err instanceof UserError, String(err));
  assert.equal(
    err.message,
    "Cannot run humaneval, mbpp: scoring runs model-written code and --sandbox is none",
  );
  assert.match(err.hint ?? "", /apt-get install bubblewrap/);
  assert.match(err.hint ?? "", /--sandbox/);
  assert.deepEqual(requests, []);
});

Deno.test({
  name: `${
    dockerAnswers() ? "SKIP a Docker daemon answers here: " : ""
  }code benchmarks refuse to run when the sandbox cannot be opened, before any request`,
  ignore: dockerAnswers(),
  async fn() {
    const { err, requests } = await refusal({ sandbox: "docker" });
    assert.ok(err instanceof UserError, String(err));
    assert.match(err.message, /^Cannot run code in the docker sandbox/);
    assert.match(err.hint ?? "", /apt-get install bubblewrap/);
    assert.deepEqual(requests, []);
  },
});

sandboxTest(
  box,
  "without a sandbox passed in, the run opens the one the task names (bwrap by default)",
  async () => {
    const sim = await startSim({ answerKey: HUMANEVAL_KEY });
    try {
      await withTempDir(async (dir) => {
        const r = await evaluate({
          model: "qwen2.5",
          api_url: sim.apiUrl,
          datasets: ["humaneval"],
          dataset_dir: FIXTURES,
          work_dir: dir,
          dataset_args: { humaneval: { review_timeout: 1 } },
        });
        assert.equal(r.reports[0].score, 0.25);
      });
    } finally {
      await sim.close();
    }
  },
);

sandboxTest(
  box,
  "an eval run scores each completion in the sandbox, records each outcome and goes on",
  async (sandbox) => {
    const sim = await startSim({ answerKey: [...HUMANEVAL_KEY, ...MBPP_KEY] });
    try {
      await withTempDir(async (dir) => {
        const r = await evaluate({
          model: "qwen2.5",
          api_url: sim.apiUrl,
          datasets: ["humaneval", "mbpp"],
          dataset_dir: FIXTURES,
          dataset_args: { humaneval: { review_timeout: 1 } },
          work_dir: dir,
          eval_batch_size: 4,
          repeats: 2,
        }, { sandbox });
        assert.equal(sandbox.runs, 14); // (4 + 3) problems × 2 attempts
        const by = Object.fromEntries(r.reports.map((x) => [x.datasetName, x]));
        assert.equal(by.humaneval.score, 0.25);
        assert.equal(by.mbpp.score, 0.3333);
        assert.equal(by.humaneval.status, "complete");
        assert.deepEqual(by.humaneval.metrics.map((m) => [m.name, m.score]), [
          ["Pass@1", 0.25],
          ["Pass@2", 0.25],
        ]);
        assert.deepEqual(await outcomes(r.runDir, "humaneval", "openai_humaneval"), {
          "Fixture/0": "ok/passed/1",
          "Fixture/1": "error/failed/0",
          "Fixture/2": "error/runtime_error/0",
          "Fixture/3": "timeout/timeout/0",
        });
        assert.deepEqual(await outcomes(r.runDir, "mbpp", "full"), {
          "901": "ok/passed/1",
          "902": "oom/runtime_error/0",
          "903": "killed/runtime_error/0",
        });
      });
    } finally {
      await sim.close();
    }
  },
);
