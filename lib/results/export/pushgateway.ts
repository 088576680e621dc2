/**
 * `--pushgateway URL`: sends a run's `metrics.prom` to a Prometheus Pushgateway, replacing the
 * group `job="lmeter", instance="<name>"` (`PUT /metrics/job/lmeter/instance/<name>`), so a
 * Prometheus that scrapes the gateway keeps the last result of each named invocation.
 *
 * @module
 */
import { UserError } from "../../errors.ts";

/** The Pushgateway path of the group `job="lmeter", instance=<instance>`. */
export function pushgatewayPath(instance: string): string {
  // A value with "/" cannot sit in a path segment; the Pushgateway takes it as base64url then.
  if (instance.includes("/")) {
    const b64 = btoa(String.fromCodePoint(...new TextEncoder().encode(instance)))
      .replaceAll("+", "-").replaceAll("/", "_");
    return `/metrics/job/lmeter/instance@base64/${b64}`;
  }
  return `/metrics/job/lmeter/instance/${encodeURIComponent(instance)}`;
}

/** PUTs `text` (Prometheus text format 0.0.4) to the gateway at `url`; returns the URL pushed to. */
export async function pushToGateway(
  url: string,
  options: { text: string; instance: string },
): Promise<string> {
  const target = url.replace(/\/+$/, "") + pushgatewayPath(options.instance);
  let res: Response;
  try {
    res = await fetch(target, {
      method: "PUT",
      headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" },
      body: options.text,
    });
  } catch (e) {
    throw new UserError(
      `Cannot push the metrics to the Pushgateway ${url}: ${e instanceof Error ? e.message : e}`,
      "Check --pushgateway (e.g. http://127.0.0.1:9091) and that the gateway runs; the results are saved, push them later with curl -X PUT --data-binary @metrics.prom.",
      { cause: e },
    );
  }
  const body = (await res.text()).trim();
  if (!res.ok) {
    throw new UserError(
      `Cannot push the metrics to the Pushgateway ${url}: HTTP ${res.status}${
        body ? ` ${body.slice(0, 300)}` : ""
      }`,
      "The results are saved; metrics.prom is in <output>/export.",
    );
  }
  return target;
}
