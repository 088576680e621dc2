/**
 * `lmeter app`'s server: read-only, fenced to the outputs root (encoded `..`, symlinks), Host
 * check on loopback, access token, and the JSON API's answers on the fixture outputs.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { createAppHandler, startApp } from "../../lib/app/mod.ts";
import { UserError } from "../../lib/errors.ts";
import { mcnemarTest } from "../../lib/metrics/paired.ts";
import { SafeFs } from "../../lib/results/read/mod.ts";

const OUT = new URL("../fixtures/app/outputs", import.meta.url).pathname;
const PORT = 7861;

async function handlerFor(root: string, options: { authToken?: string } = {}) {
  return createAppHandler({
    fs: await SafeFs.open(root),
    lang: "en",
    loopbackPort: PORT,
    ...options,
  });
}

function get(path: string, headers: Record<string, string> = {}, method = "GET"): Request {
  return new Request(`http://127.0.0.1:${PORT}${path}`, {
    method,
    headers: { host: `127.0.0.1:${PORT}`, ...headers },
  });
}

async function json(res: Response): Promise<Record<string, unknown>> {
  return await res.json() as Record<string, unknown>;
}

/** A root with one file inside, a secret outside, and symlinks to both. */
async function fencedRoot(): Promise<
  { root: string; outside: string; cleanup: () => Promise<void> }
> {
  const base = await Deno.makeTempDir();
  const root = join(base, "outputs");
  const outside = join(base, "secret");
  await Deno.mkdir(join(root, "run"), { recursive: true });
  await Deno.mkdir(outside);
  await Deno.writeTextFile(join(root, "run", "note.txt"), "inside\n");
  await Deno.writeTextFile(join(outside, "secret.txt"), "do not serve\n");
  await Deno.symlink(join(outside, "secret.txt"), join(root, "run", "leak.txt"));
  await Deno.symlink(outside, join(root, "run", "dir-link"));
  await Deno.symlink(join(root, "run", "note.txt"), join(root, "run", "alias.txt"));
  return { root, outside, cleanup: () => Deno.remove(base, { recursive: true }) };
}

Deno.test("/files/ serves files inside the root and refuses every way out", async () => {
  const f = await fencedRoot();
  try {
    const h = await handlerFor(f.root);
    const ok = await h(get("/files/run/note.txt"));
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), "inside\n");
    assert.match(ok.headers.get("content-security-policy") ?? "", /sandbox/);
    const alias = await h(get("/files/run/alias.txt"));
    assert.equal(alias.status, 200, "a symlink that stays inside is fine");
    await alias.body?.cancel();
    const refused = [
      "/files/run/..%2f..%2fsecret/secret.txt",
      "/files/..%2fsecret/secret.txt",
      "/files/%2e%2e/secret/secret.txt",
      "/files/run/%2E%2E/%2E%2E/secret/secret.txt",
      "/files/run/..%5c..%5csecret%5csecret.txt",
      "/files/%2fetc%2fpasswd",
      "/files/run/leak.txt",
      "/files/run/dir-link/secret.txt",
      "/files/run/%00.txt",
    ];
    for (const path of refused) {
      const res = await h(get(path));
      const body = await res.text();
      assert.ok(res.status === 403 || res.status === 404, `${path} → ${res.status}`);
      assert.ok(!body.includes("do not serve"), `${path} leaked the secret`);
    }
    // Literal dot segments are resolved by the URL parser before routing: still nothing leaks.
    const literal = await h(get("/files/../secret/secret.txt"));
    assert.ok(!(await literal.text()).includes("do not serve"));
    const db = await h(get("/files/run/benchmark_data.db"));
    assert.equal(db.status, 403, "only text result files are served");
    await db.body?.cancel();
  } finally {
    await f.cleanup();
  }
});

Deno.test("the app is read-only and answers only to loopback Host names", async () => {
  const h = await handlerFor(OUT);
  for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
    const res = await h(get("/api/runs", {}, method));
    assert.equal(res.status, 405, method);
    await res.body?.cancel();
  }
  const rebinding = await h(get("/api/runs", { host: `attacker.example:${PORT}` }));
  assert.equal(rebinding.status, 421);
  await rebinding.body?.cancel();
  for (const host of [`localhost:${PORT}`, `[::1]:${PORT}`]) {
    const res = await h(get("/api/meta", { host }));
    assert.equal(res.status, 200, host);
    await res.body?.cancel();
  }
  const page = await h(get("/"));
  assert.match(page.headers.get("content-security-policy") ?? "", /default-src 'none'/);
  assert.match(await page.text(), /\/assets\/app\.js/);
});

