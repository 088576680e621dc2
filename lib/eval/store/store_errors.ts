/**
 * What the user reads when the run store cannot be opened or written: a KV file in the run folder,
 * or a remote KV (denokv) named by `--cache-url`. Each says what happened and what to do.
 *
 * @module
 */
import { UserError } from "../../errors.ts";

/** True for a store location that is a remote KV (`http://` or `https://`), not a file. */
export function isRemoteStore(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

const TOKEN_HINT =
  "Set DENO_KV_ACCESS_TOKEN (or pass --cache-token-file FILE) to the denokv server's --access-token.";

/** The error for a store that could not be opened. */
export function openError(location: string, e: unknown): UserError {
  const msg = messageOf(e);
  if (!isRemoteStore(location)) {
    return new UserError(
      `Cannot open the run cache ${location}: ${msg}`,
      "Check that the run folder is writable.",
      { exitCode: 1, cause: e },
    );
  }
  const at = `Cannot open the run cache at ${location}`;
  if (/DENO_KV_ACCESS_TOKEN/.test(msg) && /missing|requires/i.test(msg)) {
    return new UserError(`${at}: no access token`, TOKEN_HINT, { exitCode: 1, cause: e });
  }
  const status = /responded with status (\d{3})[^:]*:?\s*(.*)$/s.exec(msg);
  if (status && (status[1] === "401" || status[1] === "403")) {
    return new UserError(
      `${at}: the server refused the access token (${status[1]}${
        status[2] ? `: ${status[2].trim()}` : ""
      })`,
      `${TOKEN_HINT} The token must be the server's, not a model API key.`,
      { exitCode: 1, cause: e },
    );
  }
  if (/failed to connect|connection refused|dns error|tcp connect/i.test(msg)) {
    return new UserError(
      `${at}: nothing answers there (${msg.replace(/^Could not open Deno KV database: /, "")})`,
      "Start the denokv server (docs/sharding.md shows one) or correct --cache-url; without --cache-url the run keeps its cache in the run folder.",
      { exitCode: 1, cause: e },
    );
  }
  return new UserError(
    `${at}: ${msg}`,
    "Check that --cache-url names a denokv server (KV Connect protocol) and that it is running.",
    { exitCode: 1, cause: e },
  );
}

/** The error for a write that failed (another process holds a KV file, a full disk, a server error). */
export function writeError(location: string, e: unknown): UserError {
  if (e instanceof UserError) return e;
  const msg = messageOf(e);
  if (isRemoteStore(location)) {
    return new UserError(
      `Cannot write the run cache at ${location}: ${msg}`,
      "Check the denokv server's log; finished samples stay in the store, so running again with the same --cache-url resumes.",
      { exitCode: 1, cause: e },
    );
  }
  if (/locked|busy/i.test(msg)) {
    return new UserError(
      `Cannot write the run cache ${location}: another lmeter process is using this run folder`,
      "Wait for the other run to finish (only one process may resume a run at a time).",
      { exitCode: 1, cause: e },
    );
  }
  return new UserError(
    `Cannot write the run cache ${location}: ${msg}`,
    "Check free disk space and permissions of the run folder.",
    { exitCode: 1, cause: e },
  );
}

/** The error for a remote store that has not answered for `ms` (Deno's client retries forever). */
export function stallError(location: string, ms: number): UserError {
  return new UserError(
    `Cannot reach the run cache at ${location}: no answer for ${+(ms / 1000).toFixed(1)} s`,
    "Deno retried meanwhile (its 'KV Connect failed to call' lines say why). Check the denokv server; finished samples stay in the store, so running again with the same --cache-url resumes.",
    { exitCode: 1 },
  );
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
