import assert from "node:assert/strict";
import {
  boxTable,
  columns,
  formatNumber,
  gridTable,
  keyValueBox,
  prettyTable,
  simpleTable,
} from "./text_table.ts";
import { displayWidth, pad } from "./text_width.ts";

Deno.test("gridTable() draws tabulate's grid: numbers right-aligned on their decimal point, headers padded by 2", () => {
  const table = gridTable(["Model", "Dataset", "Num", "Score"], [
    ["m", "gsm8k", 5, 0.8],
    ["model-b", "math_500", 120, 0.33333333],
    ["m", "mmlu", 15, 1],
  ]);
  assert.equal(
    table,
    [
      "+---------+-----------+-------+----------+",
      "| Model   | Dataset   |   Num |    Score |",
      "+=========+===========+=======+==========+",
      "| m       | gsm8k     |     5 | 0.8      |",
      "+---------+-----------+-------+----------+",
      "| model-b | math_500  |   120 | 0.333333 |",
      "+---------+-----------+-------+----------+",
      "| m       | mmlu      |    15 | 1        |",
      "+---------+-----------+-------+----------+",
    ].join("\n"),
  );
});

Deno.test("gridTable() closes an empty table with a plain rule", () => {
  assert.equal(gridTable(["a", "bb"], []), "+-----+------+\n| a   | bb   |\n+-----+------+");
});

Deno.test("gridTable() with minPadding 0 and align: the perf summary's layout", () => {
  const t = gridTable(["Key", "Value"], [["Requests", "7"], ["熵", "12.5"]], {
    align: ["left", "right"],
    minPadding: 0,
  });
  assert.deepEqual(t.split("\n"), [
    "+----------+-------+",
    "| Key      | Value |",
    "+==========+=======+",
    "| Requests |     7 |",
    "+----------+-------+",
    "| 熵       |  12.5 |",
    "+----------+-------+",
  ]);
});

Deno.test("prettyTable(), boxTable() and keyValueBox() size columns by display width", () => {
  assert.deepEqual(prettyTable(["a", "bcd"], [["中", "1"]]).split("\n"), [
    "+----+-----+",
    "| a  | bcd |",
    "+----+-----+",
    "| 中 |  1  |",
    "+----+-----+",
  ]);
  const box = boxTable([["x"], ["Avg", "TTFT"]], [["1", "2"]], { title: "T" }).split("\n");
  assert.equal(box[0], "     T      ");
  assert.equal(box[1], "┏━━━┳━━━━━━┓");
  assert.equal(box[3], "┃ x ┃ TTFT ┃");
  assert.equal(box[5], "│ 1 │    2 │");
  assert.equal(keyValueBox([["k", "v"]], [1, 1]), "┌───┬───┐\n│ k │ v │\n└───┴───┘");
});

Deno.test("columns() left-aligns plain columns two spaces apart and trims line ends", () => {
  assert.deepEqual(columns(["hub", "dataset"], [["hf", "gsm8k"], ["modelscope", ""]]), [
    "  hub         dataset",
    "  hf          gsm8k",
    "  modelscope",
  ]);
});

Deno.test("formatNumber() writes numbers like Python's %g with 6 significant digits", () => {
  assert.equal(formatNumber(0.8), "0.8");
  assert.equal(formatNumber(1), "1");
  assert.equal(formatNumber(1 / 3), "0.333333");
  assert.equal(formatNumber(NaN), "NaN");
});

Deno.test("displayWidth() counts wide characters twice and marks zero, and pad() uses it", () => {
  assert.equal(displayWidth("abc"), 3);
  assert.equal(displayWidth("高中"), 4);
  assert.equal(displayWidth("e\u0301"), 1);
  assert.equal(pad("中", 4, "right"), "  中");
  assert.equal(pad("a", 4, "center"), " a  ");
});

Deno.test("simpleTable() draws tabulate's simple style: dashes under headers padded by 2, numbers on their decimal point", () => {
  assert.equal(
    simpleTable(["Model", "WinRate (%)", "CI (%)"], [["qwen", 61.2, "(-1.0 / +2.0)"], [
      "b",
      50,
      "x",
    ]]),
    [
      "Model      WinRate (%)  CI (%)",
      "-------  -------------  -------------",
      "qwen              61.2  (-1.0 / +2.0)",
      "b                 50    x",
    ].join("\n"),
  );
});
