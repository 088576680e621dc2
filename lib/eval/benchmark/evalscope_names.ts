/**
 * EvalScope's benchmark names that are not lmeter's: older names that map onto an lmeter
 * benchmark (`gpqa` with `subset_list: ['gpqa_diamond']`, as seed 004 writes it), and the
 * benchmarks EvalScope has that lmeter does not have yet (docs/benchmarks.md).
 *
 * @module
 */
import { UserError } from "../../errors.ts";

/** An older EvalScope name: the lmeter benchmark it runs as, and what its subsets become. */
interface Alias {
  benchmark: string;
  /** EvalScope subset → lmeter subset; null for a subset lmeter does not have yet. */
  subsets: Readonly<Record<string, string | null>>;
  /** The subsets run when `subset_list` is not given. */
  defaultSubsets: readonly string[];
}

/** Older EvalScope names lmeter runs under its own name. */
export const EVALSCOPE_ALIASES: Readonly<Record<string, Alias>> = {
  gpqa: {
    benchmark: "gpqa_diamond",
    subsets: { gpqa_diamond: "default", gpqa_main: null, gpqa_extended: null },
    defaultSubsets: ["gpqa_diamond"],
  },
};

/** EvalScope benchmarks lmeter does not have yet (from docs/reference of EvalScope ≤ 1.x). */
export const EVALSCOPE_NOT_YET: readonly string[] = [
  "aa_lcr",
  "aime26",
  "bbh",
  "bfcl_v3",
  "bfcl_v4",
  "chinese_simpleqa",
  "docmath",
  "frames",
  "hle",
  "humaneval_plus",
  "longbench_v2",
  "mbpp_plus",
  "mmlu_redux",
  "process_bench",
  "simple_qa",
];

/** Throws "not supported yet" for an EvalScope benchmark lmeter lacks; returns otherwise. */
export function refuseNotYet(name: string, known: readonly string[]): void {
  if (!EVALSCOPE_NOT_YET.includes(name.toLowerCase())) return;
  throw new UserError(
    `Cannot run ${name}: EvalScope's benchmark "${name}" is not supported yet by lmeter`,
    `Supported now: ${known.join(", ")} (lmeter benchmarks list).`,
  );
}

/**
 * Datasets and their `dataset_args` with older EvalScope names replaced by lmeter's
 * (`gpqa` + `subset_list: ['gpqa_diamond']` → `gpqa_diamond`); a note says what changed.
 */
export function translateEvalScopeNames(
  datasets: readonly string[],
  options: { args: Record<string, Record<string, unknown>>; notes: string[] },
): { datasets: string[]; args: Record<string, Record<string, unknown>> } {
  const args = { ...options.args };
  const out = datasets.map((name) => {
    const alias = EVALSCOPE_ALIASES[name];
    if (!alias) return name;
    const given = args[name] ?? {};
    delete args[name];
    const asked = Array.isArray(given.subset_list)
      ? given.subset_list.map(String)
      : [...alias.defaultSubsets];
    const subsets = asked.map((s) => {
      const mapped = alias.subsets[s];
      if (mapped === undefined) {
        throw new UserError(
          `Cannot run ${name}: it has no subset "${s}"`,
          `Its subsets: ${Object.keys(alias.subsets).join(", ")}.`,
        );
      }
      if (mapped === null) {
        throw new UserError(
          `Cannot run ${name} subset ${s}: not supported yet by lmeter`,
          `Use subset_list: ['${
            Object.entries(alias.subsets).filter(([, v]) => v !== null).map(([k]) => k).join("', '")
          }'] (lmeter's ${alias.benchmark}).`,
        );
      }
      return mapped;
    });
    const { subset_list: _, ...rest } = given;
    args[alias.benchmark] = { ...rest, subset_list: subsets };
    options.notes.push(
      `${name} (EvalScope's older name, subsets ${asked.join(", ")}) runs as ${alias.benchmark}.`,
    );
    return alias.benchmark;
  });
  return { datasets: out, args };
}
