/**
 * The rules of `--multi-turn` and its options, checked once when the config is built.
 *
 * @module
 */
import { UserError } from "../errors.ts";
import type { PerfDataset } from "./dataset.ts";
import type { PerfValues } from "./options.ts";
import type { Endpoint } from "./request_builder.ts";

/** A multi-turn run's settings (`PerfConfig.multiTurn`). */
export interface MultiTurnConfig {
  minTurns: number;
  maxTurns?: number;
  /** Header carrying the trace id (sticky routing), when given. */
  sessionHeader?: string;
}

/** Checks the multi-turn options against each other; undefined when `--multi-turn` is off. */
export function multiTurnConfig(
  v: Pick<
    PerfValues,
    | "multi_turn"
    | "min_turns"
    | "max_turns"
    | "session_header"
    | "open_loop"
    | "prompt"
    | "tokenize_prompt"
  >,
  o: { plugin: PerfDataset; endpoint: Endpoint; warnings: string[] },
): MultiTurnConfig | undefined {
  const { plugin } = o;
  if (!v.multi_turn) {
    if (plugin.multiTurn) {
      throw new UserError(
        `Cannot use --dataset ${plugin.name} without --multi-turn: it holds conversations`,
        "Add --multi-turn (--number then counts conversations, --parallel conversations at once).",
      );
    }
    if (v.max_turns !== undefined || v.session_header !== undefined) {
      o.warnings.push("--max-turns and --session-header apply to --multi-turn runs only");
    }
    return undefined;
  }
  if (v.open_loop) {
    throw new UserError(
      "Cannot run multi-turn conversations open loop",
      "A turn is sent once the reply to the one before has come: use --parallel for conversations at once (--rate adds a think time before each turn).",
    );
  }
  if (v.prompt !== undefined || !plugin.multiTurn) {
    throw new UserError(
      `Cannot run --multi-turn with ${
        v.prompt !== undefined ? "--prompt" : `--dataset ${plugin.name}`
      }: it has no conversations`,
      "Use --dataset random_multi_turn, share_gpt_zh_multi_turn, share_gpt_en_multi_turn, custom_multi_turn or a trie_* trace.",
    );
  }
  if (v.tokenize_prompt || o.endpoint !== "chat") {
    throw new UserError(
      "Cannot send conversations to a completions endpoint",
      "Point --url at /v1/chat/completions (and drop --tokenize-prompt): turns are chat messages.",
    );
  }
  if (v.max_turns !== undefined && v.max_turns < v.min_turns) {
    throw new UserError(
      `Invalid turns: --max-turns ${v.max_turns} is below --min-turns ${v.min_turns}`,
      "Give --max-turns at least --min-turns.",
    );
  }
  if (plugin.requiresMaxTurns && v.max_turns === undefined) {
    throw new UserError(
      `Cannot use --dataset ${plugin.name} without --max-turns`,
      "Say how many turns a conversation may have, e.g. --min-turns 2 --max-turns 5.",
    );
  }
  return {
    minTurns: v.min_turns,
    ...(v.max_turns !== undefined ? { maxTurns: v.max_turns } : {}),
    ...(v.session_header ? { sessionHeader: v.session_header } : {}),
  };
}
