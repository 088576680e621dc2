/**
 * Starts `lmeter service`: refuses an unsafe bind, opens the store, recovers what a stopped
 * service left running, and listens.
 *
 * @module
 */
import { join, resolve } from "node:path";
import type { OptionSpec } from "../config/schema.ts";
import { UserError } from "../errors.ts";
import { isLoopbackHost } from "../app/server/security.ts";
import { listen, type Listening } from "../app/server/listen.ts";
import type { ServiceContext } from "./context.ts";
import { JobEngine, type JobKinds, type RunJob } from "./engine.ts";
import { createServiceHandler } from "./handler.ts";
import type { JobKind } from "./job_record.ts";
import { JobStore } from "./job_store.ts";
import type { ServiceValues } from "./options.ts";

/** What {@linkcode startService} needs besides the options. */
export interface ServiceParts {
  /** The options, as `lmeter service` parsed them. */
  values: ServiceValues;
  /** The token requests must carry, if any (already read from its file or the environment). */
  token?: string;
  kinds: JobKinds;
  kindOptions: Readonly<Record<JobKind, readonly OptionSpec[]>>;
  benchmarks(type: string | null): unknown[];
  /** Runs a job (default: the scoped worker). */
  run?: RunJob;
  /** How often the engine looks at the store (ms). Default 1000. */
  pollMs?: number;
  log?: (line: string) => void;
}

/** A running service. */
export interface RunningService {
  url: string;
  port: number;
  engine: JobEngine;
  /** Stops listening and stops the jobs (eval jobs resume on the next start). */
  shutdown(): Promise<void>;
}

/** Checks the bind, opens the store and listens; resolves once the service takes requests. */
export async function startService(parts: ServiceParts): Promise<RunningService> {
  const v = parts.values;
  const loopback = isLoopbackHost(v.host);
  if (!loopback && (!parts.token || v.allow_target.length === 0)) {
    throw new UserError(
      `Cannot listen on ${v.host}: a load generator open to the network without ${
        parts.token ? "an allow-list" : "a token"
      } is an attack relay (anyone could aim it at any host)`,
      "Keep the default --host 127.0.0.1, or give both --auth-token-file (or LMETER_SERVICE_TOKEN) and --allow-target HOST[:PORT].",
    );
  }
  const outputs = resolve(v.outputs);
  await Deno.mkdir(outputs, { recursive: true });
  const storePath = v.store ?? join(outputs, ".lmeter-service", "jobs.kv");
  let store: JobStore;
  try {
    store = await JobStore.open(storePath);
  } catch (e) {
    throw new UserError(
      `Cannot open the job store ${storePath}: ${e instanceof Error ? e.message : String(e)}`,
      "Pass --store with a writable file, or the URL of a KV server.",
      { cause: e },
    );
  }
  const engine = new JobEngine({
    store,
    kinds: parts.kinds,
    outputs,
    maxJobs: v.max_jobs,
    cancelGraceMs: v.cancel_grace * 1000,
    retentionDays: v.retention_days,
    run: parts.run,
    pollMs: parts.pollMs,
    log: parts.log,
    debug: v.debug,
  });
  const ctx: ServiceContext = {
    engine,
    allowTargets: v.allow_target,
    loopback,
    options: parts.kindOptions,
    benchmarks: parts.benchmarks,
  };
  let listening: Listening;
  try {
    listening = await listen({ hostname: v.host, port: v.port });
  } catch (e) {
    store.close();
    throw e;
  }
  const { server, port, setHandler } = listening;
  setHandler(createServiceHandler(ctx, { host: v.host, port, token: parts.token }));
  await engine.start();
  const shown = v.host.includes(":") ? `[${v.host}]` : v.host;
  return {
    url: `http://${shown}:${port}`,
    port,
    engine,
    async shutdown() {
      await engine.stop();
      await server.shutdown();
      store.close();
    },
  };
}
