import assert from "node:assert/strict";
import { protoFields, ProtoWriter } from "./protobuf.ts";

Deno.test("ProtoWriter writes the protobuf guide's example: field 1 = 150 is 08 96 01", () => {
  assert.deepEqual([...new ProtoWriter().uint(1, 150).done()], [0x08, 0x96, 0x01]);
});

Deno.test("protoFields() reads back varints (64-bit, negative, booleans), bytes and repeats", () => {
  const nested = new ProtoWriter().uint(1, 7).done();
  const msg = new ProtoWriter()
    .uint(1, 2n ** 63n + 5n)
    .uint(2, -1)
    .uint(3, true)
    .bytes(4, new TextEncoder().encode("ab"))
    .bytes(5, nested)
    .bytes(5, nested)
    .double(6, 1.5)
    .done();
  const f = protoFields(msg);
  assert.equal(f.get(1)?.[0], 2n ** 63n + 5n);
  assert.equal(f.get(2)?.[0], 2n ** 64n - 1n);
  assert.equal(f.get(3)?.[0], 1n);
  assert.equal(new TextDecoder().decode(f.get(4)?.[0] as Uint8Array), "ab");
  assert.equal(f.get(5)?.length, 2);
  assert.equal(protoFields(f.get(5)![1] as Uint8Array).get(1)?.[0], 7n);
  const d = f.get(6)![0] as Uint8Array;
  assert.equal(new DataView(d.buffer, d.byteOffset, 8).getFloat64(0, true), 1.5);
});

Deno.test("protoFields() refuses a cut message", () => {
  const msg = new ProtoWriter().bytes(1, new Uint8Array(10)).done();
  assert.throws(() => protoFields(msg.subarray(0, 5)), /cut/);
  assert.throws(() => protoFields(Uint8Array.of(0x08, 0x96)), /cut/);
});
