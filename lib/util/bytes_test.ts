import assert from "node:assert/strict";
import { concatBytes, toBase64 } from "./bytes.ts";

Deno.test("concatBytes() joins parts in order, empty parts included", () => {
  const a = new Uint8Array([1, 2]);
  const b = new Uint8Array([]);
  const c = new Uint8Array([3, 4, 5]).subarray(1);
  assert.deepEqual([...concatBytes([a, b, c])], [1, 2, 4, 5]);
  assert.deepEqual([...concatBytes([])], []);
  assert.equal(concatBytes([a]), a);
});

Deno.test("toBase64() matches btoa for ASCII and encodes every byte value", () => {
  assert.equal(toBase64(new TextEncoder().encode("lmeter")), btoa("lmeter"));
  assert.equal(toBase64(new Uint8Array([0, 255, 128])), "AP+A");
  assert.equal(toBase64(new Uint8Array(0)), "");
});
