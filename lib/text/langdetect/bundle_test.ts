/**
 * The profiles ship inside a bundle: langdetect bundled alone answers from another directory
 * with no permissions at all (no file is read at run time).
 */
import assert from "node:assert/strict";
import { join } from "node:path";

Deno.test("a bundle of langdetect detects languages with no permissions, away from the source", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const bundle = join(dir, "langdetect.js");
    const mod = new URL("./mod.ts", import.meta.url).pathname;
    const b = await new Deno.Command(Deno.execPath(), {
      args: ["bundle", "--platform", "deno", "-o", bundle, mod],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(b.code, 0, new TextDecoder().decode(b.stderr));
    await Deno.writeTextFile(
      join(dir, "run.js"),
      'import { detectLanguage } from "./langdetect.js";\n' +
        'console.log(JSON.stringify(["Das ist ein Haus.", "这是中文。", "THIS IS CAPS", "1 2 3"]' +
        ".map((t) => detectLanguage(t) ?? null)));\n",
    );
    const r = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-prompt", "run.js"],
      cwd: dir,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
    assert.deepEqual(JSON.parse(new TextDecoder().decode(r.stdout)), ["de", "zh-cn", "en", null]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
