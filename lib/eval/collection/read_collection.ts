/**
 * Reads a collection file (JSONL of `DatasetEntry` lines) from a local file or folder, or from a
 * hub dataset through the data layer (downloaded and cached like any dataset), and sums up its
 * composition for `lmeter collection show`.
 *
 * @module
 */
import type { Row } from "../benchmark/benchmark.ts";
import type { DataAccess } from "../data/dataset_source.ts";
import { type CollectionEntry, readEntry } from "./entry.ts";

/** Where EvalScope and lmeter look for the entries in a collection folder or hub repository. */
export const COLLECTION_PATTERNS: readonly string[] = [
  "{split}.jsonl",
  "data/{split}.jsonl",
  "*.jsonl",
  "data/*.jsonl",
];

/** Reads every entry of a collection; a bad line is an error naming its file and line. */
export async function readCollection(
  source: string,
  options: { data: DataAccess; hub?: "modelscope" | "huggingface" | "local"; split?: string },
): Promise<CollectionEntry[]> {
  const rows: Row[] = await options.data.loadSplit({
    datasetId: source,
    hub: options.hub ?? "local",
    subset: "default",
    split: options.split ?? "test",
    patterns: COLLECTION_PATTERNS,
    label: "data_collection",
  });
  return rows.map((row, i) => readEntry(row, i));
}

/** One row of a collection's composition: a benchmark's subset, or the benchmark's total. */
export interface CompositionRow {
  datasetName: string;
  /** Null on the benchmark's total row. */
  subsetName: string | null;
  taskType: string;
  categories: string;
  count: number;
  /** Share of all entries. */
  share: number;
  /** Sum of the entries' weights. */
  weight: number;
}

/** The composition of `entries`: per benchmark (in first-seen order), its subsets then its total. */
export function collectionComposition(entries: readonly CollectionEntry[]): CompositionRow[] {
  const byDataset = new Map<string, Map<string, CollectionEntry[]>>();
  for (const e of entries) {
    let subsets = byDataset.get(e.datasetName);
    if (!subsets) byDataset.set(e.datasetName, subsets = new Map());
    const list = subsets.get(e.subsetName);
    if (list) list.push(e);
    else subsets.set(e.subsetName, [e]);
  }
  const total = entries.length;
  const row = (list: readonly CollectionEntry[], subset: string | null): CompositionRow => ({
    datasetName: list[0].datasetName,
    subsetName: subset,
    taskType: [...new Set(list.map((e) => e.taskType))].join(", "),
    categories: [...new Set(list.map((e) => e.categories.join(" / ")))].join(", "),
    count: list.length,
    share: total ? list.length / total : 0,
    weight: list.reduce((a, e) => a + e.weight, 0),
  });
  const out: CompositionRow[] = [];
  for (const subsets of byDataset.values()) {
    const all: CollectionEntry[] = [];
    for (const [name, list] of subsets) {
      out.push(row(list, name));
      all.push(...list);
    }
    out.push(row(all, null));
  }
  return out;
}
