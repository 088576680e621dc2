/**
 * The built-in benchmarks: an explicit list (no globbing, so the bundle sees every import).
 * To add one, write `benchmarks/<name>.ts` exporting a `defineBenchmark({...})` and list it here.
 *
 * @module
 */
import { type BenchmarkDefinition, findBenchmark } from "../lib/eval/define.ts";
import { aime24 } from "./aime24.ts";
import { alpacaEval } from "./alpaca_eval.ts";
import { arenaHard } from "./arena_hard.ts";
import { aime25 } from "./aime25.ts";
import { arc } from "./arc.ts";
import { ceval } from "./ceval.ts";
import { cmmlu } from "./cmmlu.ts";
import { dataCollection } from "./data_collection.ts";
import { competitionMath } from "./competition_math.ts";
import { drop } from "./drop.ts";
import { generalMcq } from "./general_mcq.ts";
import { generalArena } from "./general_arena.ts";
import { generalQa } from "./general_qa.ts";
import { gpqaDiamond } from "./gpqa_diamond.ts";
import { gsm8k } from "./gsm8k.ts";
import { hellaswag } from "./hellaswag.ts";
import { humaneval } from "./humaneval.ts";
import { ifeval } from "./ifeval/ifeval.ts";
import { iquiz } from "./iquiz.ts";
import { liveCodeBench } from "./live_code_bench.ts";
import { math500 } from "./math_500.ts";
import { mbpp } from "./mbpp.ts";
import { mmlu } from "./mmlu.ts";
import { mmluPro } from "./mmlu_pro.ts";
import { musr } from "./musr.ts";
import { needleHaystack } from "./needle_haystack.ts";
import { race } from "./race.ts";
import { superGpqa } from "./super_gpqa.ts";
import { triviaQa } from "./trivia_qa.ts";
import { truthfulQa } from "./truthful_qa.ts";
import { winogrande } from "./winogrande.ts";
import { simpleQa } from "./simple_qa.ts";
import { chineseSimpleQa } from "./chinese_simpleqa.ts";

/** Every built-in benchmark, in `lmeter benchmarks list` order. */
export const BENCHMARKS: readonly BenchmarkDefinition[] = [
  gsm8k,
  mmlu,
  arc,
  generalMcq,
  generalQa,
  math500,
  competitionMath,
  aime24,
  aime25,
  gpqaDiamond,
  mmluPro,
  superGpqa,
  ceval,
  cmmlu,
  hellaswag,
  truthfulQa,
  winogrande,
  iquiz,
  drop,
  musr,
  triviaQa,
  race,
  dataCollection,
  needleHaystack,
  humaneval,
  mbpp,
  liveCodeBench,
  ifeval,
  simpleQa,
  chineseSimpleQa,
  alpacaEval,
  arenaHard,
  generalArena,
];

/** The built-in benchmark called `name`; throws a user error naming the closest match. */
export function getBenchmark(name: string): BenchmarkDefinition {
  return findBenchmark(BENCHMARKS, name);
}
