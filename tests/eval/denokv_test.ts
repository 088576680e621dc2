/**
 * The run store against a real denokv server, opt-in: set `LMETER_DENOKV_URL` (e.g.
 * `http://127.0.0.1:4512`) and `DENO_KV_ACCESS_TOKEN` to the server's `--access-token`. Everything
 * written is under fresh keys (a random prefix, a model name of its own), so the server may hold
 * other data and the test may run again. Without the variable the test is skipped with that reason
 * (the KV Connect stub covers the same paths offline: lib/eval/store/run_store_test.ts and
 * tests/eval/resume_test.ts).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { RunStore } from "../../lib/eval/store/run_store.ts";
import { evaluate, FIXTURES, gsm8kKey, requestLog, startSim, withTempDir } from "./helpers.ts";

const url = Deno.env.get("LMETER_DENOKV_URL") ?? "";

Deno.test({
  name: url
    ? `a real denokv (${url}) holds the run store: chunks, lists, batches, and a retried run asks the model nothing`
    : "SKIP real denokv: LMETER_DENOKV_URL is not set (an opt-in check against a running denokv server)",
  ignore: !url,
  async fn() {
    const run = crypto.randomUUID();
    const store = await RunStore.open(url);
    assert.equal(store.remote, true);
    const big = { text: "汉字".repeat(50_000) };
    await store.put([{ key: ["test", run, "big"], value: big }]);
    await Promise.all(
      Array.from(
        { length: 1200 },
        (_, i) => store.put([{ key: ["test", run, `k${i}`], value: i }]),
      ),
    );
    await store.close();
    const again = await RunStore.open(url);
    assert.deepEqual(await again.get(["test", run, "big"]), big);
    assert.equal((await again.list(["test", run])).size, 1201);
    await again.close();

    const model = `denokv-test-${run}`;
    const sim = await startSim({ answerKey: await gsm8kKey(() => true), models: [model] });
    try {
      await withTempDir(async (dir) => {
        const config = {
          model,
          api_url: sim.apiUrl,
          datasets: ["gsm8k"],
          dataset_dir: FIXTURES,
          limit: 3,
          no_timestamp: true,
          cache_url: url,
        };
        const first = await evaluate({ ...config, work_dir: join(dir, "pod-1") });
        assert.equal(first.requested, 3);
        const retried = await evaluate({ ...config, work_dir: join(dir, "pod-2") });
        assert.equal(retried.requested, 0);
        assert.equal(retried.reports[0].execution.cached, 3);
        assert.equal((await requestLog(sim.logPath)).length, 3);
      });
    } finally {
      await sim.close();
    }
  },
});
