import assert from "node:assert/strict";
import { join } from "node:path";
import { parseCommandArgs } from "../../lib/cli/command.ts";
import { scoreCommand } from "../../lib/cli/score.ts";
import { readReport } from "../../lib/results/eval/report_file.ts";
import { type VerdictLine, verdictLines } from "../fixtures/ifeval/verdicts.ts";
import { evaluate, sha256, startSim, withTempDir } from "../eval/helpers.ts";

type Line = VerdictLine;

/**
 * The verdict fixture as an IFEval dataset and its answers. Every fourth prompt keeps only its
 * first instruction (verdicts do not depend on the other instructions), so prompts differ in
 * size and the two instruction-level means differ.
 */
function fixtureLines(): Line[] {
  return verdictLines().map((line, i) => {
    const kept = new Set(
      line.instruction_id_list.flatMap((_, j) => i % 4 !== 0 || j === 0 ? [j] : []),
    );
    const pick = <T>(xs: T[]) => xs.filter((_, j) => kept.has(j));
    return {
      ...line,
      instruction_id_list: pick(line.instruction_id_list),
      kwargs: pick(line.kwargs),
      follow_instruction_list_strict: pick(line.follow_instruction_list_strict),
      follow_instruction_list_loose: pick(line.follow_instruction_list_loose),
    };
  });
}

function expected(lines: Line[], which: "strict" | "loose") {
  const lists = lines.map((l) => l[`follow_instruction_list_${which}`]);
  const all = lists.flat();
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  const byType = new Map<string, boolean[]>();
  lines.forEach((l, i) =>
    l.instruction_id_list.forEach((id, j) => byType.set(id, [...byType.get(id) ?? [], lists[i][j]]))
  );
  return {
    prompt: round(lists.filter((v) => v.every(Boolean)).length / lists.length),
    pooled: round(all.filter(Boolean).length / all.length),
    macro: round(lists.reduce((a, v) => a + v.filter(Boolean).length / v.length, 0) / lists.length),
    byType: [...byType.keys()].sort().map((id) => ({
      name: id,
      num: byType.get(id)!.length,
      score: round(byType.get(id)!.filter(Boolean).length / byType.get(id)!.length),
    })),
  };
}

Deno.test("an IFEval run against the simulator reports the reference's verdicts: four metrics, both instruction-level means, the per-type table; a resumed run asks for nothing", async () => {
  const lines = fixtureLines();
  const key = await Promise.all(
    lines.map(async (l) => ({ sha256: await sha256(l.prompt), answer: l.response })),
  );
  const sim = await startSim({ answerKey: key as never });
  try {
    await withTempDir(async (dir) => {
      const data = join(dir, "data", "ifeval");
      await Deno.mkdir(data, { recursive: true });
      await Deno.writeTextFile(
        join(data, "train.jsonl"),
        lines.map(({ key, prompt, instruction_id_list, kwargs }) =>
          JSON.stringify({ key, prompt, instruction_id_list, kwargs })
        ).join("\n") + "\n",
      );
      const config = {
        model: "qwen2.5",
        api_url: sim.apiUrl,
        datasets: ["ifeval"],
        dataset_dir: join(dir, "data"),
        work_dir: join(dir, "run"),
        no_timestamp: true,
      };
      const run = await evaluate(config);
      assert.equal(run.requested, lines.length);
      const report = await readReport(join(dir, "run/reports/qwen2.5/ifeval.json"));
      const score = (name: string) => report.metrics.find((m) => m.name === name)?.score;
      const strict = expected(lines, "strict");
      const loose = expected(lines, "loose");
      assert.equal(report.primaryMetric, "prompt_level_strict");
      assert.deepEqual(report.metrics.map((m) => m.name), [
        "prompt_level_strict",
        "inst_level_strict",
        "prompt_level_loose",
        "inst_level_loose",
        "inst_level_strict_macro",
        "inst_level_loose_macro",
      ]);
      assert.equal(score("prompt_level_strict"), strict.prompt);
      assert.equal(score("inst_level_strict"), strict.pooled);
      assert.equal(score("inst_level_strict_macro"), strict.macro);
      assert.equal(score("prompt_level_loose"), loose.prompt);
      assert.equal(score("inst_level_loose"), loose.pooled);
      assert.equal(score("inst_level_loose_macro"), loose.macro);
      assert.notEqual(strict.pooled, strict.macro, "the fixture tells the two means apart");
      const byType = (name: string) =>
        report.metrics.find((m) => m.name === name)!.breakdown!.map((b) => ({
          name: b.name,
          num: b.num,
          score: b.score,
        }));
      assert.deepEqual(byType("inst_level_strict"), strict.byType);
      assert.deepEqual(byType("inst_level_loose"), loose.byType);

      const review = JSON.parse(
        (await Deno.readTextFile(join(dir, "run/reviews/qwen2.5/ifeval_default.jsonl")))
          .split("\n")[0],
      );
      assert.deepEqual(
        review.sample_score.score.metadata.follow_instruction_list_strict,
        lines[0].follow_instruction_list_strict,
      );

      const resumed = await evaluate({ ...config, use_cache: join(dir, "run") });
      assert.equal(resumed.requested, 0);
      assert.deepEqual(resumed.reports[0].metrics, report.metrics);
    });
  } finally {
    await sim.close();
  }
});

Deno.test("lmeter score --benchmark ifeval scores IFEval records plus responses: verdict lists per line, the four metrics printed", async () => {
  const lines = fixtureLines();
  await withTempDir(async (dir) => {
    const input = join(dir, "in.jsonl");
    const output = join(dir, "out.jsonl");
    await Deno.writeTextFile(
      input,
      lines.map(({ key, prompt, instruction_id_list, kwargs, response }) =>
        JSON.stringify({ key, prompt, instruction_id_list, kwargs, response })
      ).join("\n") + "\n",
    );
    const err: string[] = [];
    const error = console.error;
    console.error = (...a: unknown[]) => err.push(a.join(" "));
    let code: number;
    try {
      const options = await parseCommandArgs(scoreCommand.spec, [
        "--benchmark",
        "ifeval",
        "--input",
        input,
        "--output",
        output,
      ]);
      code = await scoreCommand.run({ options, signal: new AbortController().signal });
    } finally {
      console.error = error;
    }
    assert.equal(code, 0);
    const out = (await Deno.readTextFile(output)).trim().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(
      out.map((o) => [o.id, o.follow_instruction_list_strict, o.follow_instruction_list_loose]),
      lines.map((l) => [
        String(l.key),
        l.follow_instruction_list_strict,
        l.follow_instruction_list_loose,
      ]),
    );
    assert.deepEqual(
      out.map((o) => [o.follow_all_instructions_strict, o.scores.prompt_level_strict]),
      lines.map((l) => {
        const all = l.follow_instruction_list_strict.every(Boolean);
        return [all, all ? 1 : 0];
      }),
    );
    const printed = err.join("\n");
    const strict = expected(lines, "strict");
    const loose = expected(lines, "loose");
    for (
      const [name, value] of [
        ["prompt_level_strict", strict.prompt],
        ["inst_level_strict", strict.pooled],
        ["prompt_level_loose", loose.prompt],
        ["inst_level_loose", loose.pooled],
        ["inst_level_strict_macro", strict.macro],
      ] as const
    ) {
      assert.match(printed, new RegExp(`${name}\\s+${value.toFixed(4)}`), printed);
    }
  });
});
