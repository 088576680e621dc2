/**
 * A collection run's samples: its entries read from the located file (shuffled and limited like
 * any subset), each turned into a sample that is sent as built and scored by the benchmark it
 * names, resolved from the run's registry with that benchmark's scoring settings.
 *
 * @module
 */
import { UserError } from "../../errors.ts";
import { seededRandom, shuffled } from "../../util/random.ts";
import type { BenchmarkDefinition, Row } from "../benchmark/benchmark.ts";
import { EVALSCOPE_ALIASES } from "../benchmark/evalscope_names.ts";
import { findBenchmark } from "../benchmark/find_benchmark.ts";
import { resolveBenchmark, type ResolvedBenchmark } from "../benchmark/resolve_benchmark.ts";
import type { Sample } from "../benchmark/types.ts";
import type { DataAccess, DataLocation } from "../data/dataset_source.ts";
import { applyLimit, loadRows } from "../data/load_samples.ts";
import { type CollectionEntry, readEntry } from "./entry.ts";

/** The settings of a member benchmark that change how it scores (the rest is the file's). */
const SCORING_KEYS = ["filters", "metric_list", "primary_metric", "extra_params", "review_timeout"];

/** A collection's samples, in run order, with their entries and scoring benchmarks. */
export interface CollectionSamples {
  samples: Sample[];
  entries: CollectionEntry[];
  /** The benchmark scoring `samples[i]`. */
  scorers: ResolvedBenchmark[];
}

/** Options of {@linkcode loadCollectionSamples}. */
export interface CollectionLoadOptions {
  location: DataLocation;
  data: DataAccess;
  limit: number | null;
  seed: number;
  /** The task's `dataset_args` (a member's scoring settings are read from its entry). */
  datasetArgs: Readonly<Record<string, Record<string, unknown>>>;
}

/** Reads and routes a collection's entries; an unknown benchmark is an error naming the line. */
export async function loadCollectionSamples(
  bench: ResolvedBenchmark,
  options: CollectionLoadOptions,
): Promise<CollectionSamples> {
  if (bench.datasetId === "") {
    throw new UserError(
      `Cannot evaluate ${bench.name}: it has no collection file`,
      `Set dataset_args.${bench.name}.dataset_id (or local_path) to a collection file, a folder or a hub id, e.g. --dataset-args '{"${bench.name}": {"dataset_id": "mixed.jsonl"}}'.`,
    );
  }
  const rows = await loadRows(bench, {
    subset: bench.subsets[0],
    split: bench.evalSplit,
    options: { location: options.location, data: options.data, limit: null, seed: options.seed },
  });
  let entries = rows.map((row, i) => readEntry(row, i));
  if (bench.shuffle) {
    entries = shuffled(entries, seededRandom(options.seed, bench.name, "default", "shuffle"));
  }
  entries = applyLimit(entries, options.limit);
  const members = new Map<string, ResolvedBenchmark>();
  const scorers = entries.map((e) => {
    let member = members.get(e.datasetName);
    if (!member) {
      member = resolveMember(e, {
        registry: bench.members ?? [],
        datasetArgs: options.datasetArgs,
      });
      members.set(e.datasetName, member);
    }
    return member;
  });
  const samples = entries.map((e, i) => entrySample(e, scorers[i]));
  if (samples.length === 0) {
    throw new UserError(
      `Cannot evaluate ${bench.name}: ${bench.datasetId} holds no entries`,
      "Write one with lmeter collection create.",
    );
  }
  return { samples, entries, scorers };
}

function resolveMember(
  entry: CollectionEntry,
  options: {
    registry: readonly BenchmarkDefinition[];
    datasetArgs: Readonly<Record<string, Record<string, unknown>>>;
  },
): ResolvedBenchmark {
  const name = EVALSCOPE_ALIASES[entry.datasetName]?.benchmark ?? entry.datasetName;
  let def: BenchmarkDefinition;
  try {
    def = findBenchmark(options.registry, name);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    throw new UserError(
      `Cannot evaluate the collection: ${entry.where} names ${e.message.replace(/^Unknown /, "")}`,
      e.hint ?? "See lmeter benchmarks list.",
    );
  }
  if (def.collection) {
    throw new UserError(
      `Cannot evaluate the collection: ${entry.where} names the collection benchmark ${def.name}`,
      "An entry names the benchmark that scores it (math_500, gpqa_diamond, …).",
    );
  }
  if (def.judge && def.metrics.length === 0 && !def.scorer) {
    throw new UserError(
      `Cannot evaluate the collection: ${entry.where} names ${def.name}, which only an LLM judge scores`,
      `Judged benchmarks are not collection members yet: evaluate ${def.name} on its own with --judge-model-args.`,
    );
  }
  const given = options.datasetArgs[entry.datasetName] ?? options.datasetArgs[name] ?? {};
  const args = Object.fromEntries(Object.entries(given).filter(([k]) => SCORING_KEYS.includes(k)));
  return resolveBenchmark(def, args);
}

/** The sample of an entry; EvalScope 0.x lines get their target from the member's reading. */
function entrySample(entry: CollectionEntry, member: ResolvedBenchmark): Sample {
  let target = entry.target;
  let choices = entry.choices;
  if (entry.rawInput) {
    const own = ownReading(entry, member, entry.rawInput);
    target = own.target;
    choices = own.choices;
    // 0.x shuffled multiple-choice options when it built the file and kept the letter here.
    const letter = entry.rawInput.answer;
    if (choices && typeof letter === "string" && /^[A-Z]$/.test(letter)) target = letter;
  }
  return {
    input: entry.messages,
    target: target ?? "",
    ...(choices ? { choices } : {}),
    subset: entry.subsetName,
    ...(entry.id !== undefined ? { id: entry.id } : {}),
    metadata: {
      ...entry.metadata,
      collection_info: {
        index: entry.index,
        dataset_name: entry.datasetName,
        subset_name: entry.subsetName,
        task_type: entry.taskType,
        tags: entry.tags,
        categories: entry.categories,
        weight: entry.weight,
      },
    },
  };
}

function ownReading(entry: CollectionEntry, member: ResolvedBenchmark, raw: Row): Sample {
  let sample: Sample | null;
  try {
    sample = member.def.toSample(raw);
  } catch (e) {
    throw new UserError(
      `Cannot read collection entry at ${entry.where}: ${member.name} cannot read its raw_input (${
        (e as Error).message
      })`,
      `raw_input must be a ${member.name} record; see 'lmeter benchmarks info ${member.name}'.`,
    );
  }
  if (!sample) {
    throw new UserError(
      `Cannot read collection entry at ${entry.where}: ${member.name} skips its raw_input`,
      "Remove the line or rebuild the collection with lmeter collection create.",
    );
  }
  return sample;
}
