/**
 * The app's window on a running `lmeter service` (`lmeter app --service URL`): the app's server
 * asks the service over HTTP — with the service's token, which never reaches the browser — and
 * hands the browser the job list (with each live job's progress) and a job's event stream.
 *
 * Routes (GET only, like the rest of the app):
 * - `/api/service/jobs`: `{service, data: [job…]}`, each job as the service lists it plus
 *   `percent` (from its progress) while it is queued or running.
 * - `/api/service/jobs/{id}/events`: the service's SSE stream of the job, passed through; the
 *   browser's `Last-Event-ID` (sent when it reconnects) goes to the service, which resumes the log
 *   from there.
 *
 * @module
 */
import { json } from "./json.ts";
import { BASE_HEADERS } from "./security.ts";

/** The service the app follows. */
export interface ServiceLink {
  /** Base URL, e.g. `http://127.0.0.1:9000`. */
  url: string;
  /** Sent as `Authorization: Bearer` when set. */
  token?: string;
}

/** How many jobs the list shows (the service's newest first). */
const LIST_LIMIT = 200;

/** Answers `/api/service/…`; `link` undefined means the app was started without `--service`. */
export async function serviceJobsRoute(
  link: ServiceLink | undefined,
  req: Request,
  path: string,
): Promise<Response> {
  if (!link) {
    return json(404, {
      error: "No service to follow: start lmeter app with --service URL (a running lmeter service)",
    });
  }
  if (path === "/api/service/jobs") return await listJobs(link, req.signal);
  const m = /^\/api\/service\/jobs\/([^/]+)\/events$/.exec(path);
  if (!m) return json(404, { error: `Not found: ${path}` });
  const id = decodeURIComponent(m[1]);
  if (id === "." || id === "..") return json(400, { error: `Not a job id: ${id}` });
  const headers: Record<string, string> = { accept: "text/event-stream" };
  const lastEventId = req.headers.get("last-event-id");
  if (lastEventId !== null) headers["last-event-id"] = lastEventId;
  const res = await ask(link, `/api/v1/jobs/${encodeURIComponent(id)}/events`, {
    headers,
    signal: req.signal,
  });
  if (res instanceof Response && res.ok && res.body) {
    return new Response(res.body, {
      headers: {
        ...BASE_HEADERS,
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
      },
    });
  }
  return await failed(link, res);
}

async function listJobs(link: ServiceLink, signal: AbortSignal): Promise<Response> {
  const res = await ask(link, `/api/v1/jobs?limit=${LIST_LIMIT}`, { signal });
  if (!(res instanceof Response) || !res.ok) return await failed(link, res);
  const list = await res.json() as { data: Record<string, unknown>[]; has_more: boolean };
  const data = await Promise.all(list.data.map(async (job) => {
    if (job.status !== "running" && job.status !== "queued") return job;
    const p = await ask(link, `/api/v1/jobs/${encodeURIComponent(String(job.id))}/progress`, {
      signal,
    });
    if (!(p instanceof Response) || !p.ok) {
      if (p instanceof Response) await p.body?.cancel();
      return job;
    }
    const progress = await p.json() as { percent?: unknown };
    return { ...job, percent: typeof progress.percent === "number" ? progress.percent : null };
  }));
  return json(200, { service: link.url, data, has_more: list.has_more });
}

/** `fetch` of a service path with the token; a network failure is returned as the error. */
async function ask(
  link: ServiceLink,
  path: string,
  init: { headers?: Record<string, string>; signal: AbortSignal },
): Promise<Response | Error> {
  const headers: Record<string, string> = { ...init.headers };
  if (link.token) headers.authorization = `Bearer ${link.token}`;
  try {
    return await fetch(new URL(path, link.url), { headers, signal: init.signal });
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

/** A 502 for an unreachable service, else the service's status with its error message. */
async function failed(link: ServiceLink, res: Response | Error): Promise<Response> {
  if (res instanceof Error) {
    return json(502, { error: `Cannot reach the service at ${link.url}: ${res.message}` });
  }
  const body = await res.json().catch(() => ({})) as { error?: unknown };
  const message = typeof body.error === "string" ? body.error : `HTTP ${res.status}`;
  return json(res.status === 401 || res.status === 403 ? 502 : res.status, {
    error: res.status === 401 || res.status === 403
      ? `The service at ${link.url} refused the app (${res.status}: ${message}); check --service-token-file or LMETER_SERVICE_TOKEN`
      : message,
  });
}
