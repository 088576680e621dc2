/**
 * Which HTTP proxy, if any, a request goes through: the conventional environment variables
 * `HTTPS_PROXY` / `HTTP_PROXY` / `ALL_PROXY` (either case; the lower-case one wins, as in curl)
 * and `NO_PROXY`. Loopback hosts (`localhost`, `127.0.0.0/8`, `::1`) never go through a proxy,
 * so a load test against a local server is never relayed by accident.
 *
 * Only `http://` proxies are supported (the common kind: HTTPS targets are tunnelled with
 * `CONNECT`); credentials in the proxy URL are sent as `Proxy-Authorization: Basic`.
 *
 * @module
 */
import { UserError } from "../errors.ts";

/** Reads an environment variable (injected in tests). */
export type EnvGetter = (name: string) => string | undefined;

/** The proxy to use for `target`, or null for a direct connection. */
export function proxyFor(target: URL, env: EnvGetter = safeEnv): URL | null {
  if (isLoopback(target.hostname)) return null;
  const https = target.protocol === "https:";
  const raw = pick(env, https ? "https_proxy" : "http_proxy") ?? pick(env, "all_proxy");
  if (!raw) return null;
  if (bypassed(target, pick(env, "no_proxy") ?? "")) return null;
  return parseProxy(raw);
}

/** The proxy URL as given, validated: `http://[user:pass@]host[:port]`. */
export function parseProxy(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.includes("://") ? raw : `http://${raw}`);
  } catch {
    throw new UserError(
      `The proxy "${redact(raw)}" (from HTTP(S)_PROXY) is not a valid URL`,
      "Write it as http://host:port, or unset the variable",
    );
  }
  if (url.protocol !== "http:") {
    throw new UserError(
      `Proxies of the kind ${url.protocol}// are not supported (from HTTP(S)_PROXY: ${
        redact(raw)
      })`,
      "Use an http:// proxy (HTTPS targets are tunnelled through it with CONNECT), or unset the variable",
    );
  }
  return url;
}

/** `Proxy-Authorization` value for a proxy URL with credentials, or null. */
export function proxyAuthorization(proxy: URL): string | null {
  if (!proxy.username && !proxy.password) return null;
  const creds = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(creds)))}`;
}

/** `host:port` of the proxy, for messages (never its credentials). */
export function proxyLabel(proxy: URL): string {
  return `${proxy.hostname}:${proxy.port || "80"}`;
}

/** True for names and addresses that stay on this machine. */
export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  return h === "localhost" || h.endsWith(".localhost") || h === "::1" ||
    /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** `NO_PROXY` matching: `*`, exact hosts, domain suffixes (`.corp` or `corp`), `host:port`. */
function bypassed(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  const port = target.port || (target.protocol === "https:" ? "443" : "80");
  for (let entry of noProxy.split(/[\s,]+/)) {
    entry = entry.trim().toLowerCase();
    if (!entry) continue;
    if (entry === "*") return true;
    // host:port, or [v6]:port; a bare IPv6 address has colons but no port.
    let entryPort: string | null = null;
    const m = /^\[(.*)\]:(\d+)$/.exec(entry) ?? /^([^:]*):(\d+)$/.exec(entry);
    if (m) {
      entry = m[1];
      entryPort = m[2];
    }
    entry = entry.replace(/^\[(.*)\]$/, "$1").replace(/^\*?\./, ".");
    if (entryPort !== null && entryPort !== port) continue;
    const bare = entry.startsWith(".") ? entry.slice(1) : entry;
    if (host === bare || host.endsWith(`.${bare}`)) return true;
  }
  return false;
}

function pick(env: EnvGetter, lower: string): string | undefined {
  const v = env(lower) ?? env(lower.toUpperCase());
  return v && v.trim() !== "" ? v.trim() : undefined;
}

function redact(raw: string): string {
  return raw.replace(/\/\/[^@/]*@/, "//***@");
}

function safeEnv(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined; // no env permission: no proxy
  }
}
