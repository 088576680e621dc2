/**
 * The composite action and the release workflow, read as data: their inputs, outputs, targets and
 * flags agree with docs/ci.md, with the outputs lmeter writes, and with `deno task compile`.
 * (There is no Actions runner here; the workflows themselves only run on GitHub.)
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { parse } from "yaml";
import { publishCi } from "../../lib/ci/github_step.ts";
import { perfSummary } from "../../lib/ci/test_summaries.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

type Action = {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: { id?: string; uses?: string; run?: string; if?: string }[] };
};

const action = parse(await Deno.readTextFile(join(ROOT, "action.yml"))) as Action;
const docs = await Deno.readTextFile(join(ROOT, "docs/ci.md"));
const section = docs.slice(docs.indexOf("## The composite action"), docs.indexOf("## Releases"));

/** The first-column names of the Markdown table in `text` whose header starts with `head`. */
function tableNames(text: string, head: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`| ${head}`));
  const names = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    names.push(/^\| `([^`]+)`/.exec(line)![1]);
  }
  return names;
}

Deno.test("action.yml is a composite action whose inputs are the documented ones", () => {
  assert.equal(action.runs.using, "composite");
  assert.deepEqual(Object.keys(action.inputs), tableNames(section, "input"));
  for (const [name, input] of Object.entries(action.inputs)) {
    assert.ok(input.description, `input ${name} has a description`);
  }
});

Deno.test("action.yml passes through exactly the outputs lmeter writes, as documented", async () => {
  const documented = /Its outputs are lmeter's step outputs: (.*?) \(above\)/s.exec(section)![1]
    .match(/`([^`]+)`/g)!.map((s) => s.slice(1, -1));
  assert.deepEqual(Object.keys(action.outputs), documented);
  for (const [name, output] of Object.entries(action.outputs)) {
    assert.equal(output.value, `\${{ steps.run.outputs.${name} }}`);
  }
  // What a run in GitHub mode writes to $GITHUB_OUTPUT (benchmark files only with the export).
  const dir = await Deno.makeTempDir();
  try {
    const summary = { ...perfSummary(), resultsDir: dir };
    const written = await publishCi(summary, { github: true, env: {} }, { print: () => {} });
    assert.deepEqual(Object.keys(written).sort(), documented.toSorted());
    // ... and docs/ci.md's table of step outputs lists them all, the benchmark files too.
    const all = tableNames(docs.slice(docs.indexOf("### Step outputs")), "output").flatMap((n) =>
      n.split(/`, `/)
    );
    for (const name of Object.keys(written)) assert.ok(all.includes(name), name);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("action.yml picks the five release targets, checks SHA256SUMS, caches and keeps the results", () => {
  const text = JSON.stringify(action.runs.steps);
  for (
    const [os, target] of [
      ["Linux/X64", "x86_64-unknown-linux-gnu"],
      ["Linux/ARM64", "aarch64-unknown-linux-gnu"],
      ["macOS/X64", "x86_64-apple-darwin"],
      ["macOS/ARM64", "aarch64-apple-darwin"],
      ["Windows/X64", "x86_64-pc-windows-msvc"],
    ]
  ) {
    assert.ok(text.includes(`${os}) target=${target}`), target);
    assert.ok(section.includes(target), `docs name ${target}`);
  }
  assert.match(text, /sha256sum -c check\.txt/);
  const uses = action.runs.steps.map((s) => s.uses).filter(Boolean);
  assert.deepEqual(uses, ["actions/cache@v4", "actions/upload-artifact@v4"]);
  const cache = action.runs.steps.find((s) => s.uses === "actions/cache@v4") as {
    with: { path: string };
  };
  assert.equal(cache.with.path, "~/.cache/lmeter");
  const upload = action.runs.steps.find((s) => s.uses === "actions/upload-artifact@v4")!;
  assert.match(upload.if!, /^always\(\)/);
  const run = action.runs.steps.find((s) => s.id === "run")!;
  assert.match(run.run!, /lmeter "\$COMMAND" "\$@" --github/);
  assert.doesNotMatch(run.run!, /\$\{\{/, "inputs reach the shell through env, never inline");
});

Deno.test("the release workflow compiles the five targets with deno task compile's flags and publishes sums and the bundle", async () => {
  const text = await Deno.readTextFile(join(ROOT, ".github/workflows/release.yml"));
  const workflow = parse(text) as {
    on: { push: { tags: string[] } };
    jobs: Record<string, unknown>;
  };
  assert.deepEqual(workflow.on.push.tags, ["v*"]);
  assert.deepEqual(Object.keys(workflow.jobs), ["build", "smoke-arm64", "publish"]);
  const deno = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json")));
  const flags = (deno.tasks.compile.command as string).match(/ --(allow|unstable)-[a-z-]+/g)!;
  const compile = /deno compile([^\n]*\\\n[^\n]*)/.exec(text)![1];
  for (const flag of flags) assert.ok(compile.includes(flag), flag);
  for (
    const t of [
      "x86_64-unknown-linux-gnu",
      "aarch64-unknown-linux-gnu",
      "x86_64-apple-darwin",
      "aarch64-apple-darwin",
      "x86_64-pc-windows-msvc",
    ]
  ) {
    assert.ok(text.includes(t), t);
  }
  assert.match(text, /sha256sum \* > SHA256SUMS/);
  assert.match(text, /deno bundle --platform deno -o "release\/lmeter-\$version\.js" main\.ts/);
  assert.match(text, /runs-on: ubuntu-24\.04-arm/);
  assert.ok((await Deno.stat(join(ROOT, "scripts/release_smoke.sh"))).mode! & 0o111, "executable");
});
