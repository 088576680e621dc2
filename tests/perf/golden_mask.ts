/**
 * Masks what changes from run to run in perf output (numbers, timestamps, the temporary folder)
 * and keeps what is the layout (labels, keys, key order, nesting, `-1` and `null`).
 *
 * @module
 */

/** Text with the folder, timestamps and numbers masked; runs of spaces and rule characters
 * (whose width follows the numbers) are collapsed. `-1` (EvalScope's "not set") is kept. */
export function maskText(text: string, dir: string): string {
  return text
    .replaceAll(dir, "<DIR>")
    .replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, "<ISO>")
    .replace(/\d{8}_\d{6}/g, "<TS>")
    // Whether a run opened a connection in its timed phase (or reused one) depends on timing.
    .replace(/ \(connect avg [\d.]+ ms, p99 [\d.]+ ms\)/g, "")
    .replace(/(?<![\w.])-?\d(?:\d|,(?=\d))*(?:\.\d+)?(?!\w)/g, (m) => (m === "-1" ? m : "N"))
    .replace(/ +/g, " ")
    .replace(/([-=━─])\1+/g, "$1")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n");
}

/** A JSON value with every number but `-1` masked as `"#"`, strings masked as text, and runs of
 * equal (masked) array items collapsed to one (their count follows the timing). */
export function maskJson(value: unknown, dir: string): unknown {
  if (typeof value === "number") return value === -1 ? -1 : "#";
  if (typeof value === "string") return maskText(value, dir);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    let last = "";
    for (const item of value) {
      const masked = maskJson(item, dir);
      const key = JSON.stringify(masked);
      if (out.length > 0 && key === last) continue;
      out.push(masked);
      last = key;
    }
    return out;
  }
  if (value !== null && typeof value === "object") {
    // Series statistics ({count, avg, p50, …}): whether a series had values (connect times,
    // say, when connections were reused) depends on timing, so their nulls are masked too.
    if ("count" in value && "avg" in value) {
      return Object.fromEntries(Object.keys(value).map((k) => [k, "#"]));
    }
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, maskJson(v, dir)]),
    );
  }
  return value;
}
