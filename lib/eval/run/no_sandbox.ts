/**
 * The one refusal of benchmarks that run model-written code when there is no sandbox to run it in.
 *
 * @module
 */
import { UserError } from "../../errors.ts";
import { SANDBOX_HINT } from "../../sandbox/mod.ts";

/** "Cannot run <benchmarks>: scoring runs model-written code and <reason>", with the sandbox hint. */
export function noSandbox(benchmarks: readonly string[], reason: string): UserError {
  return new UserError(
    `Cannot run ${benchmarks.join(", ")}: scoring runs model-written code and ${reason}`,
    SANDBOX_HINT,
  );
}
