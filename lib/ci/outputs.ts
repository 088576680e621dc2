/**
 * Step outputs in the `$GITHUB_OUTPUT` file format: `name=value` lines, and for a value with a
 * line break the heredoc form `name<<DELIMITER` … `DELIMITER`, with a delimiter that occurs in no
 * line of the value. Pure.
 *
 * @module
 */

/** Options of {@linkcode formatOutputs}. */
export interface FormatOutputsOptions {
  /** Makes a heredoc delimiter (default `ghadelimiter_<random UUID>`); tests pass a fixed one. */
  delimiter?: () => string;
}

/** The `$GITHUB_OUTPUT` text for `outputs`, in their order, ending in a newline. */
export function formatOutputs(
  outputs: Readonly<Record<string, string>>,
  options: FormatOutputsOptions = {},
): string {
  const makeDelimiter = options.delimiter ?? (() => `ghadelimiter_${crypto.randomUUID()}`);
  let text = "";
  for (const [name, value] of Object.entries(outputs)) {
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) {
      throw new Error(`Cannot write the step output "${name}": not a valid output name`);
    }
    if (!/[\r\n]/.test(value)) {
      text += `${name}=${value}\n`;
      continue;
    }
    const delimiter = makeDelimiter();
    if (value.split(/\r?\n/).includes(delimiter)) {
      throw new Error(`Cannot write the step output "${name}": its value holds the delimiter`);
    }
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  return text;
}
