import assert from "node:assert/strict";
import { join } from "node:path";
import { evaluate, requestLog, startSim, withTempDir } from "./helpers.ts";
import { decodePng } from "../../lib/util/png_decode.ts";
import { heatmapLayout } from "../../lib/report/png/heatmap_png.ts";
import { renderEvalReportHtml } from "../../lib/report/html/mod.ts";
import { heatColor, needleGrids } from "../../lib/report/eval/needle_grid.ts";
import { killAndResumeRun, startSlowJudge } from "./judge_resume.ts";

const CORPUS = new URL("../fixtures/needle/", import.meta.url).pathname;
const NEEDLE =
  "\nThe best thing to do in San Francisco is eat a sandwich and sit in Dolores Park on a sunny day.\n";

/** A small grid: 3 lengths × 4 depths per subset. */
const EXTRA = {
  context_lengths_min: 300,
  context_lengths_max: 1200,
  context_lengths_num_intervals: 3,
  document_depth_percent_intervals: 4,
};

Deno.test("needle_haystack against the simulator: the full grid, one metric per cell", async () => {
  // The simulator answers with the needle only when the needle is in the prompt.
  const sim = await startSim({
    models: ["long-model"],
    answerKey: [{ match: "sit in Dolores Park on a sunny day", answer: NEEDLE.trim() }],
  });
  try {
    await withTempDir(async (dir) => {
      const result = await evaluate({
        model: "long-model",
        api_url: sim.apiUrl,
        api_key: "EMPTY",
        eval_type: "service",
        datasets: ["needle_haystack"],
        dataset_args: { needle_haystack: { dataset_id: CORPUS, extra_params: EXTRA } },
        work_dir: dir,
      });
      const [report] = result.reports;
      const cells = ["300", "750", "1200"].flatMap((l) =>
        ["0", "33", "67", "100"].map((d) => `Context#${l} Depth#${d}`)
      );
      assert.deepEqual(report.metrics.map((m) => m.name), cells);
      for (const m of report.metrics) {
        assert.deepEqual(m.categories[0].subsets.map((s) => [s.name, s.score]), [
          ["english", 1],
          ["chinese", 1],
        ]);
      }
      assert.equal((await requestLog(sim.logPath)).length, 24);

      // The prompt is EvalScope's: system line, <text> with the context, <question>.
      const line = (await Deno.readTextFile(
        join(result.runDir, "predictions", "long-model", "needle_haystack_english.jsonl"),
      )).split("\n")[0];
      const messages = JSON.parse(line).messages as { role: string; content: string }[];
      assert.equal(messages[0].role, "system");
      assert.match(messages[0].content, /^You are a helpful AI bot/);
      assert.match(messages[1].content, /^Please read the following text.*\n\n<text>\n/);
      assert.match(
        messages[1].content,
        /<\/text>\n\n<question>\nWhat is the best thing to do in San Francisco\?\n<\/question>\n\nDon't give information outside the document or repeat your findings\.$/,
      );

      // The heatmaps: one PNG per subset next to the report (EvalScope's names), and in report.html.
      const reports = join(result.runDir, "reports", "long-model");
      for (const grid of needleGrids(report)) {
        const png = await decodePng(
          await Deno.readFile(join(reports, `needle_haystack_heatmap_${grid.subset}.png`)),
        );
        const layout = heatmapLayout(grid);
        assert.deepEqual([png.width, png.height], [layout.width, layout.height]);
        const at = ((layout.top + 2) * png.width + layout.left + 2) * 3;
        assert.deepEqual([...png.pixels.subarray(at, at + 3)], heatColor(1));
      }
      const html = renderEvalReportHtml({ models: [{ model: "long-model", reports: [report] }] });
      assert.equal(html.match(/<figure class="needle-heatmap"/g)?.length, 2);
      assert.equal(html.match(/<rect [^>]*data-cell="Context#/g)?.length, 24);
      assert.match(html, /<title>Context#750 Depth#33 · chinese: 1 \(1 samples\)<\/title>/);
    });
  } finally {
    await sim.close();
  }
});

Deno.test("needle_haystack graded by the judge, killed with -9 mid-run, resumes with --use-cache and asks the judge nothing it had answered", async () => {
  // Unmatched prompts get seeded filler, a different answer per prompt: one judge call per cell.
  const candidate = await startSim();
  const judge = await startSlowJudge([{ match: "Model Answer: ", answer: "Rating: [[8]]" }]);
  const extra = { ...EXTRA, document_depth_percent_intervals: 2 };
  try {
    const dataset = { dataset_id: CORPUS, subset_list: ["english"], extra_params: extra };
    const report = await killAndResumeRun("needle_haystack", {
      candidate,
      judge,
      extra: [
        "--judge-strategy",
        "llm",
        "--dataset-args",
        JSON.stringify({ needle_haystack: dataset }),
      ],
      killAfter: 2,
      calls: 6,
      samples: 6,
    });
    // 3 lengths × 2 depths, each cell the judge's 8 of 10.
    assert.equal(report.metrics.length, 6);
    for (const m of report.metrics) assert.equal(m.score, 0.8, m.name);
  } finally {
    await candidate.close();
    await judge.close();
  }
});
