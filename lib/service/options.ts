/**
 * The `lmeter service` options, declared once: EvalScope's flags (`--host`, `--port`,
 * `--outputs`, `--debug`) with a safe default host, and lmeter's own.
 *
 * @module
 */
import { defineOptions, type OptionValues } from "../config/schema.ts";

/** The options of `lmeter service`. */
export const SERVICE_OPTIONS = defineOptions([
  {
    name: "host",
    type: "string",
    default: "127.0.0.1",
    help:
      "Address to listen on (a non-loopback address needs --auth-token-file and --allow-target)",
  },
  {
    name: "port",
    type: "int",
    default: 9000,
    min: 0,
    max: 65535,
    help: "Port to listen on (0 picks a free one)",
  },
  {
    name: "outputs",
    type: "string",
    default: "./outputs",
    help: "Folder the jobs write into: <outputs>/<task id>/",
    placeholder: "DIR",
  },
  {
    name: "auth_token_file",
    type: "string",
    help:
      "File holding the token every request must send as 'Authorization: Bearer <token>' (or set LMETER_SERVICE_TOKEN)",
    placeholder: "FILE",
  },
  {
    name: "store",
    type: "string",
    help:
      "The job store: a Deno KV file, or the http(s) URL of a KV server shared by replicas [default: <outputs>/.lmeter-service/jobs.kv]",
    placeholder: "PATH|URL",
  },
  {
    name: "max_jobs",
    type: "int",
    default: 2,
    min: 1,
    max: 256,
    help: "Jobs this service runs at once (the others wait in the queue)",
  },
  {
    name: "allow_target",
    type: "string[]",
    default: [],
    help:
      "Hosts jobs may send requests to, as HOST or HOST:PORT (default: any, on a loopback address only)",
    placeholder: "HOST[:PORT]",
  },
  {
    name: "cancel_grace",
    type: "float",
    default: 10,
    min: 0,
    help: "Seconds a canceled job may take to save its files before it is stopped",
  },
  {
    name: "retention_days",
    type: "int",
    default: 30,
    min: 0,
    help: "Days a finished job stays in the store (0: forever); its files are kept",
  },
  {
    name: "debug",
    type: "bool",
    default: false,
    help: "Print stack traces of failed jobs",
  },
]);

/** The typed values of {@linkcode SERVICE_OPTIONS}. */
export type ServiceValues = OptionValues<typeof SERVICE_OPTIONS>;
