/**
 * IFEval: 541 prompts with verifiable instructions ("answer in fewer than 50 words", "no
 * commas"), checked by Google's 25 rule-based checkers, strictly and loosely.
 *
 * @module
 */
import { defineBenchmark, identityExtractor, PLAIN } from "../../lib/eval/define.ts";
import { SPLIT_PATTERNS } from "../../lib/data/mod.ts";
import { CHECKERS } from "./instructions.ts";
import { IFEVAL_METRIC_ALIASES, IFEVAL_METRICS, ifevalItem, ifevalScorer } from "./score.ts";

/** The `ifeval` benchmark. */
export const ifeval = defineBenchmark({
  name: "ifeval",
  prettyName: "IFEval",
  description:
    'Instruction following: 541 prompts, each with 1–3 verifiable instructions checked by Google\'s 25 rule-based checkers. prompt_level_strict (headline) = share of prompts whose every instruction is followed; inst_level_* = share of all instructions followed (pooled, as Google and lm-eval; EvalScope\'s per-prompt mean is inst_level_*_macro); *_loose also accept the response without its first/last line or its "*". Thinking models: dataset_args {"ifeval": {"filters": {"remove_until": "</think>"}}}.',
  version: "1",
  tags: ["instruction_following"],
  paperUrl: "https://arxiv.org/abs/2311.07911",
  dataset: {
    id: "opencompass/ifeval",
    hfId: "google/IFEval",
    evalSplit: "train",
    subsets: ["default"],
    // Google's own file name comes last: `ifeval_input_data.jsonl` / `input_data.jsonl`.
    patterns: [...SPLIT_PATTERNS, "*input_data.jsonl", "data/*input_data.jsonl"],
  },
  toSample(record) {
    const item = ifevalItem(record);
    return {
      input: item.prompt,
      target: "",
      ...(item.key ? { id: item.key } : {}),
      metadata: {
        key: record.key ?? null,
        instruction_id_list: item.instructionIds,
        kwargs: item.kwargs,
      },
    };
  },
  prompt: { style: "text", template: PLAIN, fewShotNum: 0 },
  extract: identityExtractor,
  scorer: ifevalScorer(CHECKERS),
  // Scored by the IFEval scorer; the names are its score keys, listed for `benchmarks info`.
  metrics: IFEVAL_METRICS.map((name) => ({ name })),
  primaryMetric: "prompt_level_strict",
  metricAliases: IFEVAL_METRIC_ALIASES,
});
