import assert from "node:assert/strict";
import { heatColor, type NeedleGrid } from "../eval/needle_grid.ts";
import { drawNeedleHeatmap, heatmapLayout } from "./heatmap_png.ts";
import type { RgbImage } from "../../util/png_encode.ts";

const grid: NeedleGrid = {
  subset: "english",
  lengths: [1000, 2000, 3000],
  depths: [0, 50, 100],
  scores: [[1, 0.5, 0], [1, null, 0.25], [0, 1, 1]],
  counts: [[1, 1, 1], [1, 0, 1], [1, 1, 1]],
};

function pixel(image: RgbImage, x: number, y: number): number[] {
  const i = (y * image.width + x) * 3;
  return [...image.data.subarray(i, i + 3)];
}

/** The colour just inside each cell's top-left corner. */
function cellColours(image: RgbImage): number[][][] {
  const { left, top, cellW, cellH } = heatmapLayout(grid);
  return grid.depths.map((_, r) =>
    grid.lengths.map((_, c) => pixel(image, left + c * cellW + 2, top + r * cellH + 2))
  );
}

Deno.test("drawNeedleHeatmap() colours each cell by its score and greys an empty one", () => {
  const image = drawNeedleHeatmap(grid);
  const colours = cellColours(image);
  const grey = [215, 215, 215];
  assert.deepEqual(colours, [
    [heatColor(1), heatColor(0.5), heatColor(0)],
    [heatColor(1), grey, heatColor(0.25)],
    [heatColor(0), heatColor(1), heatColor(1)],
  ]);
});

Deno.test("drawNeedleHeatmap() writes the scores in the cells only with showScore", () => {
  const ink = (image: RgbImage) => {
    let n = 0;
    for (let i = 0; i < image.data.length; i += 3) if (image.data[i] === 40) n++;
    return n;
  };
  const plain = drawNeedleHeatmap(grid);
  const scored = drawNeedleHeatmap(grid, { showScore: true });
  assert.equal(scored.width, plain.width);
  assert.ok(ink(scored) > ink(plain), "score labels add ink");
});
