/**
 * The app's one HTML page: links the embedded stylesheet and script; the browser code renders
 * every view from the JSON API.
 *
 * @module
 */
import { escapeHtml } from "../../report/html/escape.ts";
import type { Lang } from "../../report/html/i18n.ts";
import { translate } from "../../report/html/i18n.ts";

/** The shell page in `lang`; `service` shows the Jobs page of a followed service. */
export function indexHtml(lang: Lang, options: { service?: boolean } = {}): string {
  return `<!DOCTYPE html>
<html lang="${lang === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(translate(lang, "app.title"))}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">
<script defer src="/assets/app.js"></script>
</head>
<body data-lang="${lang}"${options.service ? ' data-service="1"' : ""}>
<header class="top"><span class="brand">lmeter</span><nav id="nav"></nav></header>
<main id="app"><p class="muted">${escapeHtml(translate(lang, "common.loading"))}</p></main>
</body>
</html>
`;
}
