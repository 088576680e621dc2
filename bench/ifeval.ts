/**
 * IFEval checker throughput: 10k synthetic responses (seeded; 150–450 words of prose, lists,
 * highlights, sections and some non-English text), each with 1–3 instructions drawn in the
 * proportions of IFEval's 541 prompts, scored strictly and loosely as `ifeval` scores them.
 * Prints responses/s and the share of time each checker takes (langdetect's share is the three
 * language checkers').
 *
 *   deno run --allow-all bench/ifeval.ts [--n 10000] [--seed 42]
 *
 * @module
 */
import type { Checker, Kwargs } from "../benchmarks/ifeval/checkers.ts";
import { followInstructions, type IfevalItem } from "../benchmarks/ifeval/evaluate.ts";
import { CHECKERS } from "../benchmarks/ifeval/instructions.ts";
import { mulberry32, type Random } from "../lib/util/random.ts";

function flag(name: string, fallback: number): number {
  const at = Deno.args.indexOf(`--${name}`);
  return at >= 0 ? Number(Deno.args[at + 1]) : fallback;
}

const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)];

/** Occurrences of each instruction in IFEval's 541 prompts, and argument sets to draw from. */
const INSTRUCTIONS: readonly [string, number, readonly Kwargs[]][] = [
  ["punctuation:no_comma", 66, [{}]],
  ["length_constraints:number_words", 52, [{ num_words: 300, relation: "less than" }, {
    num_words: 200,
    relation: "at least",
  }]],
  ["length_constraints:number_sentences", 52, [{ num_sentences: 10, relation: "less than" }, {
    num_sentences: 5,
    relation: "at least",
  }]],
  ["keywords:forbidden_words", 49, [{ forbidden_words: ["the", "sea"] }]],
  ["detectable_format:number_highlighted_sections", 48, [{ num_highlights: 3 }]],
  ["keywords:frequency", 42, [{ keyword: "river", frequency: 3, relation: "at least" }]],
  ["combination:repeat_prompt", 41, [{ prompt_to_repeat: "Write an essay about rivers." }]],
  ["startend:quotation", 41, [{}]],
  ["change_case:english_lowercase", 39, [{}]],
  ["keywords:existence", 39, [{ keywords: ["river", "city"] }]],
  ["detectable_format:title", 37, [{}]],
  ["keywords:letter_frequency", 33, [{ letter: "q", let_frequency: 3, let_relation: "at least" }]],
  ["detectable_format:number_bullet_lists", 31, [{ num_bullets: 4 }]],
  ["language:response_language", 31, [{ language: "de" }, { language: "hi" }, { language: "en" }]],
  ["detectable_content:number_placeholders", 27, [{ num_placeholders: 2 }]],
  ["length_constraints:number_paragraphs", 27, [{ num_paragraphs: 3 }]],
  ["detectable_content:postscript", 26, [{ postscript_marker: "P.S." }]],
  ["startend:end_checker", 26, [{ end_phrase: "Any other questions?" }]],
  ["change_case:english_capital", 25, [{}]],
  ["change_case:capital_word_frequency", 25, [{
    capital_frequency: 5,
    capital_relation: "at least",
  }]],
  ["combination:two_responses", 24, [{}]],
  ["detectable_format:json_format", 17, [{}]],
  ["detectable_format:multiple_sections", 14, [{ section_spliter: "SECTION", num_sections: 3 }]],
  ["length_constraints:nth_paragraph_first_word", 12, [{
    num_paragraphs: 3,
    nth_paragraph: 2,
    first_word: "rivers",
  }]],
  ["detectable_format:constrained_response", 10, [{}]],
];

const SENTENCES = [
  "Rivers shape the cities that grow along their banks, and people have followed them for ages.",
  "The old bridge, built in 1887 by Dr. Weber, still carries traffic across the water.",
  "In spring the river floods the meadows; in summer it is slow and warm.",
  "Fishermen say the best hours are early in the morning, before the boats come out.",
  "A city without a river feels different: quieter, perhaps, but also less alive.",
  "THE COUNCIL VOTED TO PROTECT THE WETLANDS NEAR THE ESTUARY.",
  "Many rivers cross borders, e.g. the Danube, which flows through ten countries.",
  "Is it possible to swim there? Yes, but only in the marked areas!",
];
const FOREIGN: Readonly<Record<string, string>> = {
  de: "Der Fluss fließt durch die Stadt, und im Sommer ist das Wasser warm und ruhig. ",
  hi: "नदी शहर के बीच से बहती है और गर्मियों में पानी शांत रहता है। ",
  fr: "La rivière traverse la ville et l'eau est calme en été. ",
};

/**
 * One synthetic response of 150–450 words in a random format; it follows a language or case
 * instruction of its prompt 85% of the time, as a capable model would.
 */