Deno.test("with --auth-token, requests need the token (query once, then cookie, or Bearer)", async () => {
  const h = await handlerFor(OUT, { authToken: "s3cret" });
  const none = await h(get("/api/runs"));
  assert.equal(none.status, 401);
  await none.body?.cancel();
  const wrong = await h(get("/api/runs", { authorization: "Bearer nope" }));
  assert.equal(wrong.status, 401);
  await wrong.body?.cancel();
  const login = await h(get("/?token=s3cret"));
  assert.equal(login.status, 303);
  const cookie = login.headers.get("set-cookie") ?? "";
  assert.match(cookie, /HttpOnly/);
  const withCookie = await h(get("/api/runs", { cookie: cookie.split(";")[0] }));
  assert.equal(withCookie.status, 200);
  await withCookie.body?.cancel();
  const bearer = await h(get("/api/runs", { authorization: "Bearer s3cret" }));
  assert.equal(bearer.status, 200);
  await bearer.body?.cancel();
});

Deno.test("startApp() refuses a --service that is not an http(s) URL, saying which flag", async () => {
  for (const service of ["ftp://127.0.0.1:9000", "127.0.0.1:9000"]) {
    await assert.rejects(
      () => startApp({ outputs: OUT, port: 0, service }),
      (e: unknown) =>
        e instanceof UserError && e.message.startsWith(`Cannot follow the service ${service}`) &&
        /--service http/.test(e.hint ?? ""),
    );
  }
});

