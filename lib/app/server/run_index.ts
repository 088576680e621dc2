/**
 * The app's view of the outputs folder: which runs exist (by id, never by a path the client
 * sends), their parsed contents with a short cache, and indexed subsets for paging.
 *
 * @module
 */
import { join } from "node:path";
import {
  type DiscoveredRun,
  discoverRuns,
  type EvalRunView,
  fileStamp,
  type PerfSweepView,
  readEvalRun,
  readPerfSweep,
  type RunListItem,
  runListItem,
  type SafeFs,
  type SubsetFiles,
  SubsetSamples,
} from "../../results/read/mod.ts";

/** A request for something that does not exist (mapped to HTTP 404). */
export class NotFound extends Error {
  constructor(what: string) {
    super(`Not found: ${what}`);
    this.name = "NotFound";
  }
}

const TTL_MS = 3000;
const MAX_SUBSETS = 24;

/** Runs and their contents under one root. */
export class RunIndex {
  readonly fs: SafeFs;
  #runs = new Map<string, DiscoveredRun>();
  #evalCache = new Map<string, { at: number; value: EvalRunView }>();
  #perfCache = new Map<string, { at: number; value: PerfSweepView }>();
  #subsets = new Map<string, SubsetSamples>();
  readonly #now: () => number;

  constructor(fs: SafeFs, options: { now?: () => number } = {}) {
    this.fs = fs;
    this.#now = options.now ?? Date.now;
  }

  /** Rescans the root and returns the runs list, newest first. */
  async list(): Promise<RunListItem[]> {
    const found = await discoverRuns(this.fs);
    this.#runs = new Map(found.map((r) => [r.id, r]));
    const items: RunListItem[] = [];
    for (const r of found) items.push(await runListItem(this.fs, r));
    return items.sort((a, b) =>
      (b.date ?? "").localeCompare(a.date ?? "") || a.id.localeCompare(b.id)
    );
  }

  /** The discovered run with `id` (rescanning once when unknown). */
  async run(id: string, kind: "eval" | "perf"): Promise<DiscoveredRun> {
    let r = this.#runs.get(id);
    if (!r) {
      this.#runs = new Map((await discoverRuns(this.fs)).map((x) => [x.id, x]));
      r = this.#runs.get(id);
    }
    if (!r || r.kind !== kind) throw new NotFound(`${kind} run '${id}'`);
    return r;
  }

  /** An eval run's contents. */
  evalRun(id: string): Promise<EvalRunView> {
    return this.#fresh(
      this.#evalCache,
      id,
      async () => await readEvalRun(this.fs, (await this.run(id, "eval")).dir),
    );
  }

  /** A perf sweep's contents. */
  perfSweep(id: string): Promise<PerfSweepView> {
    return this.#fresh(
      this.#perfCache,
      id,
      async () => await readPerfSweep(this.fs, (await this.run(id, "perf")).dir),
    );
  }

  /** The cached value of `id` while it is younger than the TTL, else a fresh read. */
  async #fresh<T>(
    cache: Map<string, { at: number; value: T }>,
    id: string,
    read: () => Promise<T>,
  ): Promise<T> {
    const hit = cache.get(id);
    if (hit && this.#now() - hit.at < TTL_MS) return hit.value;
    const value = await read();
    cache.set(id, { at: this.#now(), value });
    return value;
  }

  /** The files of one subset of a model in an eval run. */
  async subsetFiles(
    id: string,
    model: string,
    benchmark: string,
    subset: string,
  ): Promise<SubsetFiles> {
    const run = await this.evalRun(id);
    const m = run.models.find((x) => x.model === model);
    if (!m) throw new NotFound(`model '${model}' in run '${id}'`);
    const s = m.subsets.find((x) => x.benchmark === benchmark && x.subset === subset);
    if (!s) throw new NotFound(`subset '${benchmark}/${subset}' of '${model}'`);
    return s;
  }

  /** The indexed samples of a subset (re-indexed when its files changed). */
  async samples(
    id: string,
    model: string,
    benchmark: string,
    subset: string,
  ): Promise<SubsetSamples> {
    const files = await this.subsetFiles(id, model, benchmark, subset);
    const key = JSON.stringify([id, model, benchmark, subset]);
    const cached = this.#subsets.get(key);
    if (cached && cached.stamp === await fileStamp(files)) {
      this.#subsets.delete(key);
      this.#subsets.set(key, cached);
      return cached;
    }
    const fresh = await SubsetSamples.load(this.fs, files);
    this.#subsets.set(key, fresh);
    if (this.#subsets.size > MAX_SUBSETS) {
      this.#subsets.delete(this.#subsets.keys().next().value!);
    }
    return fresh;
  }

  /** The path of a perf run's database, when it exists inside the root. */
  async perfDb(id: string, runName: string): Promise<string> {
    const sweep = await this.perfSweep(id);
    const run = sweep.runs.find((r) => r.name === runName);
    if (!run || !run.hasDb) throw new NotFound(`database of run '${runName}'`);
    return await this.fs.check(join(run.dir, "benchmark_data.db"));
  }
}
