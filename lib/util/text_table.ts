/**
 * The text tables lmeter prints, in the styles EvalScope prints: tabulate's `grid`, `pretty` and `simple`,
 * rich's boxes (heavy header, light body), panels and borderless key/value lists, and plain
 * space-separated columns. Widths are terminal display widths (wide CJK characters count twice).
 * Pure.
 *
 * @module
 */
import { type Align, displayWidth, pad } from "./text_width.ts";

export type { Align };

/** A grid cell: text, or a number (formatted like Python's `%g` after rounding by the caller). */
export type Cell = string | number;

function widths(headers: readonly string[][], rows: readonly string[][]): number[] {
  const n = Math.max(headers.length, ...rows.map((r) => r.length));
  return Array.from({ length: n }, (_, i) =>
    Math.max(
      ...(headers[i] ?? [""]).map(displayWidth),
      ...rows.map((r) => displayWidth(r[i] ?? "")),
    ));
}

/** Options of {@linkcode gridTable}. */
export interface GridTableOptions {
  /** Alignment of each text column's cells (headers are always left-aligned). Default left. */
  align?: readonly Align[];
  /**
   * tabulate's `MIN_PADDING`: a column is at least its header plus this many columns wide.
   * Default 2 (EvalScope's eval tables); the perf summary uses 0.
   */
  minPadding?: number;
}

/**
 * tabulate's `grid` style: `+---+` rules between every row, `+===+` under the header, one space
 * inside each border. A column whose cells are all numbers is right-aligned (its header too) with
 * the decimal points lined up; text columns follow `align`. Without rows the header is closed by a
 * `+---+` rule.
 */
export function gridTable(
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
  options: GridTableOptions = {},
): string {
  const { numeric, text } = cellTexts(headers, rows);
  const minPadding = options.minPadding ?? 2;
  const w = headers.map((h, c) =>
    Math.max(displayWidth(h) + minPadding, ...text.map((r) => displayWidth(r[c])))
  );
  const rule = (ch: string) => `+${w.map((x) => ch.repeat(x + 2)).join("+")}+`;
  const line = (cells: readonly string[], align: (c: number) => Align) =>
    `| ${w.map((x, c) => pad(cells[c], x, align(c))).join(" | ")} |`;
  const cellAlign = (c: number): Align => numeric[c] ? "right" : options.align?.[c] ?? "left";
  const out = [rule("-"), line(headers, (c) => numeric[c] ? "right" : "left")];
  out.push(rule(rows.length === 0 ? "-" : "="));
  for (const r of text) out.push(line(r, cellAlign), rule("-"));
  return out.join("\n");
}

/**
 * The cells as text: numbers formatted like `%g`, and a column of numbers only marked numeric,
 * its cells padded on the right so their decimal points line up (tabulate's `decimal` alignment).
 */
function cellTexts(
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
): { numeric: boolean[]; text: string[][] } {
  const numeric = headers.map((_, c) =>
    rows.length > 0 && rows.every((r) => typeof r[c] === "number")
  );
  const text = rows.map((r) =>
    headers.map((_, c) => {
      const cell = r[c] ?? "";
      return typeof cell === "number" ? formatNumber(cell) : cell;
    })
  );
  for (let c = 0; c < headers.length; c++) {
    if (!numeric[c]) continue;
    const frac = Math.max(...text.map((r) => fracLength(r[c])));
    for (const r of text) {
      const f = fracLength(r[c]);
      r[c] += " ".repeat(frac === 0 ? 0 : f === 0 ? frac + 1 : frac - f);
    }
  }
  return { numeric, text };
}

/**
 * tabulate's `simple` style with headers: the header row, a rule of dashes under each column,
 * then the rows; columns two spaces apart, each at least its header plus 2 wide, every line
 * trimmed at the end. Number columns are right-aligned (headers too) with decimal points lined
 * up; text columns are left-aligned.
 */
export function simpleTable(
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
): string {
  const { numeric, text } = cellTexts(headers, rows);
  const w = headers.map((h, c) =>
    Math.max(displayWidth(h) + 2, ...text.map((r) => displayWidth(r[c])))
  );
  const line = (cells: readonly string[]) =>
    w.map((x, c) => pad(cells[c], x, numeric[c] ? "right" : "left")).join("  ").trimEnd();
  return [line(headers), w.map((x) => "-".repeat(x)).join("  "), ...text.map(line)].join("\n");
}

