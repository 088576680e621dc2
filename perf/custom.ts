/**
 * `custom`: a JSONL file of prompts. Each line is a JSON string (a prompt), an array (chat
 * messages), an object with `messages` or `prompt` (a full request body; lmeter's flags fill
 * the keys it lacks) or an object with a text field (`text`, `question`, `query`,
 * `instruction`, `input`, `content`). An object with a text field may carry images, `image` (one) or
 * `images` (a list): `data:` and `http(s)` URLs are sent as they are, other values are files
 * (relative to the dataset file's folder) sent as `data:` URLs; the request is then one user
 * message of a text part and `image_url` parts, as `random_vl` sends. Message lists may hold such
 * parts themselves.
 *
 * @module
 */
import { TEXT_LENGTH_KEYS } from "../lib/load/dataset_args.ts";
import { readJsonLines } from "./read_lines.ts";
import { fitterFor, refuseStructured, textItem } from "./text_length.ts";
import {
  type DatasetContext,
  type DatasetItem,
  type DatasetMessage,
  imageTokenEstimate,
  type PerfDataset,
} from "../lib/load/dataset.ts";
import { dirname, extname, resolve } from "node:path";
import { toBase64 } from "../lib/util/bytes.ts";
import { isRecord } from "../lib/util/is_record.ts";
import { pngSize } from "../lib/util/png_decode.ts";

const TEXT_FIELDS = ["text", "question", "query", "instruction", "input", "content"];

/** Classifies one JSONL value; undefined when it holds no usable prompt. */
export function customItem(v: unknown): DatasetItem | undefined {
  if (typeof v === "string") return v.trim() ? { prompt: v } : undefined;
  if (Array.isArray(v)) return v.length ? { messages: v as DatasetMessage[] } : undefined;
  if (typeof v !== "object" || v === null) return undefined;
  const obj = v as Record<string, unknown>;
  if (Array.isArray(obj.messages) || typeof obj.prompt === "string" || Array.isArray(obj.prompt)) {
    return { body: obj };
  }
  for (const f of TEXT_FIELDS) {
    if (typeof obj[f] === "string" && (obj[f] as string).trim()) {
      return { prompt: obj[f] as string };
    }
  }
  return undefined;
}

/** The image references of a custom line (`image` or `images`); undefined when it has none. */
export function imageRefs(v: unknown): string[] | undefined {
  if (!isRecord(v)) return undefined;
  const refs = typeof v.image === "string"
    ? [v.image]
    : Array.isArray(v.images)
    ? v.images.filter((r): r is string => typeof r === "string" && r !== "")
    : [];
  return refs.length > 0 ? refs : undefined;
}

/** The text beside a line's images: its `prompt` or first text field. */
function imageText(v: unknown): string | undefined {
  if (!isRecord(v)) return undefined;
  for (const f of ["prompt", ...TEXT_FIELDS]) {
    if (typeof v[f] === "string" && (v[f] as string).trim()) return v[f] as string;
  }
  return undefined;
}

const MIME: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".gif": "image/gif",
};

/** A user message of `text` and the images of `refs`, with the PNGs' estimated image tokens. */
async function imageItem(
  text: string,
  refs: readonly string[],
  ctx: DatasetContext,
): Promise<DatasetItem> {
  const content: unknown[] = [{ type: "text", text }];
  let tokens = 0;
  for (const ref of refs) {
    let url = ref;
    if (!/^(data:|https?:\/\/)/.test(ref)) {
      const path = resolve(dirname(ctx.path ?? "."), ref);
      const mime = MIME[extname(path).toLowerCase()];
      if (!mime) {
        throw new Error(
          `Cannot send image ${path}: lmeter sends .png, .jpg, .jpeg, .webp or .gif files`,
        );
      }
      const bytes = await Deno.readFile(path);
      const size = pngSize(bytes);
      if (size && ctx.images) {
        tokens += imageTokenEstimate(size.width, size.height, ctx.images.patchSize);
      }
      url = `data:${mime};base64,${toBase64(bytes)}`;
    }
    content.push({ type: "image_url", image_url: { url } });
  }
  return { messages: [{ role: "user", content }], ...(tokens > 0 ? { imageTokens: tokens } : {}) };
}

/** The `custom` dataset. */
export const custom: PerfDataset = {
  name: "custom",
  summary: "JSONL of prompts, message lists or full request bodies (--dataset-path)",
  requiresPath: true,
  argKeys: TEXT_LENGTH_KEYS,
  async *items(ctx) {
    const fitter = fitterFor(ctx);
    for await (const value of readJsonLines(ctx.path ?? "", ctx.skipped)) {
      const refs = imageRefs(value);
      const text = refs ? imageText(value) : undefined;
      if (refs && text !== undefined) {
        if (fitter) refuseStructured("custom", JSON.stringify(value));
        yield await imageItem(text, refs, ctx);
        continue;
      }
      const item = customItem(value);
      if (!item) continue;
      if (item.prompt === undefined) {
        if (fitter) refuseStructured("custom", JSON.stringify(value));
        yield item;
        continue;
      }
      const fitted = textItem(item.prompt, ctx, fitter);
      if (fitted) yield fitted;
    }
  },
};
