import assert from "node:assert/strict";
import { lengthRow, MOONCAKE_BLOCK, mooncakeRow, promptPieces } from "./trace.ts";

Deno.test("mooncakeRow and lengthRow read the trace fields; bad rows are null", () => {
  assert.deepEqual(
    mooncakeRow({ timestamp: 27, input_length: 600, output_length: 5, hash_ids: [4, 9] }),
    { timestamp: 27, inputLength: 600, outputLength: 5, hashIds: [4, 9] },
  );
  assert.equal(mooncakeRow({ timestamp: 1, input_length: 6, output_length: 0 }), null);
  assert.equal(
    mooncakeRow({ timestamp: 1, input_length: 6, output_length: 2, hash_ids: [-1] }),
    null,
  );
  assert.deepEqual(lengthRow({ timestamp: "10", input_len: "4", output_len: "2" }), {
    timestamp: 10,
    inputLength: 4,
    outputLength: 2,
    hashIds: [],
  });
  assert.equal(lengthRow({ timestamp: "x", input_len: 4, output_len: 2 }), null);
});

Deno.test("promptPieces: whole blocks, a cut last block, then the row's own text", () => {
  const B = MOONCAKE_BLOCK;
  assert.deepEqual(promptPieces({ inputLength: 0, hashIds: [1, 2] }, B + 10), {
    blocks: [B, 10],
    own: 0,
  });
  assert.deepEqual(promptPieces({ inputLength: 0, hashIds: [1] }, B + 10), {
    blocks: [B],
    own: 10,
  });
  assert.deepEqual(promptPieces({ inputLength: 0, hashIds: [] }, 7), { blocks: [], own: 7 });
});
