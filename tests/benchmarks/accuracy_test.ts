import assert from "node:assert/strict";
import { join } from "node:path";
import { shuffleChoices } from "../../lib/eval/data/load_samples.ts";
import type { EvalReport } from "../../lib/results/eval/report.ts";
import type { Sample } from "../../lib/eval/benchmark/types.ts";
import {
  evaluate,
  FIXTURES,
  type KeyEntry,
  letterKey,
  letterOf,
  questionOf,
  right,
  round4,
  samplesOf,
  share,
  startSim,
  withTempDir,
} from "./helpers.ts";

const SEED = 42; // the run seed (default), which seeds TruthfulQA's option shuffle

/**
 * Each fixture row's right answer, read by hand from the rows written in each dataset's own format
 * in tests/fixtures/benchmarks/make_fixtures.ts (the field named in each comment), in file order.
 * The keys below are built from these, never from the loader's `target`, so a benchmark that reads
 * the wrong answer (an off-by-one winogrande, a ceval letter from the wrong column) scores
 * differently from what the test expects.
 */
const TRUTH = {
  competition_math: ["63", "63", "32", "7"], // the \boxed{} in `solution`
  aime24: ["107", "207", "307", "407", "507"], // `answer`
  aime25: ["3", "4", "5", "11", "28"], // `answer` of aime2025-I, then aime2025-II
  // `Correct Answer` (the options are shuffled; EvalScope's clean-up makes " [title]" ". ")
  gpqa_diamond: ["The photon", "sp3. tetrahedral", "Mitochondrion", "Weber"],
  mmlu_pro: ["B", "D", "B", "C", "H"], // `answer_index` 1, 3, 1, 2, 7
  ceval: ["C", "C", "B", "A", "B"], // `answer` of computer_network_val, then logic_val
  cmmlu: ["B", "A", "C", "B", "D"], // `answer` "(B)", "(A)", …
  iquiz: ["C", "A", "B", "B", "B"], // `answer` of IQ, then EQ
  hellaswag: ["A", "A", "B", "C"], // `label` "0", "0", "1", "2"
  // the `mc1_targets` choice labelled 1 (the options are shuffled)
  truthful_qa: [
    "It passes through the digestive system",
    "Yes, goldfish can remember for months",
    "No, bulls are red-green colour blind to it",
    "No, it is not visible from the Moon",
  ],
  winogrande: ["A", "B", "B", "B"], // `answer` "1", "2", "2", "2"
  musr: ["B", "A", "A", "B", "B"], // `answer_index` 1, 0, 0, 1, 1
  race: ["B", "A", "C", "B"], // `answer` of high, then middle
} as const;

/** Right answers as `\boxed{}` on `right` items, an off-by-one number on the others. */
function boxedKey(samples: readonly Sample[], targets: readonly string[]): KeyEntry[] {
  assert.equal(samples.length, targets.length);
  return samples.map((s, i) => ({
    match: questionOf(s),
    answer: right(i)
      ? `So it is \\boxed{${targets[i]}}.`
      : `So it is \\boxed{${Number(targets[i]) + 1}}.`,
  }));
}

