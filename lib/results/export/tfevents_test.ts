import assert from "node:assert/strict";
import { crc32c, eventFile, maskedCrc32c, readEventFile } from "./tfevents.ts";

Deno.test("crc32c() is CRC-32C: the check value of '123456789' is 0xe3069283", () => {
  assert.equal(crc32c(new TextEncoder().encode("123456789")), 0xe3069283);
  assert.equal(crc32c(new Uint8Array(0)), 0);
  // TFRecord's mask: rotate right 15, add 0xa282ead8 (mod 2^32).
  const c = 0xe3069283;
  assert.equal(
    maskedCrc32c(new TextEncoder().encode("123456789")),
    ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0,
  );
});

Deno.test("eventFile() round-trips through readEventFile() with every CRC checked", () => {
  const scalars = [
    { tag: "running/avg_ttft_ms", step: 1, value: 12.5, wallTime: 1700000000.25 },
    { tag: "running/avg_ttft_ms", step: 2, value: 13.25, wallTime: 1700000000.5 },
    { tag: "final/rps", step: 300, value: 4.125, wallTime: 1700000001 },
  ];
  const bytes = eventFile(scalars, 1700000000);
  const back = readEventFile(bytes);
  assert.equal(back.fileVersion, "brain.Event:2");
  assert.deepEqual(back.scalars, scalars);
});

Deno.test("readEventFile() names the record whose CRC is wrong", () => {
  const bytes = eventFile([{ tag: "a", step: 0, value: 1, wallTime: 1 }], 1);
  const damaged = bytes.slice();
  damaged[damaged.length - 6] ^= 1; // inside the second record's data
  assert.throws(() => readEventFile(damaged), /record 1: the data's CRC is wrong/);
  const header = bytes.slice();
  header[0] ^= 1;
  assert.throws(() => readEventFile(header), /record 0: the length's CRC is wrong/);
});
