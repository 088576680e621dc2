/**
 * Fills `{name}` placeholders the way Python's `str.format` does (EvalScope's templates are
 * Python format strings): `{{` and `}}` are literal braces; an unknown name is an error.
 *
 * @module
 */
import { UserError } from "../../errors.ts";

/** Older EvalScope templates say `{query}` where current ones say `{question}`. */
const ALIASES: Readonly<Record<string, string>> = { query: "question" };

/**
 * Fills `template`; throws a {@linkcode UserError} naming the unknown placeholder. The result is
 * one flat string (pieces joined once): built character by character it was a rope of one node
 * per character, ~3 kB per prompt, which a collection build held for every sample of its pools.
 */
export function formatTemplate(
  template: string,
  values: Readonly<Record<string, string>>,
  options: { what?: string } = {},
): string {
  const parts: string[] = [];
  let from = 0; // start of the literal text not yet copied
  let i = 0;
  while (i < template.length) {
    const ch = template[i];
    if (ch === "{") {
      parts.push(template.slice(from, i));
      if (template[i + 1] === "{") {
        parts.push("{");
        i += 2;
        from = i;
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
      parts.push(values[key]);
      i = end + 1;
      from = i;
      continue;
    }
    if (ch === "}") {
      if (template[i + 1] === "}") {
        parts.push(template.slice(from, i), "}");
        i += 2;
        from = i;
        continue;
      }
      throw badTemplate(options.what, `a single "}" at position ${i}`);
    }
    i++;
  }
  parts.push(template.slice(from));
  return parts.join("");
}

function badTemplate(what = "the prompt template", problem: string, hint?: string): UserError {
  return new UserError(
    `Cannot format ${what}: ${problem}`,
    hint ?? "Write literal braces as {{ and }}.",
  );
}
