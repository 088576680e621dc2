import assert from "node:assert/strict";
import { join } from "node:path";
import { parseCommandArgs } from "../../lib/cli/command.ts";
import { type BenchmarkDatasets, makeDatasetsCommand } from "../../lib/cli/datasets.ts";
import { UserError } from "../../lib/errors.ts";
import { benchmarkPullTargets, rowsHash } from "../../lib/data/mod.ts";
import { closedPort, startFakeHub } from "./fake_hub.ts";
import { jsonl, MATH_ROWS, tempDir } from "./fixtures.ts";
import { captureConsole } from "../capture_console.ts";

interface Run {
  code: number;
  out: string;
  err: string;
}

/** Prints an error as the CLI does (lib/cli/main.ts), without importing every command. */
function reportError(e: unknown): number {
  if (!(e instanceof UserError)) throw e;
  console.error(`error: ${e.message}`);
  if (e.hint) console.error(`hint: ${e.hint}`);
  return e.exitCode;
}

/** Runs `lmeter datasets …` in-process with a given environment, capturing its output. */
async function run(
  args: string[],
  env: Record<string, string>,
  benchmarks?: BenchmarkDatasets,
): Promise<Run> {
  const r = await captureConsole(async () => {
    const command = makeDatasetsCommand({ env: () => env, benchmarks });
    try {
      const options = await parseCommandArgs(command.spec, args);
      return await command.run({ options, signal: new AbortController().signal });
    } catch (e) {
      return reportError(e);
    }
  });
  return { code: r.value, out: r.out, err: r.err };
}

const FILES = {
  "main/test.jsonl": jsonl(MATH_ROWS),
  "main/train.jsonl": jsonl(MATH_ROWS.slice(0, 1)),
  "socratic/test.jsonl": jsonl(MATH_ROWS.slice(2)),
};

Deno.test("datasets pull downloads a repo into DIR/<owner>/<name> and inspect pins its split", async () => {
  await using cache = await tempDir();
  await using to = await tempDir();
  const hub = startFakeHub({
    repos: [{ hub: "modelscope", repoId: "AI-Test/gsm-mini", files: FILES }],
  });
  const env = { LMETER_CACHE: cache.path, MODELSCOPE_ENDPOINT: hub.url, HF_ENDPOINT: hub.url };
  try {
    const r = await run(["pull", "AI-Test/gsm-mini", "--to", to.path, "--include", "main/**"], env);
    assert.equal(r.code, 0, r.err);
    const root = join(to.path, "AI-Test", "gsm-mini");
    assert.match(
      r.out,
      new RegExp(`^pulled AI-Test/gsm-mini \\(modelscope, master\\): 2 files in ${root}$`, "m"),
    );
    assert.match(r.out, /run with --dataset-dir/);
    assert.match(r.err, /downloading AI-Test\/gsm-mini\/main\/test\.jsonl/);
    assert.equal(
      await Deno.readTextFile(join(root, "main", "test.jsonl")),
      FILES["main/test.jsonl"],
    );
    await assert.rejects(Deno.stat(join(root, "socratic")), Deno.errors.NotFound);
  } finally {
    await hub.close();
  }
  const root = join(to.path, "AI-Test", "gsm-mini");
  const i = await run(["inspect", root, "--subset", "main", "--split", "test"], {
    LMETER_CACHE: cache.path,
  });
  assert.equal(i.code, 0, i.err);
  assert.equal(
    i.out,
    [
      "main/test: 3 rows",
      "  files:    main/test.jsonl",
      "  columns:  question, answer",
      `  manifest: {"rows":3,"sha256":"${rowsHash(MATH_ROWS)}"}`,
    ].join("\n"),
  );
});

Deno.test("datasets pull resolves benchmark names through the registry hook", async () => {
  await using cache = await tempDir();
  await using to = await tempDir();
  const hub = startFakeHub({
    repos: [{ hub: "huggingface", repoId: "acme/gsm-mini", files: FILES }],
  });
  const env = { LMETER_CACHE: cache.path, HF_ENDPOINT: hub.url };
  const asked: string[] = [];
  const benchmarks: BenchmarkDatasets = (name, hub) => {
    asked.push(`${name}@${hub}`);
    return name === "toy_gsm"
      ? [{ repoId: "acme/gsm-mini", hub, include: ["socratic/**"], label: "toy_gsm" }]
      : undefined;
  };
  try {
    const r = await run(
      ["pull", "toy_gsm", "--hub", "huggingface", "--to", to.path, "--json"],
      env,
      benchmarks,
    );
    assert.equal(r.code, 0, r.err);
    const result = JSON.parse(r.out);
    assert.deepEqual(result[0].files, ["socratic/test.jsonl"]);
    assert.equal(result[0].root, join(to.path, "acme", "gsm-mini"));
    assert.deepEqual(asked, ["toy_gsm@huggingface"]);
    const unknown = await run(["pull", "nope", "--to", to.path], env, benchmarks);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /Cannot pull 'nope': no benchmark has that name/);
  } finally {
    await hub.close();
  }
});

