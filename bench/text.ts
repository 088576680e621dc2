/**
 * Throughput of lib/text's NLTK ports on IFEval-like responses: `sentenceTokenize` (used by
 * `length_constraints:number_sentences`) and `wordTokenize` (`change_case:capital_word_frequency`),
 * CPU time per response, two ways:
 *
 * - **once**: every response distinct and tokenized once (only contexts and sentences that recur
 *   across responses are remembered);
 * - **IFEval's 9 calls**: each response and its 8 loose variants (without `*`, without the first
 *   or last line, both), as IFEval's scorer calls a checker; the variants share most sentences.
 *
 *   deno run --allow-all bench/text.ts [--n 5000] [--seed 14]
 *
 * @module
 */
import process from "node:process";
import { sentenceTokenize, wordTokenize } from "../lib/text/mod.ts";
import { mulberry32, type Random } from "../lib/util/random.ts";

function flag(name: string, fallback: number): number {
  const at = Deno.args.indexOf(`--${name}`);
  return at >= 0 ? Number(Deno.args[at + 1]) : fallback;
}

const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)];

const WORDS = (
  "the a of to and in is it that for on with as was he she they we you this be are by at " +
  "from or have not but all can more one about which their time will would there so what " +
  "model answer question data city people water system number result important example"
).split(" ");
const SPECIAL = [
  "Dr. Smith",
  "the U.S. economy",
  "3.14",
  "e.g. this",
  "Mr. Jones",
  "1,000",
  "don't",
  "can't",
  "It's",
  "(see above)",
  '"quoted"',
  "**bold**",
  "NASA",
  "10 a.m.",
];
const ENDS = [".", ".", ".", ".", "?", "!", ":"];

/** One response of about `chars` characters: paragraphs, some bullets, a title, a P.S. */
function response(random: Random, chars: number): string {
  const lines: string[] = [];
  if (random() < 0.3) lines.push(`<<Title ${Math.floor(random() * 1000)}>>`, "");
  let length = 0;
  while (length < chars) {
    const bullet = random() < 0.2 ? pick(random, ["* ", "- ", "1. "]) : "";
    const sentences: string[] = [];
    for (let s = 0, n = 1 + Math.floor(random() * 4); s < n; s++) {
      const words: string[] = [];
      for (let w = 0, m = 4 + Math.floor(random() * 14); w < m; w++) {
        words.push(random() < 0.08 ? pick(random, SPECIAL) : pick(random, WORDS));
      }
      const first = words[0];
      words[0] = first[0].toUpperCase() + first.slice(1);
      sentences.push(words.join(" ") + pick(random, ENDS));
    }
    const line = bullet + sentences.join(" ");
    lines.push(line);
    if (random() < 0.5) lines.push("");
    length += line.length + 1;
  }
  if (random() < 0.3) lines.push("P.S. Thanks for reading.");
  return lines.join("\n");
}

/** The 8 loose variants IFEval's scorer also checks. */
function looseVariants(text: string): string[] {
  const lines = text.split("\n");
  const noFirst = lines.slice(1).join("\n").trim();
  const noLast = lines.slice(0, -1).join("\n").trim();
  const noBoth = lines.slice(1, -1).join("\n").trim();
  const all = [text, noFirst, noLast, noBoth];
  return [...all, ...all.map((t) => t.replaceAll("*", ""))].slice(1);
}

function cpuMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const n = flag("n", 5000);
const random = mulberry32(flag("seed", 14));
const responses = Array.from({ length: n }, () => response(random, 1500));
const variants = responses.map(looseVariants);
const chars = responses.reduce((sum, r) => sum + r.length, 0) / n;
console.log(`${n} responses, ${Math.round(chars)} characters on average`);

for (
  const [name, tokenize] of [["sentenceTokenize", sentenceTokenize], [
    "wordTokenize",
    wordTokenize,
  ]] as const
) {
  // A warm-up on other responses, so the JIT has compiled the code being measured.
  for (let i = 0; i < 200; i++) tokenize(response(random, 1500));
  const once = cpuMs(() => responses.forEach((r) => tokenize(r)));
  const nine = cpuMs(() => {
    responses.forEach((r, i) => {
      tokenize(r);
      for (const v of variants[i]) tokenize(v);
    });
  });
  console.log(
    `${name.padEnd(16)} once: ${(n / (once / 1000)).toFixed(0).padStart(6)} responses/s` +
      `   IFEval's 9 calls: ${(n / (nine / 1000)).toFixed(0).padStart(6)} responses/s (CPU time)`,
  );
}
