import assert from "node:assert/strict";
import { UserError } from "../../errors.ts";
import {
  MissingModelError,
  normalizeApiUrl,
  resolveLimit,
  resolveTaskConfig,
  type TaskConfig,
} from "./task_config.ts";

const base = { model: "qwen2.5", api_url: "http://127.0.0.1:8801/v1", datasets: ["gsm8k"] };

Deno.test("resolveLimit(): integral values are counts (1.0 = one sample), others fractions below 1", () => {
  assert.equal(resolveLimit(undefined), null);
  assert.equal(resolveLimit(0), null);
  assert.equal(resolveLimit(1.0), 1);
  assert.equal(resolveLimit(5), 5);
  assert.equal(resolveLimit(0.25), 0.25);
  assert.throws(() => resolveLimit(2.5), UserError);
});

Deno.test("eval_type: service and an api_url mean openai_api; no model and no URL means a mock run", () => {
  assert.equal(resolveTaskConfig({ ...base, eval_type: "service" }).evalType, "openai_api");
  assert.equal(resolveTaskConfig(base).evalType, "openai_api");
  assert.equal(resolveTaskConfig({ datasets: ["gsm8k"] }).evalType, "mock_llm");
});

Deno.test("an API URL without a model is a usage error, never a silent dry run", () => {
  const missing = (e: unknown) =>
    e instanceof MissingModelError && e.exitCode === 2 && /no --model given/.test(e.message) &&
    e.apiUrl === "http://127.0.0.1:8801/v1";
  assert.throws(
    () => resolveTaskConfig({ api_url: "http://127.0.0.1:8801/v1", datasets: ["gsm8k"] }),
    missing,
  );
  assert.throws(
    () =>
      resolveTaskConfig({ datasets: ["gsm8k"] }, {
        EVALSCOPE_BASE_URL: "http://127.0.0.1:8801/v1",
      }),
    missing,
  );
  assert.equal(
    resolveTaskConfig({ api_url: "http://x/v1", datasets: ["gsm8k"], eval_type: "mock_llm" })
      .evalType,
    "mock_llm",
    "a dry run when asked for",
  );
});

Deno.test("a local checkpoint is refused with a hint to serve it with vLLM or SGLang", () => {
  for (
    const cfg of [{ model: "/models/qwen", datasets: ["gsm8k"] }, {
      ...base,
      eval_type: "llm_ckpt",
    }] as TaskConfig[]
  ) {
    assert.throws(
      () => resolveTaskConfig(cfg),
      (e: unknown) =>
        e instanceof UserError && /local checkpoint/.test(e.message) &&
        /vllm serve/.test(e.hint ?? ""),
    );
  }
});

Deno.test("env fallbacks fill api_url and api_key; the URL loses /chat/completions", () => {
  const t = resolveTaskConfig({ model: "m", datasets: ["arc"] }, {
    EVALSCOPE_BASE_URL: "http://h:1/v1/chat/completions",
    EVALSCOPE_API_KEY: "sk-123456789",
  });
  assert.equal(t.apiUrl, "http://h:1/v1");
  assert.equal(t.apiKey, "sk-123456789");
  assert.equal(normalizeApiUrl("http://h/v1/"), "http://h/v1");
});

Deno.test("generation_config replaces the default, n becomes repeats, extra_body is merged", () => {
  const dflt = resolveTaskConfig(base);
  assert.deepEqual(dflt.generation.body, { temperature: 0 });
  const t = resolveTaskConfig({
    ...base,
    generation_config: {
      max_tokens: 512,
      n: 4,
      stream: true,
      timeout: 30,
      extra_body: { chat_template_kwargs: { enable_thinking: false } },
    },
  });
  assert.deepEqual(t.generation.body, {
    max_tokens: 512,
    chat_template_kwargs: { enable_thinking: false },
  });
  assert.equal(t.repeats, 4);
  assert.equal(t.generation.stream, true);
  assert.equal(t.generation.timeoutMs, 30_000);
  assert.ok(t.notes.some((n) => n.includes("repeats=4")));
});

