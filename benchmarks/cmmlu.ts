/**
 * CMMLU: Chinese multiple-choice questions in 67 subjects (STEM, Humanities, Social Science,
 * China specific, Other), zero-shot with the Chinese chain-of-thought template.
 *
 * @module
 */
import {
  defineBenchmark,
  FieldError,
  MCQ_SINGLE_COT_ZH,
  mcqExtractor,
  mcqPrompt,
  pyStrip,
  textField,
  textList,
  variantNames,
} from "../lib/eval/define.ts";

const STEM = "STEM";
const HUM = "Humanities";
const SOC = "Social Science";
const CHINA = "China specific";
const OTHER = "Other";

/** Subject (the `category` field) → category, as EvalScope groups CMMLU's 67 subjects. */
export const CMMLU_CATEGORIES: Readonly<Record<string, string>> = {
  agronomy: OTHER,
  anatomy: STEM,
  ancient_chinese: CHINA,
  arts: HUM,
  astronomy: STEM,
  business_ethics: SOC,
  chinese_civil_service_exam: CHINA,
  chinese_driving_rule: CHINA,
  chinese_food_culture: CHINA,
  chinese_foreign_policy: CHINA,
  chinese_history: CHINA,
  chinese_literature: CHINA,
  chinese_teacher_qualification: CHINA,
  college_actuarial_science: STEM,
  college_education: SOC,
  college_engineering_hydrology: STEM,
  college_law: HUM,
  college_mathematics: STEM,
  college_medical_statistics: STEM,
  clinical_knowledge: OTHER,
  college_medicine: OTHER,
  computer_science: STEM,
  computer_security: OTHER,
  conceptual_physics: STEM,
  construction_project_management: CHINA,
  economics: SOC,
  education: SOC,
  elementary_chinese: CHINA,
  elementary_commonsense: CHINA,
  elementary_information_and_technology: OTHER,
  electrical_engineering: STEM,
  elementary_mathematics: STEM,
  ethnology: CHINA,
  food_science: OTHER,
  genetics: STEM,
  global_facts: HUM,
  high_school_biology: STEM,
  high_school_chemistry: STEM,
  high_school_geography: SOC,
  high_school_mathematics: STEM,
  high_school_physics: STEM,
  high_school_politics: CHINA,
  human_sexuality: OTHER,
  international_law: HUM,
  journalism: SOC,
  jurisprudence: HUM,
  legal_and_moral_basis: OTHER,
  logical: HUM,
  machine_learning: STEM,
  management: SOC,
  marketing: SOC,
  marxist_theory: HUM,
  modern_chinese: CHINA,
  nutrition: OTHER,
  philosophy: HUM,
  professional_accounting: SOC,
  professional_law: HUM,
  professional_medicine: OTHER,
  professional_psychology: SOC,
  public_relations: SOC,
  security_study: SOC,
  sociology: SOC,
  sports_science: OTHER,
  traditional_chinese_medicine: CHINA,
  virology: STEM,
  world_history: HUM,
  world_religions: HUM,
};

/** The `cmmlu` benchmark. */
export const cmmlu = defineBenchmark({
  name: "cmmlu",
  prettyName: "C-MMLU",
  description:
    "Chinese Massive Multitask Language Understanding: four-option questions in 67 subjects (from the category field), grouped into STEM, Humanities, Social Science, China specific and Other. Zero-shot Chinese chain-of-thought template, answer from '答案：X'.",
  version: "1",
  tags: ["knowledge", "multiple_choice", "chinese"],
  paperUrl: "https://arxiv.org/abs/2306.09212",
  dataset: {
    id: "evalscope/cmmlu",
    evalSplit: "test",
    subsets: Object.keys(CMMLU_CATEGORIES),
    subsetsFromConfig: "default",
  },
  categories: CMMLU_CATEGORIES,
  toSample(record) {
    const answer = textField(record, "answer");
    const letter = [...answer][1];
    if (letter === undefined) throw new FieldError("answer", 'a label like "(A)"', answer);
    const subject = textField(record, "category");
    return {
      input: textField(record, "question"),
      // "(A) text" → "text"
      choices: textList(record, "choices").map((c) => pyStrip([...c].slice(3).join(""))),
      target: letter,
      subset: subject,
      metadata: { subject },
    };
  },
  prompt: mcqPrompt(MCQ_SINGLE_COT_ZH),
  extract: mcqExtractor({ chinese: true }),
  metrics: [{ name: "acc" }],
  variants: variantNames("mcq").filter((n) => n !== "mcq:ceval"),
});
