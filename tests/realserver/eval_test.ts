/** lmeter eval against the real llama-server: local general_qa and general_mcq files, through chat
 * and through completions (a base model's raw prompt), write the usual layout. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { evaluate, FIXTURES } from "../eval/helpers.ts";
import { withTempDir } from "../eval/temp_dir.ts";
import { realServerTest, startRealServer } from "./server.ts";

const opts = { sanitizeResources: false, sanitizeOps: false };

for (const endpoint of ["chat", "completions"] as const) {
  Deno.test({
    ...opts,
    ...realServerTest(
      `real server: eval of local general_qa and general_mcq through ${endpoint} writes the usual layout`,
    ),
    async fn() {
      const server = await startRealServer({ parallel: 2 });
      try {
        await withTempDir(async (dir) => {
          const r = await evaluate({
            model: "stories",
            api_url: `${server.url}/v1`,
            apply_chat_template: endpoint === "chat",
            datasets: ["general_qa", "general_mcq"],
            dataset_args: {
              general_qa: { dataset_id: join(FIXTURES, "general_qa") },
              general_mcq: { dataset_id: join(FIXTURES, "general_mcq") },
            },
            generation_config: { max_tokens: 16, temperature: 0, retries: 0 },
            eval_batch_size: 2,
            limit: 3,
            work_dir: dir,
          });
          assert.deepEqual(r.reports.map((x) => x.datasetName), ["general_qa", "general_mcq"]);
          for (const name of ["general_qa_default", "general_mcq_default"]) {
            const lines = (await Deno.readTextFile(
              join(r.runDir, "predictions", "stories", `${name}.jsonl`),
            )).trim().split("\n").map((l) => JSON.parse(l));
            assert.equal(lines.length, 3);
            for (const p of lines) {
              assert.equal(p.status ?? "success", "success", JSON.stringify(p).slice(0, 300));
            }
            await Deno.stat(join(r.runDir, "reviews", "stories", `${name}.jsonl`));
          }
          await Deno.stat(join(r.runDir, "reports", "stories", "general_qa.json"));
          await Deno.stat(join(r.runDir, "reports", "stories", "general_mcq.json"));
          const endpointFile = JSON.parse(
            await Deno.readTextFile(join(r.runDir, "configs", "endpoint.json")).catch(() => "{}"),
          );
          assert.ok(endpointFile);
        });
      } finally {
        await server.close();
      }
    },
  });
}
