/**
 * Reading a file the user named (a config file, an answer key, a collection schema): its text,
 * or an error that says which file, why, and what to do.
 *
 * @module
 */
import { UserError } from "../errors.ts";

/**
 * The text of `path`; when it cannot be read, a {@linkcode UserError}
 * `Cannot read <what> <path>: <reason>` with `hint` as its hint line.
 */
export async function readUserFile(
  path: string,
  options: { what: string; hint: string },
): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (e) {
    throw new UserError(
      `Cannot read ${options.what} ${path}: ${(e as Error).message}`,
      options.hint,
      { cause: e },
    );
  }
}
