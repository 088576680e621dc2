/**
 * The needle-in-a-haystack heatmap as a PNG (EvalScope writes one per subset next to the
 * report): context length across, needle depth down, colour = score from red (0) through amber
 * to green (1), a colour bar, and optionally each cell's score written in it.
 *
 * @module
 */
import { heatColor, type NeedleGrid } from "../eval/needle_grid.ts";
import { drawText } from "./canvas.ts";
import { blankImage, fillRect, type Rgb } from "../../util/raster.ts";
import { GLYPH_HEIGHT } from "./bitmap_font.ts";
import { encodePng, type RgbImage } from "../../util/png_encode.ts";
import { textWidth } from "./canvas.ts";

/** EvalScope's heatmap title. */
export const HEATMAP_TITLE = 'Fact Retrieval Across Context Lengths ("Needle In A HayStack")';

const WHITE: Rgb = [255, 255, 255];
const INK: Rgb = [40, 40, 40];
const EMPTY: Rgb = [215, 215, 215];
const PAD = 16;
const LABEL = 2; // font scale of labels: 10×14 px characters

/** Options of {@linkcode drawNeedleHeatmap}. */
export interface HeatmapOptions {
  /** Write each cell's score (one decimal) in it (EvalScope's `show_score`). */
  showScore?: boolean;
  /** A second title line, e.g. the model and subset. */
  subtitle?: string;
}

/** Where the heatmap's parts go, in pixels. */
export interface HeatmapLayout {
  width: number;
  height: number;
  /** Top-left corner of the first cell (each cell has a one-pixel white seam around it). */
  left: number;
  top: number;
  cellW: number;
  cellH: number;
  barX: number;
}

/** The layout of `grid`'s heatmap: cells as large as fit 960 × 480 pixels, within bounds. */
export function heatmapLayout(grid: NeedleGrid): HeatmapLayout {
  const cols = grid.lengths.length;
  const rows = grid.depths.length;
  const cellW = clamp(Math.round(960 / cols), 28, 96);
  const cellH = clamp(Math.round(480 / rows), 20, 48);
  const lineH = GLYPH_HEIGHT * LABEL;
  const yTickW = Math.max(...grid.depths.map((d) => textWidth(String(d), LABEL)));
  const left = PAD + yTickW + 8;
  const top = PAD + 3 * (lineH + 8) + 4;
  const barX = left + cols * cellW + 24;
  return {
    width: Math.max(
      barX + 16 + 8 + textWidth("1.0", LABEL) + PAD,
      textWidth(HEATMAP_TITLE, LABEL) + 2 * PAD,
    ),
    height: top + rows * cellH + 8 + lineH + 12 + lineH + PAD,
    left,
    top,
    cellW,
    cellH,
    barX,
  };
}

/** The heatmap of `grid` as an image. */
export function drawNeedleHeatmap(grid: NeedleGrid, options: HeatmapOptions = {}): RgbImage {
  const cols = grid.lengths.length;
  const rows = grid.depths.length;
  const { width, height, left, top, cellW, cellH, barX } = heatmapLayout(grid);
  const lineH = GLYPH_HEIGHT * LABEL;
  const yTicks = grid.depths.map(String);
  const plotW = cols * cellW;
  const plotH = rows * cellH;
  const image = blankImage(width, height, WHITE);
  const text = (t: string, x: number, y: number, scale = LABEL) =>
    drawText(image, t, { x, y, scale, color: INK });

  text(HEATMAP_TITLE, PAD, PAD);
  if (options.subtitle) text(options.subtitle, PAD, PAD + lineH + 8);
  text("Depth Percent", PAD, top - lineH - 10);

  for (let r = 0; r < rows; r++) {
    const y = top + r * cellH;
    text(yTicks[r], left - 8 - textWidth(yTicks[r], LABEL), y + (cellH - lineH) / 2);
    for (let c = 0; c < cols; c++) {
      const score = grid.scores[r][c];
      const x = left + c * cellW;
      const color = score === null ? EMPTY : heatColor(score);
      fillRect(image, { x: x + 1, y: y + 1, w: cellW - 2, h: cellH - 2, color });
      if (options.showScore && score !== null) {
        const label = score.toFixed(1);
        const scale = textWidth(label, LABEL) <= cellW - 4 && lineH <= cellH - 4 ? LABEL : 1;
        const h = GLYPH_HEIGHT * scale;
        drawText(image, label, {
          x: x + (cellW - textWidth(label, scale)) / 2,
          y: y + (cellH - h) / 2,
          scale,
          color: INK,
        });
      }
    }
  }

  // X ticks: as large as fit, and only every k-th when even small ones would touch.
  const xTicks = grid.lengths.map(String);
  const widest = Math.max(...xTicks.map((t) => textWidth(t, LABEL)));
  const xScale = widest <= cellW - 4 ? LABEL : 1;
  const every = Math.max(
    1,
    Math.ceil((Math.max(...xTicks.map((t) => textWidth(t, 1))) + 4) / cellW),
  );
  for (let c = 0; c < cols; c += xScale === LABEL ? 1 : every) {
    const w = textWidth(xTicks[c], xScale);
    text(xTicks[c], left + c * cellW + (cellW - w) / 2, top + plotH + 8, xScale);
  }
  const xLabel = "Token Limit";
  text(xLabel, left + (plotW - textWidth(xLabel, LABEL)) / 2, top + plotH + 8 + lineH + 12);

  // Colour bar: 0 at the bottom, 1 at the top.
  for (let y = 0; y < plotH; y++) {
    fillRect(image, { x: barX, y: top + y, w: 16, h: 1, color: heatColor(1 - y / (plotH - 1)) });
  }
  for (const [v, label] of [[1, "1.0"], [0.5, "0.5"], [0, "0.0"]] as const) {
    const y = top + (1 - v) * (plotH - 1) - lineH / 2;
    text(label, barX + 24, clamp(y, top - lineH / 2, top + plotH - lineH / 2));
  }
  return image;
}

/** The heatmap of `grid` as PNG bytes. */
export function needleHeatmapPng(
  grid: NeedleGrid,
  options: HeatmapOptions = {},
): Promise<Uint8Array> {
  return encodePng(drawNeedleHeatmap(grid, options));
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
