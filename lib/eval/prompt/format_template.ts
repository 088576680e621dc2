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
 * A template split once at its placeholders: `literals[k]` comes before `names[k]`, and the last
 * literal ends it. `problem` is the first syntax error, met after `names`.
 */
interface Compiled {
  literals: string[];
  names: string[];
  problem?: string;
}

/** Compiled templates by text: a benchmark fills the same one or two for every sample. */
const compiledTemplates = new Map<string, Compiled>();
const MAX_COMPILED = 256;

function compile(template: string): Compiled {
  const literals: string[] = [];
  const names: string[] = [];
  let literal = ""; // the literal text before the next placeholder, braces undoubled
  let from = 0; // start of the literal text not yet copied
  let i = 0;
  while (i < template.length) {
    const ch = template[i];
    if (ch === "{") {
      literal += template.slice(from, i);
      if (template[i + 1] === "{") {
        literal += "{";
        i += 2;
        from = i;
        continue;
      }
      const end = template.indexOf("}", i);
      if (end < 0) return { literals, names, problem: `an unclosed "{" at position ${i}` };
      literals.push(literal);
      names.push(template.slice(i + 1, end).trim());
      literal = "";
      i = end + 1;
      from = i;
      continue;
    }
    if (ch === "}") {
      if (template[i + 1] === "}") {
        literal += template.slice(from, i) + "}";
        i += 2;
        from = i;
        continue;
      }
      return { literals, names, problem: `a single "}" at position ${i}` };
    }
    i++;
  }
  literals.push(literal + template.slice(from));
  return { literals, names };
}

/**
 * Fills `template`; throws a {@linkcode UserError} naming the unknown placeholder (or the first
 * syntax error, whichever comes first in the text). The result is one flat string (pieces joined
 * once): built character by character it was a rope of one node per character, ~3 kB per prompt,
 * which a collection build held for every sample of its pools.
 */
export function formatTemplate(
  template: string,
  values: Readonly<Record<string, string>>,
  options: { what?: string } = {},
): string {
  let compiled = compiledTemplates.get(template);
  if (compiled === undefined) {
    compiled = compile(template);
    if (compiledTemplates.size >= MAX_COMPILED) compiledTemplates.clear();
    compiledTemplates.set(template, compiled);
  }
  const { literals, names, problem } = compiled;
  const parts: string[] = [];
  for (let k = 0; k < names.length; k++) {
    const name = names[k];
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
    parts.push(literals[k], values[key]);
  }
  if (problem !== undefined) throw badTemplate(options.what, problem);
  parts.push(literals[names.length]);
  return parts.join("");
}

function badTemplate(what = "the prompt template", problem: string, hint?: string): UserError {
  return new UserError(
    `Cannot format ${what}: ${problem}`,
    hint ?? "Write literal braces as {{ and }}.",
  );
}
