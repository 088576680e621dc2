/**
 * `data_collection`: a mixed evaluation set (EvalScope's data collections). Its rows are
 * `DatasetEntry` lines written by `lmeter collection create` or by EvalScope: prompts already
 * built, each entry scored by the benchmark it names. See docs/collections.md.
 *
 * @module
 */
import { COLLECTION_PATTERNS, defineBenchmark, identityExtractor } from "../lib/eval/define.ts";

/** The `data_collection` benchmark. */
export const dataCollection = defineBenchmark({
  name: "data_collection",
  prettyName: "Data-Collection",
  description:
    "A mixed set of several benchmarks in one file (lmeter collection create, or EvalScope's collections): each entry is sent as built and scored by its own benchmark. Set dataset_args.data_collection.dataset_id to the file, a folder or a hub id.",
  version: "1",
  tags: ["custom"],
  collection: true,
  dataset: {
    id: "",
    evalSplit: "test",
    subsets: ["default"],
    patterns: COLLECTION_PATTERNS,
  },
  toSample: () => null,
  prompt: { style: "text", template: "{question}", fewShotNum: 0 },
  extract: identityExtractor,
  metrics: [{ name: "acc" }],
});
