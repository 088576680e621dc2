import assert from "node:assert/strict";
import type { OptionSpec } from "../config/schema.ts";
import { SIM_DEFAULTS, SIM_OPTIONS, simulatorOptionsFromValues } from "./mod.ts";

const EXTRA_KEYS = ["apiKey", "tokenizer", "maxConnections", "answerKey", "requestLog"];

Deno.test("every lmeter sim option has a unique snake_case name and help text", () => {
  const names = SIM_OPTIONS.map((o) => o.name);
  assert.equal(new Set(names).size, names.length);
  for (const o of SIM_OPTIONS) {
    assert.match(o.name, /^[a-z][a-z0-9_]*$/);
    assert.ok(o.help.length > 10, o.name);
  }
});

Deno.test("every lmeter sim option maps to a SimulatorOptions field; SIM_DEFAULTS are the options' defaults", () => {
  const options: readonly OptionSpec[] = SIM_OPTIONS;
  const mapped = simulatorOptionsFromValues(
    Object.fromEntries(options.map((o) => [o.name, o.default ?? `set-${o.name}`])),
  ) as Record<string, unknown>;
  const known = new Set([...Object.keys(SIM_DEFAULTS), ...EXTRA_KEYS]);
  for (const key of Object.keys(mapped)) assert.ok(known.has(key), `unknown field ${key}`);
  const defaults = SIM_DEFAULTS as Record<string, unknown>;
  for (const o of options) {
    if (o.default === undefined) continue;
    assert.deepEqual(defaults[camel(o.name)], o.name === "port" ? 0 : o.default, o.name);
  }
});

Deno.test("simulatorOptionsFromValues() renames tokenizer_path and skips unset values", () => {
  assert.deepEqual(
    simulatorOptionsFromValues({ tokenizer_path: "/tok", fault_500_rate: 0.1, api_key: undefined }),
    { tokenizer: "/tok", fault500Rate: 0.1 },
  );
});

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
