import assert from "node:assert/strict";
import { join } from "node:path";

Deno.test("the Punkt parameters ship inside a bundle: it tokenizes with no file access", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const entry = join(dir, "entry.ts");
    const mod = new URL("./mod.ts", import.meta.url).href;
    await Deno.writeTextFile(
      entry,
      `import { sentenceTokenize, wordTokenize } from "${mod}";\n` +
        `const text = "Dr. Smith went to Washington. He arrived at 3 p.m. on Monday.";\n` +
        `console.log(JSON.stringify([sentenceTokenize(text), wordTokenize(text).length]));\n`,
    );
    const file = join(dir, "text.js");
    const run = async (args: string[]) => {
      const out = await new Deno.Command(Deno.execPath(), { args, cwd: dir }).output();
      const dec = new TextDecoder();
      return { code: out.code, out: dec.decode(out.stdout), err: dec.decode(out.stderr) };
    };
    const bundled = await run(["bundle", "--platform", "deno", "-o", file, entry]);
    assert.equal(bundled.code, 0, bundled.err);
    // No --allow-read: reading data/punkt_english.json at run time would fail.
    const r = await run(["run", "--no-prompt", file]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), [
      ["Dr. Smith went to Washington.", "He arrived at 3 p.m. on Monday."],
      14,
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