Deno.test("model_args give headers, timeout and retries; the newest judge object and remote sandboxes are refused clearly", () => {
  const t = resolveTaskConfig({
    ...base,
    model_args: { default_headers: { "X-Tenant": "t1" }, timeout: 60, max_retries: 3 },
  });
  assert.deepEqual(t.generation.headers, { "X-Tenant": "t1" });
  assert.equal(t.generation.retries, 3);
  assert.throws(
    () => resolveTaskConfig({ ...base, judge: { models: [{ model_id: "j" }] } }),
    /Cannot use the judge object/,
  );
  assert.equal(resolveTaskConfig({ ...base, judge_strategy: "llm" }).judgeStrategy, "llm");
  assert.throws(
    () =>
      resolveTaskConfig({ ...base, sandbox: { manager_config: { base_url: "http://h:1234" } } }),
    /Cannot use a remote sandbox manager \(http:\/\/h:1234\): not supported/,
  );
  assert.throws(() => resolveTaskConfig({ ...base, eval_backend: "OpenCompass" }), /Native/);
  assert.throws(() => resolveTaskConfig({ ...base, datasets: [] }), /no datasets/);
});

Deno.test("the sandbox: bwrap where usable unless --sandbox or EvalScope's keys say otherwise", () => {
  assert.deepEqual(resolveTaskConfig(base).sandbox, { engine: "auto" });
  assert.deepEqual(resolveTaskConfig({ ...base, sandbox: "docker" }).sandbox, { engine: "docker" });
  assert.equal(resolveTaskConfig({ ...base, sandbox: "none" }).sandbox, null);
  assert.deepEqual(
    resolveTaskConfig({ ...base, use_sandbox: true, sandbox_type: "docker" }).sandbox,
    { engine: "docker" },
  );
  const evalscope = resolveTaskConfig({
    ...base,
    sandbox: {
      enabled: true,
      engine: "docker",
      pool_size: 2,
      default_config: { memory_limit: "512m" },
    },
  });
  assert.deepEqual(evalscope.sandbox, {
    engine: "docker",
    concurrency: 2,
    limits: { memoryBytes: 512 * 1024 * 1024 },
  });
});

Deno.test("a base model: --no-apply-chat-template or an api_url ending in /completions selects the completions endpoint", () => {
  assert.equal(resolveTaskConfig(base).endpoint, "chat");
  const off = resolveTaskConfig({ ...base, apply_chat_template: false });
  assert.equal(off.endpoint, "completions");
  assert.equal(off.apiUrl, "http://127.0.0.1:8801/v1");
  const url = resolveTaskConfig({ ...base, api_url: "http://127.0.0.1:8801/v1/completions" });
  assert.equal(url.endpoint, "completions");
  assert.equal(url.apiUrl, "http://127.0.0.1:8801/v1");
  const chat = resolveTaskConfig({ ...base, api_url: "http://127.0.0.1:8801/v1/chat/completions" });
  assert.equal(chat.endpoint, "chat");
  assert.equal(chat.apiUrl, "http://127.0.0.1:8801/v1");
});

Deno.test("~ in dataset_dir, work_dir, use_cache and dataset_args paths is the home folder (seed 002)", () => {
  const t = resolveTaskConfig({
    ...base,
    dataset_dir: "~/.cache/modelscope/hub/datasets",
    work_dir: "~/runs",
    dataset_args: { gsm8k: { dataset_id: "~/data/gsm8k", few_shot_num: 0 } },
  }, { HOME: "/home/u" });
  assert.equal(t.datasetDir, "/home/u/.cache/modelscope/hub/datasets");
  assert.equal(t.workDir, "/home/u/runs");
  assert.deepEqual(t.datasetArgs.gsm8k, { dataset_id: "/home/u/data/gsm8k", few_shot_num: 0 });
});

Deno.test("cache_url takes an http(s) URL without credentials; cache_token_file alone is a note", () => {
  assert.equal(resolveTaskConfig(base).cacheUrl, null);
  const t = resolveTaskConfig({
    ...base,
    cache_url: "http://denokv:4512",
    cache_token_file: "~/kv-token",
  }, { HOME: "/home/u" });
  assert.equal(t.cacheUrl, "http://denokv:4512");
  assert.equal(t.config.cache_token_file, "/home/u/kv-token");
  assert.equal(
    resolveTaskConfig({ ...base, cache_url: "https://kv.example/db" }).cacheUrl,
    "https://kv.example/db",
  );
  assert.throws(() => resolveTaskConfig({ ...base, cache_url: "denokv:4512x" }), /cache_url/);
  assert.throws(() => resolveTaskConfig({ ...base, cache_url: "not a url" }), /not a URL/);
  assert.throws(
    () => resolveTaskConfig({ ...base, cache_url: "http://user:secret@denokv:4512" }),
    (e: unknown) =>
      e instanceof UserError && /credentials/.test(e.message) && !e.message.includes("secret"),
  );
  const note = resolveTaskConfig({ ...base, cache_token_file: "/t" });
  assert.ok(note.notes.some((n) => /cache_token_file has no effect/.test(n)));
});
