import assert from "node:assert/strict";
import { parseOptions } from "../../lib/config/schema.ts";
import { applyCacheToken, evalCommand, prepareEval } from "../../lib/cli/eval.ts";
import { UserError } from "../../lib/errors.ts";
import { serviceKinds } from "../../lib/cli/service_kinds.ts";
import { FIXTURES, withTempDir } from "./helpers.ts";

function options(dir: string, extra: string[] = []) {
  return parseOptions(evalCommand.spec, [
    "--model",
    "qwen2.5",
    "--api-url",
    "http://127.0.0.1:8801/v1",
    "--datasets",
    "gsm8k",
    "--dataset-dir",
    FIXTURES,
    "--work-dir",
    dir,
    "--cache-url",
    "http://denokv.internal:4512",
    ...extra,
  ]);
}

const prepare = { signal: new AbortController().signal, output: "silent" as const, columns: 80 };

Deno.test("--cache-url adds the KV's host to the eval job's network scope, next to the model's", async () => {
  await withTempDir(async (dir) => {
    const { scope, input } = await prepareEval(options(dir), {
      ...prepare,
      env: { DENO_KV_ACCESS_TOKEN: "kv-token-for-the-test" },
      log: () => {},
    });
    assert.deepEqual(scope.net.sort(), ["127.0.0.1:8801", "denokv.internal:4512"]);
    assert.equal(input.task.cacheUrl, "http://denokv.internal:4512");
    assert.ok(
      !JSON.stringify(input).includes("kv-token-for-the-test"),
      "the token is in the job input",
    );
  });
});

Deno.test("--cache-url without a token stops before anything runs and says where a token comes from", async () => {
  await withTempDir(async (dir) => {
    await assert.rejects(
      () => prepareEval(options(dir), { ...prepare, env: {}, log: () => {} }),
      (e: unknown) =>
        e instanceof UserError &&
        e.message === "Cannot open the run cache at http://denokv.internal:4512: no access token" &&
        /DENO_KV_ACCESS_TOKEN.*--cache-token-file/.test(e.hint ?? ""),
    );
  });
});

Deno.test("--cache-token-file puts the file's token into DENO_KV_ACCESS_TOKEN; an empty or missing file is an error", async () => {
  await withTempDir(async (dir) => {
    const before = Deno.env.get("DENO_KV_ACCESS_TOKEN");
    try {
      const file = `${dir}/token`;
      await Deno.writeTextFile(file, "  from-the-file\n");
      await applyCacheToken(options(dir, ["--cache-token-file", file]).values);
      assert.equal(Deno.env.get("DENO_KV_ACCESS_TOKEN"), "from-the-file");
      await Deno.writeTextFile(file, "\n");
      await assert.rejects(
        () => applyCacheToken(options(dir, ["--cache-token-file", file]).values),
        /Cannot use the cache token file .*: it is empty/,
      );
      await assert.rejects(
        () => applyCacheToken(options(dir, ["--cache-token-file", `${dir}/none`]).values),
        /Cannot read the cache token file/,
      );
    } finally {
      if (before === undefined) Deno.env.delete("DENO_KV_ACCESS_TOKEN");
      else Deno.env.set("DENO_KV_ACCESS_TOKEN", before);
    }
  });
});

Deno.test("a service eval job may name cache_url but not cache_token_file", () => {
  const kind = serviceKinds(() => {}).eval;
  const config = {
    model: "qwen2.5",
    api_url: "http://127.0.0.1:8801/v1",
    datasets: ["gsm8k"],
    cache_url: "http://denokv.internal:4512",
  };
  assert.deepEqual(kind.check(config), { url: "http://127.0.0.1:8801/v1" });
  assert.throws(
    () => kind.check({ ...config, cache_token_file: "/etc/kv-token" }),
    /Cannot use cache_token_file in a service job/,
  );
});
