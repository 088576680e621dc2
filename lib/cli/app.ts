/**
 * `lmeter app`: Browse eval and perf results in a local web UI.
 *
 * @module
 */
import { startApp } from "../app/serve.ts";
import { APP_OPTIONS, appOptionsFromValues } from "../app/options.ts";
import { COMMANDS } from "./commands.ts";
import { readServiceToken } from "./service_token.ts";
import type { Command } from "./command.ts";

/** The `app` command. */
export const appCommand: Command = {
  spec: {
    name: "app",
    summary: COMMANDS.app.summary,
    usage: "lmeter app [--outputs DIR] [options]",
    description:
      "Serves a read-only web UI over an outputs folder (or one run folder): runs list, reports, " +
      "predictions, model comparison with paired statistics, and perf sweeps. Listens on " +
      "127.0.0.1 unless told otherwise; another host requires --auth-token. With --service URL " +
      "the Jobs page lists a running lmeter service's jobs and follows one live.",
    options: APP_OPTIONS,
    examples: [
      "lmeter app --outputs ./outputs",
      "lmeter app --outputs ./outputs/20250105_101500 --lang zh",
      'lmeter app --host 0.0.0.0 --auth-token "$(openssl rand -hex 16)"',
      "lmeter app --service http://127.0.0.1:9000 --service-token-file token",
    ],
  },
  async run({ options, signal }) {
    const appOptions = appOptionsFromValues(options.values);
    const serviceToken = appOptions.service === undefined ? undefined : await readServiceToken(
      options.values.service_token_file as string | undefined,
      { flag: "--service-token-file" },
    );
    const app = await startApp({ ...appOptions, serviceToken, signal });
    console.log(`lmeter app: serving ${appOptions.outputs} (read-only) at ${app.url}`);
    if (appOptions.service) {
      console.log(`Jobs of the service at ${appOptions.service}: ${app.url}#/jobs`);
    }
    console.log("Press Ctrl-C to stop.");
    await app.finished;
    return 0;
  },
};
