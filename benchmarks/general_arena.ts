/**
 * Arena mode (`general_arena`): the answers earlier runs recorded, each candidate against a
 * baseline model on the samples all runs share, judged twice with seats swapped (Arena-Hard's
 * prompt), reported per `<dataset>&<subset>@<candidate>&<baseline>` subset as the Bradley–Terry
 * win rate with its seeded bootstrap bounds, plus `reports/<model>/leaderboard.txt`.
 *
 * Run it with the evaluated "model" a placeholder: `--model Arena --eval-type mock_llm`.
 *
 * @module
 */
import { UserError } from "../lib/errors.ts";
import {
  defineBenchmark,
  identityExtractor,
  type ReportFile,
  type RunOutputs,
  type Sample,
  type Scorer,
  targetText,
} from "../lib/eval/define.ts";
import { ARENA_PARAMS, arenaAggregation } from "./arena/aggregation.ts";
import { type ArenaResult, leaderboardText } from "./arena/leaderboard.ts";
import { judgePair } from "./arena_hard.ts";

/** One model of the arena: its name and an earlier run's `outputs/<run>/reports/<model>` folder. */
interface ArenaModel {
  name: string;
  reportPath: string;
}

const WHERE = "dataset_args.general_arena.extra_params";

/** The models and the baseline from `extra_params`, checked as EvalScope checks them. */
export function arenaModels(params: Readonly<Record<string, unknown>>): {
  models: ArenaModel[];
  baseline: string;
} {
  const raw = Array.isArray(params.models) ? params.models : [];
  const models = raw.map((m, i): ArenaModel => {
    const entry = (m ?? {}) as Record<string, unknown>;
    if (typeof entry.name !== "string" || typeof entry.report_path !== "string") {
      throw new UserError(
        `Invalid ${WHERE}.models[${i}]: expected {"name": …, "report_path": …}`,
        "report_path is an earlier run's outputs/<run>/reports/<model> folder.",
      );
    }
    return { name: entry.name, reportPath: entry.report_path };
  });
  const names = models.map((m) => m.name);
  if (models.length < 2) {
    throw new UserError(
      `Invalid ${WHERE}.models: the arena needs at least two models`,
      `Give ${WHERE}.models as [{"name": "a", "report_path": "outputs/<run>/reports/a"}, …].`,
    );
  }
  if (new Set(names).size !== names.length) {
    throw new UserError(`Invalid ${WHERE}.models: duplicate names in ${names.join(", ")}`);
  }
  const given = params.baseline;
  if (given !== undefined && given !== null && !names.includes(String(given))) {
    throw new UserError(
      `Invalid ${WHERE}.baseline: "${given}" is not one of the models`,
      `Models: ${names.join(", ")}.`,
    );
  }
  return { models, baseline: given === undefined || given === null ? names[0] : String(given) };
}

/**
 * The pairs: for every (dataset, subset) all models have, each candidate's answers zipped with the
 * baseline's by index order (so the runs must have used the same limit and shuffle).
 */
export function arenaSamples(
  runs: readonly RunOutputs[],
  params: Readonly<Record<string, unknown>>,
): Map<string, Sample[]> {
  const { models, baseline } = arenaModels(params);
  const byModel = new Map(models.map((m, i) => [m.name, runs[i]]));
  const key = (dataset: string, subset: string) => `${dataset}&${subset}`;
  const common = runs.map((r) => new Set(r.subsets.map((s) => key(s.dataset, s.subset))))
    .reduce((a, b) => new Set([...a].filter((x) => b.has(x))));
  const out = new Map<string, Sample[]>();
  const base = byModel.get(baseline)!;
  for (const pair of [...common].sort()) {
    const baseAnswers = base.subsets.find((s) => key(s.dataset, s.subset) === pair)!.answers;
    for (const model of models) {
      if (model.name === baseline) continue;
      const answers = byModel.get(model.name)!.subsets.find((s) =>
        key(s.dataset, s.subset) === pair
      )!
        .answers;
      const n = Math.min(answers.length, baseAnswers.length);
      out.set(
        `${pair}@${model.name}&${baseline}`,
        answers.slice(0, n).map((a, i) => ({
          input: a.question,
          target: baseAnswers[i].answer,
          metadata: { answer_1: a.answer, model_1: model.name, model_2: baseline },
        })),
      );
    }
  }
  return out;
}