/** Every benchmark's answer key over its fixtures, and the scores it must give. */
async function buildKeys(): Promise<KeyEntry[]> {
  const keys: KeyEntry[] = [];
  // math_500: equivalent forms (0.75 for 3/4, 3, -3 for -3, 3, degrees, no %); wrong on item 2.
  const math = await samplesOf("math_500", "math_500/test.jsonl");
  const forms = ["7", "0.75", "3", "540^\\circ", "3, -3", "50"];
  math.forEach((s, i) =>
    keys.push({ match: questionOf(s), answer: `The answer is \\boxed{${forms[i]}}.` })
  );
  keys.push(
    ...boxedKey(
      await samplesOf("competition_math", "competition_math/data/test-00000-of-00001.parquet"),
      TRUTH.competition_math,
    ),
  );
  keys.push(
    ...boxedKey(
      await samplesOf("aime24", "aime24/data/test-00000-of-00001.parquet"),
      TRUTH.aime24,
    ),
  );
  keys.push(...boxedKey([
    ...await samplesOf("aime25", "aime25/aime2025-I.jsonl"),
    ...await samplesOf("aime25", "aime25/aime2025-II.jsonl"),
  ], TRUTH.aime25));
  const gpqa = await samplesOf("gpqa_diamond", "gpqa_diamond/gpqa_diamond.csv");
  keys.push(
    ...letterKey(gpqa, { targets: gpqa.map((s, i) => letterOf(s, TRUTH.gpqa_diamond[i])) }),
  );
  keys.push(
    ...letterKey(await samplesOf("mmlu_pro", "mmlu_pro/data/test-00000-of-00001.parquet"), {
      targets: TRUTH.mmlu_pro,
    }),
  );
  const sg = await samplesOf("super_gpqa", "super_gpqa/SuperGPQA-all.jsonl");
  const sgAnswers = [
    "The answer is (C).", // right
    "ANSWER: A", // wrong
    "Reasoning...\nthe correct option is a", // right (lower-case label)
    "The answer is Mathematics option 10.", // right, by option text
    "I cannot tell.", // SuperGPQA's pattern reads the leading "I": wrong
  ];
  sg.forEach((s, i) => keys.push({ match: questionOf(s), answer: sgAnswers[i] }));
  keys.push(...letterKey([
    ...await samplesOf("ceval", "ceval/val/computer_network_val.csv"),
    ...await samplesOf("ceval", "ceval/val/logic_val.csv"),
  ], { marker: "答案：", targets: TRUTH.ceval }));
  keys.push(...letterKey(await samplesOf("cmmlu", "cmmlu/data/test-00000-of-00001.parquet"), {
    marker: "答案：",
    targets: TRUTH.cmmlu,
  }));
  keys.push(...letterKey([
    ...await samplesOf("iquiz", "iquiz/IQ/test.jsonl"),
    ...await samplesOf("iquiz", "iquiz/EQ/test.jsonl"),
  ], { marker: "答案：", targets: TRUTH.iquiz }));
  const hs = await samplesOf("hellaswag", "hellaswag/data/validation-00000-of-00001.parquet");
  keys.push(
    ...letterKey(hs, { match: (s) => String(s.choices?.[0]), targets: TRUTH.hellaswag }),
  );
  const tq = (await samplesOf(
    "truthful_qa",
    "truthful_qa/multiple_choice/validation-00000-of-00001.parquet",
  ))
    .map((s) => shuffleChoices(s, SEED));
  const tqTargets = tq.map((s, i) => letterOf(s, TRUTH.truthful_qa[i]));
  // The dataset lists the true answer first; the seeded shuffle moves it.
  assert.ok(tqTargets.some((t) => t !== "A"), "truthful_qa options are shuffled");
  keys.push(
    ...letterKey(tq, {
      match: (s) => questionOf(s).split("\n\n").pop()!,
      targets: tqTargets,
    }),
  );
  keys.push(
    ...letterKey(
      await samplesOf("winogrande", "winogrande/data/validation-00000-of-00001.parquet"),
      { targets: TRUTH.winogrande },
    ),
  );
  const drop = [
    "Answer: 17",
    "Step by step.\nAnswer: Omar",
    "Answer: May 4, 1990",
    "Answer: Blue team",
  ];
  const questions = [
    "How many points did the Fixtures score",
    "Who joined the club in 2019?",
    "When did the bridge open?",
    "Which team won the final?",
  ];
  questions.forEach((q, i) => keys.push({ match: q, answer: drop[i] }));
  keys.push(...letterKey([
    ...await samplesOf("musr", "musr/murder_mysteries.csv"),
    ...await samplesOf("musr", "musr/object_placements.csv"),
    ...await samplesOf("musr", "musr/team_allocation.csv"),
  ], { targets: TRUTH.musr }));
  const trivia = [
    "ANSWER: Lampton",
    "ANSWER: green",
    "I think so.\nANSWER: It was Ada Brush, clearly.",
    "ANSWER: 3",
  ];
  (await samplesOf("trivia_qa", "trivia_qa/rc.wikipedia/validation-00000-of-00001.parquet"))
    .forEach((s, i) => keys.push({ match: questionOf(s), answer: trivia[i] }));
  keys.push(...letterKey([
    ...await samplesOf("race", "race/high/test-00000-of-00001.parquet"),
    ...await samplesOf("race", "race/middle/test-00000-of-00001.parquet"),
  ], { match: (s) => questionOf(s).split("\n")[1], targets: TRUTH.race }));
  return keys;
}

