/// <reference lib="dom" />
/**
 * The Report page of one model in an eval run: scores per dataset, subset and category with CI
 * bars, no-answer and truncation rates, eval-time request statistics, the config, and links to
 * each subset's predictions.
 *
 * @module
 */
import {
  datasetChartHtml,
  datasetSectionsHtml,
  evalOverviewHtml,
  evalPerfHtml,
} from "../../../report/html/eval_sections.ts";
import { formatDate, formatNumber, formatPct } from "../../../report/html/format.ts";
import type { CellLink } from "../../../report/html/needle_heatmap.ts";
import { needleCellName } from "../../../report/eval/needle_grid.ts";
import type { BenchmarkView } from "../../../results/read/types.ts";
import type { ThinkbenchReport } from "../../../results/eval/thinkbench_file.ts";
import { thinkbenchHtml } from "../../../report/html/thinkbench_charts.ts";
import { api, errorBox, escape, href, type PageContext, tl } from "../dom.ts";

/** The `/api/eval/run` answer. */
export interface EvalRunResponse {
  id: string;
  name: string;
  createdAt: string | null;
  configText: string | null;
  hasHtml: boolean;
  models: {
    model: string;
    reports: BenchmarkView[];
    /** Reasoning-efficiency analyses (absent from older servers). */
    thinkbench?: ThinkbenchReport[];
    subsets: { benchmark: string; subset: string; hasPredictions: boolean; hasReviews: boolean }[];
  }[];
}

/** A path under the root for `/files/` links. */
export function filesHref(runId: string, rest: string): string {
  const base = runId === "." ? "" : runId.split("/").map(encodeURIComponent).join("/") + "/";
  return `/files/${base}${rest.split("/").map(encodeURIComponent).join("/")}`;
}

/** Renders the report of `?id=&model=`. */
export async function reportPage(ctx: PageContext): Promise<void> {
  const { root, t, params } = ctx;
  const id = params.get("id") ?? "";
  let run: EvalRunResponse;
  try {
    run = await api("/api/eval/run", { id });
  } catch (e) {
    root.innerHTML = errorBox(t, e);
    return;
  }
  if (!ctx.alive()) return;
  const model = run.models.find((m) => m.model === params.get("model")) ?? run.models[0];
  if (!model) {
    root.innerHTML = `<h1>${escape(run.name)}</h1><p>${tl(t, "common.none")}</p>`;
    return;
  }
  const models = [{ model: model.model, reports: model.reports }];
  const link = (m: string, benchmark: string, subset: string) =>
    model.subsets.some((s) => s.benchmark === benchmark && s.subset === subset)
      ? href("predictions", { id, model: m, benchmark, subset })
      : null;
  // A needle heatmap cell opens its samples: the subset's predictions searched for the cell name.
  const cellLink: CellLink = (c) =>
    link(c.model, c.dataset, c.subset) === null ? null : href("predictions", {
      id,
      model: c.model,
      benchmark: c.dataset,
      subset: c.subset,
      q: needleCellName(c.length, c.depth),
    });
  const mean = model.reports.length
    ? model.reports.reduce((s, r) => s + r.score, 0) / model.reports.length
    : null;
  const samples = model.reports.reduce((s, r) => s + (r.metrics[0]?.num ?? 0), 0);
  const tabs = run.models.length > 1
    ? `<div class="toolbar">${
      run.models.map((m) =>
        `<a class="badge${m.model === model.model ? " eval" : ""}" href="${
          escape(href("eval", { id, model: m.model }))
        }">${escape(m.model)}</a>`
      ).join(" ")
    } <a href="${escape(href("compare", { m: run.models.map((m) => `${id}::${m.model}`) }))}">${
      tl(t, "nav.compare")
    } →</a></div>`
    : "";
  const card = (label: string, value: string) =>
    `<div class="card"><div class="label">${escape(label)}</div><div class="value">${
      escape(value)
    }</div></div>`;
  const subsetLinks = model.subsets.map((s) =>
    `<li><a href="${
      escape(
        href("predictions", { id, model: model.model, benchmark: s.benchmark, subset: s.subset }),
      )
    }">${escape(s.benchmark)} / ${escape(s.subset)}</a></li>`
  ).join("");
  // Arena benchmarks (a Bradley–Terry win rate) have a page of battles and verdicts.
  const arenaLinks = model.reports.filter((r) => r.metrics.some((m) => m.aggregation === "elo"))
    .map((r) =>
      `<li><a class="arena-link" href="${
        escape(href("arena", { id, model: model.model, benchmark: r.dataset }))
      }">${escape(r.dataset)} · ${tl(t, "arena.title")} →</a></li>`
    ).join("");
  root.innerHTML = `<h1>${escape(model.model)} <span class="muted small">${escape(run.name)} · ${
    escape(formatDate(run.createdAt))
  }</span></h1>${tabs}<div class="cards">${card(t("report.overall"), formatPct(mean))}${
    card(t("common.datasets"), String(model.reports.length))
  }${card(t("report.samples"), formatNumber(samples))}</div>${
    run.hasHtml
      ? `<p><a href="${
        escape(filesHref(id, "reports/report.html"))
      }" target="_blank" rel="noopener">${tl(t, "report.staticHtml")} ↗</a></p>`
      : ""
  }<h2>${tl(t, "report.overview")}</h2>${evalOverviewHtml(models, t)}<h2>${
    tl(t, "report.scores")
  }</h2>${datasetChartHtml(models, t)}<h2>${tl(t, "report.subsets")}</h2>${
    datasetSectionsHtml(models, { t, subsetLink: link, cellLink })
  }${thinkbenchHtml(model.thinkbench ?? [], t)}<h2>${
    tl(t, "report.predictions")
  }</h2><ul class="subset-links">${subsetLinks}</ul>${
    arenaLinks ? `<h2>${tl(t, "arena.title")}</h2><ul class="arena-links">${arenaLinks}</ul>` : ""
  }${evalPerfHtml(models, t)}${
    run.configText
      ? `<h2>${tl(t, "common.config")}</h2><details><summary>task_config.yaml</summary><pre>${
        escape(run.configText)
      }</pre></details>`
      : ""
  }`;
}