const arenaScorer: Scorer = {
  id: "general_arena:judge:1",
  kind: "external",
  score(input, ctx) {
    const meta = input.sample.metadata ?? {};
    return judgePair({
      question: typeof input.sample.input === "string" ? input.sample.input : "",
      candidate: { name: String(meta.model_1), answer: String(meta.answer_1 ?? "") },
      baseline: { name: String(meta.model_2), answer: targetText(input.sample.target) },
      candidateFirstSeat: "A",
      consistent: ctx.params.consistent_verdict === true,
      style: false,
    }, ctx);
  },
};

/** The arena's per-subset win rates, parsed back from the report's subset names. */
function arenaResults(
  report: {
    metrics: readonly {
      key: string;
      categories: readonly { subsets: readonly { name: string; score: number }[] }[];
    }[];
  },
): ArenaResult[] {
  const value = (key: string) =>
    new Map(
      report.metrics.find((m) => m.key === key)?.categories.flatMap((c) => c.subsets)
        .map((s) => [s.name, s.score]) ?? [],
    );
  const win = value("winrate");
  const lower = value("winrate_lower");
  const upper = value("winrate_upper");
  return [...win].map(([name, score]) => {
    const [pair, models] = name.split("@");
    const amp = pair.indexOf("&");
    return {
      dataset: pair.slice(0, amp),
      subset: pair.slice(amp + 1),
      model: models.split("&")[0],
      winRate: score,
      lower: lower.get(name) ?? score,
      upper: upper.get(name) ?? score,
    };
  });
}

/** The `general_arena` benchmark. */
export const generalArena = defineBenchmark({
  name: "general_arena",
  prettyName: "GeneralArena",
  description:
    "Arena mode: earlier runs' answers (extra_params.models: name + report_path) judged pairwise against a baseline model, twice with seats swapped; per dataset&subset@model&baseline the Bradley–Terry win rate with seeded bootstrap bounds, and leaderboard.txt. Run with --model Arena --eval-type mock_llm and an LLM judge.",
  version: "1",
  tags: ["arena", "llm_judge", "custom"],
  dataset: { id: "general_arena", evalSplit: "test", subsets: ["default"] },
  toSample: () => null,
  fromRuns: {
    reportPaths: (params) => arenaModels(params).models.map((m) => m.reportPath),
    samples: arenaSamples,
  },
  prompt: { style: "text", template: "{question}", fewShotNum: 0 },
  extract: identityExtractor,
  judge: { byDefault: true, scorer: arenaScorer },
  metrics: [],
  metricLabels: {
    winrate: "winrate",
    winrate_lower: "winrate_lower",
    winrate_upper: "winrate_upper",
  },
  aggregate: arenaAggregation({ boundMetrics: true }),
  reportFiles(report, params): Promise<ReportFile[]> {
    const { models, baseline } = arenaModels(params);
    const text = leaderboardText(arenaResults(report), {
      models: models.map((m) => m.name),
      baseline,
    });
    return Promise.resolve([{ name: "leaderboard.txt", bytes: new TextEncoder().encode(text) }]);
  },
  extraParams: {
    models: {
      default: [],
      help:
        'The arena\'s models: [{"name": …, "report_path": "outputs/<run>/reports/<model>"}, …] (at least two)',
    },
    baseline: { default: null, help: "The baseline model's name (default: the first model)" },
    ...ARENA_PARAMS,
    consistent_verdict: {
      default: false,
      help:
        "Accept a reply only when all its [[…]] labels agree (arena-hard-auto); default: the first label",
    },
  },
});
