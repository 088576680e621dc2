/**
 * LiveCodeBench's grader, as lmeter's own Python program run inside the sandbox (one run per
 * sample). It reads `{code, fn_name, tests, timeout, nonce}` as JSON on stdin, runs the tests in
 * order with a per-test alarm and stops at the first failure, then writes one line
 * `<nonce>{"results": [...], "detail": ...}` to the standard output it started with (the
 * program's own writes to file descriptor 1 go to /dev/null, its `print`s are captured).
 *
 * Result codes as LiveCodeBench gives them: `true` passed, -2 wrong answer, -3 time limit,
 * -4 runtime error (a solution that does not load is -4 too; `detail.stage` says "load").
 *
 * - Standard-input problems: a final `if __name__ == '__main__':` block is unwrapped; imports
 *   are hoisted and every other top-level statement becomes the body of `wrapped_function`,
 *   after a fixed block of common imports. Each test gives the input as `sys.stdin` (text and
 *   `.buffer`) and to `open(0)`; `SystemExit` ends a test normally. The output and the expected
 *   text are stripped, split into lines and each line stripped; the line counts must agree and
 *   each pair of lines must be equal, or be whitespace-separated numbers equal as decimals
 *   ("2.50" = "2.5", "1e3" = "1000").
 * - Call-based problems (`fn_name`): the imports block and the code are loaded as a module; the
 *   method is `Solution().<fn_name>` when the code has `class Solution`, else the module's
 *   function. Each input line is one JSON argument; a returned tuple counts as a list; the value
 *   must equal the JSON of the expected output.
 *
 * @module
 */

/** The Python source of the grader. */
export const LCB_HARNESS = String.raw`
import ast, builtins, io, json, os, signal, sys
from decimal import Decimal
from types import ModuleType

PRELUDE = """from string import *
from re import *
from datetime import *
from collections import *
from heapq import *
from bisect import *
from copy import *
from math import *
from random import *
from statistics import *
from itertools import *
from functools import *
from operator import *
from io import *
from sys import *
from json import *
from builtins import *
from typing import *
import string, re, datetime, collections, heapq, bisect, copy, math, random
import statistics, itertools, functools, operator, io, sys, json
sys.setrecursionlimit(50000)
"""

payload = json.loads(sys.stdin.read())
result_fd = os.dup(1)
devnull = os.open(os.devnull, os.O_WRONLY)
os.dup2(devnull, 1)
real_stdout, real_stdin, real_open = sys.stdout, sys.stdin, builtins.open
limit = payload["timeout"]


class TestTimeout(Exception):
    pass


def on_alarm(signum, frame):
    raise TestTimeout()


signal.signal(signal.SIGALRM, on_alarm)


def finish(results, detail):
    line = payload["nonce"] + json.dumps({"results": results, "detail": detail}) + "\n"
    os.write(result_fd, line.encode("utf-8"))
    sys.exit(0)


def cut(value, n=300):
    s = value if isinstance(value, str) else repr(value)
    return s if len(s) <= n else s[: n // 2] + "...(truncated)..." + s[-n // 2 :]


def load(code):
    module = ModuleType("solution")
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        exec(compile(code, "<solution>", "exec"), module.__dict__)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return module


def unwrap_main(code):
    try:
        tree = ast.parse(code)
    except Exception:
        return code
    last = tree.body[-1] if tree.body else None
    if isinstance(last, ast.If) and ast.unparse(last.test).strip() == "__name__ == '__main__'":
        return ast.unparse(tree.body[:-1]) + "\n" + ast.unparse(last.body)
    return code


def as_function(code):
    try:
        tree = ast.parse(code)
    except Exception:
        return code
    imports = [s for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom))]
    others = [s for s in tree.body if not isinstance(s, (ast.Import, ast.ImportFrom))]
    fields = dict(
        name="wrapped_function",
        args=ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]),
        body=others,
        decorator_list=[],
        returns=None,
        lineno=1,
    )
    if "type_params" in ast.FunctionDef._fields:
        fields["type_params"] = []
    function = ast.fix_missing_locations(ast.FunctionDef(**fields))
    return PRELUDE + "\n" + ast.unparse(imports) + "\n" + ast.unparse(function)


def stripped_lines(text):
    return [line.strip() for line in text.strip().split("\n")]


def as_decimals(line):
    try:
        return [Decimal(x) for x in line.split()]
    except Exception:
        return None


def same_output(got, want):
    a, b = stripped_lines(got), stripped_lines(want)
    if len(a) != len(b):
        return False, "mismatched output length"
    for i, (x, y) in enumerate(zip(a, b)):
        if x == y:
            continue
        dx, dy = as_decimals(x), as_decimals(y)
        if dx is None or dy is None or dx != dy:
            return False, "line %d: %s != %s" % (i, cut(x), cut(y))
    return True, ""


def run_stdin(function, text):
    stdin = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")
    captured = io.StringIO()

    def fake_open(file, *args, **kwargs):
        if file == 0 or file == "/dev/stdin":
            return io.StringIO(text)
        return real_open(file, *args, **kwargs)

    sys.stdin, sys.stdout, builtins.open = stdin, captured, fake_open
    try:
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            function()
        except SystemExit:
            pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        sys.stdin, sys.stdout, builtins.open = real_stdin, real_stdout, real_open
    return captured.getvalue()


def failure(results, code, message, test, **extra):
    results.append(code)
    detail = dict(error_code=code, error_message=message, index=len(results) - 1)
    detail["inputs"] = cut(test["input"])
    detail["expected"] = cut(test["output"])
    detail.update(extra)
    finish(results, detail)


def main():
    code, fn_name, tests = payload["code"], payload.get("fn_name"), payload["tests"]
    results = []
    try:
        if fn_name:
            module = load(PRELUDE + "\n\n" + code)
            owner = module.Solution() if "class Solution" in code else module
            method = getattr(owner, fn_name)
        else:
            method = getattr(load(as_function(unwrap_main(code))), "wrapped_function")
    except BaseException as e:
        finish([-4], dict(error_code=-4, error_message="cannot load: " + cut(repr(e)), stage="load"))
    for test in tests:
        try:
            if fn_name:
                args = [json.loads(line) for line in test["input"].split("\n")]
                want = json.loads(test["output"])
                signal.setitimer(signal.ITIMER_REAL, limit)
                try:
                    got = method(*args)
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                if isinstance(got, tuple):
                    got = list(got)
                if got != want:
                    failure(results, -2, "wrong answer", test, output=cut(got))
            else:
                out = run_stdin(method, test["input"])
                ok, why = same_output(out, test["output"])
                if not ok:
                    failure(results, -2, "wrong answer: " + why, test, output=cut(out))
        except TestTimeout:
            failure(results, -3, "time limit exceeded", test)
        except Exception as e:
            failure(results, -4, "runtime error: " + cut(repr(e)), test)
        results.append(True)
    finish(results, {})


main()
`;
