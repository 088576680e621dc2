/**
 * The `lmeter app` options, declared once: the CLI's flags, `--help` and the defaults that
 * {@linkcode startApp} applies when a library caller leaves an option out all come from
 * {@linkcode APP_OPTIONS}.
 *
 * @module
 */
import { defineOptions, optionDefaults } from "../config/schema.ts";
import type { Lang } from "../report/html/i18n.ts";

/** The options of `lmeter app`. */
export const APP_OPTIONS = defineOptions([
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
  {
    name: "service",
    type: "string",
    help: "URL of a running lmeter service: the Jobs page lists its jobs and follows one live",
    placeholder: "URL",
  },
  {
    name: "service_token_file",
    type: "string",
    help:
      "File holding the service's token (or set LMETER_SERVICE_TOKEN); never sent to the browser",
    placeholder: "FILE",
  },
]);

const DEFAULTS = optionDefaults(APP_OPTIONS);

/** Options of `startApp`; what is left out takes the `lmeter app` default. */
export interface AppOptions {
  /** The outputs folder (or one run folder). */
  outputs: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 7861; 0 picks a free port. */
  port?: number;
  /** Default `en`. */
  lang?: Lang;
  /** Required when `host` is not a loopback address; an empty one counts as none. */
  authToken?: string;
  /** A running `lmeter service` whose jobs the Jobs page shows (the app talks to it over HTTP). */
  service?: string;
  /** The service's token, sent by the app's server only (the browser never sees it). */
  serviceToken?: string;
  signal?: AbortSignal;
}

/** {@linkcode AppOptions} with every default applied. */
export interface ResolvedAppOptions {
  outputs: string;
  host: string;
  port: number;
  lang: Lang;
  authToken: string | undefined;
  service: string | undefined;
  serviceToken: string | undefined;
}

/** Applies the defaults of {@linkcode APP_OPTIONS} to what a caller left out. */
export function resolveAppOptions(options: AppOptions): ResolvedAppOptions {
  return {
    outputs: options.outputs,
    host: options.host ?? DEFAULTS.host,
    port: options.port ?? DEFAULTS.port,
    lang: options.lang ?? DEFAULTS.lang,
    authToken: options.authToken || undefined,
    service: options.service || undefined,
    serviceToken: options.serviceToken || undefined,
  };
}

/** The parsed values of the `lmeter app` options as {@linkcode AppOptions}. */
export function appOptionsFromValues(values: Record<string, unknown>): AppOptions {
  const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
  return {
    outputs: text(values.outputs) ?? DEFAULTS.outputs,
    host: text(values.host),
    port: typeof values.port === "number" ? values.port : undefined,
    lang: text(values.lang) as Lang | undefined,
    authToken: text(values.auth_token),
    service: text(values.service),
  };
}
