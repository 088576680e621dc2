/**
 * A job that GETs one URL and reports what happened: proves a scope end to end.
 *
 * @module
 */
import { HttpClient } from "../../lib/client/http_client.ts";
import { NO_RETRY } from "../../lib/client/retry.ts";

/** Input of the probe job. */
export interface ProbeInput {
  url: string;
}

/** Output of the probe job: the outcome of one POST of `{}` to the URL. */
export interface ProbeOutput {
  outcome: string;
  errorKind?: string;
  error?: string;
  httpStatus: number | null;
}

/** GETs `input.url` with lmeter's client; used by the scoped-worker tests. */
export async function probeJob(input: unknown): Promise<ProbeOutput> {
  const { url } = input as ProbeInput;
  const client = new HttpClient({ retry: NO_RETRY, totalTimeoutMs: 10_000 });
  try {
    const r = await client.post(url, { model: "probe", prompt: "hello", max_tokens: 1 });
    return { outcome: r.outcome, errorKind: r.errorKind, error: r.error, httpStatus: r.httpStatus };
  } finally {
    client.close();
  }
}
