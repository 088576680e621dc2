/**
 * Code extraction from a model's reply, as EvalScope does it for HumanEval, MBPP and
 * LiveCodeBench (written from its documented behaviour; see docs/benchmarks.md).
 *
 * @module
 */
import { pyStrip } from "../math/py_compat.ts";

/**
 * HumanEval: the body of the first fenced block (a fence, an optional word, a newline, then
 * everything up to the next fence), else the whole reply as it is.
 */
export function firstFencedCode(text: string): string {
  const m = /```[\p{L}\p{N}_]*\n([\s\S]*?)```/u.exec(text);
  return m ? m[1] : text;
}

/**
 * The first code block of a free-form reply, for Python: the first complete fenced block (its
 * closing fence may be indented), else an unclosed fence's rest, else the first run of
 * `def`/`class` blocks (with the import and comment lines before it), else "". Carriage returns
 * are dropped, and the code is cut before `if __name__ == "__main__":` and `# Example usage`.
 */
export function freeformPythonCode(text: string): string {
  const complete = /```[^\n]*\n([\s\S]*?)\n\s*```/.exec(text);
  const open = complete ? null : /```[^\n]*\n([\s\S]*)/.exec(text);
  let code = complete?.[1] ?? open?.[1] ?? heuristicPython(text) ?? "";
  code = code.replaceAll("\r", "");
  code = cutBefore(code, 'if __name__ == "__main__":', { trim: true });
  return cutBefore(code, "# Example usage", { trim: true });
}

/** Python definitions found without fences: blank lines dropped, then the first def/class run. */
function heuristicPython(text: string): string | undefined {
  const code = text.split("\n").filter((l) => l.trim() !== "").join("\n") + "\n";
  const re = /(?:^(?:import|from|#)[^\n]+\n)*^(?:def|class) [^\n]+\n(?:\s+[^\n]+\n)+/m;
  return re.exec(code)?.[0];
}

function cutBefore(text: string, marker: string, options: { trim: boolean }): string {
  const at = text.indexOf(marker);
  if (at < 0) return text;
  return options.trim ? pyStrip(text.slice(0, at)) : text.slice(0, at);
}

/**
 * MBPP: the reply up to `[DONE]`, its first code block ({@linkcode freeformPythonCode}), cut at
 * the first `\nassert` and then at the first `\n"""`; then the task's `test_setup_code` and a
 * newline go before it, and everything from `if __name__ ==` on is dropped.
 */
export function mbppCode(text: string, setupCode: string): string {
  const done = text.indexOf("[DONE]");
  let code = freeformPythonCode(done < 0 ? text : text.slice(0, done));
  for (const stop of ["\nassert", '\n"""']) code = cutBefore(code, stop, { trim: false });
  return cutBefore(`${setupCode}\n${code}`, "if __name__ ==", { trim: false });
}

/**
 * LiveCodeBench: the lines strictly between the last two lines that contain a fence (```); ""
 * when the reply has fewer than two such lines.
 */
export function lastFencedCode(text: string): string {
  const lines = text.split("\n");
  const fences: number[] = [];
  lines.forEach((line, i) => {
    if (line.includes("```")) fences.push(i);
  });
  if (fences.length < 2) return "";
  return lines.slice(fences[fences.length - 2] + 1, fences[fences.length - 1]).join("\n");
}
