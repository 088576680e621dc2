/**
 * The shipping forms: the one-file bundle is built and run here; the compiled binary needs
 * Deno's runtime (denort), which only a connected machine or DENORT_BIN can provide.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname;

async function deno(
  args: string[],
  cwd = ROOT,
): Promise<{ code: number; out: string; err: string }> {
  const r = await new Deno.Command(Deno.execPath(), { args, cwd, stdout: "piped", stderr: "piped" })
    .output();
  const dec = new TextDecoder();
  return { code: r.code, out: dec.decode(r.stdout), err: dec.decode(r.stderr) };
}

Deno.test("the bundle is one file that runs lmeter from any directory", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = join(dir, "lmeter.js");
    const b = await deno(["bundle", "--platform", "deno", "-o", file, "main.ts"]);
    assert.equal(b.code, 0, b.err);
    const flags = ["run", "--allow-all", "--unstable-kv", "--unstable-worker-options", file];
    const v = await deno([...flags, "--version"], dir);
    assert.equal(v.code, 0, v.err);
    assert.match(v.out, /^lmeter \d+\.\d+\.\d+/);
    const h = await deno([...flags, "perf", "--help"], dir);
    assert.equal(h.code, 0, h.err);
    assert.match(h.out, /Usage: lmeter perf/);

    // The bundle's own simulator and a perf run against it: the scoped worker, the request
    // worker inside it and the HTTP transport all work from the one file.
    const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (l.addr as Deno.NetAddr).port;
    l.close();
    const sim = new Deno.Command(Deno.execPath(), {
      args: [...flags, "sim", "--port", String(port), "--ttft-ms", "5", "--itl-ms", "1"],
      cwd: dir,
      stdout: "null",
      stderr: "null",
    }).spawn();
    try {
      await waitForModels(`http://127.0.0.1:${port}/v1/models`);
      const p = await deno([
        ...flags,
        "perf",
        "--url",
        `http://127.0.0.1:${port}/v1/chat/completions`,
        "--model",
        "lmeter-sim",
        "--parallel",
        "2",
        "--number",
        "6",
        "--max-tokens",
        "8",
        "--dataset",
        "random",
        "--min-prompt-length",
        "16",
        "--max-prompt-length",
        "32",
        "--outputs-dir",
        join(dir, "out"),
        "--name",
        "bundled",
        "--no-timestamp",
      ], dir);
      assert.equal(p.code, 0, p.err);
      const summary = JSON.parse(
        await Deno.readTextFile(
          join(dir, "out", "bundled", "parallel_2_number_6", "benchmark_summary.json"),
        ),
      );
      assert.equal(summary["Success Requests"], 6);
      assert.equal(summary["Failed Requests"], 0);
    } finally {
      sim.kill("SIGTERM");
      await sim.status;
    }
    await scoresIfevalOffline(flags, dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/**
 * IFEval from the bundle, with the network cut (`unshare -rn`, when the machine allows it): the
 * checkers, Punkt's parameters and langdetect's profiles are all inside the one file, and the
 * verdicts are the reference's.
 */
async function scoresIfevalOffline(flags: string[], dir: string): Promise<void> {
  const fixture = new URL("./fixtures/ifeval/verdicts.jsonl", import.meta.url);
  const lines = (await Deno.readTextFile(fixture)).trim().split("\n").slice(55, 62)
    .map((l) => JSON.parse(l));
  const input = join(dir, "ifeval_in.jsonl");
  await Deno.writeTextFile(input, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
  const args = [...flags, "score", "--benchmark", "ifeval", "--input", input, "--output"];
  const cut = await new Deno.Command("unshare", { args: ["-rn", "true"] }).output()
    .then((o) => o.success, () => false);
  const r = cut
    ? await new Deno.Command("unshare", {
      args: ["-rn", Deno.execPath(), ...args, join(dir, "ifeval_out.jsonl")],
      cwd: dir,
      stdout: "piped",
      stderr: "piped",
    }).output().then((o) => ({ code: o.code, err: new TextDecoder().decode(o.stderr) }))
    : await deno([...args, join(dir, "ifeval_out.jsonl")], dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /prompt_level_strict\s+\d/);
  const out = (await Deno.readTextFile(join(dir, "ifeval_out.jsonl"))).trim().split("\n")
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    out.map((o) => [o.follow_instruction_list_strict, o.follow_instruction_list_loose]),
    lines.map((l) => [l.follow_instruction_list_strict, l.follow_instruction_list_loose]),
  );
}

async function waitForModels(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(url);
      await r.body?.cancel();
      if (r.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the bundled simulator did not answer ${url} within 10 s`);
}

function denortAvailable(): string | null {
  const env = Deno.env.get("DENORT_BIN");
  if (env && existsSync(env)) return env;
  const denoDir = Deno.env.get("DENO_DIR") ?? join(Deno.env.get("HOME") ?? "", ".cache", "deno");
  const zip = join(
    denoDir,
    "dl",
    "release",
    `v${Deno.version.deno}`,
    "denort-x86_64-unknown-linux-gnu.zip",
  );
  return existsSync(zip) ? zip : null;
}

const denort = denortAvailable();

Deno.test({
  name: denort
    ? "deno task compile builds a binary that runs lmeter"
    : "SKIP compile: denort not available offline (set DENORT_BIN or seed $DENO_DIR/dl/release/v2.9.6/)",
  ignore: denort === null,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const bin = join(dir, "lmeter");
      const c = await deno([
        "compile",
        "--allow-all",
        "--unstable-kv",
        "--unstable-worker-options",
        "-o",
        bin,
        "main.ts",
      ]);
      assert.equal(c.code, 0, c.err);
      const r = await new Deno.Command(bin, { args: ["--version"], stdout: "piped" }).output();
      assert.match(new TextDecoder().decode(r.stdout), /^lmeter \d/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
