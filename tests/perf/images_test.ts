/**
 * perf with images: `random_vl` and image fields of `custom` lines send chat messages with
 * `data:image/png;base64,` parts (checked in the simulator's request log, the PNGs decoded), and the
 * run reports the images per request and the image tokens the server's usage gave.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { runPerfWithOutput } from "../../lib/jobs/perf_job.ts";
import { UserError } from "../../lib/errors.ts";
import type { RequestLogEntry } from "../../lib/sim/mod.ts";
import type { PerfReport } from "../../lib/results/perf/schema.ts";
import { decodePng } from "../../lib/util/png_decode.ts";
import { encodePng } from "../../lib/util/png_encode.ts";
import { blankImage } from "../../lib/util/raster.ts";
import { capture, configFrom, shellWords, startSimulator, withTempDir } from "./helpers.ts";

const opts = { sanitizeResources: false, sanitizeOps: false };
const PREFIX = "data:image/png;base64,";

type Part = { type: string; text?: string; image_url?: { url: string } };

/** The content parts of the one user message a logged request carried. */
function partsOf(e: RequestLogEntry): Part[] {
  const messages = (e.body as { messages: { role: string; content: Part[] }[] }).messages;
  assert.equal(messages.length, 1);
  assert.equal(messages[0].role, "user");
  return messages[0].content;
}

const bytesOf = (url: string) =>
  Uint8Array.from(atob(url.slice(url.indexOf(",") + 1)), (c) => c.charCodeAt(0));

async function randomVlRun(dir: string): Promise<{ log: RequestLogEntry[]; report: PerfReport }> {
  const sim = await startSimulator({ ttftMs: 0, itlMs: 0, logBodies: true });
  try {
    const config = await configFrom([
      ...shellWords("--model vl --dataset random_vl --image-width 64 --image-height 40"),
      ...shellWords("--image-num 2 --min-prompt-length 20 --max-prompt-length 30 --seed 5"),
      ...shellWords("--parallel 1 --number 3 --max-tokens 4 --no-test-connection"),
      ...["--url", `${sim.url}/v1/chat/completions`, "--outputs-dir", dir],
    ]);
    const report = await runPerfWithOutput(config, { print: capture().print });
    return { log: sim.requests(), report };
  } finally {
    await sim.close();
  }
}

Deno.test({
  ...opts,
  name:
    "perf --dataset random_vl sends a text part and --image-num PNG data URLs of --image-width × --image-height",
  async fn() {
    await withTempDir(async (dir) => {
      const first = await randomVlRun(join(dir, "a"));
      assert.equal(first.log.length, 3);
      for (const e of first.log) {
        const parts = partsOf(e);
        assert.deepEqual(parts.map((p) => p.type), ["text", "image_url", "image_url"]);
        assert.ok((parts[0].text ?? "").length > 0);
        for (const p of parts.slice(1)) {
          const url = p.image_url!.url;
          assert.ok(url.startsWith(PREFIX), url.slice(0, 40));
          const png = await decodePng(bytesOf(url));
          assert.deepEqual([png.width, png.height, png.depth, png.colour], [64, 40, 8, 2]);
        }
        // The simulator counts ceil(40/28) × ceil(64/28) = 6 tokens per image on top of the text.
        const usage = e.prompt_tokens ?? 0;
        assert.ok(usage > 12, `${usage}`);
      }
      const run = first.report.runs[0];
      assert.equal(run.summary.avgImagesPerRequest, 2);
      assert.equal(run.summary.avgImageTokens, 12);
      // The dataset's intended length (text + template + EvalScope's image estimate) is the server's.
      assert.deepEqual(run.tokens.warnings, []);
      // Seeded: the same images, byte for byte, on a second run.
      const second = await randomVlRun(join(dir, "b"));
      const urls = (log: RequestLogEntry[]) =>
        log.flatMap((e) => partsOf(e).slice(1).map((p) => p.image_url!.url));
      assert.deepEqual(urls(second.log), urls(first.log));
      assert.equal(new Set(urls(first.log)).size, 6, "every image differs");
    });
  },
});

Deno.test({
  ...opts,
  name:
    "perf --dataset custom: a line's image and images become image_url parts (files as data URLs)",
  async fn() {
    const sim = await startSimulator({ ttftMs: 0, itlMs: 0, logBodies: true });
    try {
      await withTempDir(async (dir) => {
        const png = await encodePng(blankImage(30, 57, [10, 20, 30]));
        await Deno.writeFile(join(dir, "pic.png"), png);
        const path = join(dir, "prompts.jsonl");
        await Deno.writeTextFile(
          path,
          [
            { prompt: "Describe the picture.", image: "pic.png" },
            { text: "Compare them.", images: ["https://example.com/a.png", "pic.png"] },
            { text: "No image here." },
          ].map((v) => JSON.stringify(v)).join("\n"),
        );
        const config = await configFrom([
          ...shellWords("--model vl --dataset custom --parallel 1 --number 3 --max-tokens 2"),
          ...["--dataset-path", path, "--no-test-connection", "--outputs-dir", join(dir, "out")],
          ...["--url", `${sim.url}/v1/chat/completions`],
        ]);
        const report = await runPerfWithOutput(config, { print: capture().print });
        const [a, b, c] = sim.requests();
        const pa = partsOf(a);
        assert.deepEqual(pa.map((p) => p.type), ["text", "image_url"]);
        assert.equal(pa[0].text, "Describe the picture.");
        assert.ok(pa[1].image_url!.url.startsWith(PREFIX));
        assert.deepEqual(bytesOf(pa[1].image_url!.url), png);
        const pb = partsOf(b);
        assert.equal(pb[1].image_url!.url, "https://example.com/a.png");
        const decoded = await decodePng(bytesOf(pb[2].image_url!.url));
        assert.deepEqual([decoded.width, decoded.height], [30, 57]);
        assert.deepEqual((c.body as { messages: unknown }).messages, [
          { role: "user", content: "No image here." },
        ]);
        // 2 of 3 requests carried 3 images; the simulator counts ceil(57/28)·ceil(30/28) = 6 per
        // PNG and 0 for the remote one.
        const s = report.runs[0].summary;
        assert.equal(s.avgImagesPerRequest, 1);
        assert.equal(s.avgImageTokens, 6);
      });
    } finally {
      await sim.close();
    }
  },
});

Deno.test("perf refuses random_vl on a completions URL and with --tokenize-prompt", async () => {
  for (const extra of ["--url http://127.0.0.1:1/v1/completions", "--tokenize-prompt"]) {
    await assert.rejects(
      configFrom(shellWords(`--model m --dataset random_vl ${extra}`)),
      (e: unknown) => e instanceof UserError && /carry images in chat messages/.test(e.message),
    );
  }
});
