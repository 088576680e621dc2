import assert from "node:assert/strict";
import { UserError } from "../errors.ts";
import type { PerfDataset } from "./dataset.ts";
import { multiTurnConfig } from "./multi_turn_config.ts";

const conversations: PerfDataset = {
  name: "random_multi_turn",
  summary: "",
  multiTurn: true,
  requiresMaxTurns: true,
  items: async function* () {},
};
const single: PerfDataset = { name: "openqa", summary: "", items: async function* () {} };
const values = {
  multi_turn: true,
  min_turns: 2,
  max_turns: 5 as number | undefined,
  session_header: undefined as string | undefined,
  open_loop: false,
  prompt: undefined as string | undefined,
  tokenize_prompt: false,
};
const check = (
  v: Partial<typeof values>,
  plugin = conversations,
  endpoint: "chat" | "completions" = "chat",
) => multiTurnConfig({ ...values, ...v }, { plugin, endpoint, warnings: [] });
const refused = (f: () => unknown, message: RegExp) =>
  assert.throws(f, (e: unknown) => e instanceof UserError && message.test(e.message));

Deno.test("multiTurnConfig keeps the turns and the session header", () => {
  assert.deepEqual(check({ session_header: "x-session-id" }), {
    minTurns: 2,
    maxTurns: 5,
    sessionHeader: "x-session-id",
  });
  assert.equal(check({ multi_turn: false }, single), undefined);
});

Deno.test("multiTurnConfig refuses open loop, single prompts, completions and missing turns", () => {
  refused(() => check({ open_loop: true }), /^Cannot run multi-turn conversations open loop$/);
  refused(() => check({}, single), /--dataset openqa: it has no conversations/);
  refused(() => check({ prompt: "hi" }), /--prompt: it has no conversations/);
  refused(() => check({}, conversations, "completions"), /completions endpoint/);
  refused(() => check({ max_turns: undefined }), /without --max-turns/);
  refused(() => check({ max_turns: 1 }), /--max-turns 1 is below --min-turns 2/);
  refused(() => check({ multi_turn: false }), /without --multi-turn/);
});
