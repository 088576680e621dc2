/**
 * The export formats of a perf invocation, their names as `--export` and `lmeter export
 * --format` take them, and the check of a list the user gave.
 *
 * @module
 */
import { UserError } from "../../errors.ts";

/** Every format, in the order they are written. */
export const EXPORT_FORMATS = ["tfevents", "jsonl", "mlflow", "prom"] as const;

/** One export format. */
export type ExportFormat = typeof EXPORT_FORMATS[number];

/** What `--visualizer` writes (the trackers' offline files and the Prometheus text). */
export const VISUALIZER_FORMATS: readonly ExportFormat[] = ["tfevents", "jsonl", "prom"];

/**
 * The formats named in `given` (each item may hold several, comma-separated), without repeats,
 * in {@linkcode EXPORT_FORMATS} order; an unknown name is a {@linkcode UserError} naming `flag`.
 */
export function parseExportFormats(
  given: readonly string[],
  options: { flag: string },
): ExportFormat[] {
  const names = given.flatMap((f) => f.split(",")).map((f) => f.trim()).filter(Boolean);
  const unknown = names.filter((f) => !(EXPORT_FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0) {
    throw new UserError(
      `Cannot export ${unknown.join(", ")}: unknown format`,
      `${options.flag} takes ${EXPORT_FORMATS.join(", ")} (comma- or space-separated).`,
    );
  }
  return EXPORT_FORMATS.filter((f) => names.includes(f));
}
