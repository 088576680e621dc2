/**
 * The arena view of a judged pairwise benchmark (`arena_hard`, `general_arena`): its win rates per
 * subset with their bootstrap bounds, the run's `leaderboard.txt`, and the battles — each sample's
 * games with the seats the judge saw and its verdict labels — read from the review files.
 *
 * @module
 */
import { join } from "node:path";
import { isRecord } from "../../util/is_record.ts";
import { NotFound, type RunIndex } from "./run_index.ts";

/** One game as the review records it. */
export interface ArenaGameView {
  modelA: string;
  modelB: string;
  judgment: string | null;
}

/** One judged sample. */
export interface ArenaBattleView {
  subset: string;
  index: number;
  /** The start of the question. */
  question: string;
  candidate: string | null;
  baseline: string | null;
  games: ArenaGameView[];
  /** The candidate's side of the verdicts on 0..1; null for a judge error. */
  score: number | null;
}

/** One subset's win rate against the baseline. */
export interface ArenaSubsetView {
  name: string;
  num: number;
  winrate: number;
  lower: number | null;
  upper: number | null;
}

/** The `/api/eval/arena` answer. */
export interface ArenaView {
  benchmark: string;
  subsets: ArenaSubsetView[];
  leaderboard: string | null;
  battles: ArenaBattleView[];
  /** Samples in the benchmark's subsets (battles lists at most `limit`). */
  total: number;
}

const QUESTION = 200;

/** The arena view of `benchmark` for `model` of run `id`, with at most `limit` battles. */
export async function arenaView(
  index: RunIndex,
  ref: { id: string; model: string; benchmark: string },
  options: { limit: number },
): Promise<ArenaView> {
  const run = await index.evalRun(ref.id);
  const model = run.models.find((m) => m.model === ref.model);
  const report = model?.reports.find((r) => r.dataset === ref.benchmark);
  if (!model || !report) throw new NotFound(`benchmark '${ref.benchmark}' of '${ref.model}'`);
  const metric = (name: string) => report.metrics.find((m) => m.name === name);
  const bySubset = (name: string) =>
    new Map(metric(name)?.categories.flatMap((c) => c.subsets).map((s) => [s.name, s]) ?? []);
  const lower = bySubset("winrate_lower");
  const upper = bySubset("winrate_upper");
  const subsets = [...bySubset("winrate").values()].map((s): ArenaSubsetView => ({
    name: s.name,
    num: s.num,
    winrate: s.score,
    lower: lower.get(s.name)?.score ?? s.ci95?.[0] ?? null,
    upper: upper.get(s.name)?.score ?? s.ci95?.[1] ?? null,
  }));
  // general_arena writes a leaderboard; arena_hard does not.
  const leaderboard = await index.fs.readTextOrNull(
    join(run.dir, "reports", ref.model, "leaderboard.txt"),
  );
  const battles: ArenaBattleView[] = [];
  let total = 0;
  for (const files of model.subsets.filter((s) => s.benchmark === ref.benchmark)) {
    const samples = await index.samples(ref.id, ref.model, ref.benchmark, files.subset);
    total += samples.size;
    for (let offset = 0; battles.length < options.limit && offset < samples.size; offset += 200) {
      const page = await samples.page({ offset, limit: 200 });
      for (const item of page.items) {
        if (battles.length >= options.limit) break;
        const detail = await samples.detail(item.index);
        if (detail) battles.push(battleOf(files.subset, detail));
      }
    }
  }
  return { benchmark: ref.benchmark, subsets, leaderboard, battles, total };
}

function battleOf(
  subset: string,
  detail: {
    index: number;
    messages: { role: string; text: string }[];
    scoreMetadata: Record<string, unknown> | null;
    scoreValue: unknown;
  },
): ArenaBattleView {
  const arena = isRecord(detail.scoreMetadata?.arena) ? detail.scoreMetadata.arena : null;
  const games = Array.isArray(arena?.games) ? arena.games.filter(isRecord) : [];
  const question = detail.messages.findLast((m) => m.role === "user")?.text ?? "";
  const value = isRecord(detail.scoreValue) ? detail.scoreValue.score : undefined;
  return {
    subset,
    index: detail.index,
    question: question.length > QUESTION ? `${question.slice(0, QUESTION)}…` : question,
    candidate: typeof arena?.candidate === "string" ? arena.candidate : null,
    baseline: typeof arena?.baseline === "string" ? arena.baseline : null,
    games: games.map((g) => ({
      modelA: String(g.modelA ?? ""),
      modelB: String(g.modelB ?? ""),
      judgment: typeof g.judgment === "string" ? g.judgment : null,
    })),
    score: arena && typeof value === "number" ? value : null,
  };
}
