/**
 * The load-test datasets (`--dataset <name>`), listed explicitly so the bundle sees them all.
 *
 * @module
 */
import { custom } from "./custom.ts";
import { embedding, embeddingBatch, randomEmbedding, randomEmbeddingBatch } from "./embedding.ts";
import { randomRerank, rerank } from "./rerank.ts";
import { lineByLine } from "./line_by_line.ts";
import { longalpaca } from "./longalpaca.ts";
import { openqa } from "./openqa.ts";
import { random } from "./random.ts";
import { randomVl } from "./random_vl.ts";
import { shareGptEn, shareGptZh } from "./share_gpt.ts";
import { speedBenchmark, speedBenchmarkLong } from "./speed_benchmark.ts";
import {
  customMultiTurn,
  randomMultiTurn,
  shareGptEnMultiTurn,
  shareGptZhMultiTurn,
} from "./multi_turn.ts";
import { trieAgenticCoding, trieCodeQa, trieOfficeWork } from "./trie.ts";
import { lengthTrace, mooncakeTrace } from "./trace.ts";
import type { PerfDataset } from "../lib/load/dataset.ts";

/** Every dataset by name. */
export const PERF_DATASETS: Record<string, PerfDataset> = {
  openqa,
  longalpaca,
  share_gpt_zh: shareGptZh,
  share_gpt_en: shareGptEn,
  random,
  line_by_line: lineByLine,
  custom,
  speed_benchmark: speedBenchmark,
  speed_benchmark_long: speedBenchmarkLong,
  random_embedding: randomEmbedding,
  random_embedding_batch: randomEmbeddingBatch,
  embedding,
  embed: { ...embedding, name: "embed", summary: "Alias of embedding" },
  embedding_batch: embeddingBatch,
  rerank,
  random_rerank: randomRerank,
  random_vl: randomVl,
  random_multi_turn: randomMultiTurn,
  share_gpt_zh_multi_turn: shareGptZhMultiTurn,
  share_gpt_en_multi_turn: shareGptEnMultiTurn,
  custom_multi_turn: customMultiTurn,
  trie_agentic_coding: trieAgenticCoding,
  trie_code_qa: trieCodeQa,
  trie_office_work: trieOfficeWork,
  mooncake_trace: mooncakeTrace,
  length_trace: lengthTrace,
};
