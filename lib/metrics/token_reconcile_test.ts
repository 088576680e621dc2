import assert from "node:assert/strict";
import { times, TokenLedger, type TokenObservation } from "./token_reconcile.ts";

function obs(o: Partial<TokenObservation>): TokenObservation {
  return {
    usagePrompt: 100,
    usageCompletion: 10,
    localPrompt: 100,
    localCompletion: 10,
    targetPrompt: null,
    contentChunks: 10,
    maxTokens: 10,
    exactOutput: false,
    finishReason: "length",
    ...o,
  };
}

Deno.test("TokenLedger agrees silently when usage, tokenizer and chunks match", () => {
  const l = new TokenLedger();
  for (let i = 0; i < 5; i++) l.add(obs({}));
  const r = l.summarize();
  assert.equal(r.requests, 5);
  assert.equal(r.tokensPerChunk, 1);
  assert.deepEqual(r.warnings, []);
});

Deno.test("TokenLedger flags prompt inflation against the dataset's target length", () => {
  const l = new TokenLedger();
  l.add(obs({ targetPrompt: 1000, usagePrompt: 5128 }));
  const r = l.summarize();
  assert.equal(r.promptVsTarget, 5.128);
  assert.match(r.warnings.join("\n"), /meant to be 1000 tokens .* counted as 5128/);
});

Deno.test("TokenLedger flags ignored exact lengths, over-long outputs and multi-token chunks", () => {
  const l = new TokenLedger();
  l.add(obs({ usageCompletion: 43, localCompletion: 43, maxTokens: 512, exactOutput: true }));
  l.add(obs({ usageCompletion: 20, localCompletion: 20, maxTokens: 10, contentChunks: 5 }));
  const r = l.summarize();
  assert.equal(r.shortOfExact, 1);
  assert.equal(r.overMaxTokens, 1);
  assert.equal(r.tokensPerChunk, (43 + 20) / (10 + 5));
  assert.match(r.warnings.join("\n"), /fewer tokens than --max-tokens/);
  assert.match(r.warnings.join("\n"), /more tokens than --max-tokens/);
});

Deno.test("TokenLedger reports responses counted locally because usage was missing", () => {
  const l = new TokenLedger();
  l.add(obs({ usagePrompt: null, usageCompletion: null }));
  const r = l.summarize();
  assert.equal(r.countedLocally, 1);
  assert.match(r.warnings[0], /had no usage/);
});

Deno.test("times() prints a ratio, never the excess", () => {
  assert.equal(times(1024, 506), "2.02×, 202.4%");
  assert.equal(times(512, 256), "2.00×, 200.0%");
  assert.equal(times(1360, 256), "5.31×, 531.3%");
  assert.equal(times(253, 506), "0.50×, 50.0%");
});

Deno.test("TokenLedger's sentences state both counts and their ratio", () => {
  const l = new TokenLedger();
  l.add(obs({ usageCompletion: 1024, localCompletion: 506, usagePrompt: 1360, localPrompt: 256 }));
  l.add(obs({ targetPrompt: 256, usagePrompt: 1360, localPrompt: null, localCompletion: null }));
  const w = l.summarize().warnings.join("\n");
  assert.match(
    w,
    /counts 1024 output tokens where the local tokenizer counts 506 \(2\.02×, 202\.4%\)/,
  );
  assert.match(
    w,
    /counts 1360 prompt tokens where the local tokenizer counts 256 \(5\.31×, 531\.3%\)/,
  );
  assert.match(w, /counted as 1360 by the server \(5\.31×, 531\.3%\)/);
});
