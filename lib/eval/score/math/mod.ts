/**
 * Math answer extraction, normalisation and equivalence (EvalScope-compatible).
 *
 * @module
 */

export { extractMathAnswer, type ExtractMathOptions } from "./extract_math_answer.ts";
export { normalizeMathAnswer } from "./normalize_math_answer.ts";
export {
  mathCompare,
  mathEqual,
  type MathEqualOptions,
  type MathRule,
  type MathVerdict,
  numberEqualExact,
} from "./math_equal.ts";
export { SYMBOLIC_LIMITS, symbolicRisk } from "./symbolic_guard.ts";
export { normalizeAnswer } from "./hendrycks_normalize.ts";
export { gradeAnswer } from "./grade_answer.ts";
export { convertWordNumber } from "./word_to_number.ts";
