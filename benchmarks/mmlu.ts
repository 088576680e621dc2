/**
 * MMLU: 57 subjects of multiple-choice questions, grouped into STEM, Humanities, Social Science
 * and Other.
 *
 * @module
 */
import {
  defineBenchmark,
  FieldError,
  intField,
  MCQ_SINGLE_COT,
  mcqExtractor,
  mcqPrompt,
  optionLabel,
  textField,
  textList,
  variantNames,
} from "../lib/eval/define.ts";

const STEM = "STEM";
const HUM = "Humanities";
const SOC = "Social Science";
const OTHER = "Other";

/** Subject → category, as EvalScope groups MMLU's 57 subjects. */
export const MMLU_CATEGORIES: Readonly<Record<string, string>> = {
  abstract_algebra: STEM,
  anatomy: OTHER,
  astronomy: STEM,
  business_ethics: OTHER,
  clinical_knowledge: OTHER,
  college_biology: STEM,
  college_chemistry: STEM,
  college_computer_science: STEM,
  college_mathematics: STEM,
  college_medicine: OTHER,
  college_physics: STEM,
  computer_security: STEM,
  conceptual_physics: STEM,
  econometrics: SOC,
  electrical_engineering: STEM,
  elementary_mathematics: STEM,
  formal_logic: HUM,
  global_facts: OTHER,
  high_school_biology: STEM,
  high_school_chemistry: STEM,
  high_school_computer_science: STEM,
  high_school_european_history: HUM,
  high_school_geography: SOC,
  high_school_government_and_politics: SOC,
  high_school_macroeconomics: SOC,
  high_school_mathematics: STEM,
  high_school_microeconomics: SOC,
  high_school_physics: STEM,
  high_school_psychology: SOC,
  high_school_statistics: STEM,
  high_school_us_history: HUM,
  high_school_world_history: HUM,
  human_aging: OTHER,
  human_sexuality: SOC,
  international_law: HUM,
  jurisprudence: HUM,
  logical_fallacies: HUM,
  machine_learning: STEM,
  management: OTHER,
  marketing: OTHER,
  medical_genetics: OTHER,
  miscellaneous: OTHER,
  moral_disputes: HUM,
  moral_scenarios: HUM,
  nutrition: OTHER,
  philosophy: HUM,
  prehistory: HUM,
  professional_accounting: OTHER,
  professional_law: HUM,
  professional_medicine: OTHER,
  professional_psychology: SOC,
  public_relations: SOC,
  security_studies: SOC,
  sociology: SOC,
  us_foreign_policy: SOC,
  virology: OTHER,
  world_religions: HUM,
};

/** The `mmlu` benchmark. */
export const mmlu = defineBenchmark({
  name: "mmlu",
  prettyName: "MMLU",
  description:
    "Massive Multitask Language Understanding: 4-option questions in 57 subjects from elementary to professional level. 5-shot from the dev split, chain-of-thought prompt, 'ANSWER: X' parsing.",
  version: "1",
  tags: ["knowledge", "multiple_choice"],
  paperUrl: "https://arxiv.org/abs/2009.03300",
  dataset: {
    id: "cais/mmlu",
    evalSplit: "test",
    trainSplit: "dev",
    subsets: Object.keys(MMLU_CATEGORIES),
    subsetsFromConfig: "all",
  },
  categories: MMLU_CATEGORIES,
  toSample(record) {
    const choices = textList(record, "choices");
    const answer = intField(record, "answer");
    if (answer < 0 || answer >= choices.length) {
      throw new FieldError("answer", `an option index from 0 to ${choices.length - 1}`, answer);
    }
    const subject = textField(record, "subject");
    return {
      input: textField(record, "question"),
      choices,
      target: optionLabel(answer),
      subset: subject,
      metadata: { subject },
    };
  },
  prompt: mcqPrompt(MCQ_SINGLE_COT, { fewShotNum: 5 }),
  extract: mcqExtractor(),
  metrics: [{ name: "acc" }],
  variants: variantNames("mcq").filter((n) => !n.includes("zh") && n !== "mcq:ceval"),
});
