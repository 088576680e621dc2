/**
 * The code sandbox: run a model-written program with no network, no view of the host's files and
 * hard limits, and get its status, exit code, capped output and wall time. Engines: `bwrap`
 * (bubblewrap, the default), `docker`, and `local` (no isolation, explicit opt-in only).
 * docs/sandbox.md says what each isolates.
 *
 * @module
 */
export type {
  Sandbox,
  SandboxConfig,
  SandboxEngine,
  SandboxOptions,
  SandboxRequest,
  SandboxResult,
  SandboxStatus,
} from "./types.ts";
export { SANDBOX_CHOICES, SANDBOX_LIMIT_DEFAULTS } from "./types.ts";
export {
  openSandbox,
  type OpenSandboxOptions,
  SANDBOX_HINT,
  type SandboxPermissions,
  sandboxPermissions,
} from "./open.ts";
export { launcherPath, TOOL_PATHS } from "./argv.ts";
export { parseBytes, resolveSandboxKeys, type SandboxKeys } from "./config.ts";
