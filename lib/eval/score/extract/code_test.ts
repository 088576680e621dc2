import assert from "node:assert/strict";
import { firstFencedCode, freeformPythonCode, lastFencedCode, mbppCode } from "./code.ts";

Deno.test("firstFencedCode() takes the first fenced block, else the reply as it is", () => {
  const two = "Here:\n```python\ndef f():\n    return 1\n```\nand\n```\nx = 2\n```";
  assert.equal(firstFencedCode(two), "def f():\n    return 1\n");
  // A fence whose tag is not a single word (a space) does not open a block.
  assert.equal(firstFencedCode("``` python\nx\n```"), "``` python\nx\n```");
  assert.equal(firstFencedCode("    return x + 1\n"), "    return x + 1\n");
  // An unclosed fence is no block: the reply is kept whole.
  assert.equal(firstFencedCode("```python\nx = 1\n"), "```python\nx = 1\n");
});

Deno.test("freeformPythonCode() prefers a complete block, then an open one, then def/class", () => {
  assert.equal(freeformPythonCode("a\n```py\nx = 1\n  ```\n```\ny\n```"), "x = 1");
  assert.equal(freeformPythonCode("```python\ndef f():\r\n  return 2\n"), "def f():\n  return 2\n");
  const loose = "Sure.\nimport math\n\ndef f(x):\n\n    return math.sqrt(x)\nThat is it.";
  assert.equal(freeformPythonCode(loose), "import math\ndef f(x):\n    return math.sqrt(x)\n");
  assert.equal(freeformPythonCode("No code here."), "");
  const main = '```\ndef f():\n    return 1\n\nif __name__ == "__main__":\n    print(f())\n```';
  assert.equal(freeformPythonCode(main), "def f():\n    return 1");
  assert.equal(
    freeformPythonCode("```\ndef f():\n    return 1\n# Example usage\nprint(f())\n```"),
    "def f():\n    return 1",
  );
});

Deno.test("mbppCode() cuts at [DONE], at the first assert and docstring, and prepends the set-up", () => {
  assert.equal(
    mbppCode("def add(a, b):\n    return a + b\n[DONE]\nmore text", ""),
    "\ndef add(a, b):\n    return a + b\n",
  );
  const fenced = "```python\ndef sq(x):\n    return x * x\nassert sq(2) == 4\n```";
  assert.equal(mbppCode(fenced, "import math"), "import math\ndef sq(x):\n    return x * x");
  assert.equal(
    mbppCode('```\ndef f():\n    return 0\n"""\nnotes\n"""\n```', ""),
    "\ndef f():\n    return 0",
  );
  // `if __name__ ==` in any quoting is dropped with everything after it (no strip).
  assert.equal(
    mbppCode("```\ndef f():\n    return 0\nif __name__ == '__main__':\n    f()\n```", ""),
    "\ndef f():\n    return 0\n",
  );
  assert.equal(mbppCode("I do not know.", "x = 1"), "x = 1\n");
});

Deno.test("lastFencedCode() takes the lines between the last two fence lines", () => {
  const reply = "Idea:\n```python\nold\n```\nBetter:\n```python\nn = int(input())\nprint(n)\n```\n";
  assert.equal(lastFencedCode(reply), "n = int(input())\nprint(n)");
  // Any line containing a fence counts, wherever the fence is on it.
  assert.equal(lastFencedCode("x ```a\nbody\nend```"), "body");
  assert.equal(lastFencedCode("```python\nprint(1)"), "");
  assert.equal(lastFencedCode("print(1)"), "");
});
