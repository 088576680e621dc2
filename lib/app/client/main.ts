/// <reference lib="dom" />
/**
 * Entry of the app's browser code: hash routing between the Runs, Report, Predictions,
 * Compare, Perf and Arena pages, and the Jobs pages of a followed service, all rendered from the
 * JSON API.
 *
 * @module
 */
import { wireCharts } from "../../report/html/client/charts.ts";
import { type Lang, translator } from "../../report/html/i18n.ts";
import { escape, type Page, type PageContext } from "./dom.ts";
import { arenaPage } from "./pages/arena.ts";
import { comparePage } from "./pages/compare.ts";
import { jobPage, jobsPage } from "./pages/jobs.ts";
import { perfComparePage, perfPage } from "./pages/perf.ts";
import { predictionsPage } from "./pages/predictions.ts";
import { reportPage } from "./pages/report.ts";
import { runsPage } from "./pages/runs.ts";

const lang: Lang = document.body.dataset.lang === "zh" ? "zh" : "en";
const t = translator(lang);

const PAGES: Record<string, Page> = {
  "": runsPage,
  eval: reportPage,
  predictions: predictionsPage,
  compare: comparePage,
  perf: perfPage,
  "perf-compare": perfComparePage,
  jobs: jobsPage,
  job: jobPage,
  arena: arenaPage,
};
/** Set when the app follows an lmeter service (`--service`): the nav shows its Jobs page. */
const followsService = document.body.dataset.service === "1";

let generation = 0;
let leaving: (() => void)[] = [];

async function render(): Promise<void> {
  const mine = ++generation;
  for (const fn of leaving) fn();
  leaving = [];
  const hash = location.hash.replace(/^#\/?/, "");
  const q = hash.indexOf("?");
  const name = q >= 0 ? hash.slice(0, q) : hash;
  const params = new URLSearchParams(q >= 0 ? hash.slice(q + 1) : "");
  const page = PAGES[name] ?? runsPage;
  const nav = document.getElementById("nav");
  if (nav) {
    nav.innerHTML = `<a href="#/">${escape(t("nav.runs"))}</a>` +
      (followsService ? ` <a href="#/jobs">${escape(t("nav.jobs"))}</a>` : "");
  }
  // A fresh element per visit, so the listeners of the last page go with it.
  const app = document.getElementById("app")!;
  const root = document.createElement("div");
  root.className = `page page-${name || "runs"}`;
  root.innerHTML = `<p class="muted">${escape(t("common.loading"))}</p>`;
  app.replaceChildren(root);
  app.dataset.view = name || "runs";
  app.dataset.ready = "";
  const ctx: PageContext = {
    root,
    params,
    t,
    alive: () => mine === generation,
    onLeave: (fn) => leaving.push(fn),
  };
  await page(ctx);
  if (ctx.alive()) app.dataset.ready = "1";
}

document.title = t("app.title");
addEventListener("hashchange", () => void render());
wireCharts();
void render();
