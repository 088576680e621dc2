import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { checkManifest, manifestKey, manifestOf, rowsHash } from "./manifest.ts";
import { UserError } from "../errors.ts";

Deno.test("rowsHash() is sha256 of canonical JSON Lines, independent of key order", () => {
  const rows = [{ q: "1+1", a: "2" }, { a: "4", q: "2+2" }];
  const expected = createHash("sha256").update('{"a":"2","q":"1+1"}\n{"a":"4","q":"2+2"}\n').digest(
    "hex",
  );
  assert.equal(rowsHash(rows), expected);
  assert.equal(rowsHash([{ q: "1+1", a: "2" }, { q: "2+2", a: "4" }]), expected);
  assert.notEqual(rowsHash([rows[1], rows[0]]), expected);
  assert.equal(rowsHash([{ q: "1+1", a: "2", c: null }, { a: "4", q: "2+2" }]), expected);
  assert.equal(rowsHash([]), createHash("sha256").digest("hex"));
});

Deno.test("checkManifest() accepts matching rows and names dataset, subset, split, expected and actual on a mismatch", () => {
  const rows = [{ q: "a" }, { q: "b" }];
  const pinned = manifestOf(rows);
  assert.deepEqual(checkManifest(rows, pinned, { dataset: "toy", split: "test" }), pinned);
  assert.throws(
    () => checkManifest(rows.slice(1), pinned, { dataset: "toy", subset: "main", split: "test" }),
    (e: unknown) => {
      assert.ok(e instanceof UserError);
      assert.equal(
        e.message,
        `Cannot load toy (subset main, split test): the data does not match the pinned manifest: expected 2 rows with sha256 ${pinned.sha256}, got 1 rows with sha256 ${
          rowsHash(rows.slice(1))
        }`,
      );
      assert.match(e.hint ?? "", /--ignore-manifest/);
      return true;
    },
  );
  const warnings: string[] = [];
  checkManifest([{ q: "changed" }, { q: "b" }], pinned, { dataset: "toy", split: "test" }, {
    ignoreManifest: true,
    log: (l) => warnings.push(l),
  });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /^warning: toy \(split test\) does not match its pinned manifest/);
  assert.equal(manifestKey("test"), "test");
  assert.equal(manifestKey("test", "main"), "main/test");
});
