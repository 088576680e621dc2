/**
 * Whether Python's `json.loads` accepts a text: JSON as `JSON.parse` reads it, plus the
 * constants Python allows outside strings (`NaN`, `Infinity`, `-Infinity`).
 *
 * @module
 */

/** True when Python's `json.loads(text)` would not raise. */
export function pyJsonLoads(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    if (!/NaN|Infinity/.test(text)) return false;
  }
  try {
    JSON.parse(replaceConstants(text));
    return true;
  } catch {
    return false;
  }
}

/**
 * Replaces Python's extra constants outside strings by `null`, a token that, like them, cannot
 * join a neighbouring number or sign (`1NaN`, `-NaN` stay invalid, as in Python).
 */
function replaceConstants(text: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      out += ch;
      if (ch === "\\") out += text[++i] ?? "";
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
    } else if (text.startsWith("-Infinity", i)) {
      out += "null";
      i += 8;
    } else if (text.startsWith("Infinity", i)) {
      out += "null";
      i += 7;
    } else if (text.startsWith("NaN", i)) {
      out += "null";
      i += 2;
    } else out += ch;
  }
  return out;
}
