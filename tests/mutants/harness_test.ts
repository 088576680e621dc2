import assert from "node:assert/strict";
import { join } from "node:path";
import { firstFailure, type Mutant, runMutants } from "./harness.ts";

/** A two-file repository: `add.ts` and the test that pins it. */
async function tinyRepo(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "lmeter-mutants-test-" });
  await Deno.writeTextFile(
    join(root, "add.ts"),
    "export function add(a: number, b: number): number {\n  return a + b;\n}\n",
  );
  await Deno.writeTextFile(
    join(root, "add_test.ts"),
    'import { add } from "./add.ts";\n' +
      'Deno.test("add() adds", () => {\n  if (add(2, 3) !== 5) throw new Error("not 5");\n});\n',
  );
  return root;
}

const base = { file: "add.ts", description: "test entry", tests: ["add_test.ts"] };

Deno.test("runMutants() reports a caught mutant, a surviving one and a stale anchor, and leaves the repo alone", async () => {
  const root = await tinyRepo();
  try {
    const mutants: Mutant[] = [
      { ...base, id: "minus", find: "return a + b;", replace: "return a - b;" },
      { ...base, id: "same-result", find: "return a + b;", replace: "return b + a;" },
      // A filter that matches no test name: nothing ran, which is an error, not a survivor.
      { ...base, id: "filtered", find: "return a + b;", replace: "return 0;", filter: "nothing" },
      { ...base, id: "stale", find: "return a * b;", replace: "return a / b;" },
    ];
    const report = await runMutants(mutants, { root, jobs: 2 });
    const status = Object.fromEntries(report.results.map((r) => [r.mutant.id, r.status]));
    assert.deepEqual(status, {
      minus: "caught",
      "same-result": "survived",
      filtered: "error",
      stale: "error",
    });
    const filtered = report.results.find((r) => r.mutant.id === "filtered");
    assert.match(filtered?.detail ?? "", /no test ran/);
    const stale = report.results.find((r) => r.mutant.id === "stale");
    assert.match(stale?.detail ?? "", /occurs 0 times in add\.ts/);
    const caught = report.results.find((r) => r.mutant.id === "minus");
    assert.equal(caught?.detail, "add() adds");
    assert.match(await Deno.readTextFile(join(root, "add.ts")), /return a \+ b;/);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("runMutants() runs no mutant when the unmutated tests fail", async () => {
  const root = await tinyRepo();
  try {
    await Deno.writeTextFile(join(root, "add.ts"), "export const add = () => 4;\n");
    const report = await runMutants(
      [{ ...base, id: "const", find: "() => 4", replace: "() => 5" }],
      { root },
    );
    assert.equal(report.results.length, 0);
    assert.match(report.baselineFailure ?? "", /not 5/);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("firstFailure() names the first failing test of deno test's output", () => {
  const output = "ERRORS\n\nadd() adds => ./add_test.ts:2:6\nerror: Error: not 5\n";
  assert.equal(firstFailure(output), "add() adds");
  assert.equal(firstFailure("ok | 1 passed"), undefined);
});
