/**
 * `deno task mutants`: the mutation check of lmeter's critical paths (see docs/TESTING.md).
 *
 *   deno run -A tests/mutants/run_mutants.ts [--jobs 2] [--only id,id] [--list]
 *
 * Prints one line per mutant (caught, survived or error) and a summary line; exits 1 when any
 * mutant survived or any entry is stale, 0 when every mutant was caught.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { type MutantResult, runMutants } from "./harness.ts";
import { MUTANTS } from "./mutants.ts";

function flag(name: string): string | undefined {
  const at = Deno.args.indexOf(`--${name}`);
  return at >= 0 ? Deno.args[at + 1] : undefined;
}

function line(r: MutantResult): string {
  const status = r.detail === "timeout" ? "caught (timeout)" : r.status;
  const by = r.status === "caught" && r.detail && r.detail !== "timeout"
    ? `, by "${r.detail}"`
    : "";
  const tail = r.status === "error" ? `: ${r.detail}` : ` (${r.seconds.toFixed(1)} s${by})`;
  return `${status.padEnd(16)} ${r.mutant.id.padEnd(34)} ${r.mutant.file}${tail}`;
}

if (import.meta.main) {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const only = flag("only")?.split(",").map((s) => s.trim());
  const mutants = only ? MUTANTS.filter((m) => only.includes(m.id)) : MUTANTS;
  if (Deno.args.includes("--list")) {
    for (const m of mutants) console.log(`${m.id.padEnd(34)} ${m.file}: ${m.description}`);
    console.log(`${mutants.length} mutants`);
    Deno.exit(0);
  }
  if (only && mutants.length !== only.length) {
    console.error(
      `Cannot run mutants: no mutant named ${
        only.filter((id) => !mutants.some((m) => m.id === id)).join(", ")
      }`,
    );
    console.error("List them with: deno task mutants --list");
    Deno.exit(2);
  }
  const jobs = Number(flag("jobs") ?? 2);
  console.log(`${mutants.length} mutants, ${jobs} at a time, each in a scratch copy of the repo`);
  const report = await runMutants(mutants, { root, jobs, onResult: (r) => console.log(line(r)) });
  if (report.baselineFailure !== undefined) {
    console.error(report.baselineFailure.split("\n").slice(-40).join("\n"));
    console.error("Cannot run mutants: the unmutated tests fail in the scratch copy");
    console.error("Fix the failing tests first (deno test -A <files> shows them).");
    Deno.exit(1);
  }
  const count = (s: string) => report.results.filter((r) => r.status === s).length;
  const caught = count("caught");
  const survived = count("survived");
  const errors = count("error");
  const pct = mutants.length > 0 ? (100 * caught / mutants.length).toFixed(1) : "100.0";
  console.log(
    `mutants: ${mutants.length}, caught ${caught} (${pct}%), survived ${survived}, ` +
      `errors ${errors}, in ${report.seconds.toFixed(0)} s`,
  );
  Deno.exit(survived + errors > 0 ? 1 : 0);
}
