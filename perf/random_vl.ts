/**
 * `random_vl`: the `random` dataset's prompts, each sent with `--image-num` generated images
 * (`--image-width` × `--image-height` PNGs) in one user message, as EvalScope builds it: a text
 * part, then `image_url` parts holding `data:image/png;base64,…` URLs. Each image is a random
 * background with 1–5 random rectangles, ellipses or lines, drawn from the run's seeded random
 * source, so a seeded run sends the same bytes every time. PNGs are written by lib/util's encoder
 * (no native code). Chat only: no completions URL, no `--tokenize-prompt` (as EvalScope).
 *
 * @module
 */
import {
  type DatasetContext,
  type DatasetItem,
  type ImageOptions,
  imageTokenEstimate,
  type PerfDataset,
} from "../lib/load/dataset.ts";
import { toBase64 } from "../lib/util/bytes.ts";
import { encodePng } from "../lib/util/png_encode.ts";
import { blankImage, drawLine, fillEllipse, fillRect, type Rgb } from "../lib/util/raster.ts";
import { type Random, uniformInt } from "../lib/util/random.ts";
import { random } from "./random.ts";

/** EvalScope's defaults (`--image-width 224 --image-height 224 --image-num 1 --image-patch-size 28`). */
export const DEFAULT_IMAGES: ImageOptions = { width: 224, height: 224, num: 1, patchSize: 28 };

/** One random image as a PNG file: a background colour and 1–5 shapes. */
export async function randomPng(rng: Random, size: { width: number; height: number }) {
  const { width, height } = size;
  const colour =
    (): Rgb => [uniformInt(rng, 0, 255), uniformInt(rng, 0, 255), uniformInt(rng, 0, 255)];
  const image = blankImage(width, height, colour());
  const shapes = uniformInt(rng, 1, 5);
  for (let i = 0; i < shapes; i++) {
    const kind = uniformInt(rng, 0, 2);
    let [x1, y1, x2, y2] = [
      uniformInt(rng, 0, width - 1),
      uniformInt(rng, 0, height - 1),
      uniformInt(rng, 0, width - 1),
      uniformInt(rng, 0, height - 1),
    ];
    if (x1 > x2) [x1, x2] = [x2, x1];
    if (y1 > y2) [y1, y2] = [y2, y1];
    const color = colour();
    // Corners inclusive, as PIL draws them.
    const box = { x: x1, y: y1, w: x2 - x1 + 1, h: y2 - y1 + 1, color };
    if (kind === 0) fillRect(image, box);
    else if (kind === 1) fillEllipse(image, box);
    else drawLine(image, { x1, y1, x2, y2, width: uniformInt(rng, 1, 5), color });
  }
  return await encodePng(image);
}

/** A `data:` URL of PNG bytes. */
export function pngDataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${toBase64(png)}`;
}

async function* items(ctx: DatasetContext): AsyncGenerator<DatasetItem> {
  const images = ctx.images ?? DEFAULT_IMAGES;
  const perImage = imageTokenEstimate(images.width, images.height, images.patchSize);
  for await (const item of random.items(ctx)) {
    const content: unknown[] = [{ type: "text", text: item.prompt ?? "" }];
    for (let i = 0; i < images.num; i++) {
      const png = await randomPng(ctx.rng, images);
      content.push({ type: "image_url", image_url: { url: pngDataUrl(png) } });
    }
    yield {
      messages: [{ role: "user", content }],
      ...(item.targetPromptTokens !== undefined
        ? { targetPromptTokens: item.targetPromptTokens + images.num * perImage }
        : {}),
      imageTokens: images.num * perImage,
    };
  }
}

/** The `random_vl` dataset. */
export const randomVl: PerfDataset = {
  name: "random_vl",
  summary:
    "random's prompts plus --image-num generated PNG images (--image-width × --image-height) per request; chat only",
  chatOnly: true,
  items,
};
