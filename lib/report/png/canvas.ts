/**
 * Drawing on an {@linkcode RgbImage}: a blank image, filled rectangles and text in the 5×7
 * bitmap font. Everything is clipped to the image.
 *
 * @module
 */
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyphRows } from "./bitmap_font.ts";
import type { RgbImage } from "../../util/png_encode.ts";

/** An RGB colour, 0–255 per channel. */
export type Rgb = readonly [number, number, number];

/** A `width × height` image filled with `background`. */
export function blankImage(width: number, height: number, background: Rgb): RgbImage {
  const image = { width, height, data: new Uint8Array(width * height * 3) };
  fillRect(image, { x: 0, y: 0, w: width, h: height, color: background });
  return image;
}

/** Width in image pixels of `text` drawn at `scale`. */
export function textWidth(text: string, scale: number): number {
  const n = [...text].length;
  return n === 0 ? 0 : (n * (GLYPH_WIDTH + 1) - 1) * scale;
}

/** Draws `text` (in capitals) with its top-left corner at (x, y); clipped to the image. */
export function drawText(
  image: RgbImage,
  text: string,
  at: { x: number; y: number; scale: number; color: Rgb },
): void {
  let x = at.x;
  for (const char of text.toUpperCase()) {
    const rows = glyphRows(char);
    for (let r = 0; r < GLYPH_HEIGHT; r++) {
      for (let c = 0; c < GLYPH_WIDTH; c++) {
        if (rows[r][c] !== "#") continue;
        fillRect(image, {
          x: x + c * at.scale,
          y: at.y + r * at.scale,
          w: at.scale,
          h: at.scale,
          color: at.color,
        });
      }
    }
    x += (GLYPH_WIDTH + 1) * at.scale;
  }
}

/** Fills a rectangle, clipped to the image. */
export function fillRect(
  image: RgbImage,
  rect: { x: number; y: number; w: number; h: number; color: Rgb },
): void {
  const x0 = Math.max(0, Math.round(rect.x));
  const y0 = Math.max(0, Math.round(rect.y));
  const x1 = Math.min(image.width, Math.round(rect.x + rect.w));
  const y1 = Math.min(image.height, Math.round(rect.y + rect.h));
  const [r, g, b] = rect.color;
  for (let y = y0; y < y1; y++) {
    let i = (y * image.width + x0) * 3;
    for (let x = x0; x < x1; x++, i += 3) {
      image.data[i] = r;
      image.data[i + 1] = g;
      image.data[i + 2] = b;
    }
  }
}
