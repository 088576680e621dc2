import assert from "node:assert/strict";
import { serviceJobsRoute } from "./service_jobs.ts";

const TOKEN = "0123456789abcdef0123";

/** A stand-in for lmeter service on 127.0.0.1: two jobs, progress, an event stream. */
function stubService() {
  const seen: { path: string; auth: string | null; lastEventId: string | null }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const url = new URL(req.url);
    seen.push({
      path: url.pathname + url.search,
      auth: req.headers.get("authorization"),
      lastEventId: req.headers.get("last-event-id"),
    });
    if (req.headers.get("authorization") !== `Bearer ${TOKEN}`) {
      return Response.json({ error: "Unauthorized: wrong token" }, { status: 401 });
    }
    if (url.pathname === "/api/v1/jobs") {
      return Response.json({
        object: "list",
        data: [
          { id: "b", kind: "perf", status: "running", result_counts: null },
          { id: "a", kind: "eval", status: "succeeded", result_counts: { total: 1 } },
        ],
        has_more: false,
      });
    }
    if (url.pathname === "/api/v1/jobs/b/progress") return Response.json({ percent: 40 });
    if (url.pathname === "/api/v1/jobs/b/events") {
      const from = Number(req.headers.get("last-event-id") ?? "0");
      return new Response(`id: ${from + 1}\nevent: log\ndata: "line ${from + 1}"\n\n`, {
        headers: { "content-type": "text/event-stream" },
      });
    }
    return Response.json({ error: "Cannot find job" }, { status: 404 });
  });
  return { url: `http://127.0.0.1:${server.addr.port}`, seen, close: () => server.shutdown() };
}

function get(path: string, headers: Record<string, string> = {}): Request {
  return new Request(`http://127.0.0.1:7861${path}`, { headers });
}

Deno.test("serviceJobsRoute() lists the service's jobs with the live ones' progress, token sent", async () => {
  const stub = stubService();
  try {
    const res = await serviceJobsRoute(
      { url: stub.url, token: TOKEN },
      get("/api/service/jobs"),
      "/api/service/jobs",
    );
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.service, stub.url);
    assert.deepEqual(body.data.map((j: { id: string; percent?: number }) => [j.id, j.percent]), [
      ["b", 40],
      ["a", undefined],
    ]);
    assert.deepEqual(stub.seen.map((s) => s.path), [
      "/api/v1/jobs?limit=200",
      "/api/v1/jobs/b/progress",
    ]);
    assert.ok(stub.seen.every((s) => s.auth === `Bearer ${TOKEN}`));
  } finally {
    await stub.close();
  }
});

Deno.test("serviceJobsRoute() passes the browser's Last-Event-ID to the service's event stream", async () => {
  const stub = stubService();
  try {
    const link = { url: stub.url, token: TOKEN };
    const path = "/api/service/jobs/b/events";
    const first = await serviceJobsRoute(link, get(path), path);
    assert.equal(first.headers.get("content-type"), "text/event-stream; charset=utf-8");
    assert.equal(await first.text(), 'id: 1\nevent: log\ndata: "line 1"\n\n');
    const again = await serviceJobsRoute(link, get(path, { "last-event-id": "7" }), path);
    assert.equal(await again.text(), 'id: 8\nevent: log\ndata: "line 8"\n\n');
    assert.deepEqual(stub.seen.map((s) => s.lastEventId), [null, "7"]);
  } finally {
    await stub.close();
  }
});

Deno.test("serviceJobsRoute() says why: no --service, a refused token, an unreachable service, '..'", async () => {
  const none = await serviceJobsRoute(undefined, get("/api/service/jobs"), "/api/service/jobs");
  assert.equal(none.status, 404);
  assert.match((await none.json()).error, /--service URL/);
  const stub = stubService();
  try {
    const wrong = await serviceJobsRoute(
      { url: stub.url, token: "not-the-token-at-all" },
      get("/api/service/jobs"),
      "/api/service/jobs",
    );
    assert.equal(wrong.status, 502);
    assert.match((await wrong.json()).error, /refused the app \(401.*--service-token-file/);
    const missing = await serviceJobsRoute(
      { url: stub.url, token: TOKEN },
      get("/api/service/jobs/zzz/events"),
      "/api/service/jobs/zzz/events",
    );
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).error, "Cannot find job");
    const dots = await serviceJobsRoute(
      { url: stub.url, token: TOKEN },
      get("/api/service/jobs/../events"),
      "/api/service/jobs/../events",
    );
    assert.equal(dots.status, 400);
  } finally {
    await stub.close();
  }
  const closed = await serviceJobsRoute(
    { url: stub.url },
    get("/api/service/jobs"),
    "/api/service/jobs",
  );
  assert.equal(closed.status, 502);
  assert.match((await closed.json()).error, /^Cannot reach the service at http:\/\/127\.0\.0\.1:/);
});
