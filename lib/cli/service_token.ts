/**
 * The `lmeter service` token, read the same way by the service (`--auth-token-file`) and by
 * `lmeter app --service` (`--service-token-file`): the file, else `LMETER_SERVICE_TOKEN`.
 *
 * @module
 */
import { readUserFile } from "../config/read_user_file.ts";
import { UserError } from "../errors.ts";

/** The token from `file`, else `LMETER_SERVICE_TOKEN`, else none; `flag` names the file flag. */
export async function readServiceToken(
  file: string | undefined,
  options: { flag: string },
): Promise<string | undefined> {
  const raw = file !== undefined
    ? await readUserFile(file, {
      what: "the token file",
      hint: `Pass ${options.flag} with a readable file holding the token.`,
    })
    : envToken();
  if (raw === undefined) return undefined;
  const token = raw.trim();
  if (token.length < 16) {
    throw new UserError(
      "Cannot use the service token: it is shorter than 16 characters",
      `Make one with: openssl rand -hex 32 > token; then ${options.flag} token.`,
    );
  }
  return token;
}

function envToken(): string | undefined {
  try {
    const v = Deno.env.get("LMETER_SERVICE_TOKEN");
    return v === "" ? undefined : v;
  } catch {
    return undefined;
  }
}
