/**
 * Drawing on an {@linkcode RgbImage}: a blank image, filled rectangles and ellipses, and thick
 * lines, everything clipped to the image. Used by the needle heat map and the perf image datasets.
 *
 * @module
 */
import type { RgbImage } from "./png_encode.ts";

/** An RGB colour, 0–255 per channel. */
export type Rgb = readonly [number, number, number];

/** A `width × height` image filled with `background`. */
export function blankImage(width: number, height: number, background: Rgb): RgbImage {
  const image = { width, height, data: new Uint8Array(width * height * 3) };
  fillRect(image, { x: 0, y: 0, w: width, h: height, color: background });
  return image;
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

/** Fills the ellipse inscribed in a rectangle, clipped to the image. */
export function fillEllipse(
  image: RgbImage,
  rect: { x: number; y: number; w: number; h: number; color: Rgb },
): void {
  const rx = rect.w / 2;
  const ry = rect.h / 2;
  const cx = rect.x + rx;
  const cy = rect.y + ry;
  const y0 = Math.max(0, Math.floor(rect.y));
  const y1 = Math.min(image.height, Math.ceil(rect.y + rect.h));
  for (let y = y0; y < y1; y++) {
    const dy = (y + 0.5 - cy) / ry;
    if (dy * dy > 1) continue;
    const half = rx * Math.sqrt(1 - dy * dy);
    fillRect(image, { x: cx - half, y, w: 2 * half, h: 1, color: rect.color });
  }
}

/** Draws a line `width` pixels thick from (x1, y1) to (x2, y2), clipped to the image. */
export function drawLine(
  image: RgbImage,
  line: { x1: number; y1: number; x2: number; y2: number; width: number; color: Rgb },
): void {
  const steps = Math.max(1, Math.ceil(Math.hypot(line.x2 - line.x1, line.y2 - line.y1)));
  const half = line.width / 2;
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const x = line.x1 + (line.x2 - line.x1) * t;
    const y = line.y1 + (line.y2 - line.y1) * t;
    fillRect(image, { x: x - half, y: y - half, w: line.width, h: line.width, color: line.color });
  }
}
