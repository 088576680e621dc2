import assert from "node:assert/strict";
import { maskSecrets, renderEvalReportHtml } from "./eval_report.ts";
import type { Lang } from "./i18n.ts";

Deno.test("the HTML report's config fence blanks the same names as the client's masking", () => {
  const masked = maskSecrets({
    api_key: "sk-live-0123456789",
    tokenizer_path: "/models/qwen",
    headers: { cookie: "session=abc123", "x-api-token": "t0k3n-0123456789" },
  });
  assert.deepEqual(masked, {
    api_key: "***",
    tokenizer_path: "/models/qwen",
    headers: { cookie: "***", "x-api-token": "***" },
  });
});

Deno.test("the HTML report's overview shows judge errors beside the errored count, in both languages", () => {
  const file = {
    model_name: "qwen2.5",
    dataset_name: "simple_qa",
    score: 0.5,
    metrics: [{ name: "is_correct", num: 6, score: 0.5, categories: [] }],
    execution_summary: { samples: 9, scored: 6, errored: 1, judge_errors: 2 },
  };
  const models = [{ model: "qwen2.5", reports: [file] }];
  const cell = (lang: Lang) =>
    renderEvalReportHtml({ models, lang }).match(
      /<td class="num">1 <span [^>]*>([^<]*)<\/span><\/td>/,
    )
      ?.[1];
  assert.equal(cell("en"), "(+2 judge errors)");
  assert.equal(cell("zh"), "（另有 2 个裁判错误）");
  // Without judge errors the cell is the errored count alone.
  const plain = { ...file, execution_summary: { samples: 7, scored: 6, errored: 1 } };
  const html = renderEvalReportHtml({ models: [{ model: "qwen2.5", reports: [plain] }] });
  assert.doesNotMatch(html, /judge errors/);
  assert.match(html, /<td class="num">1<\/td>/);
});
