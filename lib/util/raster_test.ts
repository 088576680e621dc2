import assert from "node:assert/strict";
import { blankImage, drawLine, fillEllipse, fillRect } from "./raster.ts";

const at = (img: { width: number; data: Uint8Array }, x: number, y: number) =>
  Array.from(img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3));

Deno.test("blankImage() and fillRect() colour exactly the clipped rectangle", () => {
  const img = blankImage(4, 3, [1, 2, 3]);
  fillRect(img, { x: 2, y: 1, w: 10, h: 10, color: [9, 9, 9] });
  assert.deepEqual(at(img, 1, 1), [1, 2, 3]);
  assert.deepEqual(at(img, 2, 1), [9, 9, 9]);
  assert.deepEqual(at(img, 3, 2), [9, 9, 9]);
  assert.deepEqual(at(img, 3, 0), [1, 2, 3]);
});

Deno.test("fillEllipse() fills the centre and leaves the corners of its box", () => {
  const img = blankImage(10, 10, [0, 0, 0]);
  fillEllipse(img, { x: 0, y: 0, w: 10, h: 10, color: [255, 0, 0] });
  assert.deepEqual(at(img, 5, 5), [255, 0, 0]);
  assert.deepEqual(at(img, 0, 0), [0, 0, 0]);
  assert.deepEqual(at(img, 9, 9), [0, 0, 0]);
});

Deno.test("drawLine() marks both ends and the middle, and stays inside the image", () => {
  const img = blankImage(8, 8, [0, 0, 0]);
  drawLine(img, { x1: 0, y1: 0, x2: 7, y2: 7, width: 1, color: [7, 7, 7] });
  for (const p of [0, 3, 7]) assert.deepEqual(at(img, p, p), [7, 7, 7]);
  assert.deepEqual(at(img, 7, 0), [0, 0, 0]);
  drawLine(img, { x1: -5, y1: 4, x2: 20, y2: 4, width: 3, color: [1, 1, 1] });
  assert.equal(img.data.length, 8 * 8 * 3);
});
