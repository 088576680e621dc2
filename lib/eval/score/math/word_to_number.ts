/**
 * English number words to a number, with the exact (and quirky) behaviour of the Python
 * `word2number` package (`w2n.word_to_num`) that EvalScope's math normaliser calls.
 *
 * Quirks kept on purpose because they change EvalScope's extracted answers: words that are not
 * number words are ignored (`"x plus one"` is 1), a lone `"point"` is 0, a pure digit string
 * loses its leading zeros (`"007"` is 7), and malformed phrases fail.
 *
 * @module
 */

import { pyFloat, pyFloatRepr, pyInt, pySplitSpace, pyStrip } from "./py_compat.ts";

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  thousand: 1000,
  million: 1000000,
  billion: 1000000000,
};

const DECIMAL_WORDS = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
];

function isNumberWord(word: string): boolean {
  return word === "point" || Object.hasOwn(NUMBER_WORDS, word);
}

/** `number_formation`: the value of a short run of number words. Throws on an empty run. */
function formation(words: readonly string[]): number {
  const values = words.map((word) => {
    if (!Object.hasOwn(NUMBER_WORDS, word)) throw new Error("not a number word");
    return NUMBER_WORDS[word];
  });
  if (values.length === 0) throw new Error("empty number phrase");
  if (values.length === 4) return values[0] * values[1] + values[2] + values[3];
  if (values.length === 3) return values[0] * values[1] + values[2];
  if (values.length === 2) {
    return values.includes(100) ? values[0] * values[1] : values[0] + values[1];
  }
  return values[0];
}

/** `get_decimal_sum`: the digits after "point" as a fraction; 0 when one is not a digit word. */
function decimalSum(words: readonly string[]): number {
  const digits: string[] = [];
  for (const word of words) {
    const index = DECIMAL_WORDS.indexOf(word);
    if (index < 0) return 0;
    digits.push(String(index));
  }
  return pyFloat("0." + digits.join("")) ?? 0;
}

function isAllDigits(text: string): boolean {
  return text.length > 0 && /^\p{Nd}+$/u.test(text);
}

/** Result of the conversion: the value and whether Python would hold it as a float. */
interface WordNumber {
  value: number;
  isFloat: boolean;
}

function wordToNum(sentence: string): WordNumber | bigint | undefined {
  const text = sentence.replaceAll("-", " ").toLowerCase();
  if (isAllDigits(text)) return pyInt(text);
  const words = pySplitSpace(pyStrip(text)).filter(isNumberWord);
  if (words.length === 0) return undefined;
  const count = (word: string) => words.filter((w) => w === word).length;
  if (count("thousand") > 1 || count("million") > 1 || count("billion") > 1 || count("point") > 1) {
    return undefined;
  }
  let whole = words;
  let decimals: string[] = [];
  const point = words.indexOf("point");
  if (point >= 0) {
    decimals = words.slice(point + 1);
    whole = words.slice(0, point);
  }
  const billion = whole.indexOf("billion");
  const million = whole.indexOf("million");
  const thousand = whole.indexOf("thousand");
  if (
    (thousand > -1 && (thousand < million || thousand < billion)) ||
    (million > -1 && million < billion)
  ) return undefined;
  let total = 0;
  try {
    if (whole.length === 1) {
      total += NUMBER_WORDS[whole[0]];
    } else if (whole.length > 1) {
      total += sumGroups(whole, { billion, million, thousand });
    }
  } catch {
    return undefined;
  }
  if (decimals.length > 0) {
    const fraction = decimalSum(decimals);
    // Python: int + float is a float; int + int (the 0 for a bad digit word) stays an int.
    const fractionIsFloat = decimals.every((word) => DECIMAL_WORDS.includes(word));
    return { value: total + fraction, isFloat: fractionIsFloat };
  }
  return { value: total, isFloat: false };
}

function sumGroups(
  words: readonly string[],
  at: { billion: number; million: number; thousand: number },
): number {
  const { billion, million, thousand } = at;
  const last = words.length - 1;
  let total = 0;
  if (billion > -1) total += formation(words.slice(0, billion)) * 1000000000;
  if (million > -1) {
    const start = billion > -1 ? billion + 1 : 0;
    total += formation(words.slice(start, million)) * 1000000;
  }
  if (thousand > -1) {
    const start = million > -1 ? million + 1 : billion > -1 ? billion + 1 : 0;
    total += formation(words.slice(start, thousand)) * 1000;
  }
  if (thousand > -1 && thousand !== last) {
    total += formation(words.slice(thousand + 1));
  } else if (million > -1 && million !== last && thousand !== last) {
    total += formation(words.slice(million + 1));
  } else if (billion > -1 && billion !== last) {
    total += formation(words.slice(billion + 1));
  } else if (thousand === -1 && million === -1 && billion === -1) {
    total += formation(words);
  }
  return total;
}

/**
 * EvalScope's `convert_word_number`: `str(w2n.word_to_num(text))`, or `text` unchanged when the
 * conversion fails. `"five"` → `"5"`, `"two point five"` → `"2.5"`, `"hello"` → `"hello"`.
 */
export function convertWordNumber(text: string): string {
  const result = wordToNum(text);
  if (result === undefined) return text;
  if (typeof result === "bigint") return result.toString();
  return result.isFloat ? pyFloatRepr(result.value) : String(result.value);
}