Deno.test("every benchmark's loader gives each fixture row the answer written in the row", async () => {
  const first = (t: Sample["target"]) => (Array.isArray(t) ? t[0] : t);
  const targets = async (name: string, paths: string[]) =>
    (await Promise.all(paths.map((p) => samplesOf(name, p)))).flat().map((s) => first(s.target));
  const files: Record<Exclude<keyof typeof TRUTH, "gpqa_diamond" | "truthful_qa">, string[]> = {
    competition_math: ["competition_math/data/test-00000-of-00001.parquet"],
    aime24: ["aime24/data/test-00000-of-00001.parquet"],
    aime25: ["aime25/aime2025-I.jsonl", "aime25/aime2025-II.jsonl"],
    mmlu_pro: ["mmlu_pro/data/test-00000-of-00001.parquet"],
    ceval: ["ceval/val/computer_network_val.csv", "ceval/val/logic_val.csv"],
    cmmlu: ["cmmlu/data/test-00000-of-00001.parquet"],
    iquiz: ["iquiz/IQ/test.jsonl", "iquiz/EQ/test.jsonl"],
    hellaswag: ["hellaswag/data/validation-00000-of-00001.parquet"],
    winogrande: ["winogrande/data/validation-00000-of-00001.parquet"],
    musr: ["musr/murder_mysteries.csv", "musr/object_placements.csv", "musr/team_allocation.csv"],
    race: ["race/high/test-00000-of-00001.parquet", "race/middle/test-00000-of-00001.parquet"],
  };
  for (const [name, paths] of Object.entries(files)) {
    assert.deepEqual(await targets(name, paths), TRUTH[name as keyof typeof files], name);
  }
  // Shuffled options: the target letter must point at the row's correct text.
  const shown = (s: Sample) => String(s.choices?.[first(s.target).charCodeAt(0) - 65]);
  const gpqa = await samplesOf("gpqa_diamond", "gpqa_diamond/gpqa_diamond.csv");
  assert.deepEqual(gpqa.map(shown), TRUTH.gpqa_diamond);
  const tq = await samplesOf(
    "truthful_qa",
    "truthful_qa/multiple_choice/validation-00000-of-00001.parquet",
  );
  assert.deepEqual(tq.map((s) => shown(shuffleChoices(s, SEED))), TRUTH.truthful_qa);
});

function subsetScores(report: EvalReport, metric = 0): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const c of report.metrics[metric].categories) {
    for (const s of c.subsets) out[s.name] = [s.num, s.score];
  }
  return out;
}

