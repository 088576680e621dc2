import assert from "node:assert/strict";
import { CHECKERS } from "./instructions.ts";
import { followInstructions } from "./evaluate.ts";
import { verdictLines } from "../../tests/fixtures/ifeval/verdicts.ts";

const LINES = verdictLines();

Deno.test("the 25 instruction ids of Google's registry have a checker, and the fixture uses all of them", () => {
  assert.equal(Object.keys(CHECKERS).length, 25);
  assert.deepEqual(
    [...new Set(LINES.flatMap((l) => l.instruction_id_list))].sort(),
    Object.keys(CHECKERS).sort(),
  );
});

Deno.test("followInstructions() gives Google's reference verdicts on every fixture response", () => {
  let checked = 0;
  for (const line of LINES) {
    const got = followInstructions(
      { prompt: line.prompt, instructionIds: line.instruction_id_list, kwargs: line.kwargs },
      { response: line.response, checkers: CHECKERS },
    );
    const ids = line.instruction_id_list;
    const label = (v: boolean[]) => ids.map((id, i) => `${id}#${i}=${v[i]}`);
    assert.deepEqual(
      label(got.strict),
      label(line.follow_instruction_list_strict),
      `strict, key ${line.key}: ${JSON.stringify(line.response)}`,
    );
    assert.deepEqual(
      label(got.loose),
      label(line.follow_instruction_list_loose),
      `loose, key ${line.key}: ${JSON.stringify(line.response)}`,
    );
    checked += ids.length;
  }
  assert.equal(checked, 90 * 55);
});
