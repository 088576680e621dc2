/**
 * The app's JSON API (read-only, paged):
 *
 * | route | answer |
 * | --- | --- |
 * | `/api/meta` | version, language, root |
 * | `/api/runs` | every eval run and perf sweep under the root |
 * | `/api/eval/run?id=` | an eval run: config, models, reports, subset files |
 * | `/api/eval/samples?id=&model=&benchmark=&subset=&filter=&threshold=&q=&offset=&limit=` | a page of samples |
 * | `/api/eval/sample?id=&model=&benchmark=&subset=&index=` | one sample |
 * | `/api/eval/arena?id=&model=&benchmark=&limit=` | an arena benchmark's win rates, leaderboard and battles |
 * | `/api/compare/pairs?a=&b=&benchmark=&subset=&filter=&threshold=&offset=&limit=` | paired samples and statistics |
 * | `/api/perf/sweep?id=` | a perf sweep |
 * | `/api/perf/requests?id=&run=&max=` | one run's per-request points |
 *
 * @module
 */
import { VERSION } from "../../util/version.ts";
import { readRequestPoints, type SampleFilter } from "../../results/read/mod.ts";
import { comparePairs, type PairFilter, parseModelRef } from "./compare.ts";
import { NotFound, type RunIndex } from "./run_index.ts";
import { arenaView } from "./arena.ts";

/** What the API needs. */
export interface ApiContext {
  index: RunIndex;
  lang: string;
}

/** A client error (HTTP 400). */
export class BadRequest extends Error {}

function need(params: URLSearchParams, name: string): string {
  const v = params.get(name);
  if (v === null || v === "") throw new BadRequest(`missing parameter '${name}'`);
  return v;
}

function int(params: URLSearchParams, name: string, fallback: number): number {
  const v = params.get(name);
  if (v === null || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new BadRequest(`'${name}' must be a whole number`);
  return n;
}

function threshold(params: URLSearchParams): number {
  const v = params.get("threshold");
  if (v === null || v === "") return 0.99;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new BadRequest("'threshold' must be a number");
  return n;
}

function oneOf<T extends string>(v: string | null, allowed: readonly T[], fallback: T): T {
  if (v === null || v === "") return fallback;
  if (!(allowed as readonly string[]).includes(v)) {
    throw new BadRequest(`'${v}' is not one of ${allowed.join(", ")}`);
  }
  return v as T;
}

/** Answers an `/api/…` route with a JSON-able value; throws NotFound / BadRequest. */
export async function apiRoute(
  ctx: ApiContext,
  route: string,
  params: URLSearchParams,
): Promise<unknown> {
  const { index } = ctx;
  switch (route) {
    case "/api/meta":
      return { version: VERSION, lang: ctx.lang, root: index.fs.root };
    case "/api/runs":
      return { root: index.fs.root, runs: await index.list() };
    case "/api/eval/run": {
      const id = need(params, "id");
      const run = await index.evalRun(id);
      return {
        id,
        name: run.name,
        createdAt: run.createdAt,
        config: run.config,
        configText: run.configText,
        hasHtml: run.hasHtml,
        models: run.models.map((m) => ({
          model: m.model,
          reports: m.reports,
          thinkbench: m.thinkbench,
          subsets: m.subsets.map((s) => ({
            benchmark: s.benchmark,
            subset: s.subset,
            hasPredictions: s.predictions !== null,
            hasReviews: s.reviews !== null,
          })),
        })),
      };
    }
    case "/api/eval/arena":
      return await arenaView(index, {
        id: need(params, "id"),
        model: need(params, "model"),
        benchmark: need(params, "benchmark"),
      }, { limit: Math.min(1000, int(params, "limit", 500)) });
    case "/api/eval/samples": {
      const samples = await index.samples(
        need(params, "id"),
        need(params, "model"),
        need(params, "benchmark"),
        need(params, "subset"),
      );
      return await samples.page({
        filter: oneOf<SampleFilter>(params.get("filter"), ["all", "pass", "fail"], "all"),
        threshold: threshold(params),
        query: params.get("q") ?? "",
        offset: int(params, "offset", 0),
        limit: int(params, "limit", 20),
      });
    }
    case "/api/eval/sample": {
      const samples = await index.samples(
        need(params, "id"),
        need(params, "model"),
        need(params, "benchmark"),
        need(params, "subset"),
      );
      const detail = await samples.detail(int(params, "index", -1));
      if (!detail) throw new NotFound(`sample ${params.get("index")}`);
      return detail;
    }
    case "/api/compare/pairs": {
      const subset = params.get("subset");
      return await comparePairs(index, {
        a: parseModelRef(params.get("a")),
        b: parseModelRef(params.get("b")),
      }, {
        benchmark: need(params, "benchmark"),
        subset: subset ? subset : null,
        filter: oneOf<PairFilter>(
          params.get("filter"),
          ["all", "bothPass", "bothFail", "aOnly", "bOnly"],
          "all",
        ),
        threshold: threshold(params),
        offset: int(params, "offset", 0),
        limit: int(params, "limit", 20),
      });
    }
    case "/api/perf/sweep": {
      const id = need(params, "id");
      const s = await index.perfSweep(id);
      return {
        id,
        ...s,
        dir: undefined,
        runs: s.runs.map((r) => ({ ...r, dir: undefined })),
      };
    }
    case "/api/perf/requests": {
      const db = await index.perfDb(need(params, "id"), need(params, "run"));
      const points = readRequestPoints(db, {
        maxPoints: Math.min(20000, int(params, "max", 4000)),
      });
      if (!points) throw new NotFound("request table in benchmark_data.db");
      return points;
    }
  }
  throw new NotFound(`API route ${route}`);
}
