/**
 * Air-gapped bundles end to end: an evaluation online (datasets from a fake hub), then
 * `datasets pack` → `verify` → `unpack` → the same evaluation with the network namespace cut
 * (`unshare -n`, when the machine allows it) gives the same scores. A flipped byte fails
 * verification naming the file.
 *
 * @module
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { parseCommandArgs } from "../../lib/cli/command.ts";
import { makeDatasetsCommand } from "../../lib/cli/datasets.ts";
import { UserError } from "../../lib/errors.ts";
import { benchmarkPullTargets } from "../../lib/data/mod.ts";
import { readTar, tarStream } from "../../lib/data/bundle/tar.ts";
import { getBenchmark } from "../../benchmarks/mod.ts";
import { captureConsole } from "../capture_console.ts";
import { FIXTURES } from "../eval/helpers.ts";
import { startFakeHub } from "./fake_hub.ts";
import { tempDir } from "./fixtures.ts";

const EVAL = fileURLToPath(new URL("./bundle_eval.ts", import.meta.url));
const TEST_FILE = "AI-ModelScope/gsm8k/main/test-00000-of-00001.parquet";

/** `lmeter datasets …` in-process with the real benchmark registry and a given environment. */
async function datasets(args: string[], env: Record<string, string>) {
  const r = await captureConsole(async () => {
    const command = makeDatasetsCommand({
      env: () => env,
      benchmarks: (name, hub) => benchmarkPullTargets(getBenchmark(name), hub),
    });
    try {
      const options = await parseCommandArgs(command.spec, args);
      return await command.run({ options, signal: new AbortController().signal });
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      console.error(`error: ${e.message}`);
      return e.exitCode;
    }
  });
  return { code: r.value, out: r.out, err: r.err };
}

/** True when this machine can run a process in a new network namespace with loopback up. */
async function canUnshare(): Promise<boolean> {
  try {
    const r = await new Deno.Command("unshare", {
      args: ["-n", "sh", "-c", "ip link set lo up"],
      stdout: "null",
      stderr: "null",
    }).output();
    return r.success;
  } catch {
    return false;
  }
}

/** Runs the eval subprocess; returns the gsm8k report's metrics. */
async function evaluate(
  workDir: string,
  options: { env: Record<string, string>; extra?: string[]; offline?: boolean },
): Promise<unknown> {
  const deno = [Deno.execPath(), "run", "-A", EVAL, workDir, ...(options.extra ?? [])];
  const command = options.offline
    ? new Deno.Command("unshare", {
      args: ["-n", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", ...deno],
      env: options.env,
      stdout: "piped",
      stderr: "piped",
    })
    : new Deno.Command(deno[0], {
      args: deno.slice(1),
      env: options.env,
      stdout: "piped",
      stderr: "piped",
    });
  const r = await command.output();
  const err = new TextDecoder().decode(r.stderr);
  assert.equal(r.code, 0, err);
  const report = JSON.parse(await Deno.readTextFile(join(workDir, "reports/qwen2.5/gsm8k.json")));
  return { score: report.score, metrics: report.metrics, execution: report.execution_summary };
}

Deno.test({
  name:
    "a packed bundle verifies, unpacks and gives an evaluation without network the online scores",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await using work = await tempDir();
    const files = {
      "main/test-00000-of-00001.parquet": await Deno.readFile(
        join(FIXTURES, "gsm8k/main/test-00000-of-00001.parquet"),
      ),
      "main/train-00000-of-00001.parquet": await Deno.readFile(
        join(FIXTURES, "gsm8k/main/train-00000-of-00001.parquet"),
      ),
      "README.md": "# gsm8k",
    };
    const hub = startFakeHub({
      repos: [{ hub: "modelscope", repoId: "AI-ModelScope/gsm8k", files }],
    });
    const env = (cache: string) => ({
      LMETER_CACHE: join(work.path, cache),
      MODELSCOPE_ENDPOINT: hub.url,
      HF_ENDPOINT: hub.url,
      DENO_NO_UPDATE_CHECK: "1",
    });
    try {
      const online = await evaluate(join(work.path, "online"), { env: env("cache-online") });

      const bundle = join(work.path, "lmeter-data.tar.gz");
      const tokenizer = join(work.path, "tok");
      await Deno.mkdir(tokenizer);
      await Deno.writeTextFile(join(tokenizer, "tokenizer.json"), '{"model": {}}');
      const packed = await datasets(
        ["pack", "gsm8k", "--to", bundle, "--tokenizer", tokenizer],
        env("cache-pack"),
      );
      assert.equal(packed.code, 0, packed.err);
      assert.match(packed.out, /packed 1 datasets and 1 tokenizers \(\d+ files\)/);
      const sha = /sha256 ([0-9a-f]{64})/.exec(packed.out)![1];

      const verified = await datasets(["verify", bundle], {});
      assert.equal(verified.code, 0, verified.err);
      assert.match(verified.out, new RegExp(`sha256 ${sha}`), "the same hash: a cache key");

      const data = join(work.path, "offline-data");
      const unpacked = await datasets(["unpack", bundle, "--to", data], {});
      assert.equal(unpacked.code, 0, unpacked.err);
      const manifest = JSON.parse(await Deno.readTextFile(join(data, "bundle.json")));
      assert.equal(manifest.format, "lmeter.data-bundle/1");
      assert.deepEqual(Object.keys(manifest.entries[0].manifests).sort(), [
        "main/test-00000-of-00001.parquet",
        "main/train-00000-of-00001.parquet",
      ]);
      assert.ok(manifest.entries[0].manifests["main/test-00000-of-00001.parquet"].rows > 0);
      assert.equal(
        await Deno.readTextFile(join(data, "tokenizers/tok/tokenizer.json")),
        '{"model": {}}',
      );

      const requests = hub.requests.length;
      const offline = await evaluate(join(work.path, "offline"), {
        env: env("cache-offline"),
        extra: ["--dataset-dir", data],
        offline: await canUnshare(),
      });
      assert.deepEqual(offline, online);
      assert.equal(hub.requests.length, requests, "the offline run asked the hub nothing");

      // A flipped byte in an unpacked file, and in a file inside the archive, names the file.
      const path = join(data, ...TEST_FILE.split("/"));
      const bytes = await Deno.readFile(path);
      bytes[100] ^= 0xff;
      await Deno.writeFile(path, bytes);
      const folder = await datasets(["verify", data], {});
      assert.equal(folder.code, 1);
      assert.match(folder.err, new RegExp(`${TEST_FILE}: sha256 [0-9a-f]{64}, bundle\\.json says`));

      const entries = [];
      const file = await Deno.open(bundle);
      for await (const f of readTar(file.readable.pipeThrough(new DecompressionStream("gzip")))) {
        if (f.path === TEST_FILE) f.data[100] ^= 0xff;
        entries.push(f);
      }
      const damaged = join(work.path, "damaged.tar.gz");
      await Deno.writeFile(damaged, tarStream(entries).pipeThrough(new CompressionStream("gzip")));
      const archive = await datasets(["unpack", damaged, "--to", join(work.path, "nope")], {});
      assert.equal(archive.code, 1);
      assert.match(
        archive.err,
        new RegExp(`Cannot use the bundle .*damaged\\.tar\\.gz: ${TEST_FILE}: sha256`),
      );
      assert.equal(
        await Deno.stat(join(work.path, "nope")).catch(() => null),
        null,
        "nothing extracted",
      );
    } finally {
      await hub.close();
    }
  },
});
