/**
 * lmeter's own routes, asynchronous: `POST /api/v1/jobs` queues a job and answers 202 at once;
 * the job is then read, followed (SSE), canceled and deleted under `/api/v1/jobs/{id}`.
 *
 * @module
 */
import { BASE_HEADERS, FILE_CSP } from "../app/server/security.ts";
import { type ServiceContext, submitJob } from "./context.ts";
import { jobEvents } from "./job_events.ts";
import { jobFile, logPage, readProgress, readResult } from "./job_files.ts";
import { HttpError, json, jsonText, readJsonBody } from "./http.ts";
import {
  isTerminal,
  type JobKind,
  type JobRecord,
  type JobStatus,
  jobView,
  STATUSES,
} from "./job_record.ts";

const KINDS: readonly JobKind[] = ["eval", "perf"];

/** Answers a request under `/api/v1/jobs`, or null when the path is not one of them. */
export async function nativeRoute(
  req: Request,
  url: URL,
  ctx: ServiceContext,
): Promise<Response | null> {
  const path = url.pathname;
  if (path === "/api/v1/jobs") {
    if (req.method === "POST") return await create(req, ctx);
    if (req.method === "GET") return await list(url, ctx);
    throw methodNotAllowed("GET, POST");
  }
  const m = /^\/api\/v1\/jobs\/([^/]+)(?:\/(cancel|events|log|result|report|progress))?$/.exec(
    path,
  );
  if (!m) return null;
  const id = decodeURIComponent(m[1]);
  const action = m[2];
  if (action === "cancel") {
    if (req.method !== "POST") throw methodNotAllowed("POST");
    const job = await ctx.engine.cancel(id) ?? notFound(id);
    return json(202, view(ctx, job));
  }
  if (action === undefined && req.method === "DELETE") {
    const job = await ctx.engine.store.get(id) ?? notFound(id);
    if (!isTerminal(job.status)) {
      throw new HttpError(
        409,
        `Cannot delete job ${id}: it is ${job.status}`,
        `Cancel it first: POST /api/v1/jobs/${id}/cancel.`,
      );
    }
    const purge = url.searchParams.get("purge") === "true";
    await ctx.engine.remove(id, { purge });
    return json(200, { id, object: "job.deleted", deleted: true, purged: purge });
  }
  if (req.method !== "GET") throw methodNotAllowed(action === undefined ? "GET, DELETE" : "GET");
  const job = await ctx.engine.store.get(id) ?? notFound(id);
  const dir = ctx.engine.jobDir(id);
  const files = ctx.engine.kind(job.kind).files;
  switch (action) {
    case undefined:
      return json(200, view(ctx, job));
    case "events":
      return jobEvents(ctx.engine, job, {
        lastEventId: req.headers.get("last-event-id"),
        signal: req.signal,
      });
    case "log":
      return json(200, await logPage(await jobFile(dir, files.log), pageOf(url)));
    case "progress": {
      const progress = await readProgress(job.kind, await jobFile(dir, files.progress));
      return progress ? json(200, progress) : jsonText(200, '{"percent":0.0}');
    }
    case "result": {
      if (job.status !== "succeeded" && job.result_counts === null) {
        throw new HttpError(409, `Cannot give the result of job ${id}: it is ${job.status}`);
      }
      return json(200, {
        id,
        kind: job.kind,
        status: job.status,
        result: await readResult(job.kind, dir),
      });
    }
    default: {
      const file = await jobFile(dir, files.report);
      if (!file) throw new HttpError(404, `Job ${id} has no report (yet)`);
      return htmlFile(file);
    }
  }
}

/** `start_line` and `page` of a log request (EvalScope's defaults: the last 500 lines). */
export function pageOf(url: URL): { start: number | null; page: number } {
  const start = url.searchParams.get("start_line");
  const page = Number(url.searchParams.get("page") ?? "500");
  if (!Number.isInteger(page) || page < 1 || page > 100_000) {
    throw new HttpError(400, "Cannot page the log: page must be a whole number from 1 to 100000");
  }
  if (start !== null && !/^\d+$/.test(start)) {
    throw new HttpError(400, "Cannot page the log: start_line must be a whole number");
  }
  return { start: start === null ? null : Number(start), page };
}

/** Serves a report page (sandboxed: it may not reach the service's origin). */
export async function htmlFile(path: string): Promise<Response> {
  return new Response(await Deno.readTextFile(path), {
    headers: {
      ...BASE_HEADERS,
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": FILE_CSP,
      "cache-control": "no-store",
    },
  });
}

async function create(req: Request, ctx: ServiceContext): Promise<Response> {
  const body = await readJsonBody(req);
  const kind = body.kind;
  if (typeof kind !== "string" || !KINDS.includes(kind as JobKind)) {
    throw new HttpError(400, 'Cannot queue the job: kind must be "eval" or "perf"');
  }
  const config = body.config;
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    throw new HttpError(400, "Cannot queue the job: config must be a JSON object of options");
  }
  const id = req.headers.get("idempotency-key") ?? req.headers.get("evalscope-task-id") ??
    undefined;
  const r = await submitJob(ctx, kind as JobKind, config as Record<string, unknown>, { id });
  if (r.outcome === "conflict") {
    throw new HttpError(
      409,
      `Cannot queue job ${r.job.id}: a job with this id and another config exists`,
      "Use another Idempotency-Key, or delete the old job first.",
    );
  }
  const location = `/api/v1/jobs/${encodeURIComponent(r.job.id)}`;
  return json(r.outcome === "created" ? 202 : 200, view(ctx, r.job), { location });
}

async function list(url: URL, ctx: ServiceContext): Promise<Response> {
  const status = url.searchParams.get("status");
  const kind = url.searchParams.get("kind");
  if (status !== null && !STATUSES.includes(status as JobStatus)) {
    throw new HttpError(400, `Cannot list jobs: status must be one of ${STATUSES.join(", ")}`);
  }
  if (kind !== null && !KINDS.includes(kind as JobKind)) {
    throw new HttpError(400, 'Cannot list jobs: kind must be "eval" or "perf"');
  }
  const limit = Number(url.searchParams.get("limit") ?? "20");
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new HttpError(400, "Cannot list jobs: limit must be a whole number from 1 to 1000");
  }
  const after = url.searchParams.get("after");
  const order = url.searchParams.get("order") === "asc" ? "asc" : "desc";
  let jobs = (await ctx.engine.store.list()).filter((j) =>
    (status === null || j.status === status) && (kind === null || j.kind === kind)
  );
  if (order === "desc") jobs.reverse();
  if (after !== null) {
    const at = jobs.findIndex((j) => j.id === after);
    jobs = at < 0 ? [] : jobs.slice(at + 1);
  }
  const page = jobs.slice(0, limit);
  return json(200, {
    object: "list",
    data: page.map((j) => view(ctx, j)),
    first_id: page[0]?.id ?? null,
    last_id: page[page.length - 1]?.id ?? null,
    has_more: jobs.length > limit,
  });
}

function view(ctx: ServiceContext, job: JobRecord): Record<string, unknown> {
  return jobView(job, ctx.engine.jobDir(job.id));
}

function notFound(id: string): never {
  throw new HttpError(404, `Cannot find job ${id}`, "GET /api/v1/jobs lists the jobs.");
}

/** 405 with the methods the path takes. */
export function methodNotAllowed(allow: string): HttpError {
  return new HttpError(405, `Method not allowed here; use ${allow}`);
}
