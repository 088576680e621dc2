/**
 * The arena aggregation: each subset's judged games become weighted battles, fitted by
 * Bradley–Terry with the baseline anchored, and reported as the candidate's predicted win rate
 * against the baseline with a seeded bootstrap interval (lib/metrics `arenaStandings`). Shared by
 * `arena_hard` and `general_arena`. Pure.
 *
 * @module
 */
import type { AggregatedMetric, CustomAggregation } from "../../lib/eval/define.ts";
import { arenaStandings, type Battle } from "../../lib/metrics/bradley_terry.ts";
import { seededRandom } from "../../lib/util/random.ts";
import type { ArenaGame } from "./battles.ts";
import { questionBattles } from "./battles.ts";

/** What a judged pair keeps in its score's metadata. */
export interface ArenaRecord {
  /** The candidate's and the baseline's names. */
  candidate: string;
  baseline: string;
  /** The games in the order they were judged (seats as the judge saw them). */
  games: ArenaGame[];
  /** Style features of each model's answer (tokens, headers, lists, bold), for style control. */
  style?: Readonly<Record<string, readonly number[]>>;
}

/** The `extra_params` of the arena benchmarks that steer the aggregation. */
export const ARENA_PARAMS = {
  bootstrap_rounds: {
    default: 100,
    help: "Bootstrap rounds of the win rate's interval (arena-hard-auto's --num-rounds)",
  },
  bootstrap_seed: {
    default: 42,
    help: "Seed of the bootstrap resampling, so the interval repeats (upstream leaves it unseeded)",
  },
} as const;

/** Options of {@linkcode arenaAggregation}. */
export interface ArenaAggregationOptions {
  /**
   * Also report the interval as metrics `winrate_lower` and `winrate_upper` (EvalScope's arena
   * mode); otherwise it is the `winrate` metric's interval only.
   */
  boundMetrics?: boolean;
  /** The `extra_params` key that turns style control on, if the benchmark has one. */
  styleParam?: string;
}

/**
 * The aggregation: `winrate` = P(candidate beats baseline) from the Bradley–Terry fit of the
 * subset's battles, its interval the 2.5/97.5 percentiles of `bootstrap_rounds` resamples drawn
 * from `seededRandom(bootstrap_seed, subset)`.
 */
export function arenaAggregation(options: ArenaAggregationOptions = {}): CustomAggregation {
  return {
    name: "elo",
    subset(samples, ctx): AggregatedMetric[] {
      const records = samples.map((s) => s.metadata?.arena as ArenaRecord | undefined)
        .filter((r): r is ArenaRecord => r !== undefined);
      if (records.length === 0) return [];
      const { candidate, baseline } = records[0];
      const styleControl = options.styleParam !== undefined &&
        ctx.params[options.styleParam] === true;
      const battles = records.flatMap((r) => recordBattles(r, styleControl));
      if (battles.length === 0) return [];
      const seed = Number(ctx.params.bootstrap_seed ?? ARENA_PARAMS.bootstrap_seed.default);
      const result = arenaStandings(battles, {
        baseline,
        rounds: Number(ctx.params.bootstrap_rounds ?? ARENA_PARAMS.bootstrap_rounds.default),
        random: seededRandom(seed, "arena", ctx.subset),
        styleControl,
      });
      const row = result.standings.find((s) => s.model === candidate);
      if (!row) return [];
      const metrics: AggregatedMetric[] = [{
        key: "winrate",
        score: row.winRate,
        ci95: [row.winRateLower, row.winRateUpper],
      }];
      if (options.boundMetrics) {
        metrics.push({ key: "winrate_lower", score: row.winRateLower });
        metrics.push({ key: "winrate_upper", score: row.winRateUpper });
      }
      return metrics;
    },
  };
}

/** A record's battles, with each side's style features when style control is on. */
function recordBattles(record: ArenaRecord, styleControl: boolean): Battle[] {
  const battles = questionBattles(record.games);
  if (!styleControl) return battles;
  return battles.map((b) => ({
    ...b,
    styleA: record.style?.[b.a] ?? [],
    styleB: record.style?.[b.b] ?? [],
  }));
}
