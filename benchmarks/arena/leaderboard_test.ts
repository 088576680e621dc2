import assert from "node:assert/strict";
import { type ArenaResult, leaderboardText } from "./leaderboard.ts";

Deno.test("leaderboardText() writes EvalScope's OVERALL, dataset and subset boards in tabulate's simple style", () => {
  const results: ArenaResult[] = [
    {
      dataset: "gsm8k",
      subset: "main",
      model: "qwen-plus",
      winRate: 0.6123,
      lower: 0.5,
      upper: 0.7,
    },
    { dataset: "gsm8k", subset: "main", model: "tiny", winRate: 0.2, lower: 0.1049, upper: 0.3 },
    {
      dataset: "arc",
      subset: "ARC-Easy",
      model: "qwen-plus",
      winRate: 0.7,
      lower: 0.65,
      upper: 0.75,
    },
    { dataset: "arc", subset: "ARC-Easy", model: "tiny", winRate: 0.5, lower: 0.4, upper: 0.6 },
  ];
  const text = leaderboardText(results, {
    models: ["base", "qwen-plus", "tiny"],
    baseline: "base",
  });
  // Expected text: EvalScope's formatting run through Python's tabulate 0.8.9 (Debian
  // python3-tabulate) on these numbers. tabulate reads "50.0" back as a number and prints 50.
  assert.equal(
    text,
    [
      "=== OVERALL LEADERBOARD ===",
      "Model        WinRate (%)  CI (%)",
      "---------  -------------  --------------",
      "qwen-plus           65.6  (-8.1 / +6.9)",
      "base                50    (+0.0 / +0.0)",
      "tiny                35    (-9.8 / +10.0)",
      "",
      "=== DATASET LEADERBOARD: arc ===",
      "Model        WinRate (%)  CI (%)",
      "---------  -------------  ---------------",
      "qwen-plus             70  (-5.0 / +5.0)",
      "base                  50  (+0.0 / +0.0)",
      "tiny                  50  (-10.0 / +10.0)",
      "",
      "=== DATASET LEADERBOARD: gsm8k ===",
      "Model        WinRate (%)  CI (%)",
      "---------  -------------  --------------",
      "qwen-plus           61.2  (-11.2 / +8.8)",
      "base                50    (+0.0 / +0.0)",
      "tiny                20    (-9.5 / +10.0)",
      "",
      "=== SUBSET LEADERBOARD: gsm8k - main ===",
      "Model        WinRate (%)  CI (%)",
      "---------  -------------  --------------",
      "qwen-plus           61.2  (-11.2 / +8.8)",
      "base                50    (+0.0 / +0.0)",
      "tiny                20    (-9.5 / +10.0)",
      "",
      "=== SUBSET LEADERBOARD: arc - ARC-Easy ===",
      "Model        WinRate (%)  CI (%)",
      "---------  -------------  ---------------",
      "qwen-plus             70  (-5.0 / +5.0)",
      "base                  50  (+0.0 / +0.0)",
      "tiny                  50  (-10.0 / +10.0)",
      "",
    ].join("\n"),
  );
});