Deno.test("startApp() listens on 127.0.0.1 by default and refuses another host without a token", async () => {
  await assert.rejects(
    () => startApp({ outputs: OUT, host: "0.0.0.0", port: 0 }),
    (e: unknown) => e instanceof UserError && /--auth-token/.test(e.hint ?? ""),
  );
  const app = await startApp({ outputs: OUT, port: 0 });
  try {
    assert.match(app.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(`http://127.0.0.1:${app.port}/api/meta`);
    assert.equal(res.status, 200);
    assert.equal((await res.json()).lang, "en");
  } finally {
    await app.shutdown();
  }
});

Deno.test("the runs API lists the fixture runs and knows a single-run root as '.'", async () => {
  const all = await json(await (await handlerFor(OUT))(get("/api/runs")));
  assert.equal((all.runs as unknown[]).length, 3);
  const one = await json(
    await (await handlerFor(join(OUT, "20250105_101500")))(get("/api/runs")),
  );
  const runs = one.runs as { id: string; kind: string }[];
  assert.deepEqual(runs.map((r) => [r.id, r.kind]), [[".", "eval"]]);
  const h = await handlerFor(join(OUT, "20250105_101500"));
  const run = await json(await h(get("/api/eval/run?id=.")));
  assert.equal((run.models as unknown[]).length, 2);
});

Deno.test("the samples API pages Fail samples and rejects bad parameters and unknown runs", async () => {
  const h = await handlerFor(OUT);
  const q = "id=20250105_101500&model=qwen-mini&benchmark=gsm8k&subset=main";
  const page = await json(await h(get(`/api/eval/samples?${q}&filter=fail&limit=4`)));
  assert.deepEqual(page.counts, { all: 40, pass: 31, fail: 9 });
  assert.equal((page.items as unknown[]).length, 4);
  const sample = await json(await h(get(`/api/eval/sample?${q}&index=0`)));
  assert.equal(sample.index, 0);
  const bad = await h(get(`/api/eval/samples?${q}&filter=maybe`));
  assert.equal(bad.status, 400);
  await bad.body?.cancel();
  const unknown = await h(get("/api/eval/run?id=..%2F..%2Fetc"));
  assert.equal(unknown.status, 404);
  await unknown.body?.cancel();
  const notAModel = await h(
    get(`/api/eval/samples?id=20250105_101500&model=../x&benchmark=gsm8k&subset=main`),
  );
  assert.equal(notAModel.status, 404);
  await notAModel.body?.cancel();
});

/** Scores per index from a reviews file, read independently of the app's readers. */
async function scores(model: string, file: string): Promise<Map<number, number>> {
  const text = await Deno.readTextFile(join(OUT, "20250105_101500", "reviews", model, file));
  const out = new Map<number, number>();
  for (const line of text.trim().split("\n")) {
    const r = JSON.parse(line);
    out.set(r.index, Number(r.sample_score.score.value.acc));
  }
  return out;
}

Deno.test("the compare API counts flips and gives McNemar's p and a bootstrap CI", async () => {
  const h = await handlerFor(OUT);
  const base = "/api/compare/pairs?a=20250105_101500::qwen-mini&b=20250105_101500::llama-tiny";
  const res = await json(await h(get(`${base}&benchmark=math_500`)));
  const a = new Map([
    ...[...(await scores("qwen-mini", "math_500_Level 1.jsonl"))].map(([i, v]) => [`1/${i}`, v]),
    ...[...(await scores("qwen-mini", "math_500_Level 3.jsonl"))].map(([i, v]) => [`3/${i}`, v]),
  ] as [string, number][]);
  const b = new Map([
    ...[...(await scores("llama-tiny", "math_500_Level 1.jsonl"))].map(([i, v]) => [`1/${i}`, v]),
    ...[...(await scores("llama-tiny", "math_500_Level 3.jsonl"))].map(([i, v]) => [`3/${i}`, v]),
  ] as [string, number][]);
  let aOnly = 0, bOnly = 0, both = 0, neither = 0;
  for (const [k, va] of a) {
    const vb = b.get(k)!;
    if (va && vb) both++;
    else if (va) aOnly++;
    else if (vb) bOnly++;
    else neither++;
  }
  const stats = res.stats as {
    flips: Record<string, number>;
    mcnemar: { exactP: number; midP: number };
    bootstrap: { diff: number; ci: [number, number] };
  };
  assert.deepEqual(stats.flips, { n: 40, bothPass: both, bothFail: neither, aOnly, bOnly });
  assert.equal(stats.mcnemar.exactP, mcnemarTest(aOnly, bOnly).exactP);
  assert.ok(Math.abs(stats.bootstrap.diff - (bOnly - aOnly) / 40) < 1e-12);
  assert.ok(
    stats.bootstrap.ci[0] <= stats.bootstrap.diff && stats.bootstrap.diff <= stats.bootstrap.ci[1],
  );
  assert.deepEqual(res.subsets, ["Level 1", "Level 3"]);
  // Filter "Pass A, Fail B" lists exactly the aOnly pairs; the interval is the same on every call.
  const filtered = await json(await h(get(`${base}&benchmark=math_500&filter=aOnly&limit=100`)));
  assert.equal((filtered.items as unknown[]).length, aOnly);
  assert.deepEqual((filtered.stats as typeof stats).bootstrap.ci, stats.bootstrap.ci);
  const oneSubset = await json(await h(get(`${base}&benchmark=math_500&subset=Level%201`)));
  assert.equal((oneSubset.stats as typeof stats).flips.n, 20);
});

Deno.test("the perf API returns a sweep and thinned request points", async () => {
  const h = await handlerFor(OUT);
  const id = encodeURIComponent("20250106_090000/qwen-mini");
  const sweep = await json(await h(get(`/api/perf/sweep?id=${id}`)));
  assert.equal((sweep.runs as unknown[]).length, 3);
  assert.equal(sweep.dir, undefined, "absolute folders are not sent");
  const pts = await json(
    await h(get(`/api/perf/requests?id=${id}&run=parallel_4_number_40&max=7`)),
  );
  assert.equal((pts.t as number[]).length, 7);
  const missing = await h(get(`/api/perf/requests?id=${id}&run=../../etc`));
  assert.equal(missing.status, 404);
  await missing.body?.cancel();
});

Deno.test("appCommand refuses a public host without a token and stops on its signal", async () => {
  const { appCommand } = await import("../../lib/cli/app.ts");
  const { parseOptions } = await import("../../lib/config/schema.ts");
  const parse = (args: string[]) => parseOptions(appCommand.spec, args);
  const controller = new AbortController();
  await assert.rejects(
    () =>
      appCommand.run({
        options: parse(["--outputs", OUT, "--host", "0.0.0.0", "--port", "0"]),
        signal: controller.signal,
      }),
    UserError,
  );
  const log = console.log;
  const lines: string[] = [];
  console.log = (...a: unknown[]) => lines.push(a.join(" "));
  try {
    const running = appCommand.run({
      options: parse(["--outputs", OUT, "--port", "0", "--server-name", "127.0.0.1"]),
      signal: controller.signal,
    });
    for (let i = 0; i < 100 && !lines.some((l) => l.includes("serving")); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    controller.abort();
    assert.equal(await running, 0);
  } finally {
    console.log = log;
  }
  assert.match(lines.join("\n"), /serving .* \(read-only\) at http:\/\/127\.0\.0\.1:\d+\//);
});
