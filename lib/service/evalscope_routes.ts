/**
 * EvalScope's service routes over lmeter's job engine, so EvalScope clients work unchanged:
 *
 * - v1.5+ (task ids): `POST /api/v1/{eval,perf}/invoke`, `POST /api/v1/eval/resume/invoke`,
 *   `POST /api/v1/{eval,perf}/stop?task_id=`, `GET /api/v1/{eval,perf}/{progress,log,report}`,
 *   `GET /api/v1/eval/benchmarks`, `GET /api/v1/config`;
 * - v1.4: `POST /api/v1/eval`, `POST /api/v1/perf`, `GET /api/v1/{eval,perf}/params`.
 *
 * The run routes block until the job ends, as upstream; with `Prefer: respond-async` or
 * `X-Fc-Invocation-Type: Async` they answer 202 at once (the job is then followed by task id).
 *
 * @module
 */
import { describeType, type OptionSpec } from "../config/schema.ts";
import type { SubmitResult } from "./engine.ts";
import { checkTaskId, type ServiceContext, submitJob } from "./context.ts";
import { jobFile, logPage, readProgress, readResult } from "./job_files.ts";
import { HttpError, json, jsonText, readJsonBody } from "./http.ts";
import type { JobKind, JobRecord } from "./job_record.ts";
import { htmlFile, methodNotAllowed, pageOf } from "./native_routes.ts";
import { evalTable, perfTable } from "./result_table.ts";

/** The body fields each kind requires (EvalScope's checks and messages). */
const REQUIRED: Readonly<Record<JobKind, readonly string[]>> = {
  eval: ["model", "datasets", "api_url"],
  perf: ["model", "url"],
};

/** The `api` values EvalScope's v1.4 perf route accepts. */
const PERF_APIS = ["openai", "dashscope", "anthropic", "gemini"];

/** Answers an EvalScope route, or null when the path is not one. */
export async function evalscopeRoute(
  req: Request,
  url: URL,
  ctx: ServiceContext,
): Promise<Response | null> {
  const path = url.pathname;
  if (path === "/api/v1/config") {
    if (req.method !== "GET") throw methodNotAllowed("GET");
    return json(200, { outputs_root: ctx.engine.outputs });
  }
  if (path === "/api/v1/eval/benchmarks") {
    if (req.method !== "GET") throw methodNotAllowed("GET");
    return json(200, ctx.benchmarks(url.searchParams.get("type")));
  }
  if (path === "/api/v1/eval" || path === "/api/v1/perf") {
    if (req.method !== "POST") throw methodNotAllowed("POST");
    return await legacyRun(req, ctx, path === "/api/v1/eval" ? "eval" : "perf");
  }
  const m = /^\/api\/v1\/(eval|perf)\/(invoke|resume\/invoke|stop|progress|log|report|params)$/
    .exec(path);
  if (!m) return null;
  const kind = m[1] as JobKind;
  const action = m[2];
  if (action === "invoke" || action === "resume/invoke") {
    if (action === "resume/invoke" && kind === "perf") return null;
    if (req.method !== "POST") throw methodNotAllowed("POST");
    return await invoke(req, ctx, { kind, resume: action === "resume/invoke" });
  }
  if (action === "stop") {
    if (req.method !== "POST") throw methodNotAllowed("POST");
    const id = taskIdParam(url);
    const job = await ctx.engine.store.get(id);
    if (!job || job.kind !== kind || !["queued", "running"].includes(job.status)) {
      return json(404, { error: `No running task found for task_id: ${id}` });
    }
    await ctx.engine.cancel(id);
    return json(200, { status: "stopped", task_id: id });
  }
  if (req.method !== "GET") throw methodNotAllowed("GET");
  if (action === "params") return json(200, params(ctx.options[kind], REQUIRED[kind]));
  const id = taskIdParam(url);
  const files = ctx.engine.kind(kind).files;
  const dir = ctx.engine.jobDir(id);
  if (action === "progress") {
    const progress = await readProgress(kind, await jobFile(dir, files.progress));
    // EvalScope answers before the file exists with a Python float: keep its text.
    return progress ? json(200, progress) : jsonText(200, '{"percent":0.0}');
  }
  if (action === "log") return json(200, await logPage(await jobFile(dir, files.log), pageOf(url)));
  const report = await jobFile(dir, files.report);
  if (!report) return json(404, { error: `Report not found for task_id: ${id}` });
  return htmlFile(report);
}

/** `?task_id=`, checked. */
function taskIdParam(url: URL): string {
  const id = url.searchParams.get("task_id");
  if (!id) throw new HttpError(400, "task_id is required");
  return checkTaskId(id);
}

