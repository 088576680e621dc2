import assert from "node:assert/strict";
import { readTar, tarHeader, tarStream } from "./tar.ts";

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

Deno.test("tarStream() and readTar() round-trip files, long paths and an empty file through gzip", async () => {
  const long = `${"a".repeat(90)}/${"b".repeat(80)}/data.jsonl`;
  const files = [
    { path: "bundle.json", data: new TextEncoder().encode("{}") },
    { path: long, data: new Uint8Array(1500).map((_, i) => i % 251) },
    { path: "empty.txt", data: new Uint8Array(0) },
  ];
  const gz = await collect(tarStream(files).pipeThrough(new CompressionStream("gzip")));
  const back = [];
  for await (
    const f of readTar(new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip")))
  ) {
    back.push(f);
  }
  assert.deepEqual(back, files);
});

Deno.test("tarHeader() writes a ustar header GNU tar accepts: magic, octal size and checksum", () => {
  const h = tarHeader("x/y.txt", 1234);
  const text = (a: number, b: number) => new TextDecoder().decode(h.subarray(a, b));
  assert.equal(text(0, 7), "x/y.txt");
  assert.equal(text(124, 135), (1234).toString(8).padStart(11, "0"));
  assert.equal(text(257, 263), "ustar\0");
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
  assert.equal(parseInt(text(148, 154), 8), sum);
});

Deno.test("readTar() refuses a header with a wrong checksum and a cut archive", async () => {
  const tar = await collect(tarStream([{ path: "a.txt", data: new Uint8Array(600) }]));
  const bad = tar.slice();
  bad[10] ^= 1;
  await assert.rejects(async () => {
    for await (const _ of readTar(new Blob([bad]).stream())) { /* read */ }
  }, /checksum is wrong/);
  await assert.rejects(async () => {
    for await (const _ of readTar(new Blob([tar.subarray(0, 700)]).stream())) { /* read */ }
  }, /cut inside a\.txt/);
});
