import assert from "node:assert/strict";
import { ByteBpe } from "./byte_bpe.ts";

const bytes = (s: string) => new TextEncoder().encode(s);
const b64 = (s: string) => btoa(s);

/** A rank list in tiktoken's compressed form: `name first-rank token…` per line. */
function rankList(lines: { first: number; tokens: string[] }[]): string {
  return lines.map((l) => ["x", String(l.first), ...l.tokens.map(b64)].join(" ")).join("\n");
}

Deno.test("ByteBpe.fromTiktokenRanks() reads ranks across lines and finds each token's bytes", () => {
  const bpe = ByteBpe.fromTiktokenRanks(
    rankList([{ first: 3, tokens: ["ab", "abc"] }, { first: 0, tokens: ["a", "b", "c"] }]) + "\n",
  );
  assert.equal(bpe.size, 5);
  assert.equal(bpe.rank(bytes("a")), 0);
  assert.equal(bpe.rank(bytes("c")), 2);
  assert.equal(bpe.rank(bytes("ab")), 3);
  assert.equal(bpe.rank(bytes("abc")), 4);
  assert.equal(bpe.rank(bytes("bc")), -1);
  assert.equal(bpe.rank(bytes("xabcx"), 1, 4), 4);
  assert.deepEqual(bpe.tokenBytes(4), bytes("abc"));
  assert.equal(bpe.tokenBytes(5), undefined);
  assert.equal(bpe.tokenBytes(-1), undefined);
});

Deno.test("ByteBpe.encode() merges the lowest-ranked pair first, the leftmost on a tie", () => {
  // "aaa": pairs (a,a) and (a,a) tie; the left one merges, giving [aa, a].
  const bpe = ByteBpe.fromTiktokenRanks(rankList([{ first: 0, tokens: ["a", "b", "aa", "ab"] }]));
  assert.deepEqual(bpe.encode(bytes("aaa")), [2, 0]);
  // "aab": (a,a)=2 beats (a,b)=3, so [aa, b] and not [a, ab].
  assert.deepEqual(bpe.encode(bytes("aab")), [2, 1]);
  // A whole token needs no merge; bytes without a token are dropped, as js-tiktoken does.
  assert.deepEqual(bpe.encode(bytes("ab")), [3]);
  assert.deepEqual(bpe.encode(bytes("azb")), [0, 1]);
  assert.deepEqual(bpe.encode(new Uint8Array(0)), []);
});

Deno.test("ByteBpe.fromTiktokenRanks() refuses a repeated or missing rank", () => {
  assert.throws(
    () => ByteBpe.fromTiktokenRanks(rankList([{ first: 1, tokens: ["a", "b"] }])),
    /rank 2 is missing or repeated/,
  );
  assert.throws(
    () =>
      ByteBpe.fromTiktokenRanks(
        rankList([{ first: 1, tokens: ["a"] }, { first: 1, tokens: ["b"] }]),
      ),
    /rank 1 is missing or repeated/,
  );
});
