/**
 * Test helper: a finished exchange as the client would return it, for dispatcher and runner
 * tests that use a fake client.
 *
 * @module
 */
import type { CompletionResult } from "../client/types.ts";

/** A streamed exchange sent at `intended` that ended there too, with `outcome` and `text`. */
export function fakeResult(
  intended: number,
  options: { outcome?: "success" | "error"; text?: string } = {},
): CompletionResult {
  const outcome = options.outcome ?? "success";
  return {
    outcome,
    httpStatus: outcome === "success" ? 200 : 500,
    streamed: true,
    text: options.text ?? "",
    reasoning: "",
    finishReason: "stop",
    usage: null,
    chunks: 0,
    attempts: 1,
    timing: {
      intendedSend: intended,
      wallStart: 0,
      sent: intended,
      connectMs: 0,
      newConnection: false,
      written: intended,
      headers: null,
      firstByte: null,
      firstChoiceEvent: null,
      firstToken: null,
      events: [],
      choiceEvents: [],
      tokenEvents: [],
      lastEvent: null,
      end: intended,
    },
  };
}
