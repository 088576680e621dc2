/**
 * C-Eval: Chinese exam questions in 52 subjects (four categories), 5-shot from the dev split
 * with explanations; Chinese prompt naming the subject, answer read from the last `答案：X`.
 *
 * @module
 */
import {
  defineBenchmark,
  type Extractor,
  namedExtractor,
  optionalText,
  optionLabel,
  type Sample,
  textField,
} from "../lib/eval/define.ts";

/** Subject → [English name, Chinese name, category], as EvalScope lists them. */
export const CEVAL_SUBJECTS: Readonly<Record<string, readonly [string, string, string]>> = {
  computer_network: ["Computer Network", "计算机网络", "STEM"],
  operating_system: ["Operating System", "操作系统", "STEM"],
  computer_architecture: ["Computer Architecture", "计算机组成", "STEM"],
  college_programming: ["College Programming", "大学编程", "STEM"],
  college_physics: ["College Physics", "大学物理", "STEM"],
  college_chemistry: ["College Chemistry", "大学化学", "STEM"],
  advanced_mathematics: ["Advanced Mathematics", "高等数学", "STEM"],
  probability_and_statistics: ["Probability and Statistics", "概率统计", "STEM"],
  discrete_mathematics: ["Discrete Mathematics", "离散数学", "STEM"],
  electrical_engineer: ["Electrical Engineer", "注册电气工程师", "STEM"],
  metrology_engineer: ["Metrology Engineer", "注册计量师", "STEM"],
  high_school_mathematics: ["High School Mathematics", "高中数学", "STEM"],
  high_school_physics: ["High School Physics", "高中物理", "STEM"],
  high_school_chemistry: ["High School Chemistry", "高中化学", "STEM"],
  high_school_biology: ["High School Biology", "高中生物", "STEM"],
  middle_school_mathematics: ["Middle School Mathematics", "初中数学", "STEM"],
  middle_school_biology: ["Middle School Biology", "初中生物", "STEM"],
  middle_school_physics: ["Middle School Physics", "初中物理", "STEM"],
  middle_school_chemistry: ["Middle School Chemistry", "初中化学", "STEM"],
  veterinary_medicine: ["Veterinary Medicine", "兽医学", "STEM"],
  college_economics: ["College Economics", "大学经济学", "Social Science"],
  business_administration: ["Business Administration", "工商管理", "Social Science"],
  marxism: ["Marxism", "马克思主义基本原理", "Social Science"],
  mao_zedong_thought: [
    "Mao Zedong Thought",
    "毛泽东思想和中国特色社会主义理论体系概论",
    "Social Science",
  ],
  education_science: ["Education Science", "教育学", "Social Science"],
  teacher_qualification: ["Teacher Qualification", "教师资格", "Social Science"],
  high_school_politics: ["High School Politics", "高中政治", "Social Science"],
  high_school_geography: ["High School Geography", "高中地理", "Social Science"],
  middle_school_politics: ["Middle School Politics", "初中政治", "Social Science"],
  middle_school_geography: ["Middle School Geography", "初中地理", "Social Science"],
  modern_chinese_history: ["Modern Chinese History", "近代史纲要", "Humanities"],
  ideological_and_moral_cultivation: [
    "Ideological and Moral Cultivation",
    "思想道德修养与法律基础",
    "Humanities",
  ],
  logic: ["Logic", "逻辑学", "Humanities"],
  law: ["Law", "法学", "Humanities"],
  chinese_language_and_literature: [
    "Chinese Language and Literature",
    "中国语言文学",
    "Humanities",
  ],
  art_studies: ["Art Studies", "艺术学", "Humanities"],
  professional_tour_guide: ["Professional Tour Guide", "导游资格", "Humanities"],
  legal_professional: ["Legal Professional", "法律职业资格", "Humanities"],
  high_school_chinese: ["High School Chinese", "高中语文", "Humanities"],
  high_school_history: ["High School History", "高中历史", "Humanities"],
  middle_school_history: ["Middle School History", "初中历史", "Humanities"],
  civil_servant: ["Civil Servant", "公务员", "Other"],
  sports_science: ["Sports Science", "体育学", "Other"],
  plant_protection: ["Plant Protection", "植物保护", "Other"],
  basic_medicine: ["Basic Medicine", "基础医学", "Other"],
  clinical_medicine: ["Clinical Medicine", "临床医学", "Other"],
  urban_and_rural_planner: ["Urban and Rural Planner", "注册城乡规划师", "Other"],
  accountant: ["Accountant", "注册会计师", "Other"],
  fire_engineer: ["Fire Engineer", "注册消防工程师", "Other"],
  environmental_impact_assessment_engineer: [
    "Environmental Impact Assessment Engineer",
    "环境影响评价工程师",
    "Other",
  ],
  tax_accountant: ["Tax Accountant", "税务师", "Other"],
  physician: ["Physician", "医师资格", "Other"],
};

