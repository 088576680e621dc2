import assert from "node:assert/strict";
import { crc32, encodePng } from "./png_encode.ts";
import { decodePng } from "./png_decode.ts";

Deno.test("crc32() gives the standard check value", () => {
  const bytes = new TextEncoder().encode("123456789");
  assert.equal((crc32(bytes) ^ 0xffffffff) >>> 0, 0xcbf43926);
});

Deno.test("encodePng() writes an RGB PNG whose pixels read back exactly", async () => {
  const width = 7;
  const height = 5;
  const data = new Uint8Array(width * height * 3).map((_, i) => (i * 37) % 256);
  const png = await decodePng(await encodePng({ width, height, data }));
  assert.deepEqual(
    [png.width, png.height, png.depth, png.colour],
    [7, 5, 8, 2],
  );
  assert.deepEqual(png.pixels, data);
  await assert.rejects(() => encodePng({ width: 2, height: 2, data: new Uint8Array(3) }));
});