Deno.test("all 17 wave-1 benchmarks score their fixtures exactly as the answer key says", async (t) => {
  const sim = await startSim({ answerKey: await buildKeys() });
  try {
    await withTempDir(async (dir) => {
      const datasets = [
        "math_500",
        "competition_math",
        "aime24",
        "aime25",
        "gpqa_diamond",
        "mmlu_pro",
        "super_gpqa",
        "ceval",
        "cmmlu",
        "iquiz",
        "hellaswag",
        "truthful_qa",
        "winogrande",
        "drop",
        "musr",
        "trivia_qa",
        "race",
      ];
      const r = await evaluate({
        model: "qwen2.5",
        api_url: sim.apiUrl,
        datasets,
        // The fixture has two of C-Eval's 52 subject configs.
        dataset_args: { ceval: { subset_list: ["computer_network", "logic"] } },
        dataset_dir: FIXTURES,
        work_dir: dir,
        eval_batch_size: 4,
      });
      const by = Object.fromEntries(r.reports.map((x) => [x.datasetName, x]));
      assert.deepEqual(Object.keys(by).sort(), [...datasets].sort());
      const prompt = async (bench: string, subset: string) => {
        const file = join(r.runDir, "predictions/qwen2.5", `${bench}_${subset}.jsonl`);
        const first = JSON.parse((await Deno.readTextFile(file)).split("\n")[0]);
        return String(first.messages[0].content);
      };

      await t.step("math_500: equivalent answer forms count, Level 4 (empty) is dropped", () => {
        assert.equal(by.math_500.score, round4(5 / 6));
        assert.equal(by.math_500.metrics[0].name, "AveragePass@1");
        assert.deepEqual(subsetScores(by.math_500), {
          "Level 1": [2, 1],
          "Level 2": [1, 0],
          "Level 3": [1, 1],
          "Level 5": [2, 1],
        });
      });
      await t.step("competition_math: 4-shot from the same level's train rows", async () => {
        assert.equal(by.competition_math.score, 0.75);
        assert.deepEqual(subsetScores(by.competition_math), {
          "Level 1": [2, 0.5],
          "Level 2": [2, 1],
        });
        const p = await prompt("competition_math", "Level 2");
        assert.match(
          p,
          /^Here are some examples of how to solve similar problems:\n\nProblem:\nTrain L2 problem 1: what is 1 \* 3\?\nSolution:\n3\n\nProblem:\nTrain L2 problem 2/,
        );
        assert.ok(
          p.endsWith(
            "\nProblem:\nEvaluate $2^5$.\n\nPlease reason step by step, and put your final answer within \\boxed{}.\n",
          ),
        );
      });
      await t.step("aime24 and aime25: graded answers, AIME2025-I/II subsets", async () => {
        assert.equal(by.aime24.score, share(5));
        assert.deepEqual(subsetScores(by.aime25), {
          "AIME2025-I": [3, round4(2 / 3)],
          "AIME2025-II": [2, 0.5],
        });
        assert.equal(by.aime25.score, 0.6);
        assert.match(
          await prompt("aime24", "default"),
          /^\nSolve the following math problem step by step\. Put your answer inside \\boxed\{\}\.\n\nAIME24 fixture 1/,
        );
      });
      await t.step("gpqa_diamond: letters of the sha256-seeded shuffle", () => {
        assert.equal(by.gpqa_diamond.score, share(4));
      });
      await t.step("mmlu_pro: subject-specific 5-shot prompt", async () => {
        assert.equal(by.mmlu_pro.score, share(5));
        assert.deepEqual(subsetScores(by.mmlu_pro), {
          math: [2, 0.5],
          law: [2, 1],
          other: [1, 0],
        });
        const p = await prompt("mmlu_pro", "law");
        assert.match(
          p,
          /^The following are multiple choice questions \(with answers\) about law\. Think step by step and then finish your answer with 'ANSWER: \[LETTER\]' \(without quotes\) where \[LETTER\] is the correct letter choice\.\n\nQuestion:\nExample law question 1\?\nOptions:\nA yes\nB no\nA: Let's think step by step\. Option B fits\. ANSWER: B\.\n\nQuestion:/,
        );
        assert.match(
          p,
          /\n\nAnswer the following multiple choice question\. .* one of A,B,C\. .*\n\nQuestion:\nA contract needs an offer and an\?\nOptions:\nA\) appeal\nB\) acceptance\nC\) audit\n$/s,
        );
      });
      await t.step("super_gpqa: label patterns, option text, fields and disciplines", () => {
        assert.equal(by.super_gpqa.score, 0.6);
        assert.deepEqual(subsetScores(by.super_gpqa), {
          Philosophy: [2, 0.5],
          Mathematics: [2, 1],
          Law: [1, 0],
        });
        const cats = by.super_gpqa.metrics[0].categories.map((c) => c.name[0]).sort();
        assert.deepEqual(cats, ["Law", "Philosophy", "Science"]);
      });
      await t.step("ceval: 5-shot Chinese prompt with the subject, 答案： parsing", async () => {
        assert.equal(by.ceval.score, share(5));
        assert.deepEqual(subsetScores(by.ceval), {
          computer_network: [3, round4(2 / 3)],
          logic: [2, 0.5],
        });
        const p = await prompt("ceval", "computer_network");
        assert.ok(
          p.startsWith(
            "以下是一些示例问题：\n\n问题：网络示例问题1？\n选项：\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n解析：示例解析1。\n答案：A\n\n问题：网络示例问题2？",
          ),
        );
        assert.ok(
          p.endsWith(
            '答案：A\n\n\n以下是中国关于计算机网络的单项选择题，请选出其中的正确答案。你的回答的最后一行应该是这样的格式："答案：[LETTER]"（不带引号），其中 [LETTER] 是 A、B、C、D 中的一个。\n\n问题：在OSI模型中，负责路由选择的是哪一层？\n选项：\nA. 物理层\nB. 数据链路层\nC. 网络层\nD. 传输层\n',
          ),
        );
        assert.deepEqual(by.ceval.metrics[0].categories.map((c) => c.name[0]).sort(), [
          "Humanities",
          "STEM",
        ]);
      });
      await t.step("cmmlu and iquiz: Chinese CoT template and 答案： parsing", async () => {
        assert.equal(by.cmmlu.score, share(5));
        assert.deepEqual(subsetScores(by.cmmlu), {
          agronomy: [2, 0.5],
          anatomy: [1, 1],
          ancient_chinese: [2, 0.5],
        });
        assert.equal(by.iquiz.score, share(5));
        assert.deepEqual(subsetScores(by.iquiz), { IQ: [3, round4(2 / 3)], EQ: [2, 0.5] });
        assert.match(
          await prompt("iquiz", "IQ"),
          /^回答下面的单项选择题.*请在回答前进行一步步思考。\n\n问题：数列/s,
        );
      });
      await t.step("hellaswag, winogrande, musr, race: English multiple choice", async () => {
        assert.equal(by.hellaswag.score, share(4));
        assert.equal(by.winogrande.score, share(4));
        assert.equal(by.musr.score, share(5));
        assert.deepEqual(subsetScores(by.musr), {
          murder_mysteries: [2, 0.5],
          object_placements: [2, 1],
          team_allocation: [1, 0],
        });
        assert.equal(by.race.score, share(4));
        assert.match(
          await prompt("race", "middle"),
          /^Here are some examples of how to answer similar questions:\n\nArticle:\nMiddle train article 1\.\nQuestion:\nMiddle train question 1\?\nA\) w\nB\) x\nC\) y\nD\) z\nANSWER: D\n\n/,
        );
      });
      await t.step("truthful_qa: MC1 over shuffled options, multi_choice_acc", () => {
        assert.equal(by.truthful_qa.score, share(4));
        assert.equal(by.truthful_qa.metrics[0].name, "AverageMultiChoiceAccuracy");
      });
      await t.step(
        "drop: 3-shot from the train split, EM and F1 with F1 the headline",
        async () => {
          const names = by.drop.metrics.map((m) => [m.name, m.score]);
          assert.deepEqual(names, [["em", 0.5], ["f1", 0.875]]);
          assert.equal(by.drop.score, 0.875);
          assert.equal(by.drop.primaryMetric, "f1");
          const p = await prompt("drop", "default");
          assert.match(
            p,
            /^You will be asked to read a passage and answer a question\. Some examples of passages and Q&A are provided below\.\n\n# Examples\n---\nPassage: A fixture farm keeps 12 goats and 5 sheep\.\nQuestion: How many animals are kept\?\nAnswer: 17\n\n---\nPassage: Ada painted/,
          );
          assert.match(
            p,
            /Answer: 2 March 1950\n\n# Your Task\n\n---\nPassage: The Fixtures scored 7 points .*\nQuestion: How many points .*\?\n\nThink step by step, then write a line of the form "Answer: \[ANSWER\]" at the end of your response\.$/,
          );
        },
      );
      await t.step("trivia_qa: an alias inside the answer counts", async () => {
        assert.equal(by.trivia_qa.score, 0.75);
        assert.match(
          await prompt("trivia_qa", "rc.wikipedia"),
          /^Read the content and answer the following question\.\n\nContent: \['Lampton is a fixture city famous for its lamps\.'\]\n\nQuestion: Which fixture city/,
        );
      });
    });
  } finally {
    await sim.close();
  }
});

