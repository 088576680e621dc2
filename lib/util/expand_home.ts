/**
 * `~` in paths that come from config files and JSON arguments, where no shell expanded it.
 *
 * @module
 */

/** The home folder from `HOME` (or `USERPROFILE`), or undefined when unset or unreadable. */
export function homeDir(): string | undefined {
  try {
    return Deno.env.get("HOME") || Deno.env.get("USERPROFILE") || undefined;
  } catch {
    return undefined;
  }
}

/**
 * `~` and `~/…` (also `~\…`) become the home folder; anything else (including `~user/…`) is
 * returned as is, as it is without a home folder.
 */
export function expandHome(path: string, home: string | undefined = homeDir()): string {
  if (home === undefined || !path.startsWith("~")) return path;
  if (path === "~") return home;
  if (path[1] === "/" || path[1] === "\\") return home.replace(/[\\/]+$/, "") + path.slice(1);
  return path;
}
