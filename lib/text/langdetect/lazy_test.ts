/**
 * Importing langdetect costs no profile parsing: the 55 profiles are parsed on the first
 * detection. Run in a fresh process, so no other test has detected anything yet.
 */
import assert from "node:assert/strict";

Deno.test("the profiles are parsed on the first detection, not on import", async () => {
  const dir = new URL(".", import.meta.url).href;
  const script = `
    const { detectLanguage } = await import("${dir}mod.ts");
    const { profilesLoaded } = await import("${dir}profiles.ts");
    const before = profilesLoaded();
    const lang = detectLanguage("Ceci est une phrase en français.");
    console.log(JSON.stringify([before, lang, profilesLoaded()]));
  `;
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["eval", script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
  assert.deepEqual(JSON.parse(new TextDecoder().decode(r.stdout)), [false, "fr", true]);
});
