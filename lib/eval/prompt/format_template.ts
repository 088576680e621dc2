/**
 * Fills `{name}` placeholders the way Python's `str.format` does (EvalScope's templates are
 * Python format strings): `{{` and `}}` are literal braces; an unknown name is an error.
 *
 * @module
 */
import { UserError } from "../../errors.ts";

/** Older EvalScope templates say `{query}` where current ones say `{question}`. */
const ALIASES: Readonly<Record<string, string>> = { query: "question" };

/** Fills `template`; throws a {@linkcode UserError} naming the unknown placeholder. */
export function formatTemplate(
  template: string,
  values: Readonly<Record<string, string>>,
  options: { what?: string } = {},
): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    const ch = template[i];
    if (ch === "{") {
      if (template[i + 1] === "{") {
        out += "{";
        i += 2;
        continue;
      }
      const end = template.indexOf("}", i);
      if (end < 0) throw badTemplate(options.what, `an unclosed "{" at position ${i}`);
      const name = template.slice(i + 1, end).trim();
      const key = name in values ? name : ALIASES[name];
      if (key === undefined || !(key in values)) {
        throw badTemplate(
          options.what,
          `the placeholder {${name}} is unknown`,
          `Available placeholders: ${
            Object.keys(values).map((k) => `{${k}}`).join(", ")
          }. Write literal braces as {{ and }}.`,
        );
      }
      out += values[key];
      i = end + 1;
      continue;
    }
    if (ch === "}") {
      if (template[i + 1] === "}") {
        out += "}";
        i += 2;
        continue;
      }
      throw badTemplate(options.what, `a single "}" at position ${i}`);
    }
    out += ch;
    i++;
  }
  return out;
}

function badTemplate(what = "the prompt template", problem: string, hint?: string): UserError {
  return new UserError(
    `Cannot format ${what}: ${problem}`,
    hint ?? "Write literal braces as {{ and }}.",
  );
}
