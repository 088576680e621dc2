/**
 * Chinese SimpleQA: short fact-seeking questions in Chinese over six primary categories, graded
 * by an LLM judge as in SimpleQA (A 正确, B 错误, C 未尝试). Judge-only: it needs
 * `judge_model_args` (docs/judges.md).
 *
 * EvalScope's system prompt is used as it is; the grader template is lmeter's own wording of
 * EvalScope's (the same three grades, letters and blocks). `judge_model_args.prompt_template` and
 * `system_prompt` replace them.
 *
 * @module
 */
import { defineBenchmark, identityExtractor, textField } from "../lib/eval/define.ts";
import { SIMPLE_QA_DERIVED, simpleQaScorer } from "./simple_qa.ts";

/** EvalScope's system prompt for the Chinese grader. */
export const CHINESE_SIMPLEQA_SYSTEM =
  "你是一个智能助手，请根据给定问题、标准答案和模型预测的答案来评估模型的回答是否正确。";

/** The Chinese grader: question, gold answer and predicted answer → A, B or C. */
export const CHINESE_SIMPLEQA_GRADER =
  `请根据给定的问题、标准答案和模型预测的答案，判断预测答案属于【正确】、【错误】还是【未尝试】。

【正确】：预测答案完整包含标准答案的含义，且没有与之矛盾的内容。拼写、大小写、标点、语序和补充说明不影响判断；语气不确定也可以，只要给出的答案就是标准答案。数字只要与标准答案在其最后一位有效数字上一致即为正确。
例如，问题"《红楼梦》的作者是谁？"，标准答案"曹雪芹"：预测答案"曹雪芹"、"作者是清代的曹雪芹。"、"我认为是曹雪芹。"都属于【正确】。

【错误】：预测答案中有与标准答案矛盾的内容，或列出多个候选答案而其中有错误的，即使语气不确定也属于【错误】。
例如，对同一问题："施耐庵"、"可能是曹雪芹或者高鹗"都属于【错误】。

【未尝试】：预测答案没有给出标准答案中的关键信息，但也没有与之矛盾，例如拒绝回答、表示不知道、要求更多信息，或回答中缺少关键事实。
例如，对同一问题："我不确定作者是谁。"、"这是一部清代的长篇小说。"都属于【未尝试】。

另外：
- 标准答案包含的信息多于问题所问时，预测答案只需回答问题本身。
- 问题已经明确的细节（如单位、所属地区），预测答案省略不算错误。
- 只根据标准答案判断，不要用你自己的知识推翻标准答案。

下面是需要评定的内容：
\`\`\`
问题：{question}
标准答案：{target}
预测答案：{predicted_answer}
\`\`\`

请将预测答案评为以下之一：
A：【正确】
B：【错误】
C：【未尝试】

只返回字母 "A"、"B" 或 "C"，不要附加任何其他文字。`;

/** The six primary categories (the subsets). */
const CATEGORIES = [
  "中华文化",
  "人文与社会科学",
  "工程、技术与应用科学",
  "生活、艺术与文化",
  "社会",
  "自然与自然科学",
];

/** The `chinese_simpleqa` benchmark. */
export const chineseSimpleQa = defineBenchmark({
  name: "chinese_simpleqa",
  prettyName: "Chinese-SimpleQA",
  description:
    "3,000 short fact-seeking questions in Chinese over six categories (the subsets). An LLM judge grades each answer correct, incorrect or not attempted (needs judge_model_args); reports is_correct, is_incorrect, is_not_attempted, accuracy_given_attempted and the F-score.",
  version: "1",
  tags: ["qa", "knowledge", "chinese", "llm_judge"],
  paperUrl: "https://arxiv.org/abs/2411.07140",
  dataset: {
    id: "AI-ModelScope/Chinese-SimpleQA",
    hfId: "OpenStellarTeam/Chinese-SimpleQA",
    evalSplit: "train",
    subsets: CATEGORIES,
    subsetsFromConfig: "default",
  },
  toSample(record) {
    return {
      input: textField(record, "question"),
      target: textField(record, "answer"),
      subset: textField(record, "primary_category"),
      metadata: { secondary_category: record.secondary_category ?? null, id: record.id ?? null },
    };
  },
  prompt: { style: "text", template: "请回答问题：\n\n{question}", fewShotNum: 0 },
  extract: identityExtractor,
  metrics: [],
  judge: {
    byDefault: true,
    scorer: simpleQaScorer({
      id: "chinese_simpleqa:judge:1",
      grader: CHINESE_SIMPLEQA_GRADER,
      system: CHINESE_SIMPLEQA_SYSTEM,
    }),
  },
  primaryMetric: "is_correct",
  derivedMetrics: SIMPLE_QA_DERIVED,
});
