/**
 * A tiny evaluator for plain-text math (`2sqrt(3)/3`, `(x+1)^2`, `pi/4`), used by the
 * PRM800K-style grader where the Python original hands the text to sympy.
 *
 * Grammar: sums, products (explicit `*`, `/` and implicit juxtaposition), powers (`^` or `**`,
 * right-associative), unary signs, parentheses, `sqrt(…)`, `pi`, and single-letter variables
 * (a longer word is a product of letters, like sympy's `split_symbols`).
 *
 * @module
 */

type Token = { kind: "num"; value: number } | { kind: "id"; name: string } | {
  kind: "op";
  op: string;
};

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === " ") {
      i++;
      continue;
    }
    const number = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (number) {
      tokens.push({ kind: "num", value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    const word = /^[a-zA-Z]+/.exec(text.slice(i));
    if (word) {
      for (const name of splitWord(word[0])) tokens.push({ kind: "id", name });
      i += word[0].length;
      continue;
    }
    if (text.startsWith("**", i)) {
      tokens.push({ kind: "op", op: "^" });
      i += 2;
      continue;
    }
    if (!"+-*/^()".includes(char)) return undefined;
    tokens.push({ kind: "op", op: char });
    i++;
  }
  return tokens;
}

/** `2sqrtx` → sqrt, x; `pix` → pi, x; `xy` → x, y. */
function splitWord(word: string): string[] {
  const names: string[] = [];
  let rest = word;
  while (rest.length > 0) {
    const known = ["sqrt", "pi"].find((name) => rest.startsWith(name));
    const name = known ?? rest[0];
    names.push(name);
    rest = rest.slice(name.length);
  }
  return names;
}

class Parser {
  #pos = 0;
  constructor(private tokens: Token[], private vars: Readonly<Record<string, number>>) {}

  parse(): number | undefined {
    const value = this.sum();
    return this.#pos === this.tokens.length ? value : undefined;
  }

  #peek(): Token | undefined {
    return this.tokens[this.#pos];
  }

  #isOp(op: string): boolean {
    const token = this.#peek();
    return token?.kind === "op" && token.op === op;
  }

  sum(): number | undefined {
    let value = this.product();
    while (value !== undefined && (this.#isOp("+") || this.#isOp("-"))) {
      const minus = this.#isOp("-");
      this.#pos++;
      const rhs = this.product();
      value = rhs === undefined ? undefined : minus ? value - rhs : value + rhs;
    }
    return value;
  }

  product(): number | undefined {
    let value = this.power();
    while (value !== undefined) {
      const token = this.#peek();
      if (this.#isOp("*") || this.#isOp("/")) {
        const divide = this.#isOp("/");
        this.#pos++;
        const rhs = this.power();
        value = rhs === undefined ? undefined : divide ? value / rhs : value * rhs;
      } else if (token && (token.kind !== "op" || token.op === "(")) {
        const rhs = this.power();
        value = rhs === undefined ? undefined : value * rhs;
      } else break;
    }
    return value;
  }

  power(): number | undefined {
    if (this.#isOp("-") || this.#isOp("+")) {
      const minus = this.#isOp("-");
      this.#pos++;
      const operand = this.power();
      return operand === undefined ? undefined : minus ? -operand : operand;
    }
    const base = this.primary();
    if (base === undefined || !this.#isOp("^")) return base;
    this.#pos++;
    const exponent = this.power();
    return exponent === undefined ? undefined : base ** exponent;
  }

  primary(): number | undefined {
    const token = this.#peek();
    if (!token) return undefined;
    this.#pos++;
    if (token.kind === "num") return token.value;
    if (token.kind === "op") {
      if (token.op !== "(") return undefined;
      const inner = this.sum();
      if (!this.#isOp(")")) return undefined;
      this.#pos++;
      return inner;
    }
    if (token.name === "pi") return Math.PI;
    if (token.name === "sqrt") {
      const argument = this.power();
      return argument === undefined ? undefined : Math.sqrt(argument);
    }
    return Object.hasOwn(this.vars, token.name) ? this.vars[token.name] : undefined;
  }
}

/** The letters (variables) of a plain-text expression, `sqrt` and `pi` excluded. */
export function plainVariables(text: string): string[] {
  const tokens = tokenize(text) ?? [];
  const names = tokens.flatMap((t) => t.kind === "id" && t.name.length === 1 ? [t.name] : []);
  return [...new Set(names)];
}

/** Evaluates a plain-text expression with the given variable values; undefined when invalid. */
export function evaluatePlain(
  text: string,
  vars: Readonly<Record<string, number>> = {},
): number | undefined {
  const tokens = tokenize(text);
  if (!tokens || tokens.length === 0) return undefined;
  const value = new Parser(tokens, vars).parse();
  return value === undefined || Number.isNaN(value) ? undefined : value;
}
