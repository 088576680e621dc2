import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import type { CompletionResult } from "../../client/types.ts";
import type { RequestSample } from "../../metrics/run_data.ts";
import { PerfDb } from "./perf_db.ts";

const result: CompletionResult = {
  outcome: "success",
  httpStatus: 200,
  streamed: true,
  text: "hi",
  reasoning: "",
  finishReason: "stop",
  usage: { promptTokens: 3, completionTokens: 1, totalTokens: 4 },
  chunks: 1,
  attempts: 1,
  timing: {
    intendedSend: 10,
    wallStart: 0,
    sent: 10,
    written: 11,
    headers: 20,
    firstByte: 20,
    firstChoiceEvent: 20,
    firstToken: 20,
    events: [20],
    choiceEvents: [20],
    tokenEvents: [20],
    lastEvent: 20,
    end: 21,
    connectMs: null,
    newConnection: false,
  },
};

const sample: RequestSample = {
  outcome: "success",
  streamed: true,
  intendedMs: 10,
  sentMs: 10,
  completedMs: 20,
  ttftMs: 10,
  contentTtftMs: 10,
  latencyMs: 10,
  tpotMs: 0,
  itlMs: [],
  promptTokens: 3,
  completionTokens: 1,
  choiceChunks: 1,
};

const rowsSeenByAnotherReader = (path: string): number => {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM result").get() as { n: number }).n;
  } finally {
    db.close();
  }
};

Deno.test("PerfDb commits a finished row within flushAfterMs, long before the batch is full", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "benchmark_data.db");
  const db = new PerfDb(path, { commitInterval: 1000, flushAfterMs: 0 });
  try {
    db.add({ prompt: "a" }, result, sample, { tokenSource: "usage" });
    db.add({ prompt: "b" }, result, sample, { tokenSource: "usage" });
    assert.equal(rowsSeenByAnotherReader(path), 0, "rows finishing together share one commit");
    await new Promise((r) => setTimeout(r, 20));
    // A crash now (no close) would keep both rows.
    assert.equal(rowsSeenByAnotherReader(path), 2);
  } finally {
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
});
