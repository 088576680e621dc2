/**
 * Subprocess of the bundle test: starts the simulator (gsm8k answer key) and runs
 * `lmeter eval --datasets gsm8k --limit 4` into `<work_dir>` with the extra arguments; exits with
 * the CLI's code. Run inside `unshare -n` it proves an evaluation needs no network.
 *
 * Usage: deno run -A tests/data/bundle_eval.ts <work_dir> [eval arguments…]
 *
 * @module
 */
import { main } from "../../lib/cli/main.ts";
import { gsm8kKey, startSim } from "../eval/helpers.ts";

const [workDir, ...extra] = Deno.args;
const sim = await startSim({ answerKey: await gsm8kKey((i) => i % 2 === 0) });
let code = 1;
try {
  code = await main([
    "eval",
    "--model",
    "qwen2.5",
    "--api-url",
    sim.apiUrl,
    "--datasets",
    "gsm8k",
    "--limit",
    "4",
    "--work-dir",
    workDir,
    "--no-timestamp",
    ...extra,
  ]);
} finally {
  await sim.close();
}
Deno.exit(code);
