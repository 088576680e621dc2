/**
 * The needle-in-a-haystack heatmap as inline SVG, one per model and subset: context length
 * across, needle depth down, colour = score (EvalScope's red → amber → green). Hovering a cell
 * shows its name, score and sample count; the app passes `cellLink` so a cell opens its
 * samples. Needs no script. Pure.
 *
 * @module
 */
import { heatColorHex, needleCellName, needleGrids } from "../eval/needle_grid.ts";
import type { BenchmarkView } from "../../results/read/types.ts";
import { escapeHtml as e } from "./escape.ts";
import { formatNumber } from "./format.ts";
import type { Translate } from "./i18n.ts";

/** Builds a link to the samples of one cell (the app passes one; report.html does not). */
export type CellLink = (
  cell: { model: string; dataset: string; subset: string; length: number; depth: number },
) => string | null;

/** The heatmaps' own styles, sent with them only (other reports keep their stylesheet as it was). */
const STYLE = ".needle-heatmap{margin:10px 0;overflow-x:auto}" +
  ".needle-heatmap svg{display:block;max-width:none}" +
  ".needle-heatmap text{fill:var(--fg);font-size:11px}" +
  ".needle-heatmap rect:hover{stroke:var(--fg);stroke-width:2}";

const CELL_W = 52;
const CELL_H = 26;
const LEFT = 44;
const TOP = 8;

/** The heatmaps of every needle report among `reports` (one per model); "" when there is none. */
export function needleHeatmapsHtml(
  models: readonly { model: string }[],
  reports: readonly (BenchmarkView | null)[],
  options: { t: Translate; cellLink?: CellLink },
): string {
  const { t } = options;
  const parts: string[] = [];
  models.forEach((m, i) => {
    const report = reports[i];
    if (!report) return;
    for (const grid of needleGrids(report)) {
      const cols = grid.lengths.length;
      const width = LEFT + cols * CELL_W + 8;
      const height = TOP + grid.depths.length * CELL_H + 40;
      const cells: string[] = [];
      grid.depths.forEach((depth, r) => {
        cells.push(
          `<text x="${LEFT - 6}" y="${
            TOP + r * CELL_H + CELL_H / 2 + 4
          }" text-anchor="end">${depth}</text>`,
        );
        grid.lengths.forEach((length, c) => {
          const score = grid.scores[r][c];
          const name = needleCellName(length, depth);
          const tip = `${name} · ${grid.subset}: ${
            score === null ? "–" : formatNumber(score, 4)
          } (${t("needle.samples", { n: grid.counts[r][c] })})`;
          const rect = `<rect x="${LEFT + c * CELL_W + 1}" y="${TOP + r * CELL_H + 1}" width="${
            CELL_W - 2
          }" height="${CELL_H - 2}" fill="${
            score === null ? "#d7d7d7" : heatColorHex(score)
          }" data-cell="${e(name)}" data-score="${score ?? ""}"><title>${e(tip)}</title></rect>`;
          const href = options.cellLink?.({
            model: m.model,
            dataset: report.dataset,
            subset: grid.subset,
            length,
            depth,
          });
          cells.push(href ? `<a href="${e(href)}">${rect}</a>` : rect);
        });
      });
      grid.lengths.forEach((length, c) => {
        if (cols > 12 && c % 2 === 1 && c !== cols - 1) return;
        cells.push(
          `<text x="${LEFT + c * CELL_W + CELL_W / 2}" y="${
            TOP + grid.depths.length * CELL_H + 14
          }" text-anchor="middle">${length}</text>`,
        );
      });
      cells.push(
        `<text x="${LEFT + (cols * CELL_W) / 2}" y="${height - 6}" text-anchor="middle">${
          e(t("needle.tokenLimit"))
        }</text>`,
      );
      const label = `${report.prettyName} · ${grid.subset}${
        models.length > 1 ? ` · ${m.model}` : ""
      }`;
      parts.push(
        `<figure class="needle-heatmap" data-subset="${e(grid.subset)}"><figcaption>${
          e(label)
        } <span class="muted small">${
          e(t("needle.axes"))
        }</span></figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${
          e(label)
        }">${cells.join("")}</svg></figure>`,
      );
    }
  });
  if (parts.length === 0) return "";
  return `<div class="needle-heatmaps"><style>${STYLE}</style><h3>${e(t("needle.heatmap"))}</h3>${
    parts.join("")
  }</div>`;
}
