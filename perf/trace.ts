/**
 * Timestamped traces, replayed on their own clock (`--open-loop`; `--trace-speedup` divides the
 * gaps): each row becomes one request sent at `(timestamp − first timestamp) / speedup` ms after
 * the run starts, with a prompt of the row's input length and `max_tokens` = its output length.
 * Rows are replayed in timestamp order; `--number` takes the first rows (and replays the trace
 * again after its last row when it asks for more).
 *
 * - `mooncake_trace`: Mooncake's JSONL, `{"timestamp": ms, "input_length": n, "output_length": n,
 *   "hash_ids": [ids]}`. Hash id _k_ stands for the _k_-th block of {@linkcode MOONCAKE_BLOCK}
 *   tokens of the prompt, so rows that share leading ids share that prefix. lmeter writes each id
 *   as a fixed run of whole-word tokens (the same id, the same text), joins the blocks and cuts the
 *   result to `input_length` tokens (a prompt longer than its blocks ends with text of its own):
 *   a server's prefix cache then sees exactly the sharing the trace had.
 * - `length_trace`: the simplest trace, as CSV with the header `timestamp,input_len,output_len` or
 *   as JSONL `{"timestamp": ms, "input_len": n, "output_len": n}`; every prompt is text of its own.
 *
 * Timestamps are milliseconds. On a chat endpoint the chat template's tokens come off the end of
 * the prompt, so the whole request still has the trace's input length.
 *
 * @module
 */
import { templatePromptTokens } from "../lib/tokenizer/mod.ts";
import { hash32 } from "../lib/util/random.ts";
import { isRecord } from "../lib/util/is_record.ts";
import { iterateLines } from "../lib/data/jsonl.ts";
import type { DatasetContext, DatasetItem, PerfDataset } from "../lib/load/dataset.ts";
import { readJsonLines } from "./read_lines.ts";
import { TextSynth } from "./synth_text.ts";

/** Tokens per Mooncake hash id. */
export const MOONCAKE_BLOCK = 512;

/** One trace row, as numbers. */
export interface TraceRow {
  timestamp: number;
  inputLength: number;
  outputLength: number;
  /** Mooncake's block ids (empty for `length_trace`). */
  hashIds: number[];
}

const count = (v: unknown) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : null;
};

/** A Mooncake row; null when a field is missing or not a count. */
export function mooncakeRow(v: unknown): TraceRow | null {
  if (!isRecord(v)) return null;
  const timestamp = Number(v.timestamp);
  const inputLength = count(v.input_length);
  const outputLength = count(v.output_length);
  const ids = Array.isArray(v.hash_ids) ? v.hash_ids.map(count) : [];
  if (!Number.isFinite(timestamp) || inputLength === null || !outputLength) return null;
  if (ids.some((id) => id === null)) return null;
  return { timestamp, inputLength, outputLength, hashIds: ids as number[] };
}

/** A `length_trace` JSONL row; null when a field is missing or not a count. */
export function lengthRow(v: unknown): TraceRow | null {
  if (!isRecord(v)) return null;
  const timestamp = Number(v.timestamp);
  const inputLength = count(v.input_len);
  const outputLength = count(v.output_len);
  if (!Number.isFinite(timestamp) || inputLength === null || !outputLength) return null;
  return { timestamp, inputLength, outputLength, hashIds: [] };
}

/** The lengths of a prompt's pieces: a prefix of each hash block in turn, then its own text. */
export function promptPieces(
  row: Pick<TraceRow, "inputLength" | "hashIds">,
  tokens: number,
): { blocks: number[]; own: number } {
  const blocks: number[] = [];
  let left = tokens;
  for (let i = 0; i < row.hashIds.length && left > 0; i++) {
    const n = Math.min(MOONCAKE_BLOCK, left);
    blocks.push(n);
    left -= n;
  }
  return { blocks, own: left };
}

/** All rows of a trace file, in timestamp order (a stable sort keeps ties in file order). */
async function readRows(
  ctx: DatasetContext,
  parse: (v: unknown) => TraceRow | null,
): Promise<TraceRow[]> {
  const path = ctx.path ?? "";
  const rows: TraceRow[] = [];
  if (path.toLowerCase().endsWith(".csv")) {
    let header: string[] | null = null;
    for await (const { text } of iterateLines(path)) {
      if (text.trim() === "") continue;
      const cells = text.split(",").map((c) => c.trim());
      if (header === null) {
        header = cells;
        continue;
      }
      const row = parse(Object.fromEntries(header.map((h, i) => [h, cells[i]])));
      if (row) rows.push(row);
    }
  } else {
    for await (const v of readJsonLines(path, ctx.skipped)) {
      const row = parse(v);
      if (row) rows.push(row);
    }
  }
  return rows.sort((a, b) => a.timestamp - b.timestamp);
}

function traceDataset(
  name: string,
  summary: string,
  parse: (v: unknown) => TraceRow | null,
): PerfDataset {
  return {
    name,
    summary,
    requiresPath: true,
    timed: true,
    async *items(ctx) {
      const rows = await readRows(ctx, parse);
      if (rows.length === 0) return;
      const synth = new TextSynth(ctx.tokenizer);
      const overhead = ctx.chat
        ? templatePromptTokens(ctx.tokenizer, [{ role: "user", content: "" }])
        : 0;
      const speedup = ctx.traceSpeedup ?? 1;
      const t0 = rows[0].timestamp;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        const { blocks, own } = promptPieces(row, Math.max(1, row.inputLength - overhead));
        const parts = blocks.map((n, k) =>
          synth.text(n, hash32("mooncake", row.hashIds[k], ctx.offset))
        );
        if (own > 0) parts.push(synth.text(own, hash32("row", name, i, ctx.offset)));
        const text = parts.join("");
        const item: DatasetItem = {
          body: ctx.chat
            ? { messages: [{ role: "user", content: text }], max_tokens: row.outputLength }
            : { prompt: text, max_tokens: row.outputLength },
          targetPromptTokens: row.inputLength,
          arrivalMs: (row.timestamp - t0) / speedup,
        };
        yield item;
        if (i % 64 === 63) await new Promise((r) => setTimeout(r, 0));
      }
    },
  };
}

/** `mooncake_trace`. */
export const mooncakeTrace: PerfDataset = traceDataset(
  "mooncake_trace",
  "Mooncake trace JSONL (timestamp, input_length, output_length, hash_ids) replayed on its clock; shared hash ids share prompt prefixes (--dataset-path, --open-loop)",
  mooncakeRow,
);

/** `length_trace`. */
export const lengthTrace: PerfDataset = traceDataset(
  "length_trace",
  "CSV or JSONL of timestamp (ms), input_len, output_len replayed on its clock (--dataset-path, --open-loop)",
  lengthRow,
);
