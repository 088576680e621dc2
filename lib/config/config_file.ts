/**
 * Reads `--config run.yaml|run.json`: one object whose keys are a command's options.
 *
 * @module
 */
import { UserError } from "../errors.ts";
import { readUserFile } from "./read_user_file.ts";

/** Reads and parses a YAML or JSON config file into a plain object. */
export async function readConfigFile(path: string): Promise<Record<string, unknown>> {
  const text = await readUserFile(path, {
    what: "config file",
    hint: "Check the path given to --config.",
  });
  const isJson = /\.json$/i.test(path);
  // The YAML parser is loaded only for a YAML file: most runs have no config file.
  const parseYaml = isJson ? undefined : (await import("yaml")).parse;
  let value: unknown;
  try {
    value = parseYaml ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new UserError(
      `Cannot parse config file ${path}: ${(e as Error).message}`,
      "The file must hold one YAML or JSON object whose keys are option names (snake_case).",
    );
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new UserError(
      `Cannot use config file ${path}: it holds a ${
        Array.isArray(value) ? "list" : typeof value
      }, not an object`,
      "Write options as keys, e.g.\n  model: qwen2.5\n  datasets: [gsm8k]",
    );
  }
  return value as Record<string, unknown>;
}

/** Splits `--config FILE` (or `--config=FILE`) out of an argument list. */
export function takeConfigFlag(args: readonly string[]): { path?: string; rest: string[] } {
  const rest: string[] = [];
  let path: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--config") {
      path = args[++i];
      if (path === undefined) {
        throw new UserError(
          "Option --config needs a value",
          "Give the path of a YAML or JSON file.",
        );
      }
    } else if (a.startsWith("--config=")) {
      path = a.slice("--config=".length);
    } else {
      rest.push(a);
    }
  }
  return { path, rest };
}
