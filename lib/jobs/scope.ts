/**
 * The permission scope of one job: which hosts it may reach and which paths it may read and
 * write. Everything else is denied inside the job's worker.
 *
 * @module
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type EnvGetter, proxyFor, proxyLabel } from "../client/proxy.ts";
import { UserError } from "../errors.ts";

/** Hosts (`host:port`) and paths a job may use, and the programs it may start. */
export interface JobScope {
  net: string[];
  read: string[];
  write: string[];
  /** Absolute paths of the programs the job may start (the code sandbox's launcher); none when absent. */
  run?: string[];
}

/** `host:port` of a URL, with the scheme's default port filled in. */
export function hostPort(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UserError(
      `Cannot use URL "${url}": it is not a valid URL`,
      "Write it in full, e.g. http://127.0.0.1:8000/v1",
    );
  }
  const port = u.port || (u.protocol === "https:" ? "443" : "80");
  return `${u.hostname}:${port}`;
}

/** Builds a scope from the URLs, input paths and output paths a job needs. Paths are made
 * absolute; the proxies the environment names for the URLs are added to the hosts. */
export function buildScope(
  parts: {
    urls?: (string | undefined)[];
    read?: (string | undefined)[];
    write?: (string | undefined)[];
    run?: string[];
  },
  env: EnvGetter = (name) => Deno.env.get(name),
): JobScope {
  const uniq = (xs: string[]) => [...new Set(xs)];
  const abs = (ps: (string | undefined)[] = []) =>
    ps.filter((p): p is string => typeof p === "string" && p !== "").map((p) => resolve(p));
  const write = abs(parts.write);
  const urls = (parts.urls ?? []).filter((u): u is string => !!u);
  // A target reached through HTTP(S)_PROXY needs the proxy's host as well.
  const proxies = urls.map((u) => proxyFor(new URL(u), env)).filter((p) => p !== null);
  // The client tries [::1] when localhost refuses (a server bound to IPv6 only).
  const loopback6 = urls.map(hostPort).filter((h) => h.startsWith("localhost:"))
    .map((h) => `[::1]:${h.slice("localhost:".length)}`);
  const scope: JobScope = {
    net: uniq([...urls.map(hostPort), ...loopback6, ...proxies.map(proxyLabel)]),
    read: uniq([...abs(parts.read), ...write, programRoot()]),
    write: uniq(write),
  };
  if (parts.run && parts.run.length > 0) scope.run = uniq(abs(parts.run));
  return scope;
}

/** The directory lmeter runs from (the repo root from source, the bundle's folder when bundled). */
export function programRoot(): string {
  const here = import.meta.url;
  if (!here.startsWith("file:")) return Deno.cwd();
  const file = fileURLToPath(here);
  return here.endsWith("/lib/jobs/scope.ts") ? resolve(dirname(file), "../..") : dirname(file);
}
