/**
 * lm-evaluation-harness GSM8K metric: `exact_match` with `ignore_case` and
 * `regexes_to_ignore: [",", "\\$", "(?s).*#### ", "\\.$"]`.
 *
 * @module
 */

// Python's `$` also matches before one final newline; `(?s).*#### ` eats up to the last "#### ".
const IGNORED = [/,/g, /\$/g, /[\s\S]*#### /, /\.(?=\n?$)/];

function clean(text: string): string {
  let out = text;
  for (const pattern of IGNORED) out = out.replace(pattern, "");
  return out.toLowerCase();
}

/** True when the extracted answer equals the target once commas, `$`, `… #### ` and a final `.` go. */
export function gsm8kExactMatch(extracted: string, target: string): boolean {
  return clean(extracted) === clean(target);
}
