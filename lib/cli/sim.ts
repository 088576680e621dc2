/**
 * `lmeter sim`: run the built-in OpenAI-compatible simulator until Ctrl-C.
 *
 * @module
 */
import { SIM_OPTIONS, simulatorOptionsFromValues, startSimulator } from "../sim/mod.ts";
import { COMMANDS } from "./commands.ts";
import type { Command } from "./command.ts";

/** The `sim` command. */
export const simCommand: Command = {
  spec: {
    name: "sim",
    summary: COMMANDS.sim.summary,
    usage:
      "lmeter sim [--port 8801] [--ttft-ms 200 --itl-ms 20] [--answer-key key.jsonl] [faults…]",
    description: `
Serves GET /v1/models, POST /v1/chat/completions and POST /v1/completions (streaming, one token
per event, and non-streaming, with usage), plus GET /sim/stats and GET /sim/requests. Timing:
TTFT = ttft_ms + prefill_ms_per_token x prompt tokens; then one token every itl_ms. Everything it
does is decided by its options and --seed, so results are exactly known. See docs/simulator.md.`,
    options: SIM_OPTIONS,
    examples: [
      "lmeter sim --port 8801 --ttft-ms 200 --itl-ms 20",
      "lmeter sim --answer-key key.jsonl --models qwen2.5",
      "lmeter sim --fault-500-rate 0.05 --fault-cut-rate 0.02 --seed 7",
    ],
  },
  async run({ options, signal }) {
    const sim = await startSimulator(simulatorOptionsFromValues(options.values));
    const s = sim.stats();
    console.log(`lmeter sim listening on ${sim.url}/v1 (models: ${s.told.models.join(", ")})`);
    console.log(
      `  TTFT ${s.told.ttftMs} ms + ${s.told.prefillMsPerToken} ms/prompt token, ITL ${s.told.itlMs} ms, ` +
        `tokenizer ${s.tokenizer}, at most ${s.maxConnections} requests in flight`,
    );
    console.log("  Ctrl-C to stop.");
    await new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      signal.addEventListener("abort", () => resolve(), { once: true });
    });
    await sim.close();
    const end = sim.stats();
    console.log(`served ${end.requests} requests (${end.completionTokens} completion tokens)`);
    return 0;
  },
};