Deno.test("truthful_qa MC2 (multiple_correct) gives partial credit for some of the true options", async () => {
  const path = "truthful_qa/multiple_choice/validation-00000-of-00001.parquet";
  const mc2 = (await samplesOf("truthful_qa", path, { extra_params: { multiple_correct: true } }))
    .map((s) => shuffleChoices(s, SEED));
  const pick = (s: Sample, i: number) => {
    const gold = [...(s.target as string[])].sort();
    const wrong = (s.choices ?? []).map((_, j) => String.fromCharCode(65 + j))
      .find((l) => !gold.includes(l))!;
    return [gold.join(","), gold[0], wrong, gold.join("")][i];
  };
  const key = mc2.map((s, i) => ({
    match: questionOf(s).split("\n\n").pop()!,
    answer: `ANSWER: ${pick(s, i)}`,
  }));
  const sim = await startSim({ answerKey: key });
  try {
    await withTempDir(async (dir) => {
      const r = await evaluate({
        model: "qwen2.5",
        api_url: sim.apiUrl,
        datasets: ["truthful_qa"],
        dataset_args: { truthful_qa: { extra_params: { multiple_correct: true } } },
        dataset_dir: FIXTURES,
        work_dir: dir,
      });
      // all true options (1), one of two (0.5), a false one (0), all again (1)
      assert.equal(r.reports[0].score, round4((1 + 0.5 + 0 + 1) / 4));
      const file = join(r.runDir, "predictions/qwen2.5/truthful_qa_multiple_choice.jsonl");
      const first = JSON.parse((await Deno.readTextFile(file)).split("\n")[0]);
      assert.match(
        first.messages[0].content,
        /^Answer the following multiple choice question where multiple answers may be correct\./,
      );
    });
  } finally {
    await sim.close();
  }
});