/** Python-`%g`-like text of a number: `0.8`, `1`, `0.3333`. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Number(n.toPrecision(6)));
}

function fracLength(s: string): number {
  const dot = s.indexOf(".");
  return dot < 0 || !/^-?\d+\.\d+$/.test(s) ? 0 : s.length - dot - 1;
}

/**
 * Plain columns: each cell left-aligned to its column's width, columns two spaces apart, every
 * line indented by two spaces and trimmed at the end. One string per line, header first.
 */
export function columns(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string[] {
  const w = headers.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? "")))
  );
  const line = (cells: readonly string[]) =>
    ("  " + w.map((x, i) => pad(cells[i] ?? "", x)).join("  ")).trimEnd();
  return [line(headers), ...rows.map(line)];
}

/** tabulate's `pretty` style: one rule under the header, values centred. */
export function prettyTable(headers: readonly string[], rows: readonly string[][]): string {
  const w = widths(headers.map((h) => [h]), rows);
  const rule = "+" + w.map((x) => "-".repeat(x + 2)).join("+") + "+";
  const line = (cells: readonly string[]) =>
    "| " + w.map((x, i) => pad(cells[i] ?? "", x, "center")).join(" | ") + " |";
  return [rule, line(headers), rule, ...rows.map(line), rule].join("\n");
}

/**
 * rich's default box with a heavy header: `┏━┳━┓ ┃ ┡━╇━┩ │ └─┴─┘`. Headers may have several
 * lines (bottom-aligned); a title is centred above the table.
 */
export function boxTable(
  headers: readonly string[][],
  rows: readonly string[][],
  options: { title?: string; align?: readonly Align[] } = {},
): string {
  const w = widths(headers, rows).map((x) => x + 2); // one space of padding on each side
  const h = Math.max(...headers.map((x) => x.length));
  const total = w.reduce((a, b) => a + b + 1, 1);
  const cell = (text: string, i: number) =>
    ` ${pad(text, w[i] - 2, options.align?.[i] ?? "right")} `;
  const out: string[] = [];
  if (options.title) out.push(pad(options.title, total, "center"));
  out.push("┏" + w.map((x) => "━".repeat(x)).join("┳") + "┓");
  for (let line = 0; line < h; line++) {
    const cells = w.map((_, i) => {
      const col = headers[i] ?? [];
      return cell(col[line - (h - col.length)] ?? "", i);
    });
    out.push("┃" + cells.join("┃") + "┃");
  }
  out.push("┡" + w.map((x) => "━".repeat(x)).join("╇") + "┩");
  for (const r of rows) out.push("│" + w.map((_, i) => cell(r[i] ?? "", i)).join("│") + "│");
  out.push("└" + w.map((x) => "─".repeat(x)).join("┴") + "┘");
  return out.join("\n");
}

/** rich's light box around key/value rows: `┌─┬─┐ │ └─┴─┘`. */
export function keyValueBox(
  rows: readonly [string, string][],
  minWidths: [number, number] = [21, 32],
): string {
  const a = Math.max(minWidths[0], ...rows.map(([k]) => displayWidth(k)));
  const b = Math.max(minWidths[1], ...rows.map(([, v]) => displayWidth(v)));
  return [
    `┌${"─".repeat(a + 2)}┬${"─".repeat(b + 2)}┐`,
    ...rows.map(([k, v]) => `│ ${pad(k, a)} │ ${pad(v, b)} │`),
    `└${"─".repeat(a + 2)}┴${"─".repeat(b + 2)}┘`,
  ].join("\n");
}

/** A rounded panel holding one line: `╭─╮ │ title │ ╰─╯`. */
export function panel(text: string, width = 58): string {
  const w = Math.max(width, displayWidth(text) + 2);
  return [`╭${"─".repeat(w)}╮`, `│ ${pad(text, w - 1)}│`, `╰${"─".repeat(w)}╯`].join("\n");
}

/** A borderless two-column list under a centred title (rich's `box=None` table). */
export function plainList(title: string, rows: readonly [string, string][]): string {
  const a = Math.max(...rows.map(([k]) => displayWidth(k)), 12) + 6;
  const b = Math.max(...rows.map(([, v]) => displayWidth(v)), 12) + 4;
  const total = a + b + 2;
  return [
    pad(title, total, "center"),
    ...rows.map(([k, v]) => ` ${pad(k, a)}${pad(v, b, "center")} `),
  ].join("\n");
}
