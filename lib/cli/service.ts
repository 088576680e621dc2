/**
 * `lmeter service`: Run lmeter as an HTTP service that accepts eval and perf jobs — a durable
 * queue in Deno KV, lmeter's asynchronous job routes, and EvalScope's service routes.
 *
 * @module
 */
import { BENCHMARKS } from "../../benchmarks/mod.ts";
import { SERVICE_OPTIONS } from "../service/options.ts";
import { startService } from "../service/serve.ts";
import { describe } from "./benchmarks.ts";
import { COMMANDS } from "./commands.ts";
import { type Command, defineCommand } from "./command.ts";
import { evalCommand } from "./eval.ts";
import { perfCommand } from "./perf.ts";
import { serviceKinds } from "./service_kinds.ts";
import { readServiceToken } from "./service_token.ts";

/** The `service` command. */
export const serviceCommand: Command = defineCommand({
  spec: {
    name: "service",
    summary: COMMANDS.service.summary,
    usage: "lmeter service [--host 127.0.0.1] [--port 9000] [--outputs ./outputs] [options]",
    description: `
Queues eval and perf jobs sent over HTTP and runs them (at most --max-jobs at once; a perf job
alone on its target). Jobs survive a restart: an eval job resumes from its sample cache, a perf
job fails as interrupted. Routes: lmeter's /api/v1/jobs, and EvalScope's /api/v1/eval/invoke,
/api/v1/perf/invoke, /api/v1/eval, /api/v1/perf (docs/service.md). A non-loopback --host needs a
token (--auth-token-file or LMETER_SERVICE_TOKEN) and --allow-target.`,
    options: SERVICE_OPTIONS,
    examples: [
      "lmeter service",
      "lmeter service --port 9000 --outputs ./outputs --max-jobs 4",
      "LMETER_SERVICE_TOKEN=$(cat token) lmeter service --host 0.0.0.0 --allow-target 10.0.0.5:8000",
    ],
  },
  async run({ options, signal }) {
    const values = options.values;
    const token = await readServiceToken(values.auth_token_file, { flag: "--auth-token-file" });
    const service = await startService({
      values,
      token,
      kinds: serviceKinds(),
      kindOptions: {
        eval: evalCommand.spec.options,
        perf: perfCommand.spec.options,
      },
      benchmarks: (type) =>
        BENCHMARKS.filter((b) => type !== "multimodal" || b.tags.includes("multimodal"))
          .map(describe),
    });
    console.error(`lmeter service listening on ${service.url} (outputs: ${values.outputs})`);
    if (!token) console.error("No token: only this machine can reach the service.");
    await new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      signal.addEventListener("abort", () => resolve(), { once: true });
    });
    await service.shutdown();
    return 0;
  },
});
