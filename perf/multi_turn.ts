/**
 * The multi-turn datasets (`--multi-turn`): each item is a whole conversation, sent turn by turn
 * with the server's real replies in between (lib/load/conversation.ts).
 *
 * - `random_multi_turn`: conversations of `[--min-turns, --max-turns]` turns (uniform), each turn
 *   one user message of an exact random length in `[--min-prompt-length, --max-prompt-length]`
 *   tokens, made as the `random` dataset makes its prompts.
 * - `share_gpt_zh_multi_turn` / `share_gpt_en_multi_turn`: the ShareGPT files of `share_gpt_*`; one
 *   turn per non-empty user message (the dataset's replies are dropped), cut to `--max-turns`.
 * - `custom_multi_turn`: JSONL, one conversation a line: an array of OpenAI messages, or an object
 *   with `messages` (and optional `tools`, sent with every turn). Split as EvalScope splits it
 *   ({@linkcode splitTurns}).
 *
 * The length limits apply to the first user message of a conversation, as in EvalScope.
 *
 * @module
 */
import { uniformInt } from "../lib/util/random.ts";
import { isRecord } from "../lib/util/is_record.ts";
import type {
  Conversation,
  ConversationTurn,
  DatasetContext,
  DatasetMessage,
  PerfDataset,
} from "../lib/load/dataset.ts";
import { withinLength } from "./length_filter.ts";
import { random } from "./random.ts";
import { readJsonLines, resolveDataFile } from "./read_lines.ts";
import { shareGptMessages } from "./share_gpt.ts";

/**
 * Splits a conversation into turns at its assistant messages, which are dropped (the runner sends
 * the server's own replies instead): `[system, u1, a, u2, a, u3]` → `[[system, u1], [u2], [u3]]`.
 * An assistant message followed by a `tool` message belongs to a tool-calling chain and stays in
 * its turn: `[system, u, a(tool_calls), tool, a]` → `[[system, u, a(tool_calls), tool]]`. Empty
 * turns are left out.
 */
export function splitTurns(messages: readonly DatasetMessage[]): DatasetMessage[][] {
  const turns: DatasetMessage[][] = [];
  let current: DatasetMessage[] = [];
  messages.forEach((m, i) => {
    if (m.role !== "assistant" || messages[i + 1]?.role === "tool") {
      current.push(m);
      return;
    }
    if (current.length > 0) turns.push(current);
    current = [];
  });
  if (current.length > 0) turns.push(current);
  return turns;
}

/** A conversation of `turns`, cut to `--max-turns`; null when empty or its first user message is
 * outside the length limits (a non-text first message is not checked). */
function conversationOf(
  turns: DatasetMessage[][],
  ctx: DatasetContext,
  tools?: unknown[],
): Conversation | null {
  const kept = ctx.turns?.max !== undefined ? turns.slice(0, ctx.turns.max) : turns;
  if (kept.length === 0) return null;
  const first = kept[0].find((m) => m.role === "user");
  if (first && typeof first.content === "string" && !withinLength(first.content, ctx)) return null;
  return {
    turns: kept.map((messages): ConversationTurn => ({ messages })),
    ...(tools ? { tools } : {}),
  };
}

/** The messages (and tools) of one `custom_multi_turn` line; null when it holds none. */
export function customConversation(
  value: unknown,
): { messages: DatasetMessage[]; tools?: unknown[] } | null {
  const list = Array.isArray(value)
    ? value
    : isRecord(value) && Array.isArray(value.messages)
    ? value.messages
    : null;
  if (!list || list.length === 0) return null;
  if (!list.every((m) => isRecord(m) && typeof m.role === "string" && "content" in m)) return null;
  const tools = isRecord(value) && Array.isArray(value.tools) && value.tools.length > 0
    ? value.tools
    : undefined;
  return { messages: list as DatasetMessage[], ...(tools ? { tools } : {}) };
}

/** `random_multi_turn`. */
export const randomMultiTurn: PerfDataset = {
  name: "random_multi_turn",
  summary:
    "Synthetic conversations of --min-turns..--max-turns turns, each a random prompt of an exact token length",
  multiTurn: true,
  requiresMaxTurns: true,
  async *items(ctx) {
    const min = ctx.turns?.min ?? 1;
    const max = Math.max(min, ctx.turns?.max ?? min);
    // Each turn is one plain user message of the drawn length.
    const prompts = random.items({
      ...ctx,
      chat: false,
      tokenizePrompt: false,
      prefixLength: 0,
      serverTokenizer: undefined,
    })[Symbol.asyncIterator]();
    for (;;) {
      const n = uniformInt(ctx.rng, min, max);
      const turns: ConversationTurn[] = [];
      for (let i = 0; i < n; i++) {
        const next = await prompts.next();
        if (next.done) return;
        turns.push({ messages: [{ role: "user", content: next.value.prompt ?? "" }] });
      }
      yield { conversation: { turns } };
    }
  },
};

function shareGptMultiTurn(lang: "zh" | "en"): PerfDataset {
  const file = `common_${lang}_70k.jsonl`;
  return {
    name: `share_gpt_${lang}_multi_turn`,
    summary: `ShareGPT ${
      lang === "zh" ? "Chinese" : "English"
    } conversations, one turn per user message (swift/sharegpt ${file})`,
    hub: { repoId: "swift/sharegpt", path: file },
    multiTurn: true,
    async *items(ctx) {
      const path = await resolveDataFile(ctx.path ?? "", [file]);
      for await (const row of readJsonLines(path, ctx.skipped)) {
        const turns = shareGptMessages(row)
          .filter((m) => m.role === "user" && String(m.content).trim() !== "")
          .map((m) => [{ role: "user", content: String(m.content).trim() }]);
        const conversation = conversationOf(turns, ctx);
        if (conversation) yield { conversation };
      }
    },
  };
}

/** `share_gpt_zh_multi_turn`. */
export const shareGptZhMultiTurn: PerfDataset = shareGptMultiTurn("zh");
/** `share_gpt_en_multi_turn`. */
export const shareGptEnMultiTurn: PerfDataset = shareGptMultiTurn("en");

/** `custom_multi_turn`. */
export const customMultiTurn: PerfDataset = {
  name: "custom_multi_turn",
  summary:
    "JSONL of conversations (message arrays, or objects with messages and tools), split into turns at assistant messages (--dataset-path)",
  requiresPath: true,
  multiTurn: true,
  async *items(ctx) {
    for await (const value of readJsonLines(ctx.path ?? "", ctx.skipped)) {
      const found = customConversation(value);
      if (!found) continue;
      const conversation = conversationOf(splitTurns(found.messages), ctx, found.tools);
      if (conversation) yield { conversation };
    }
  },
};
