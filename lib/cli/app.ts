/**
 * `lmeter app`: Browse eval and perf results in a local web UI.
 *
 * @module
 */
import { startApp } from "../app/serve.ts";
import type { Lang } from "../report/html/i18n.ts";
import { COMMANDS } from "./commands.ts";
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
      "127.0.0.1 unless told otherwise; another host requires --auth-token.",
    options: [
      {
        name: "outputs",
        type: "string",
        default: "./outputs",
        help: "Folder holding eval and perf results, or one run folder",
        placeholder: "DIR",
      },
      {
        name: "host",
        type: "string",
        default: "127.0.0.1",
        help: "Address to listen on (a non-loopback address requires --auth-token)",
        aliases: ["server-name"],
      },
      {
        name: "port",
        type: "int",
        default: 7861,
        min: 0,
        max: 65535,
        help: "Port to listen on (0 picks a free one)",
        aliases: ["server-port"],
      },
      {
        name: "lang",
        type: "string",
        default: "en",
        choices: ["en", "zh"],
        help: "Language of the UI",
      },
      {
        name: "auth_token",
        type: "string",
        help: "Secret every request must carry (open the printed address once to set it)",
        placeholder: "TOKEN",
      },
    ],
    examples: [
      "lmeter app --outputs ./outputs",
      "lmeter app --outputs ./outputs/20250105_101500 --lang zh",
      'lmeter app --host 0.0.0.0 --auth-token "$(openssl rand -hex 16)"',
    ],
  },
  async run({ options, signal }) {
    const v = options.values;
    const app = await startApp({
      outputs: String(v.outputs),
      host: String(v.host),
      port: Number(v.port),
      lang: v.lang as Lang,
      authToken: typeof v.auth_token === "string" && v.auth_token ? v.auth_token : undefined,
      signal,
    });
    console.log(`lmeter app: serving ${String(v.outputs)} (read-only) at ${app.url}`);
    console.log("Press Ctrl-C to stop.");
    await app.finished;
    return 0;
  },
};
