import assert from "node:assert/strict";
import { join } from "node:path";
import { UserError } from "../errors.ts";
import { readUserFile } from "./read_user_file.ts";

Deno.test("readUserFile() returns the text, or a UserError naming the file, the reason and the fix", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "key.jsonl");
    await Deno.writeTextFile(path, '{"a": 1}\n');
    const what = { what: "answer key", hint: "Pass an existing JSONL file to --answer-key." };
    assert.equal(await readUserFile(path, what), '{"a": 1}\n');
    await assert.rejects(() => readUserFile(join(dir, "nope.jsonl"), what), (e: unknown) => {
      assert.ok(e instanceof UserError);
      assert.match(e.message, /^Cannot read answer key .*nope\.jsonl: No such file or directory/);
      assert.equal(e.hint, "Pass an existing JSONL file to --answer-key.");
      assert.equal(e.exitCode, 2);
      return true;
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
