/**
 * Generated benchmark rows for the eval, judge and collection benchmarks: a `DataAccess` that
 * loads `n` rows made by `row` for every split asked, without files or the hub.
 *
 * @module
 */
import type { Row } from "../lib/eval/benchmark/benchmark.ts";
import type { DataAccess, SplitRequest } from "../lib/eval/data/dataset_source.ts";

/** `n` rows per split from `row(i, request)`; `exists` says which dataset ids are "there". */
export function syntheticData(
  n: number,
  row: (i: number, request: SplitRequest) => Row,
  exists: (path: string) => boolean = () => false,
): DataAccess {
  return {
    exists: (p) => Promise.resolve(exists(p)),
    readTable: () => Promise.resolve([]),
    loadSplit: (request) => Promise.resolve(Array.from({ length: n }, (_, i) => row(i, request))),
  };
}
