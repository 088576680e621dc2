import assert from "node:assert/strict";
import { join } from "node:path";
import { configFrom, withTempDir } from "../../tests/perf/helpers.ts";
import { UserError } from "../errors.ts";
import { loadTokenizer } from "../tokenizer/mod.ts";
import type { PreparedRequest } from "./request_builder.ts";
import { preparedRequests, RequestWorker } from "./request_stream.ts";
import { PERF_DATASETS } from "../../perf/mod.ts";

async function take(it: AsyncIterable<PreparedRequest>, n: number): Promise<PreparedRequest[]> {
  const out: PreparedRequest[] = [];
  for await (const r of it) {
    out.push(r);
    if (out.length >= n) break;
  }
  return out;
}

const args = (extra: string[]) => [
  "--model",
  "m",
  "--url",
  "http://127.0.0.1:9/v1/chat/completions",
  "--outputs-dir",
  "/tmp/lmeter-request-stream-test-unused",
  "--seed",
  "11",
  ...extra,
];

Deno.test({
  name: "RequestWorker makes the same requests on its thread as this thread would, run by run",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const config = await configFrom(args([
      "--dataset",
      "random",
      "--min-prompt-length",
      "20",
      "--max-prompt-length",
      "60",
      "--max-tokens",
      "5",
      "9",
    ]));
    const tokenizer = await loadTokenizer(config.tokenizerPath);
    const worker = await RequestWorker.start(config, 11);
    try {
      for (const spec of [{ offset: 0, index: 0 }, { offset: 40, index: 1 }]) {
        const remote = await take(worker.open(spec, 300), 300);
        const dataset = PERF_DATASETS[config.dataset];
        const local = await take(
          preparedRequests(config, { tokenizer, baseSeed: 11, spec, dataset }),
          300,
        );
        assert.equal(remote.length, 300, "more than one batch of 256 arrives");
        assert.deepEqual(remote, local);
      }
      // A stream stops at its limit, and another can follow on the same worker.
      assert.equal((await take(worker.open({ offset: 0, index: 2 }, 3), 10)).length, 3);
    } finally {
      worker.close();
    }
  },
});

Deno.test({
  name: "RequestWorker passes a dataset's error on with its hint",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withTempDir(async (dir) => {
      const empty = join(dir, "empty.txt");
      await Deno.writeTextFile(empty, "\n\n");
      const config = await configFrom(args([
        "--dataset",
        "line_by_line",
        "--dataset-path",
        empty,
      ]));
      const worker = await RequestWorker.start(config, 1);
      try {
        await assert.rejects(
          () => take(worker.open({ offset: 0, index: 0 }, 5), 5),
          (e: unknown) => {
            assert.ok(e instanceof UserError);
            assert.match(e.message, /yielded no prompts/);
            assert.match(e.hint ?? "", /--dataset-path/);
            return true;
          },
        );
      } finally {
        worker.close();
      }
    });
  },
});