/** The C-Eval prompt (options as `A. text`, letters fixed to A–D). */
const PROMPT =
  '以下是中国关于{subject}的单项选择题，请选出其中的正确答案。你的回答的最后一行应该是这样的格式："答案：[LETTER]"（不带引号），其中 [LETTER] 是 A、B、C、D 中的一个。\n\n问题：{question}\n选项：\n{choices}\n';

/** The 5-shot prompt: examples, a blank line, then the prompt. */
const FEW_SHOT = "以下是一些示例问题：\n\n{fewshot}\n\n\n" + PROMPT;

/** `A. text` lines. */
function dottedChoices(choices: readonly string[]): string {
  return choices.map((c, i) => `${optionLabel(i)}. ${c}`).join("\n");
}

/** One example: question, options, explanation (`解析：`) and answer (`答案：`). */
export function formatCevalExample(sample: Sample): string {
  return [
    `问题：${sample.input}`,
    `选项：\n${dottedChoices(sample.choices ?? [])}`,
    `解析：${sample.metadata?.explanation ?? ""}`,
    `答案：${sample.target}`,
  ].join("\n");
}

/** C-Eval's rule: the letter of the last `答案：[A-D]`, else no answer. */
const cevalExtractor: Extractor = namedExtractor("mcq:ceval");

/** The `ceval` benchmark. */
export const ceval = defineBenchmark({
  name: "ceval",
  prettyName: "C-Eval",
  description:
    "13,948 Chinese exam questions in 52 subjects (STEM, Social Science, Humanities, Other), middle school to professional level. Scored on the val split, 5-shot from dev with explanations; Chinese prompt, answer from the last '答案：X'.",
  version: "1",
  tags: ["knowledge", "multiple_choice", "chinese"],
  paperUrl: "https://arxiv.org/abs/2305.08322",
  dataset: {
    id: "evalscope/ceval",
    hfId: "ceval/ceval-exam",
    evalSplit: "val",
    trainSplit: "dev",
    subsets: Object.keys(CEVAL_SUBJECTS),
  },
  categories: Object.fromEntries(Object.entries(CEVAL_SUBJECTS).map(([k, v]) => [k, v[2]])),
  toSample(record) {
    return {
      input: textField(record, "question"),
      choices: ["A", "B", "C", "D"].map((k) => textField(record, k)),
      target: textField(record, "answer").trim(),
      metadata: {
        id: optionalText(record, "id") ?? "",
        explanation: optionalText(record, "explanation") ?? "",
      },
    };
  },
  prompt: {
    style: "mcq",
    template: PROMPT,
    fewShotTemplate: FEW_SHOT,
    fewShotNum: 5,
    formatExample: formatCevalExample,
    values: (s) => ({
      subject: CEVAL_SUBJECTS[s.subset ?? ""]?.[1] ?? s.subset ?? "",
      choices: dottedChoices(s.choices ?? []),
    }),
  },
  extract: cevalExtractor,
  metrics: [{ name: "acc" }],
  variants: ["mcq:ceval", "mcq:evalscope-zh", "mcq:strict"],
});
