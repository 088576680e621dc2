/**
 * SuperGPQA: graduate-level questions with ten options (A-J) in 72 fields, grouped into 13
 * disciplines. Zero-shot chain-of-thought; the answer is found by SuperGPQA's own label
 * patterns, then by matching an option's text.
 *
 * @module
 */
import {
  defineBenchmark,
  type Extractor,
  MCQ_SINGLE_COT,
  mcqPrompt,
  optionalText,
  optionLabel,
  textField,
  textList,
} from "../lib/eval/define.ts";

/** Field (subset) → discipline (category), as EvalScope maps them. */
export const SUPER_GPQA_FIELDS: Readonly<Record<string, string>> = {
  "Electronic Science and Technology": "Engineering",
  "Philosophy": "Philosophy",
  "Traditional Chinese Medicine": "Medicine",
  "Applied Economics": "Economics",
  "Mathematics": "Science",
  "Physics": "Science",
  "Clinical Medicine": "Medicine",
  "Computer Science and Technology": "Engineering",
  "Information and Communication Engineering": "Engineering",
  "Control Science and Engineering": "Engineering",
  "Theoretical Economics": "Economics",
  "Law": "Law",
  "History": "History",
  "Basic Medicine": "Medicine",
  "Education": "Education",
  "Materials Science and Engineering": "Engineering",
  "Electrical Engineering": "Engineering",
  "Systems Science": "Science",
  "Power Engineering and Engineering Thermophysics": "Engineering",
  "Military Science": "Military Science",
  "Biology": "Science",
  "Business Administration": "Management",
  "Language and Literature": "Literature and Arts",
  "Public Health and Preventive Medicine": "Medicine",
  "Political Science": "Law",
  "Chemistry": "Science",
  "Hydraulic Engineering": "Engineering",
  "Chemical Engineering and Technology": "Engineering",
  "Pharmacy": "Medicine",
  "Geography": "Science",
  "Art Studies": "Literature and Arts",
  "Architecture": "Engineering",
  "Forestry Engineering": "Engineering",
  "Public Administration": "Management",
  "Oceanography": "Science",
  "Journalism and Communication": "Literature and Arts",
  "Nuclear Science and Technology": "Engineering",
  "Weapon Science and Technology": "Engineering",
  "Naval Architecture and Ocean Engineering": "Engineering",
  "Environmental Science and Engineering": "Engineering",
  "Transportation Engineering": "Engineering",
  "Geology": "Science",
  "Physical Oceanography": "Science",
  "Musicology": "Literature and Arts",
  "Stomatology": "Medicine",
  "Aquaculture": "Agronomy",
  "Mechanical Engineering": "Engineering",
  "Aeronautical and Astronautical Science and Technology": "Engineering",
  "Civil Engineering": "Engineering",
  "Mechanics": "Engineering",
  "Petroleum and Natural Gas Engineering": "Engineering",
  "Sociology": "Sociology",
  "Food Science and Engineering": "Engineering",
  "Agricultural Engineering": "Engineering",
  "Surveying and Mapping Science and Technology": "Engineering",
  "Metallurgical Engineering": "Engineering",
  "Library, Information and Archival Management": "Management",
  "Mining Engineering": "Engineering",
  "Astronomy": "Science",
  "Geological Resources and Geological Engineering": "Engineering",
  "Atmospheric Science": "Science",
  "Optical Engineering": "Engineering",
  "Animal Husbandry": "Agronomy",
  "Geophysics": "Science",
  "Crop Science": "Agronomy",
  "Management Science and Engineering": "Management",
  "Psychology": "Education",
  "Forestry": "Agronomy",
  "Textile Science and Engineering": "Engineering",
  "Veterinary Medicine": "Agronomy",
  "Instrument Science and Technology": "Engineering",
  "Physical Education": "Education",
};

const WORD = "[\\p{L}\\p{N}_]";
/** Wrappers a label may sit in: `**`, `$`, `{`, `(`, `[`, `\boxed{`, `\mathbf{`, `\text{`… */
const OPEN = "(?:[\\*\\$\\{(\\[\\\\(]*?(?:(?:\\\\boxed|\\\\mathbf|\\\\mathrm|\\\\text)\\{)?)*";
const CLOSE = "(?:\\\\?\\}?\\$?\\)?\\]?\\}?)*(?:[\\s:\\.\\*)]|$)";

