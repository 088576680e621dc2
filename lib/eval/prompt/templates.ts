/**
 * Prompt templates shared by benchmarks. They reproduce EvalScope's wording exactly, because a
 * score is only comparable to EvalScope's when the prompt is the same. Placeholders use `{name}`;
 * `{{` and `}}` are literal braces (Python `str.format` rules, as in EvalScope).
 *
 * @module
 */

/** Few-shot prefix of English multiple-choice prompts; `{fewshot}` = examples joined by blank lines. */
export const MCQ_FEW_SHOT =
  "Here are some examples of how to answer similar questions:\n\n{fewshot}\n\n";

/** Single answer, the whole response must be `ANSWER: X`. */
export const MCQ_SINGLE =
  "Answer the following multiple choice question. The entire content of your response should be of the following format: 'ANSWER: [LETTER]' (without quotes) where [LETTER] is one of {letters}.\n\n{question}\n\n{choices}";

/** Single answer with chain of thought: the last line must be `ANSWER: X`. */
export const MCQ_SINGLE_COT =
  "Answer the following multiple choice question. The last line of your response should be of the following format: 'ANSWER: [LETTER]' (without quotes) where [LETTER] is one of {letters}. Think step by step before answering.\n\n{question}\n\n{choices}";

/** Several answers may be right; the whole response must be `ANSWER: XY`. */
export const MCQ_MULTIPLE =
  "Answer the following multiple choice question where multiple answers may be correct. The entire content of your response should be of the following format: 'ANSWER: [LETTERS]' (without quotes) where [LETTERS] is one or more of {letters}.\n\n{question}\n\n{choices}";

/** Several answers may be right, with chain of thought. */
export const MCQ_MULTIPLE_COT =
  "Answer the following multiple choice question where multiple answers may be correct. The last line of your response should be of the following format: 'ANSWER: [LETTERS]' (without quotes) where [LETTERS] is one or more of {letters}. Think step by step before answering.\n\n{question}\n\n{choices}";

/** Few-shot prefix of Chinese multiple-choice prompts. */
export const MCQ_FEW_SHOT_ZH = "以下是一些示例问题：\n\n{fewshot}\n\n";

/** Chinese single answer (`答案：X`). */
export const MCQ_SINGLE_ZH =
  '回答下面的单项选择题，请选出其中的正确答案。你的回答的全部内容应该是这样的格式："答案：[LETTER]"（不带引号），其中 [LETTER] 是 {letters} 中的一个。\n\n问题：{question}\n选项：\n{choices}\n';

/** Chinese single answer with chain of thought. */
export const MCQ_SINGLE_COT_ZH =
  '回答下面的单项选择题，请选出其中的正确答案。你的回答的最后一行应该是这样的格式："答案：[LETTER]"（不带引号），其中 [LETTER] 是 {letters} 中的一个。请在回答前进行一步步思考。\n\n问题：{question}\n选项：\n{choices}\n';

/** Chinese multiple answers. */
export const MCQ_MULTIPLE_ZH =
  '回答下面的多项选择题，请选出其中的所有正确答案。你的回答的全部内容应该是这样的格式："答案：[LETTERS]"（不带引号），其中 [LETTERS] 是 {letters} 中的一个或多个。\n问题：{question}\n选项：\n{choices}\n';

/** Chinese multiple answers with chain of thought. */
export const MCQ_MULTIPLE_COT_ZH =
  '回答下面的多项选择题，请选出其中的所有正确答案。你的回答的最后一行应该是这样的格式："答案：[LETTERS]"（不带引号），其中 [LETTERS] 是 {letters} 中的一个或多个。请在回答前进行一步步思考。\n\n问题：{question}\n选项：\n{choices}\n';

/** The Chinese templates (their answers are parsed with the `答案：` marker). */
export const CHINESE_MCQ_TEMPLATES: readonly string[] = [
  MCQ_SINGLE_ZH,
  MCQ_SINGLE_COT_ZH,
  MCQ_MULTIPLE_ZH,
  MCQ_MULTIPLE_COT_ZH,
];

/** The boxed-answer math prompt (GSM8K, MATH-500, AIME…). */
export const MATH_BOXED =
  "{question}\nPlease reason step by step, and put your final answer within \\boxed{{}}.";

/** Few-shot prefix of math prompts; followed by {@linkcode MATH_BOXED}. */
export const MATH_FEW_SHOT =
  "Here are some examples of how to solve similar problems:\n\n{fewshot}\n\n";

/** The plain question template. */
export const PLAIN = "{question}";
