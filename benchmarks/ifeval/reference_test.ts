import assert from "node:assert/strict";
import { CHECKERS } from "./instructions.ts";
import { followInstructions } from "./evaluate.ts";

interface FixtureLine {
  key: number;
  prompt: string;
  instruction_id_list: string[];
  kwargs: Record<string, unknown>[];
  response: string;
  follow_instruction_list_strict: boolean[];
  follow_instruction_list_loose: boolean[];
}

const FIXTURE = new URL("../../tests/fixtures/ifeval/verdicts.jsonl", import.meta.url);
const LINES: FixtureLine[] = Deno.readTextFileSync(FIXTURE).trim().split("\n").map((l) =>
  JSON.parse(l)
);

Deno.test("followInstructions() gives Google's reference verdicts on every fixture response", () => {
  let checked = 0;
  for (const line of LINES) {
    const keep = line.instruction_id_list.map((id) => id in CHECKERS);
    const pick = <T>(xs: readonly T[]) => xs.filter((_, i) => keep[i]);
    const got = followInstructions(
      {
        prompt: line.prompt,
        instructionIds: pick(line.instruction_id_list),
        kwargs: pick(line.kwargs),
      },
      { response: line.response, checkers: CHECKERS },
    );
    const ids = pick(line.instruction_id_list);
    const label = (v: boolean[]) => ids.map((id, i) => `${id}=${v[i]}`);
    assert.deepEqual(
      label(got.strict),
      label(pick(line.follow_instruction_list_strict)),
      `strict, key ${line.key}: ${JSON.stringify(line.response)}`,
    );
    assert.deepEqual(
      label(got.loose),
      label(pick(line.follow_instruction_list_loose)),
      `loose, key ${line.key}: ${JSON.stringify(line.response)}`,
    );
    checked += ids.length;
  }
  assert.ok(checked > 2000, `only ${checked} verdicts checked`);
});
