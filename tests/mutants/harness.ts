/**
 * The mutation check's engine: applies each listed mutant to a scratch copy of the repository (never
 * to the working tree), runs the mutant's test files there and reports whether a test failed
 * (caught) or all passed (survived).
 *
 * Before any mutant runs, every entry is checked (its file and test files exist, its anchor text
 * occurs exactly once, the replacement differs) and the unmutated scratch copy must pass all the
 * named test files. A stale entry is an error, never a silent pass.
 *
 * @module
 */
import { dirname, join, relative } from "node:path";

/** One semantic mutation of the product. */
export interface Mutant {
  /** Short unique name, kebab-case (`sse-crlf-split`). */
  id: string;
  /** The file to mutate, relative to the repository root. */
  file: string;
  /** The anchor: text that must occur exactly once in `file`. */
  find: string;
  /** What the anchor becomes. */
  replace: string;
  /** What the mutation breaks, in a few words. */
  description: string;
  /** Test files (relative to the root) that must catch the mutant. */
  tests: readonly string[];
  /** Runs only the tests whose name contains this text (`deno test --filter`), for slow files. */
  filter?: string;
}

/** How one mutant ended. `error`: the entry is stale or invalid, or the mutant did not parse. */
export type MutantStatus = "caught" | "survived" | "error";

/** The result of one mutant. */
export interface MutantResult {
  mutant: Mutant;
  status: MutantStatus;
  /**
   * Why it is an error; for a caught mutant the first failing test, or `timeout` when the tests
   * ran out of time (counted as caught).
   */
  detail?: string;
  /** Seconds its tests took. */
  seconds: number;
}

/** Options of {@linkcode runMutants}. */
export interface RunMutantsOptions {
  /** The repository root the scratch copies are made from. */
  root: string;
  /** How many mutants run at once (one scratch copy each). Default 2. */
  jobs?: number;
  /** Seconds one mutant's tests may take before they count as caught (timeout). Default 300. */
  timeoutSeconds?: number;
  /** Called as each mutant finishes. */
  onResult?: (result: MutantResult) => void;
}

/** The whole run: per-mutant results, or a baseline failure that stopped it before any mutant. */
export interface MutantsReport {
  results: MutantResult[];
  /** The output of the unmutated tests when they failed (then no mutant ran). */
  baselineFailure?: string;
  seconds: number;
}

/** Folders never copied into a scratch copy (`node_modules` is linked instead). */
const SKIP = new Set([".git", "node_modules", "dist", "outputs", "cov", "tmp", ".lmeter-cache"]);

/** Why an entry cannot run (missing file, anchor not found exactly once, …), or null when it can. */
export async function checkMutant(mutant: Mutant, root: string): Promise<string | null> {
  let text: string;
  try {
    text = await Deno.readTextFile(join(root, mutant.file));
  } catch {
    return `file ${mutant.file} does not exist`;
  }
  const count = text.split(mutant.find).length - 1;
  if (count !== 1) {
    return `anchor ${
      JSON.stringify(shorten(mutant.find))
    } occurs ${count} times in ${mutant.file}` +
      " (it must occur exactly once: update the entry)";
  }
  if (mutant.find === mutant.replace) return "the replacement equals the anchor";
  if (mutant.tests.length === 0) return "no test files named";
  for (const t of mutant.tests) {
    try {
      await Deno.stat(join(root, t));
    } catch {
      return `test file ${t} does not exist`;
    }
  }
  return null;
}

