/**
 * The service's request handler (no listening here, so tests call it directly): the guard, then
 * the three route families over one engine, `/health` and `/metrics`.
 *
 * @module
 */
import { BASE_HEADERS } from "../app/server/security.ts";
import { VERSION } from "../util/version.ts";
import type { ServiceContext } from "./context.ts";
import { evalscopeRoute } from "./evalscope_routes.ts";
import { errorResponse, guard, type GuardOptions, HttpError, json } from "./http.ts";
import { metricsText } from "./metrics.ts";
import { nativeRoute } from "./native_routes.ts";

/** The routes a 404 lists. */
export const ENDPOINTS: Readonly<Record<string, string>> = {
  "POST /api/v1/jobs": "queue an eval or perf job (202)",
  "GET /api/v1/jobs": "list jobs (status, kind, after, limit, order)",
  "GET /api/v1/jobs/{id}": "a job",
  "POST /api/v1/jobs/{id}/cancel": "cancel a job",
  "DELETE /api/v1/jobs/{id}": "delete a finished job (?purge=true: and its files)",
  "GET /api/v1/jobs/{id}/events": "follow a job (server-sent events)",
  "GET /api/v1/jobs/{id}/log": "the job's log (start_line, page)",
  "GET /api/v1/jobs/{id}/progress": "the job's progress.json",
  "GET /api/v1/jobs/{id}/result": "the job's result (EvalScope's report shapes)",
  "GET /api/v1/jobs/{id}/report": "the job's HTML report",
  "POST /api/v1/eval/invoke": "EvalScope v1.5+: run an eval (EvalScope-Task-Id)",
  "POST /api/v1/eval/resume/invoke": "EvalScope v1.5+: resume an eval",
  "POST /api/v1/perf/invoke": "EvalScope v1.5+: run a perf test",
  "POST /api/v1/{eval,perf}/stop": "EvalScope v1.5+: stop (?task_id=)",
  "GET /api/v1/{eval,perf}/{progress,log,report}": "EvalScope v1.5+ (?task_id=)",
  "GET /api/v1/eval/benchmarks": "EvalScope: benchmark list (?type=text|multimodal)",
  "GET /api/v1/config": "EvalScope: the outputs folder",
  "POST /api/v1/eval": "EvalScope v1.4: run an eval (blocking)",
  "POST /api/v1/perf": "EvalScope v1.4: run a perf test (blocking)",
  "GET /api/v1/{eval,perf}/params": "EvalScope v1.4: the options",
  "GET /health": "liveness",
  "GET /metrics": "Prometheus metrics",
};

/** Builds the handler for `Deno.serve`. */
export function createServiceHandler(
  ctx: ServiceContext,
  options: GuardOptions,
): (req: Request) => Promise<Response> {
  return async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    try {
      guard(req, url.pathname, options);
      if (url.pathname === "/health") {
        return json(200, {
          status: "ok",
          service: "lmeter",
          version: VERSION,
          timestamp: new Date().toISOString(),
        });
      }
      if (url.pathname === "/metrics") {
        const text = metricsText(await ctx.engine.counts(), ctx.engine.durations);
        return new Response(text, {
          headers: { ...BASE_HEADERS, "content-type": "text/plain; version=0.0.4; charset=utf-8" },
        });
      }
      const answer = await nativeRoute(req, url, ctx) ?? await evalscopeRoute(req, url, ctx);
      if (answer) return answer;
      return json(404, { error: "Endpoint not found", available_endpoints: ENDPOINTS });
    } catch (e) {
      if (e instanceof HttpError) return errorResponse(e);
      console.error(`lmeter service: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return json(500, { status: "error", error: e instanceof Error ? e.message : String(e) });
    }
  };
}
