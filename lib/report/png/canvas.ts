/**
 * Text on an {@linkcode RgbImage} in the 5×7 bitmap font, clipped to the image (blank images and
 * shapes: lib/util/raster.ts).
 *
 * @module
 */
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyphRows } from "./bitmap_font.ts";
import type { RgbImage } from "../../util/png_encode.ts";
import { fillRect, type Rgb } from "../../util/raster.ts";

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
