/**
 * `trie_agentic_coding`, `trie_code_qa`, `trie_office_work`: agentic traces described by token
 * lengths (applied-compute/trie, re-hosted as `evalscope/trie-workloads`), replayed as
 * conversations (`--multi-turn`). A row has `input_prompt_length`, `num_turns`, and per turn
 * `assistant_response_length`, `tool_call_output_length`, `tool_call_latency` (seconds), then
 * `final_assistant_response_length`. It becomes `num_turns + 1` turns:
 *
 * - turn 1: a user prompt of `input_prompt_length` tokens, capped at `assistant_response_length[0]`
 *   (the final length when there are no tool turns);
 * - turn i + 1 (i = 1 … num_turns): after sleeping `tool_call_latency[i−1]` s, a user message of
 *   `tool_call_output_length[i−1]` tokens (the tool's output), capped at the next response length,
 *   the last one at `final_assistant_response_length`.
 *
 * Texts have exact token lengths (lib's whole-word runs); send `--extra-args '{"ignore_eos": true}'`
 * so the replies have the recorded lengths. A row whose lists do not match `num_turns` is skipped.
 *
 * @module
 */
import { isRecord } from "../lib/util/is_record.ts";
import type { ConversationTurn, DatasetContext, PerfDataset } from "../lib/load/dataset.ts";
import { readJsonLines, resolveDataFile } from "./read_lines.ts";
import { TextSynth } from "./synth_text.ts";

/** A trie row as numbers; null when it is malformed. */
interface TrieRow {
  input: number;
  responses: number[];
  toolOutputs: number[];
  latencies: number[];
  final: number;
}

function numbers(v: unknown, n: number): number[] | null {
  if (!Array.isArray(v) || v.length !== n) return null;
  const out = v.map(Number);
  return out.every((x) => Number.isFinite(x) && x >= 0) ? out : null;
}

/** Reads one row; null when a field is missing or a list length differs from `num_turns`. */
export function trieRow(row: unknown): TrieRow | null {
  if (!isRecord(row)) return null;
  const n = Number(row.num_turns);
  const input = Number(row.input_prompt_length);
  const final = Number(row.final_assistant_response_length);
  if (!Number.isInteger(n) || n < 0 || !(input >= 0) || !(final >= 1)) return null;
  const responses = numbers(row.assistant_response_length, n);
  const toolOutputs = numbers(row.tool_call_output_length, n);
  const latencies = numbers(row.tool_call_latency, n);
  if (!responses || !toolOutputs || !latencies) return null;
  return { input, responses, toolOutputs, latencies, final };
}

/** The turns of a row, with texts from `text(tokens)`. */
export function trieTurns(row: TrieRow, text: (tokens: number) => string): ConversationTurn[] {
  const n = row.responses.length;
  const cap = (i: number) => Math.max(1, i < n ? row.responses[i] : row.final);
  const turns: ConversationTurn[] = [{
    messages: [{ role: "user", content: text(row.input) }],
    maxTokens: cap(0),
  }];
  for (let i = 0; i < n; i++) {
    turns.push({
      messages: [{ role: "user", content: text(row.toolOutputs[i]) }],
      maxTokens: cap(i + 1),
      delayS: row.latencies[i],
    });
  }
  return turns;
}

function trie(name: string, file: string, what: string): PerfDataset {
  return {
    name,
    summary:
      `${what} traces (~8k context; evalscope/trie-workloads ${file}), tool-call sleeps and per-turn max_tokens`,
    hub: { repoId: "evalscope/trie-workloads", path: file },
    multiTurn: true,
    async *items(ctx: DatasetContext) {
      const path = await resolveDataFile(ctx.path ?? "", [file]);
      const synth = new TextSynth(ctx.tokenizer);
      const text = (tokens: number) => synth.text(tokens, Math.floor(ctx.rng() * 1e9) + ctx.offset);
      for await (const value of readJsonLines(path, ctx.skipped)) {
        const row = trieRow(value);
        if (!row) continue;
        const turns = trieTurns(row, text);
        yield {
          conversation: {
            turns: ctx.turns?.max !== undefined ? turns.slice(0, ctx.turns.max) : turns,
          },
        };
      }
    },
  };
}

/** `trie_agentic_coding`. */
export const trieAgenticCoding: PerfDataset = trie(
  "trie_agentic_coding",
  "agentic_coding_8k.jsonl",
  "Coding-agent",
);
/** `trie_code_qa`. */
export const trieCodeQa: PerfDataset = trie("trie_code_qa", "code_qa_8k.jsonl", "Code Q&A");
/** `trie_office_work`. */
export const trieOfficeWork: PerfDataset = trie(
  "trie_office_work",
  "office_work_8k.jsonl",
  "Office-work agent",
);
