import assert from "node:assert/strict";
import { denoOnPath, taskCommand } from "./demo.ts";

Deno.test("the demo's closing hint says the npx form when deno is not on PATH", () => {
  assert.equal(taskCommand({ denoOnPath: true }), "deno task");
  assert.equal(taskCommand({ denoOnPath: false }), `npx -y deno@${Deno.version.deno} task`);
});

Deno.test("denoOnPath() looks at PATH only", () => {
  const before = Deno.env.get("PATH");
  try {
    Deno.env.set("PATH", "/nonexistent-lmeter-dir");
    assert.equal(denoOnPath(), false);
    Deno.env.set("PATH", Deno.execPath().replace(/[\\/][^\\/]+$/, ""));
    assert.equal(denoOnPath(), true);
  } finally {
    if (before === undefined) Deno.env.delete("PATH");
    else Deno.env.set("PATH", before);
  }
});
