/**
 * General-QA: your own open questions in `<subset>.jsonl` (or `<subset>_test.jsonl`, csv, …),
 * one record per line: `{"query", "response"}` (or `question`/`answer`, optional `system`), or
 * `{"messages": [...], "response"}`. Scored by BLEU and ROUGE against the reference.
 *
 * @module
 */
import {
  type ChatMessage,
  defineBenchmark,
  FieldError,
  identityExtractor,
  optionalText,
  PLAIN,
} from "../lib/eval/define.ts";

const ROLES = ["system", "user", "assistant"];

/** The `general_qa` benchmark. */
export const generalQa = defineBenchmark({
  name: "general_qa",
  prettyName: "General-QA",
  description:
    "Custom open questions from local files: <subset>.jsonl with query/response (or question/answer, optional system) or messages/response. Scored with BLEU-1…4 and ROUGE-1/2/L against the reference; headline Rouge-L-R.",
  version: "1",
  tags: ["qa", "custom"],
  dataset: { id: "general_qa", evalSplit: "test", subsets: ["default"], layout: "files" },
  toSample(record) {
    const target = optionalText(record, "response") ?? optionalText(record, "answer") ?? "";
    const messages = record.messages;
    if (messages !== undefined && messages !== null) {
      if (!Array.isArray(messages) || messages.length === 0) {
        throw new FieldError("messages", "a non-empty list of {role, content}", messages);
      }
      const input: ChatMessage[] = messages.map((m) => {
        const role = (m as { role?: unknown })?.role;
        const content = (m as { content?: unknown })?.content;
        if (typeof role !== "string" || !ROLES.includes(role) || typeof content !== "string") {
          throw new FieldError(
            "messages",
            "a list of {role: system|user|assistant, content: string}",
            m,
          );
        }
        return { role: role as ChatMessage["role"], content };
      });
      return { input, target };
    }
    const query = optionalText(record, "query") ?? optionalText(record, "question");
    if (query === undefined) {
      throw new FieldError("query", "a string (or question, or messages)", record.query);
    }
    const system = optionalText(record, "system");
    if (system) {
      return {
        input: [{ role: "system", content: system }, { role: "user", content: query }],
        target,
      };
    }
    return { input: query, target };
  },
  prompt: { style: "text", template: PLAIN, fewShotNum: 0 },
  extract: identityExtractor,
  metrics: [{ name: "bleu" }, { name: "rouge" }],
  primaryMetric: "Rouge-L-R",
});