function response(random: Random, item: IfevalItem): string {
  const paragraphs: string[] = [];
  const n = 2 + Math.floor(random() * 4);
  for (let p = 0; p < n; p++) {
    const k = 2 + Math.floor(random() * 5);
    const lines = Array.from({ length: k }, () => pick(random, SENTENCES));
    const style = random();
    if (style < 0.2) paragraphs.push(lines.map((l) => `* ${l}`).join("\n"));
    else if (style < 0.35) paragraphs.push(`*${lines[0]}* ${lines.slice(1).join(" ")}`);
    else if (style < 0.45) paragraphs.push(`SECTION ${p + 1}\n${lines.join(" ")}`);
    else paragraphs.push(lines.join(" "));
  }
  let text = paragraphs.join(random() < 0.3 ? "\n***\n" : "\n\n");
  const asks = (id: string) => item.instructionIds.indexOf(id);
  const language = asks("language:response_language");
  const wanted = language >= 0 ? String(item.kwargs[language].language) : "en";
  if (wanted !== "en" && random() < 0.85) return (FOREIGN[wanted] ?? "").repeat(12);
  if (asks("change_case:english_capital") >= 0 && random() < 0.85) return text.toUpperCase();
  if (asks("change_case:english_lowercase") >= 0 && random() < 0.85) return text.toLowerCase();
  const kind = random();
  if (kind < 0.05) text = Object.values(FOREIGN)[0].repeat(12);
  else if (kind < 0.1) text = text.toLowerCase();
  else if (kind < 0.15) text = text.toUpperCase();
  else if (kind < 0.3) text = `<<Rivers>>\n${text}\nP.S. Any other questions?`;
  else if (kind < 0.33) text = `"${text}"`;
  else if (kind < 0.36) text = '```json\n{"rivers": ["Danube", "Rhine"], "count": 2}\n```';
  return text;
}

/** The instructions lmeter checks (all of IFEval's 25). */
const KNOWN = INSTRUCTIONS.filter(([id]) => id in CHECKERS);

function item(random: Random, weights: number): IfevalItem {
  const count = 1 + Math.floor(random() * 3);
  const ids: string[] = [];
  const kwargs: Kwargs[] = [];
  while (ids.length < count) {
    let r = random() * weights;
    for (const [id, n, sets] of KNOWN) {
      r -= n;
      if (r < 0) {
        if (!ids.includes(id)) {
          ids.push(id);
          kwargs.push(pick(random, sets));
        }
        break;
      }
    }
  }
  return { prompt: "Write an essay about rivers.", instructionIds: ids, kwargs };
}

const n = flag("n", 10_000);
const random = mulberry32(flag("seed", 42));
const weights = KNOWN.reduce((a, [, w]) => a + w, 0);
if (KNOWN.length < INSTRUCTIONS.length) {
  console.log(`(only ${KNOWN.length} of ${INSTRUCTIONS.length} instructions have a checker)`);
}
const cases = Array.from({ length: n }, () => {
  const it = item(random, weights);
  return { item: it, text: response(random, it) };
});
const spent = new Map<string, number>();
const timed: Record<string, Checker> = {};
for (const [id, check] of Object.entries(CHECKERS)) {
  timed[id] = (r, kw, p) => {
    const t = performance.now();
    try {
      return check(r, kw, p);
    } finally {
      spent.set(id, (spent.get(id) ?? 0) + performance.now() - t);
    }
  };
}
// Warm-up (JIT, langdetect's profiles), then the measured pass without per-check timing.
for (const c of cases.slice(0, 200)) {
  followInstructions(c.item, { response: c.text, checkers: CHECKERS });
}
const start = performance.now();
let followed = 0;
for (const c of cases) {
  const v = followInstructions(c.item, { response: c.text, checkers: CHECKERS });
  if (v.strict.every(Boolean)) followed++;
}
const seconds = (performance.now() - start) / 1000;
for (const c of cases) followInstructions(c.item, { response: c.text, checkers: timed });
const total = [...spent.values()].reduce((a, b) => a + b, 0);
const language = [
  "language:response_language",
  "change_case:english_capital",
  "change_case:english_lowercase",
]
  .reduce((a, id) => a + (spent.get(id) ?? 0), 0);
console.log(
  `ifeval checkers: ${n} responses (strict + loose) in ${seconds.toFixed(2)} s = ${
    (n / seconds).toFixed(0)
  } responses/s; ${followed} follow every instruction (strict)`,
);
console.log(
  `langdetect (the three language checkers): ${
    (100 * language / total).toFixed(1)
  }% of checker time`,
);
for (const [id, ms] of [...spent].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
  console.log(
    `  ${id.padEnd(46)} ${(100 * ms / total).toFixed(1).padStart(5)}%  ${ms.toFixed(0)} ms`,
  );
}
