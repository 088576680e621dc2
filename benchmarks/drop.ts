/**
 * DROP: discrete reasoning over paragraphs (counting, arithmetic, spans, dates). Three examples
 * from the train split in EvalScope's example layout (EvalScope embeds three fixed train-set
 * examples; lmeter ships no dataset text, so it takes the first three of the downloaded train
 * split — see docs/benchmarks.md), the answer from the last `Answer:` line, and the official
 * bag-of-answers exact match and F1 against every gold answer (F1 is the headline).
 *
 * @module
 */
import {
  defineBenchmark,
  dropScores,
  namedExtractor,
  objectField,
  type Row,
  type Scorer,
  targetText,
  textField,
  variantNames,
} from "../lib/eval/define.ts";

/** The line that introduces the examples, as in EvalScope's DROP prompt. */
const EXAMPLES_HEADING = "Some examples of passages and Q&A are provided below.\n\n# Examples\n";

const PROMPT_WITH = (examples: string) =>
  `You will be asked to read a passage and answer a question. ${examples}\n# Your Task\n\n---\n{query}\n\nThink step by step, then write a line of the form "Answer: [ANSWER]" at the end of your response.`;

type Gold = string[];

/** One DROP answer record as a tuple of strings: the number, else the spans, else the date. */
function parseAnswer(answer: Row): Gold {
  const number = String(answer.number ?? "");
  if (number !== "") return [number];
  const spans = Array.isArray(answer.spans) ? answer.spans.map(String) : [];
  if (spans.length > 0) return spans;
  const date = (answer.date ?? {}) as Row;
  return [[date.day, date.month, date.year].map((x) => String(x ?? "")).join(" ").trim()];
}

/** `answer` plus the `validated_answers` (zipped to the shortest list), duplicates dropped. */
export function dropGolds(record: Row): Gold[] {
  const validated = objectField(record, "validated_answers");
  const list = (k: string) => (Array.isArray(validated[k]) ? validated[k] as unknown[] : []);
  const numbers = list("number");
  const dates = list("date");
  const spans = list("spans");
  const n = Math.min(numbers.length, dates.length, spans.length);
  const candidates: Row[] = [objectField(record, "answer")];
  for (let i = 0; i < n; i++) {
    candidates.push({ number: numbers[i], date: dates[i], spans: spans[i] });
  }
  const seen = new Set<string>();
  const golds: Gold[] = [];
  for (const c of candidates) {
    const gold = parseAnswer(c);
    const key = JSON.stringify(gold);
    if (seen.has(key)) continue;
    seen.add(key);
    golds.push(gold);
  }
  return golds;
}

/** DROP scores: best exact match and best F1 over the golds (target: their JSON). */
const dropScorer: Scorer = {
  id: "drop:em+f1",
  kind: "rule",
  score({ extracted, sample }) {
    const golds = JSON.parse(targetText(sample.target)) as Gold[];
    const { em, f1 } = dropScores(extracted, golds);
    return { value: { em, f1 }, extracted, main: "f1" };
  },
};

/** The `drop` benchmark. */
export const drop = defineBenchmark({
  name: "drop",
  prettyName: "DROP",
  description:
    "Discrete Reasoning Over Paragraphs: questions needing counting, arithmetic, sorting or span selection over a passage. 3-shot from the train split; answer from the last 'Answer:' line; DROP exact match (em) and F1 (headline).",
  version: "1",
  tags: ["reasoning", "reading_comprehension"],
  paperUrl: "https://arxiv.org/abs/1903.00161",
  dataset: {
    id: "AI-ModelScope/DROP",
    evalSplit: "validation",
    trainSplit: "train",
    subsets: ["default"],
  },
  toSample(record) {
    const passage = textField(record, "passage");
    return {
      input: textField(record, "question"),
      target: JSON.stringify(dropGolds(record)),
      metadata: { passage, query_id: record.query_id ?? null },
    };
  },
  prompt: {
    style: "text",
    template: PROMPT_WITH(""),
    fewShotTemplate: PROMPT_WITH(EXAMPLES_HEADING + "{fewshot}\n"),
    fewShotNum: 3,
    formatExample: (s) => {
      const golds = JSON.parse(targetText(s.target)) as Gold[];
      return `---\nPassage: ${s.metadata?.passage ?? ""}\nQuestion: ${s.input}\nAnswer: ${
        (golds[0] ?? []).join(", ")
      }`;
    },
    values: (s) => ({ query: `Passage: ${s.metadata?.passage ?? ""}\nQuestion: ${s.input}` }),
  },
  extract: namedExtractor("drop:evalscope"),
  scorer: dropScorer,
  metrics: [{ name: "em" }, { name: "f1" }],
  primaryMetric: "f1",
  variants: variantNames("drop"),
});
