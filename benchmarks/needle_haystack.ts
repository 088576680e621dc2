/**
 * Needle-in-a-Haystack (EvalScope's `needle_haystack`): a fact (the needle) hidden at several
 * depths of long contexts cut from a corpus, and a question only the needle answers. Every
 * (context length, depth) cell is a metric `Context#<length> Depth#<percent>`; the run's heatmap
 * shows them. See docs/needle.md.
 *
 * @module
 */
import { defineBenchmark, identityExtractor } from "../lib/eval/define.ts";
import { needleGrids } from "../lib/report/eval/needle_grid.ts";
import { needleHeatmapPng } from "../lib/report/png/heatmap_png.ts";
import { needleSamples } from "./needle/haystack.ts";
import { needleJudge, needleRecall, needleScorer } from "./needle/score.ts";

const PROMPT_TEMPLATE = [
  "Please read the following text and answer the question below.",
  "",
  "<text>",
  "{context}",
  "</text>",
  "",
  "<question>",
  "{question}",
  "</question>",
  "",
  "Don't give information outside the document or repeat your findings.",
].join("\n");

/** The `needle_haystack` benchmark. */
export const needleHaystack = defineBenchmark({
  name: "needle_haystack",
  prettyName: "Needle-in-a-Haystack",
  description:
    "Finds one fact (the needle) inserted at 10 depths of contexts from 1k to 32k tokens cut from Paul Graham's essays (english) or Journey to the West (chinese). Each cell is a metric Context#<len> Depth#<pct>; a heatmap is written with the report. Scored by needle key-word recall, or by EvalScope's LLM judge with judge_strategy llm.",
  version: "1",
  tags: ["retrieval", "long_context"],
  dataset: {
    id: "AI-ModelScope/Needle-in-a-Haystack-Corpus",
    evalSplit: "test",
    subsets: ["english", "chinese"],
    files: { english: "PaulGraham_Essays.txt", chinese: "Journey_to_the_West.txt" },
  },
  toSample: () => null,
  build: { tokenizerParam: "tokenizer_path", samples: needleSamples },
  prompt: {
    style: "text",
    template: PROMPT_TEMPLATE,
    fewShotNum: 0,
    systemPrompt:
      "You are a helpful AI bot that answers questions for a user. Keep your response short and direct",
    values: (sample) => ({ context: String(sample.metadata?.context ?? "") }),
  },
  extract: identityExtractor,
  scorer: needleScorer(needleRecall),
  // EvalScope's judge, with --judge-strategy llm (auto keeps the rule: lmeter's default).
  judge: { byDefault: false, scorer: needleScorer(needleJudge) },
  // EvalScope's file names: reports/<model>/needle_haystack_heatmap_<subset>.png
  reportFiles: (report, params) =>
    Promise.all(
      needleGrids(report).map(async (grid) => ({
        name: `needle_haystack_heatmap_${grid.subset}.png`,
        bytes: await needleHeatmapPng(grid, {
          showScore: params.show_score === true,
          subtitle: `${report.modelName} - ${grid.subset}`,
        }),
      })),
    ),
  metrics: [],
  extraParams: {
    retrieval_question: {
      default: "What is the best thing to do in San Francisco?",
      help: "The question asked after the context",
    },
    needles: {
      default: [
        "\nThe best thing to do in San Francisco is eat a sandwich and sit in Dolores Park on a sunny day.\n",
      ],
      help: "The facts inserted (several are spread from the depth to the end)",
    },
    context_lengths_min: { default: 1000, help: "Shortest context, in tokens" },
    context_lengths_max: { default: 32000, help: "Longest context, in tokens" },
    context_lengths_num_intervals: {
      default: 10,
      help: "How many context lengths (evenly spaced)",
    },
    document_depth_percent_min: { default: 0, help: "Shallowest needle depth, in percent" },
    document_depth_percent_max: { default: 100, help: "Deepest needle depth, in percent" },
    document_depth_percent_intervals: { default: 10, help: "How many depths (evenly spaced)" },
    tokenizer_path: {
      default: "Qwen/Qwen3-0.6B",
      help:
        "Tokenizer that cuts the contexts: a directory with tokenizer.json, o200k_base, or a Qwen3 hub id (lmeter ships Qwen3's)",
    },
    show_score: { default: false, help: "Write each cell's score on the heatmap" },
  },
});
