/**
 * An lmeter service in this process for tests: real job kinds (the scoped eval and perf
 * workers), an outputs folder of its own, port 0.
 *
 * @module
 */
import { join } from "node:path";
import { FIXTURES } from "../eval/helpers.ts";
import { serviceKinds } from "../../lib/cli/service_kinds.ts";
import { evalCommand } from "../../lib/cli/eval.ts";
import { perfCommand } from "../../lib/cli/perf.ts";
import { optionDefaults } from "../../lib/config/schema.ts";
import { SERVICE_OPTIONS, type ServiceValues } from "../../lib/service/options.ts";
import { type RunningService, startService } from "../../lib/service/serve.ts";

/** A running test service and its outputs folder. */
export interface TestService extends RunningService {
  outputs: string;
  /** `fetch` of a path on the service, JSON bodies sent as such, the token added when set. */
  call(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
}

/** Starts a service on 127.0.0.1:0 writing into `outputs` (a new temporary folder by default). */
export async function startTestService(
  options: Partial<ServiceValues> & { outputs?: string; token?: string } = {},
): Promise<TestService> {
  const outputs = options.outputs ?? await Deno.makeTempDir({ prefix: "lmeter-service-" });
  const { token, ...overrides } = options;
  const values: ServiceValues = {
    ...optionDefaults(SERVICE_OPTIONS),
    port: 0,
    cancel_grace: 5,
    ...overrides,
    outputs,
  } as ServiceValues;
  const service = await startService({
    values,
    token,
    kinds: serviceKinds(() => {}),
    kindOptions: { eval: evalCommand.spec.options, perf: perfCommand.spec.options },
    benchmarks: () => [],
    pollMs: 200,
    log: () => {},
  });
  return {
    ...service,
    outputs,
    call(path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (token && !("authorization" in headers)) headers.authorization = `Bearer ${token}`;
      if (init.body !== undefined) headers["content-type"] ??= "application/json";
      return fetch(`${service.url}${path}`, {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
    },
  };
}

/** Polls job `id` until it is terminal; returns its last view. */
export async function pollJob(
  service: TestService,
  id: string,
): Promise<Record<string, unknown>> {
  for (;;) {
    const job = await (await service.call(`/api/v1/jobs/${id}`)).json();
    if (["succeeded", "failed", "canceled"].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Removes a test service's outputs folder. */
export async function removeOutputs(service: TestService): Promise<void> {
  await Deno.remove(join(service.outputs), { recursive: true }).catch(() => {});
}

/** A small perf job's config against `apiUrl` (`…/v1`). */
export function perfConfig(apiUrl: string, number = 3): Record<string, unknown> {
  return {
    model: "qwen2.5",
    url: `${apiUrl}/chat/completions`,
    parallel: 1,
    number,
    prompt: "Tell me a story.",
    max_tokens: 8,
    sleep_interval: 0,
    calibrate: false,
    no_test_connection: true,
  };
}

/** A small eval job's config against `apiUrl`. */
export function evalConfig(apiUrl: string, limit = 3): Record<string, unknown> {
  return {
    model: "qwen2.5",
    api_url: apiUrl,
    datasets: ["gsm8k"],
    limit,
    dataset_dir: FIXTURES,
    eval_batch_size: 1,
  };
}
