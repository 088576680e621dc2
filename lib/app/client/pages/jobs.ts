/// <reference lib="dom" />
/**
 * The Jobs pages of a followed `lmeter service` (`lmeter app --service URL`): the job list
 * (status, kind, progress; refreshed while a job is queued or running) and one job followed live
 * through the service's event stream (status, progress, log). The browser reconnects by itself
 * when the stream drops, sending `Last-Event-ID`, so the log goes on where it stopped.
 *
 * @module
 */
import { formatDate } from "../../../report/html/format.ts";
import { $, api, errorBox, escape, href, type PageContext, tl } from "../dom.ts";

/** A job as `/api/service/jobs` gives it (the service's view, plus `percent`). */
interface Job {
  id: string;
  kind: "eval" | "perf";
  status: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  result_counts: { total: number; completed: number; errored: number } | null;
  percent?: number | null;
}

const TERMINAL = ["succeeded", "failed", "canceled"];
/** How often the list is fetched again while a job is queued or running (ms). */
const REFRESH_MS = 1000;

function statusBadge(status: string): string {
  const tone = status === "succeeded" ? " pass" : status === "failed" ? " fail" : "";
  return `<span class="badge${tone}" data-status="${escape(status)}">${escape(status)}</span>`;
}

function progressCell(ctx: PageContext, job: Job): string {
  if (job.result_counts) return escape(ctx.t("jobs.counts", { ...job.result_counts }));
  if (typeof job.percent !== "number") return "–";
  return `<progress max="100" value="${job.percent}"></progress> ${escape(job.percent)}%`;
}

/** Renders the list of the service's jobs. */
export async function jobsPage(ctx: PageContext): Promise<void> {
  const { root, t } = ctx;
  root.innerHTML = `<h1>${tl(t, "jobs.title")}</h1><p class="muted small" id="jobs-service"></p>` +
    `<div id="jobs-table"><p class="muted">${tl(t, "common.loading")}</p></div>`;
  let timer: ReturnType<typeof setTimeout> | undefined;
  ctx.onLeave(() => clearTimeout(timer));
  const draw = async () => {
    let data: { service: string; data: Job[] };
    try {
      data = await api("/api/service/jobs");
    } catch (e) {
      if (ctx.alive()) $(root, "#jobs-table").innerHTML = errorBox(t, e);
      return;
    }
    if (!ctx.alive()) return;
    $(root, "#jobs-service").textContent = t("jobs.service", { url: data.service });
    const table = $(root, "#jobs-table");
    if (data.data.length === 0) {
      table.innerHTML = `<p>${tl(t, "jobs.empty")}</p>`;
    } else {
      table.innerHTML = `<table class="jobs"><thead><tr><th>${tl(t, "jobs.id")}</th><th>${
        tl(t, "jobs.kind")
      }</th><th>${tl(t, "jobs.status")}</th><th>${tl(t, "jobs.progress")}</th><th>${
        tl(t, "jobs.created")
      }</th><th>${tl(t, "jobs.finished")}</th></tr></thead><tbody>${
        data.data.map((j) =>
          `<tr data-job="${escape(j.id)}"><td><a href="${escape(href("job", { id: j.id }))}">${
            escape(j.id)
          }</a></td><td><span class="badge ${j.kind === "perf" ? "perf" : "eval"}">${
            escape(j.kind)
          }</span></td><td>${statusBadge(j.status)}</td><td>${progressCell(ctx, j)}</td><td>${
            escape(formatDate(j.created_at))
          }</td><td>${escape(formatDate(j.finished_at))}</td></tr>`
        ).join("")
      }</tbody></table>`;
    }
    if (data.data.some((j) => !TERMINAL.includes(j.status))) {
      timer = setTimeout(() => void draw(), REFRESH_MS);
    }
  };
  await draw();
}

/** Follows one job live: its status, progress and log from the service's event stream. */
export function jobPage(ctx: PageContext): Promise<void> {
  const { root, t } = ctx;
  const id = ctx.params.get("id") ?? "";
  root.innerHTML =
    `<p><a href="#/jobs">‹ ${tl(t, "jobs.title")}</a></p><h1>${tl(t, "jobs.id")} ${
      escape(id)
    }</h1><p>${tl(t, "jobs.status")}: <span id="job-status">–</span> ` +
    `<span class="muted small" id="job-stream"></span></p><p>${
      tl(t, "jobs.progress")
    }: <span id="job-progress">–</span></p><p class="muted small" id="job-detail"></p>` +
    `<h2>${tl(t, "jobs.log")}</h2><pre id="job-log"></pre>`;
  const stream = $(root, "#job-stream");
  const log = $(root, "#job-log");
  const source = new EventSource(`/api/service/jobs/${encodeURIComponent(id)}/events`);
  ctx.onLeave(() => source.close());
  source.onopen = () => (stream.textContent = t("jobs.live"));
  source.onerror = () => {
    stream.textContent = t(
      source.readyState === EventSource.CLOSED ? "jobs.ended" : "jobs.reconnecting",
    );
  };
  source.addEventListener("status", (ev) => {
    const job = JSON.parse((ev as MessageEvent).data) as Job & { deleted?: boolean };
    const status = job.deleted ? "deleted" : job.status;
    $(root, "#job-status").innerHTML = statusBadge(status);
    $(root, "#job-detail").textContent = [
      job.kind,
      job.started_at ? `${t("jobs.started")} ${formatDate(job.started_at)}` : "",
      job.finished_at ? `${t("jobs.finished")} ${formatDate(job.finished_at)}` : "",
      job.result_counts ? t("jobs.counts", { ...job.result_counts }) : "",
      job.error ?? "",
    ].filter(Boolean).join(" · ");
    if (job.deleted || TERMINAL.includes(status)) {
      // The stream ends here; closing keeps the browser from reconnecting to a finished job.
      source.close();
      stream.textContent = t("jobs.ended");
    }
  });
  source.addEventListener("progress", (ev) => {
    const p = JSON.parse((ev as MessageEvent).data) as { percent?: unknown };
    if (typeof p.percent === "number") {
      $(root, "#job-progress").innerHTML = `<progress max="100" value="${p.percent}"></progress> ${
        escape(p.percent)
      }%`;
      $(root, "#job-progress").dataset.percent = String(p.percent);
    }
  });
  source.addEventListener("log", (ev) => {
    log.append(`${JSON.parse((ev as MessageEvent).data)}\n`);
  });
  return Promise.resolve();
}
