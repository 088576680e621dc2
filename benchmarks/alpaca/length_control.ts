/**
 * AlpacaEval's length-controlled win rate for `alpaca_eval`, opt-in: when
 * `extra_params.instruction_difficulty` names upstream's `instruction_difficulty.csv`, the judge's
 * scorer keeps both answers' lengths with each verdict and the report gains `lc_winrate`, the
 * `length_controlled_v1` model's win rate at equal lengths (lib/metrics/glm_winrate.ts). Without it
 * nothing changes. The difficulties are read once, when the benchmark is resolved, so a missing or
 * malformed file stops the run before any request.
 *
 * @module
 */
import { UserError } from "../../lib/errors.ts";
import type { AggregateSample, Configurable, CustomAggregation } from "../../lib/eval/define.ts";
import { lengthControlledWinRate, type LengthControlRow } from "../../lib/metrics/glm_winrate.ts";
import { pyLen } from "../../lib/text/py_str.ts";
import { expandHome } from "../../lib/util/expand_home.ts";

/** The `extra_params` key that turns length control on (unset by default, so reports stay as they were). */
export const LENGTH_CONTROL_PARAMS = {
  instruction_difficulty: {
    default: undefined,
    help:
      "Path of AlpacaEval's instruction_difficulty.csv (Hugging Face dataset tatsu-lab/alpaca_eval): adds lc_winrate, the length-controlled win rate",
  },
} as const;

const WHERE = "dataset_args.alpaca_eval.extra_params.instruction_difficulty";
const HINT =
  `Download instruction_difficulty.csv from the Hugging Face dataset tatsu-lab/alpaca_eval (columns index,instruction_difficulty; one row per instruction of the eval split, by position) and pass its path as ${WHERE}.`;

/** Characters (code points) of the two answers the judge compared. */
export interface OutputLengths {
  model: number;
  baseline: number;
}

/** `{lengths}` to keep in a verdict's metadata when length control is on; nothing otherwise. */
export function outputLengths(
  params: Readonly<Record<string, unknown>>,
  texts: { model: string; baseline: string },
): { lengths?: OutputLengths } {
  if (params.instruction_difficulty === undefined || params.instruction_difficulty === null) {
    return {};
  }
  return { lengths: { model: pyLen(texts.model), baseline: pyLen(texts.baseline) } };
}

/**
 * The benchmark's `configure` part: with `instruction_difficulty` set, reads the file and returns
 * the aggregation that adds `lc_winrate` (after `base`'s metrics when given, else after the means).
 */
export function lengthControl(
  params: Readonly<Record<string, unknown>>,
  options: { base?: CustomAggregation } = {},
): Configurable {
  const path = params.instruction_difficulty;
  if (path === undefined || path === null) return {};
  if (typeof path !== "string" || path === "") {
    throw new UserError(`Invalid ${WHERE}: expected the path of a CSV file`, HINT);
  }
  let text: string;
  try {
    text = Deno.readTextFileSync(expandHome(path));
  } catch (e) {
    throw new UserError(
      `Cannot read the instruction difficulties ${path}: ${(e as Error).message}`,
      HINT,
      { cause: e },
    );
  }
  const difficulty = parseInstructionDifficulty(text, path);
  return { aggregate: lengthControlAggregation(difficulty, { path, base: options.base }) };
}

/**
 * Upstream's `instruction_difficulty.csv`: a header naming an `instruction_difficulty` column, the
 * first column the instruction's position in the eval split (pandas' `index_col=0`).
 */
export function parseInstructionDifficulty(text: string, path: string): Map<number, number> {
  const lines = text.replace(/^\ufeff/, "").split(/\r?\n/);
  const header = lines[0].split(",").map((h) => h.trim().replace(/^"(.*)"$/, "$1"));
  const column = header.indexOf("instruction_difficulty");
  if (column <= 0) {
    throw new UserError(
      `Cannot read the instruction difficulties ${path}: line 1 should name the position column and then instruction_difficulty, got "${
        lines[0]
      }"`,
      HINT,
    );
  }
  const out = new Map<number, number>();
  lines.forEach((line, i) => {
    if (i === 0 || line.trim() === "") return;
    const fields = line.split(",");
    const index = Number(fields[0]);
    const value = Number(fields[column]);
    if (!Number.isInteger(index) || index < 0 || !Number.isFinite(value) || fields[column] === "") {
      throw new UserError(
        `Cannot read the instruction difficulties ${path} line ${
          i + 1
        }: expected a position and a number, got "${line}"`,
        HINT,
      );
    }
    if (out.has(index)) {
      throw new UserError(
        `Cannot read the instruction difficulties ${path} line ${i + 1}: position ${index} twice`,
        HINT,
      );
    }
    out.set(index, value);
  });
  return out;
}

/**
 * The aggregation: each subset's judged samples (position = the sample's place in the subset,
 * preference = its `winrate`, lengths from the verdict's metadata) fitted as
 * {@linkcode lengthControlledWinRate}; `lc_winrate` is its LC win rate as a share (0–1, like `winrate`).
 */
export function lengthControlAggregation(
  difficulty: ReadonlyMap<number, number>,
  options: { path: string; base?: CustomAggregation },
): CustomAggregation {
  const base = options.base;
  return {
    name: base?.name ?? "length_controlled",
    alongsideMeans: base ? base.alongsideMeans : true,
    subset(samples, ctx) {
      const rows = samples.map((s) => lengthRow(s, difficulty, options.path));
      const extra = rows.length > 0
        ? [{ key: "lc_winrate", score: lengthControlledWinRate(rows).lcWinRate / 100 }]
        : [];
      return [...(base?.subset(samples, ctx) ?? []), ...extra];
    },
  };
}

function lengthRow(
  sample: AggregateSample,
  difficulty: ReadonlyMap<number, number>,
  path: string,
): LengthControlRow {
  const d = difficulty.get(sample.groupId);
  if (d === undefined) {
    throw new UserError(
      `Cannot compute lc_winrate: ${path} has no difficulty for instruction #${sample.groupId}`,
      `${HINT} Samples are matched by position, so do not shuffle them.`,
    );
  }
  const lengths = sample.metadata?.lengths as OutputLengths | undefined;
  if (lengths === undefined) {
    throw new UserError(
      `Cannot compute lc_winrate: the verdict of instruction #${sample.groupId} has no output lengths`,
      "Score the run again with instruction_difficulty set (its verdicts are cached, so the judge is not asked again).",
    );
  }
  return {
    preference: sample.value.winrate,
    modelLength: lengths.model,
    baselineLength: lengths.baseline,
    difficulty: d,
  };
}