/** Checks the entries, runs the baseline, then every valid mutant with bounded parallelism. */
export async function runMutants(
  mutants: readonly Mutant[],
  options: RunMutantsOptions,
): Promise<MutantsReport> {
  const started = performance.now();
  const { root, jobs = 2, timeoutSeconds = 300, onResult } = options;
  const seconds = () => (performance.now() - started) / 1000;
  const results: MutantResult[] = [];
  const valid: Mutant[] = [];
  const ids = new Set<string>();
  for (const mutant of mutants) {
    const problem = ids.has(mutant.id)
      ? `id ${mutant.id} is listed twice`
      : await checkMutant(mutant, root);
    ids.add(mutant.id);
    if (problem === null) valid.push(mutant);
    else record({ mutant, status: "error", detail: problem, seconds: 0 });
  }
  function record(result: MutantResult) {
    results.push(result);
    onResult?.(result);
  }
  if (valid.length === 0) return { results, seconds: seconds() };
  const slots = Math.max(1, Math.min(jobs, valid.length));
  const copies = await Promise.all(Array.from({ length: slots }, () => scratchCopy(root)));
  try {
    const allTests = [...new Set(valid.flatMap((m) => m.tests))].sort();
    const baseline = await runTests(copies[0], allTests, timeoutSeconds * 4);
    if (!baseline.ok) {
      return { results, baselineFailure: baseline.output, seconds: seconds() };
    }
    let next = 0;
    await Promise.all(copies.map(async (copy) => {
      while (next < valid.length) {
        record(await runOne(valid[next++], copy, timeoutSeconds));
      }
    }));
  } finally {
    for (const copy of copies) await Deno.remove(copy, { recursive: true }).catch(() => {});
  }
  return { results, seconds: seconds() };
}

/** Applies one mutant in `copy`, runs its tests, and puts the original text back. */
async function runOne(mutant: Mutant, copy: string, timeoutSeconds: number): Promise<MutantResult> {
  const path = join(copy, mutant.file);
  const original = await Deno.readTextFile(path);
  const t0 = performance.now();
  await Deno.writeTextFile(path, original.replace(mutant.find, () => mutant.replace));
  try {
    const tests = mutant.filter === undefined
      ? mutant.tests
      : ["--filter", mutant.filter, ...mutant.tests];
    const run = await runTests(copy, tests, timeoutSeconds);
    const seconds = (performance.now() - t0) / 1000;
    if (run.timedOut) return { mutant, status: "caught", detail: "timeout", seconds };
    if (/source code could not be parsed|The module's source code/.test(run.output)) {
      return { mutant, status: "error", detail: "the mutated file does not parse", seconds };
    }
    if (run.ok && /\b0 passed\b/.test(run.output)) {
      return {
        mutant,
        status: "error",
        detail: "no test ran (check its tests and filter)",
        seconds,
      };
    }
    if (run.ok) return { mutant, status: "survived", seconds };
    return { mutant, status: "caught", detail: firstFailure(run.output), seconds };
  } finally {
    await Deno.writeTextFile(path, original);
  }
}

/** Runs `deno test` with `args` (test files, a filter) in `cwd`; type checking is skipped (a mutant is judged by tests). */
async function runTests(
  cwd: string,
  args: readonly string[],
  timeoutSeconds: number,
): Promise<{ ok: boolean; timedOut: boolean; output: string }> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutSeconds * 1000);
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["test", "--allow-all", "--no-check", ...args],
      cwd,
      env: { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      signal: controller.signal,
    }).output();
    const dec = new TextDecoder();
    return {
      ok: out.success,
      timedOut,
      output: dec.decode(out.stdout) + dec.decode(out.stderr),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** A fresh copy of the repository's files in a temporary folder; `node_modules` is linked. */
async function scratchCopy(root: string): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "lmeter-mutants-" });
  await copyTree(root, dir, root);
  try {
    await Deno.stat(join(root, "node_modules"));
    await Deno.symlink(join(root, "node_modules"), join(dir, "node_modules"));
  } catch {
    // no installed packages: deno installs them in the copy when a test needs them
  }
  return dir;
}

async function copyTree(from: string, to: string, root: string): Promise<void> {
  for await (const entry of Deno.readDir(from)) {
    if (SKIP.has(entry.name) && from === root) continue;
    const src = join(from, entry.name);
    const dst = join(to, relative(from, src));
    if (entry.isDirectory) {
      await Deno.mkdir(dst, { recursive: true });
      await copyTree(src, dst, root);
    } else if (entry.isFile) {
      await Deno.mkdir(dirname(dst), { recursive: true });
      await Deno.copyFile(src, dst);
    }
  }
}

/** The name of the first failing test in `deno test` output (`name => file:line:col`). */
export function firstFailure(output: string): string | undefined {
  const m = /^(.+) => \S+:\d+:\d+$/m.exec(output);
  return m ? m[1].trim() : undefined;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
