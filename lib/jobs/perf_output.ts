/**
 * The output step of `lmeter perf`: it listens to the engine (lib/load/run_perf.ts, which prints
 * nothing), prints each block as it happens and appends it to `benchmark.log`, and at the end
 * writes `performance_summary.txt`, `perf_summary.json` and `perf_report.html` — the terminal
 * text and the HTML drawn from the same typed report. `lmeter report` uses the same renderers.
 *
 * @module
 */
import { join } from "node:path";
import type { PerfListener } from "../load/run_perf.ts";
import { renderPerfReportHtml } from "../report/html/perf_report.ts";
import { ceilingLine, closingText, runBlock, warningLine } from "../report/perf/console_output.ts";
import type { PerfReport } from "../results/perf/schema.ts";
import { writeSweepFiles } from "../results/perf/write_files.ts";
import type { SummaryFormat } from "../results/perf/evalscope_format.ts";

/** A listener that prints and logs, and the step that writes the closing files. */
export interface PerfOutput extends PerfListener {
  /** Prints the closing report and writes the sweep's report files. */
  finish(report: PerfReport): Promise<void>;
}

/** Options of {@linkcode perfOutput}. */
export interface PerfOutputOptions {
  /** Where the text goes; default `console.log`. */
  print?: (text: string) => void;
  /** Keys and units of the run tables (`--summary-format`); default lmeter's. */
  format?: SummaryFormat;
}

/** The output step of an invocation writing into `outputDir`. */
export function perfOutput(outputDir: string, options: PerfOutputOptions = {}): PerfOutput {
  const print = options.print ?? ((text: string) => console.log(text));
  const log = join(outputDir, "benchmark.log");
  const out = (text: string) => {
    print(text);
    Deno.writeTextFileSync(log, text + "\n", { append: true });
  };
  return {
    calibrated: (c) => out(ceilingLine(c)),
    warning: (text) => out(warningLine(text)),
    runFinished: (run, info) => out(runBlock(run, { ...info, format: options.format })),
    debug: out,
    async finish(report) {
      const text = closingText(report);
      out(text);
      await writeSweepFiles(report, { text, renderHtml: renderPerfReportHtml });
    },
  };
}
