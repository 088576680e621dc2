/**
 * What benchmark authors import: the one module a file in `benchmarks/` needs. It gathers the
 * benchmark contract ({@linkcode defineBenchmark} and its types), the field readers for
 * `toSample`, the shared prompt templates and multiple-choice helpers, the extractors and the
 * answer-extraction and math helpers they are built on, and the data contract a content module
 * implements to serve rows in memory (the demo's data). Everything else in `lib/eval` is the
 * engine's inside.
 *
 * @module
 */

export * from "./benchmark/benchmark.ts";
export * from "./benchmark/types.ts";
export * from "./benchmark/fields.ts";
export { findBenchmark } from "./benchmark/find_benchmark.ts";
export * from "./prompt/templates.ts";
export { answerLetter, formatChoices, mcqPrompt, optionLabel, optionLabels } from "./prompt/mcq.ts";
export {
  identityExtractor,
  mathExtractor,
  mcqExtractor,
  namedExtractor,
} from "./score/extractors.ts";
export * from "./score/extract/mod.ts";
export * from "./score/math/mod.ts";
export { npRound, pyStrip } from "./score/math/py_compat.ts";
export * from "./benchmark/execution.ts";
export {
  type AssembledProgram,
  type ExecutionRecord,
  markerStatement,
  programScorer,
  type ProgramScorerOptions,
  requireSandbox,
  type TestResult,
  type TestStatus,
} from "./score/program_scorer.ts";
export { PyRandom } from "../util/py_random.ts";
export type { DataAccess, SplitRequest } from "./data/dataset_source.ts";
export { COLLECTION_PATTERNS } from "./collection/read_collection.ts";
export * from "./judge/types.ts";
export type { DerivedMetric } from "./score/derived.ts";
export * from "./judge/verdicts.ts";
export { fillJudgePrompt, genericJudgeScorer, questionText } from "./judge/generic_judge.ts";
