/**
 * An arena-mode run for tests: three gsm8k runs (`base`, `m1`, `m2`, 3 samples each, answers
 * "<WHO> says <i>") and a judge simulator whose verdicts favour m1 (wins in seat A, ties in seat
 * B) and split m2 (loses in seat A, wins in seat B), so m1's win rate is 0.75 and m2's 0.5.
 */
import { join } from "node:path";
import { evaluate, fixture, FIXTURES, startSim, type TestSim } from "./helpers.ts";

/** Judge settings of the arena tests. */
export const ARENA_JUDGE_GEN = { temperature: 0, max_tokens: 64, retries: 0 };

/** What {@linkcode withArenaRuns} hands the test. */
export interface ArenaRuns {
  /** `extra_params.models` naming the three runs' report folders. */
  models: { name: string; report_path: string }[];
  judge: TestSim;
  /** A fresh folder for the arena run itself. */
  dir: string;
}

/**
 * Runs the three candidate runs in `dir`, with the judge simulator up, then `body`. `judgeTtftMs`
 * (default 0) delays each of the judge's replies.
 */
export async function withArenaRuns(
  dir: string,
  body: (runs: ArenaRuns) => Promise<void>,
  options: { judgeTtftMs?: number } = {},
): Promise<void> {
  const rows = await fixture("gsm8k/main/test-00000-of-00001.parquet");
  const says = (who: string) =>
    rows.map((r, i) => ({ match: String(r.question), answer: `${who} says ${i}` }));
  const judge = await startSim({
    answerKey: [
      { match: "A's Answer|>\nM1 says", answer: "[[A>B]]" },
      { match: "B's Answer|>\nM1 says", answer: "[[A=B]]" },
      { match: "A's Answer|>\nM2 says", answer: "[[B>A]]" },
      { match: "B's Answer|>\nM2 says", answer: "[[B>A]]" },
    ],
    models: ["judge-m"],
    ttftMs: options.judgeTtftMs ?? 0,
  });
  try {
    const models = [];
    for (const name of ["base", "m1", "m2"]) {
      const sim = await startSim({
        answerKey: says(name === "base" ? "BASE" : name.toUpperCase()),
      });
      try {
        const workDir = join(dir, name);
        await evaluate({
          model: name,
          api_url: sim.apiUrl,
          datasets: ["gsm8k"],
          dataset_dir: FIXTURES,
          limit: 3,
          work_dir: workDir,
          no_timestamp: true,
        });
        models.push({ name, report_path: join(workDir, "reports", name) });
      } finally {
        await sim.close();
      }
    }
    await body({ models, judge, dir: join(dir, "arena") });
  } finally {
    await judge.close();
  }
}
