/**
 * Test helper: the dataset context the perf dataset tests start from (o200k_base, seed 1, chat,
 * no length limits), with their own fields laid over it.
 *
 * @module
 */
import { loadTokenizer } from "../lib/tokenizer/mod.ts";
import { sfc32 } from "../lib/util/random.ts";
import type { DatasetContext } from "../lib/load/dataset.ts";

/** A dataset context for tests; `over` replaces any field. */
export async function testContext(over: Partial<DatasetContext> = {}): Promise<DatasetContext> {
  return {
    tokenizer: await loadTokenizer(),
    tokenizerGiven: false,
    rng: sfc32(1),
    minPromptLength: 0,
    maxPromptLength: 131072,
    prefixLength: 0,
    offset: 0,
    chat: true,
    tokenizePrompt: false,
    datasetArgs: {},
    ...over,
  };
}