/** The three label patterns: "The answer is X", "Answer: X", a line that is just "X". */
function labelPatterns(letters: string): RegExp[] {
  const label = `([${letters}])`;
  return [
    `[Tt]he\\s+(?:${WORD}+\\s+)?(?:answer|option)(?:${WORD}+\\s+)?\\s+is?:?\\s*${OPEN}\\s*${label}${CLOSE}`,
    `Answer[\\*\\s]*:\\s*${OPEN}\\s*${label}${CLOSE}`,
    `^[^\\p{L}\\p{N}_\\r\\n]*${OPEN}\\s*${label}${CLOSE}`,
  ].map((p) => new RegExp(p, "iu"));
}

const LABEL_PATTERNS = labelPatterns("ABCDEFGHIJ");

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** The same patterns over the option texts (case-sensitive, `Answer` in any case). */
function contentPatterns(options: readonly string[]): RegExp[] {
  const alt = `(${options.map(escapeRe).join("|")})`;
  return [
    `[Tt]he\\s+(?:${WORD}+\\s+)?(?:answer|option)(?:${WORD}+\\s+)?\\s+is:?\\s*${OPEN}\\s*${alt}${CLOSE}`,
    `[Aa][Nn][Ss][Ww][Ee][Rr]\\s*${OPEN}\\s*${alt}${CLOSE}`,
    `^[^\\p{L}\\p{N}_\\r\\n]*${OPEN}\\s*${alt}${CLOSE}`,
  ].map((p) => new RegExp(p, "u"));
}

function firstMatch(patterns: readonly RegExp[], text: string): string | null {
  const trimmed = text.trimEnd();
  const lines = trimmed.split("\n");
  for (const where of [lines[lines.length - 1], trimmed]) {
    for (const re of patterns) {
      const m = re.exec(where);
      if (m) return m[1];
    }
  }
  return null;
}

/**
 * SuperGPQA's answer: an option label (`extract_option_labels`, last line first, then the whole
 * text), else the option whose text the response names (`extract_option_content`); "" if none.
 */
export function superGpqaAnswer(text: string, options: readonly string[]): string {
  const label = firstMatch(LABEL_PATTERNS, text);
  if (label !== null) return label;
  if (options.length === 0) return "";
  const content = firstMatch(contentPatterns(options), text);
  if (!content) return "";
  const at = options.indexOf(content);
  return at >= 0 ? optionLabel(at) : "";
}

/** The SuperGPQA extractor. */
export const superGpqaExtractor: Extractor = {
  name: "super_gpqa:labels+content",
  extract: (text, sample) => superGpqaAnswer(text, sample.choices ?? []),
};

/** The `super_gpqa` benchmark. */
export const superGpqa = defineBenchmark({
  name: "super_gpqa",
  prettyName: "SuperGPQA",
  description:
    "26,529 graduate-level questions with ten options (A-J) across 72 fields (subsets, from the field column) grouped into 13 disciplines (categories). Zero-shot chain-of-thought; SuperGPQA's own answer patterns, then option-text matching.",
  version: "1",
  tags: ["knowledge", "multiple_choice"],
  paperUrl: "https://arxiv.org/abs/2502.14739",
  dataset: {
    id: "m-a-p/SuperGPQA",
    evalSplit: "train",
    subsets: Object.keys(SUPER_GPQA_FIELDS),
    subsetsFromConfig: "default",
    patterns: ["SuperGPQA-all.jsonl", "*.jsonl", "{split}-[0-9]*", "data/{split}-[0-9]*"],
  },
  categories: SUPER_GPQA_FIELDS,
  toSample(record) {
    const field = textField(record, "field");
    return {
      input: textField(record, "question"),
      choices: textList(record, "options"),
      target: textField(record, "answer_letter").trim(),
      subset: field,
      metadata: {
        field,
        discipline: optionalText(record, "discipline") ?? "",
        uuid: optionalText(record, "uuid") ?? "",
        explanation: optionalText(record, "answer") ?? "",
      },
    };
  },
  prompt: mcqPrompt(MCQ_SINGLE_COT),
  extract: superGpqaExtractor,
  metrics: [{ name: "acc" }],
});