/** True when the client asked not to wait (RFC 7240, or Function Compute's async header). */
function wantsAsync(req: Request): boolean {
  return /\brespond-async\b/i.test(req.headers.get("prefer") ?? "") ||
    (req.headers.get("x-fc-invocation-type") ?? "").toLowerCase() === "async";
}

async function body(req: Request, kind: JobKind): Promise<Record<string, unknown>> {
  const config = await readJsonBody(req);
  for (const field of REQUIRED[kind]) {
    if (config[field] === undefined || config[field] === null || config[field] === "") {
      throw new HttpError(400, `${field} is required`);
    }
  }
  return config;
}

async function invoke(
  req: Request,
  ctx: ServiceContext,
  options: { kind: JobKind; resume: boolean },
): Promise<Response> {
  const { kind, resume } = options;
  const header = req.headers.get("evalscope-task-id") ?? req.headers.get("x-fc-async-task-id");
  if (!header) throw new HttpError(400, "EvalScope-Task-Id header is required");
  const id = checkTaskId(header);
  const config = await body(req, kind);
  if (kind === "perf") config.no_test_connection ??= true;
  if (resume) {
    try {
      await Deno.stat(ctx.engine.jobDir(id));
    } catch {
      return json(404, { status: "error", task_id: id, error: `Task not found: ${id}` });
    }
  }
  const submitted = await submitJob(ctx, kind, config, { id, resume });
  conflictCheck(submitted);
  if (wantsAsync(req)) return accepted(submitted.job);
  const job = await ctx.engine.waitTerminal(id, req.signal) ?? gone(id);
  const dir = ctx.engine.jobDir(id);
  if (job.status === "canceled") return json(200, { status: "stopped", task_id: id });
  if (job.status === "failed") {
    return json(500, { status: "error", task_id: id, error: job.error ?? "failed" });
  }
  const result = await readResult(kind, dir);
  const table = kind === "eval" ? evalTable(result) : perfTable(result);
  return json(200, { status: "completed", task_id: id, result, table });
}

async function legacyRun(req: Request, ctx: ServiceContext, kind: JobKind): Promise<Response> {
  const config = await body(req, kind);
  if (kind === "perf") {
    const api = config.api ?? "openai";
    if (typeof api !== "string" || !PERF_APIS.includes(api)) {
      throw new HttpError(400, `api must be one of ${PERF_APIS.join(", ")}`);
    }
    config.api = api;
  }
  const header = req.headers.get("evalscope-task-id");
  const submitted = await submitJob(ctx, kind, config, {
    id: header === null ? undefined : header,
  });
  conflictCheck(submitted);
  if (wantsAsync(req)) return accepted(submitted.job);
  const id = submitted.job.id;
  const job = await ctx.engine.waitTerminal(id, req.signal) ?? gone(id);
  const dir = ctx.engine.jobDir(id);
  if (job.status !== "succeeded") {
    return json(500, { status: "error", error: job.error ?? job.status, output_dir: dir });
  }
  const result = await readResult(kind, dir);
  return kind === "eval"
    ? json(200, { status: "success", message: "Evaluation completed", result, output_dir: dir })
    : json(200, {
      status: "success",
      message: "Performance test completed",
      output_dir: dir,
      results: result,
    });
}

function conflictCheck(r: SubmitResult): void {
  if (r.outcome === "conflict") {
    throw new HttpError(
      409,
      `Cannot run task ${r.job.id}: a task with this id and another config exists`,
      "Use another EvalScope-Task-Id.",
    );
  }
}

function accepted(job: JobRecord): Response {
  const location = `/api/v1/jobs/${encodeURIComponent(job.id)}`;
  return json(202, { status: "accepted", task_id: job.id, job: location }, { location });
}

function gone(id: string): never {
  throw new HttpError(
    500,
    `Task ${id} ended without a result (the request was closed or the job deleted)`,
  );
}

/**
 * EvalScope's v1.4 self-description, generated from an option list: `{required: {name: "type -
 * help"}, optional: {…}, example: {…}}`.
 */
export function params(
  options: readonly OptionSpec[],
  required: readonly string[],
): Record<string, unknown> {
  const line = (o: OptionSpec) => `${describeType(o)} - ${o.help}`;
  const pick = (want: boolean) =>
    Object.fromEntries(
      options.filter((o) => required.includes(o.name) === want).map((o) => [o.name, line(o)]),
    );
  const example: Record<string, unknown> = required.includes("datasets")
    ? {
      model: "qwen2.5",
      api_url: "http://127.0.0.1:8801/v1",
      api_key: "EMPTY",
      datasets: ["gsm8k"],
      limit: 10,
    }
    : {
      model: "qwen2.5",
      url: "http://127.0.0.1:8801/v1/chat/completions",
      parallel: 4,
      number: 40,
      dataset: "openqa",
    };
  return { required: pick(true), optional: pick(false), example };
}
