/**
 * Debian's Chromium for the browser tests, driven by playwright-core: whether it is installed, a
 * headless launch with a throwaway profile, and waits that work under the app's CSP.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { type BrowserContext, chromium, type Page } from "playwright-core";

/** Where .ci/run's apt install puts it (never a downloaded browser build). */
export const CHROMIUM = "/usr/bin/chromium";

/** False when Chromium is not installed: the browser tests then skip, saying so. */
export const available = existsSync(CHROMIUM);

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A headless Chromium with a fresh, empty user-data-dir (removed on close). */
export async function launch(): Promise<{ browser: BrowserContext; close: () => Promise<void> }> {
  const profile = await Deno.makeTempDir({ prefix: "lmeter-chromium-" });
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      await Deno.remove(profile, { recursive: true }).catch(() => {});
    },
  };
}

/** Waits until the app's page has rendered (`#app[data-ready="1"]`). */
export async function ready(page: Page): Promise<void> {
  await page.waitForSelector('#app[data-ready="1"]', { timeout: 15000 });
}

/** Waits (up to `seconds`, default 15) until the JavaScript expression `expr` is true in the page. */
export async function until(page: Page, expr: string, seconds = 15): Promise<void> {
  // page.evaluate runs outside the page's CSP; waitForFunction would need 'unsafe-eval'.
  for (let i = 0; i < seconds * 20; i++) {
    if (await page.evaluate(expr)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for: ${expr}`);
}
