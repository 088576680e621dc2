/**
 * The GitHub Actions options `lmeter perf` and `lmeter eval` share. They are on when
 * `GITHUB_ACTIONS=true` (as on every Actions runner) or with `--github`.
 *
 * @module
 */
import { defineOptions } from "../config/schema.ts";

const GROUP = "GitHub Actions";

/** The CI options (docs/ci.md). */
export const CI_OPTIONS = defineOptions([
  {
    name: "github",
    type: "bool",
    default: false,
    group: GROUP,
    help:
      "Write the job summary, annotations and step outputs as in GitHub Actions (on by itself when GITHUB_ACTIONS=true)",
  },
  {
    name: "baseline",
    type: "string",
    placeholder: "<dir|json>",
    group: GROUP,
    help:
      "Show deltas against an earlier run: its output folder or its ci_summary.json (docs/ci.md)",
  },
  {
    name: "export_benchmark_action",
    type: "string",
    placeholder: "<dir>",
    group: GROUP,
    help:
      "Write smaller.json and bigger.json for github-action-benchmark's custom tools into this folder",
  },
]);

/** The CI option names, which are not engine options. */
export const CI_OPTION_NAMES: readonly string[] = CI_OPTIONS.map((o) => o.name);
