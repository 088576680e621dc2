/**
 * Dataset lines skipped because they were not JSON: datasets note them while reading, the
 * request source reports them with the next request, the run counts them in its summary.
 *
 * @module
 */

/** A line that was not JSON: where, and the parser's message. */
export interface BadLine {
  file: string;
  line: number;
  error: string;
}

/** `Cannot read FILE line N: not valid JSON (…)`, as every reader words it. */
export function badLineText(b: BadLine): string {
  return `${b.file} line ${b.line}: not valid JSON (${b.error})`;
}

/**
 * Lines a dataset skipped because they were not JSON. The first one is kept for the message;
 * `take()` hands the count since the last call to whoever reports it.
 */
export class SkippedLines {
  first: BadLine | undefined;
  #pending = 0;

  /** Records one bad line. */
  note(bad: BadLine): void {
    this.first ??= bad;
    this.#pending++;
  }

  /** Lines skipped since the last call. */
  take(): number {
    const n = this.#pending;
    this.#pending = 0;
    return n;
  }
}
