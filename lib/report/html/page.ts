/**
 * The HTML document shell of the static reports: inline styles and scripts only, and a content
 * security policy that forbids every network load, so a report looks the same offline. Pure.
 *
 * @module
 */
import { VERSION } from "../../util/version.ts";
import { escapeHtml, inlineScript } from "./escape.ts";
import type { Lang } from "./i18n.ts";

/** No network: only inline styles/scripts and data: images/fonts. */
export const OFFLINE_CSP =
  "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

/** A complete HTML document. */
export function htmlDocument(options: {
  lang: Lang;
  title: string;
  styles: readonly string[];
  body: string;
  scripts?: readonly string[];
}): string {
  const styles = options.styles.map((s) => `<style>${s.replace(/<\/style/gi, "<\\/style")}</style>`)
    .join("\n");
  const scripts = (options.scripts ?? []).map((s) => `<script>${inlineScript(s)}</script>`).join(
    "\n",
  );
  return `<!DOCTYPE html>
<html lang="${options.lang === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${OFFLINE_CSP}">
<meta name="generator" content="lmeter ${escapeHtml(VERSION)}">
<title>${escapeHtml(options.title)}</title>
${styles}
</head>
<body>
<main>
${options.body}
</main>
${scripts}
</body>
</html>
`;
}
