/**
 * lmeter's version, read from deno.json in one place (the CLI banner, run records, reports and
 * the app all print this one).
 *
 * @module
 */
import denoJson from "../../deno.json" with { type: "json" };

/** The version of lmeter (deno.json's `version`). */
export const VERSION: string = denoJson.version;
