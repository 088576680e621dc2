import assert from "node:assert/strict";
import { encodePng } from "./png_encode.ts";
import { pngSize } from "./png_decode.ts";

Deno.test("pngSize() reads width and height from the header, and refuses what is not a PNG", async () => {
  const png = await encodePng({ width: 7, height: 3, data: new Uint8Array(7 * 3 * 3) });
  assert.deepEqual(pngSize(png), { width: 7, height: 3 });
  assert.deepEqual(pngSize(png.subarray(0, 24)), { width: 7, height: 3 });
  assert.equal(pngSize(png.subarray(0, 20)), null);
  assert.equal(pngSize(new TextEncoder().encode("GIF89a, not a PNG at all....")), null);
});