Deno.test("datasets pull of a benchmark name without a registry explains to pass a dataset id", async () => {
  await using to = await tempDir();
  const r = await run(["pull", "gsm8k", "--to", to.path], { LMETER_CACHE: to.path });
  assert.equal(r.code, 2);
  assert.match(r.err, /Cannot pull 'gsm8k': benchmark names are not available in this build yet/);
  assert.match(r.err, /hint: Pass the dataset id instead, e.g\. AI-ModelScope\/gsm8k/);
});

Deno.test("datasets pull with no network exits 1 with the offline recipe", async () => {
  await using to = await tempDir();
  const url = `http://127.0.0.1:${closedPort()}`;
  const r = await run(["pull", "AI-ModelScope/gsm8k", "--to", to.path], {
    LMETER_CACHE: to.path,
    MODELSCOPE_ENDPOINT: url,
  });
  assert.equal(r.code, 1);
  assert.match(
    r.err,
    /^error: Cannot download AI-ModelScope\/gsm8k from modelscope: network unreachable/m,
  );
  assert.match(r.err, /^hint: Use --dataset-hub local with --dataset-dir DIR/m);
});

Deno.test("datasets list-cache and path show the cache", async () => {
  await using cache = await tempDir();
  const hub = startFakeHub({
    repos: [{ hub: "modelscope", repoId: "AI-Test/gsm-mini", files: FILES }],
  });
  const env = { LMETER_CACHE: cache.path, MODELSCOPE_ENDPOINT: hub.url };
  try {
    const empty = await run(["list-cache"], env);
    assert.equal(empty.out, `No datasets cached in ${cache.path}`);
    const { loadSplit, resolveDataSettings } = await import("../../lib/data/mod.ts");
    await loadSplit(
      { datasetId: "AI-Test/gsm-mini", hub: "modelscope", subset: "main", split: "test" },
      { settings: resolveDataSettings(env) },
    );
  } finally {
    await hub.close();
  }
  const list = await run(["list-cache"], env);
  assert.equal(list.code, 0);
  assert.match(list.out, /^ {2}modelscope {2}AI-Test\/gsm-mini {2}master {4}1\/3 {4}\d+ B$/m);
  const path = await run(["path", "AI-Test/gsm-mini"], env);
  assert.equal(
    path.out,
    join(cache.path, "datasets", "modelscope", "AI-Test", "gsm-mini", "master"),
  );
});

Deno.test("datasets with an unknown action exits 2 and lists the actions", async () => {
  const r = await run(["frobnicate"], {});
  assert.equal(r.code, 2);
  assert.match(r.err, /Unknown action 'frobnicate' for 'lmeter datasets'/);
  assert.match(r.err, /Actions are pull, pack, verify, unpack, list-cache, path, inspect/);
});

Deno.test("datasets pull <benchmark> fetches exactly its subsets' eval and train splits", async () => {
  await using cache = await tempDir();
  await using to = await tempDir();
  const hub = startFakeHub({
    repos: [{
      hub: "modelscope",
      repoId: "AI-Test/gsm-mini",
      files: { ...FILES, "main/test.extra.md": "notes", "README.md": "# x" },
    }],
  });
  const def = {
    name: "toy_gsm",
    dataset: { id: "AI-Test/gsm-mini", evalSplit: "test", trainSplit: "train", subsets: ["main"] },
  };
  const files = { name: "toy_files", dataset: { ...def.dataset, layout: "files" as const } };
  const registry: BenchmarkDatasets = (name, hub) => {
    const found = [def, files].find((d) => d.name === name);
    return found ? benchmarkPullTargets(found, hub) : undefined;
  };
  const env = { LMETER_CACHE: cache.path, MODELSCOPE_ENDPOINT: hub.url };
  try {
    const r = await run(["pull", "toy_gsm", "--to", to.path, "--json"], env, registry);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out)[0].files, ["main/test.jsonl", "main/train.jsonl"]);
    const own = await run(["pull", "toy_files", "--to", to.path], env, registry);
    assert.equal(own.code, 2);
    assert.match(own.err, /Cannot pull 'toy_files': it reads your own files/);
  } finally {
    await hub.close();
  }
});

Deno.test("the registered datasets command resolves real benchmark names (unknown ones get a suggestion)", async () => {
  const { datasetsCommand } = await import("../../lib/cli/datasets.ts");
  const err: string[] = [];
  const error = console.error;
  console.error = (...a: unknown[]) => err.push(a.join(" "));
  try {
    const options = await parseCommandArgs(datasetsCommand.spec, [
      "pull",
      "gsm8kk",
      "--to",
      "/nonexistent",
    ]);
    await datasetsCommand.run({ options, signal: new AbortController().signal });
    assert.fail("expected an error");
  } catch (e) {
    assert.equal(reportError(e), 2);
  } finally {
    console.error = error;
  }
  assert.match(err.join("\n"), /Unknown benchmark "gsm8kk"/);
  assert.match(err.join("\n"), /Did you mean gsm8k/);
});
