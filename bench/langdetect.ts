/**
 * What language detection (IFEval's langdetect port) costs: loading the 55 profiles on the first
 * call, then CPU time per call on seeded IFEval-like responses (English prose of 200-4000
 * characters, some all in capitals or lower case, and answers in 12 other languages). CPU time
 * (user + system, `process.cpuUsage`) rather than wall time, so a busy machine shifts the numbers
 * less.
 *
 * Usage: deno run -A bench/langdetect.ts [--n 10000] [--seed 42]
 *
 * @module
 */
import process from "node:process";
import { parseArgs } from "node:util";
import { detectLanguage } from "../lib/text/langdetect/mod.ts";
import { mulberry32, type Random } from "../lib/util/random.ts";

/** CPU milliseconds (user + system) used by `run`. */
export function cpuMs(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** What {@linkcode timeLanguageDetection} measured. */
export interface DetectionTiming {
  /** Calls made. */
  calls: number;
  /** Characters detected, summed over the calls. */
  chars: number;
  /** CPU milliseconds of all the calls. */
  cpuMs: number;
  /** CPU microseconds per call. */
  usPerCall: number;
}

/** Times `detectLanguage` over `texts` (load the profiles first, or the first call pays for it). */
export function timeLanguageDetection(texts: readonly string[]): DetectionTiming {
  let chars = 0;
  const ms = cpuMs(() => {
    for (const t of texts) {
      detectLanguage(t);
      chars += t.length;
    }
  });
  return { calls: texts.length, chars, cpuMs: ms, usPerCall: (ms * 1000) / texts.length };
}

const ENGLISH = [
  "The main idea of the essay is that small habits shape long careers.",
  "First, we should look at the data before drawing any conclusion.",
  "In summary, the proposal is cheap, easy to test, and easy to undo.",
  "Many people underestimate how much sleep affects their mood and focus.",
  "This approach works well for teams that ship small changes every day.",
  "A good answer names the trade-offs instead of hiding them.",
  "The city council voted to extend the bike lanes along the river.",
  "Here is a short poem about the sea, written in a simple rhyme.",
];
const OTHER = [
  "Das ist eine kurze Antwort auf Deutsch, die der Anweisung genau folgt.",
  "Esta respuesta está escrita completamente en español, como se pidió.",
  "Cette réponse est rédigée entièrement en français, comme demandé.",
  "Questa risposta è scritta in italiano, come richiesto dall'utente.",
  "Эта ответ написан на русском языке, как и просили в задании.",
  "यह उत्तर पूरी तरह से हिंदी में लिखा गया है क्योंकि प्रश्न में यही कहा गया था।",
  "이 답변은 요청한 대로 한국어로 작성되었습니다.",
  "这个回答是按照要求用中文写的。",
  "この回答は日本語で書かれています。",
  "Jibu hili limeandikwa kwa Kiswahili kama ilivyoombwa.",
  "Đây là câu trả lời bằng tiếng Việt theo yêu cầu.",
  "ಇದು ಕನ್ನಡದಲ್ಲಿ ಬರೆದ ಉತ್ತರವಾಗಿದೆ.",
];

/** `n` seeded IFEval-like responses. */
export function languageCorpus(n: number, seed: number): string[] {
  const random: Random = mulberry32(seed);
  const pick = (items: readonly string[]) => items[Math.floor(random() * items.length)];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const target = 200 + Math.floor(random() * 3800);
    const pool = random() < 0.7 ? ENGLISH : [pick(OTHER)];
    let text = "";
    while (text.length < target) {
      text += (text === "" ? "" : random() < 0.2 ? "\n\n" : " ") + pick(pool);
    }
    const r = random();
    out.push(r < 0.1 ? text.toUpperCase() : r < 0.2 ? text.toLowerCase() : text);
  }
  return out;
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { n: { type: "string" }, seed: { type: "string" } },
  });
  const n = Number(values.n ?? 10000);
  const texts = languageCorpus(n, Number(values.seed ?? 42));
  const load = cpuMs(() => detectLanguage("warm up: load the profiles"));
  const timing = timeLanguageDetection(texts);
  const meanChars = timing.chars / timing.calls;
  console.log(`profiles loaded on the first call: ${load.toFixed(1)} ms CPU`);
  console.log(
    `${timing.calls} responses (mean ${meanChars.toFixed(0)} chars): ` +
      `${timing.usPerCall.toFixed(1)} µs CPU per call, ` +
      `${(1e6 / timing.usPerCall).toFixed(0)} calls/s on one core`,
  );
}
