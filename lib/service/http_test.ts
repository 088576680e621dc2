import assert from "node:assert/strict";
import { BODY_CAP, guard, HttpError, readJsonBody } from "./http.ts";

function req(path: string, headers: Record<string, string>): Request {
  return new Request(`http://127.0.0.1:9000${path}`, { headers });
}

function status(fn: () => void): number | null {
  try {
    fn();
    return null;
  } catch (e) {
    assert.ok(e instanceof HttpError);
    return e.status;
  }
}

Deno.test("guard: on loopback a foreign Host header is 403 (DNS rebinding); a token is required but on /health", () => {
  const opts = { host: "127.0.0.1", port: 9000, token: "0123456789abcdef" };
  const ok = { host: "127.0.0.1:9000", authorization: "Bearer 0123456789abcdef" };
  assert.equal(status(() => guard(req("/api/v1/jobs", ok), "/api/v1/jobs", opts)), null);
  assert.equal(
    status(() =>
      guard(req("/api/v1/jobs", { ...ok, host: "localhost:9000" }), "/api/v1/jobs", opts)
    ),
    null,
  );
  assert.equal(
    status(() =>
      guard(req("/api/v1/jobs", { ...ok, host: "evil.example:9000" }), "/api/v1/jobs", opts)
    ),
    403,
  );
  assert.equal(
    status(() =>
      guard(req("/api/v1/jobs", { ...ok, host: "127.0.0.1:9001" }), "/api/v1/jobs", opts)
    ),
    403,
  );
  assert.equal(
    status(() => guard(req("/api/v1/jobs", { host: "127.0.0.1:9000" }), "/api/v1/jobs", opts)),
    401,
  );
  assert.equal(
    status(() =>
      guard(req("/api/v1/jobs", { ...ok, authorization: "Bearer wrong" }), "/api/v1/jobs", opts)
    ),
    401,
  );
  assert.equal(
    status(() => guard(req("/health", { host: "127.0.0.1:9000" }), "/health", opts)),
    null,
  );
});

Deno.test("guard: on a named address the Host must name it; on 0.0.0.0 the token is the fence", () => {
  const named = { host: "10.0.0.2", port: 9000, token: "0123456789abcdef" };
  const auth = { authorization: "Bearer 0123456789abcdef" };
  assert.equal(
    status(() => guard(req("/x", { ...auth, host: "10.0.0.2:9000" }), "/x", named)),
    null,
  );
  assert.equal(
    status(() => guard(req("/x", { ...auth, host: "evil.example:9000" }), "/x", named)),
    403,
  );
  const any = { ...named, host: "0.0.0.0" };
  assert.equal(
    status(() => guard(req("/x", { ...auth, host: "svc.internal:9000" }), "/x", any)),
    null,
  );
  assert.equal(status(() => guard(req("/x", { host: "svc.internal:9000" }), "/x", any)), 401);
});

Deno.test("readJsonBody refuses non-JSON (415), bodies over the cap (413) and non-objects (400)", async () => {
  const post = (body: string, type = "application/json") =>
    new Request("http://127.0.0.1/", { method: "POST", body, headers: { "content-type": type } });
  assert.deepEqual(await readJsonBody(post('{"a":1}')), { a: 1 });
  const code = async (r: Request) => {
    try {
      await readJsonBody(r);
      return null;
    } catch (e) {
      return (e as HttpError).status;
    }
  };
  assert.equal(await code(post('{"a":1}', "text/plain")), 415);
  assert.equal(await code(post(`"${"x".repeat(BODY_CAP)}"`)), 413);
  assert.equal(await code(post("[1]")), 400);
  assert.equal(await code(post("{")), 400);
});
