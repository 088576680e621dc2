/**
 * One unit of work per attempt of each sample: where it sits, and the content hash of the exact
 * request it sends (its resume key). Messages and bodies are rebuilt when needed instead of being
 * held for every sample, so memory stays flat on large benchmarks.
 *
 * @module
 */
import type { SamplePosition } from "../../results/eval/records.ts";
import { contentHash } from "../../util/hash.ts";
import type { LoadedSubset } from "../data/load_samples.ts";
import { buildRequestBody, type ChatRequestBody } from "./model_backend.ts";
import { buildMessages } from "../prompt/prompt.ts";
import type { ResolvedBenchmark } from "../benchmark/resolve_benchmark.ts";
import type { ResolvedTask } from "../config/task_config.ts";
import type { ChatMessage, Sample } from "../benchmark/types.ts";

/** One attempt of one sample. */
export interface WorkItem {
  subset: string;
  pos: SamplePosition;
  sample: Sample;
  /** The subset's rendered few-shot block. */
  fewShot: string;
  /** Fingerprint of the scoring setup and this sample's target (see `StoredReview.fp`). */
  reviewFp: string;
  /** The run-store key of this attempt's review ({@linkcode reviewKey}). */
  reviewKey: string;
  /** The benchmark that scores it when not the one that runs it (a collection's entries). */
  scoredBy?: ResolvedBenchmark;
}

/** What identifies the model in resume keys. */
export type ModelIdentity = { api_url: string; model: string };

/**
 * The resume key of one attempt (`sample_key`, docs/results-format.md): the content hash of the
 * model identity (endpoint URL and model), the request body's hash and the attempt number.
 */
export function sampleKey(
  identity: ModelIdentity,
  options: { body: string; attempt: number },
): string {
  return contentHash({ identity, body: options.body, attempt: options.attempt });
}

/**
 * The run-store key of one attempt's review: the attempt's `sample_key` and the hash of what the
 * scorer reads of the sample besides the response (`inputs`: target, choices, metadata). Two
 * samples that send the same request but are scored on different inputs (arena mode's pairs:
 * one question, another candidate's answer) keep their reviews apart.
 */
export function reviewKey(sampleKey: string, inputs: string): string {
  return contentHash({ request: sampleKey, inputs });
}

/** Every attempt of every sample of `subsets`, in subset then index order. */
export function buildWorkItems(
  bench: ResolvedBenchmark,
  subsets: readonly LoadedSubset[],
  options: {
    task: ResolvedTask;
    identity: ModelIdentity;
    /** The benchmark that scores the sample at position `i` of its subset, when not `bench`. */
    scoredBy?: (i: number) => ResolvedBenchmark;
  },
): WorkItem[] {
  const { task, identity } = options;
  const items: WorkItem[] = [];
  for (const subset of subsets) {
    subset.samples.forEach((sample, i) => {
      const { body } = requestOf(bench, sample, subset.fewShot, task);
      const bodyHash = contentHash(body);
      const scoredBy = options.scoredBy?.(i);
      const reviewFp = contentHash({
        bench: (scoredBy ?? bench).reviewFingerprint,
        target: sample.target,
        choices: sample.choices,
      });
      const inputs = contentHash({
        target: sample.target,
        choices: sample.choices,
        metadata: sample.metadata,
      });
      for (let r = 0; r < task.repeats; r++) {
        const key = sampleKey(identity, { body: bodyHash, attempt: r });
        const item: WorkItem = {
          subset: subset.name,
          pos: {
            index: i * task.repeats + r,
            groupId: i,
            repeat: r,
            sampleKey: key,
          },
          sample,
          fewShot: subset.fewShot,
          reviewFp,
          reviewKey: reviewKey(key, inputs),
        };
        if (scoredBy) item.scoredBy = scoredBy;
        items.push(item);
      }
    });
  }
  return items;
}

/** The messages and request body of a sample. */
export function requestOf(
  bench: ResolvedBenchmark,
  sample: Sample,
  fewShot: string,
  task: ResolvedTask,
): { messages: ChatMessage[]; body: ChatRequestBody } {
  const messages = buildMessages(sample, { prompt: bench.prompt, fewShot });
  const body = buildRequestBody(messages, { model: task.model, generation: task.generation });
  return { messages, body };
}
