import assert from "node:assert/strict";
import { PickleError, readPickledString } from "./pickle.ts";

const hex = (h: string) => new Uint8Array(h.match(/../g)!.map((b) => parseInt(b, 16)));

// Written by CPython 3.11: pickle.dumps("héllo ✓", protocol=p).hex() for p = 1…5.
const HELLO: Record<number, string> = {
  1: "580a00000068c3a96c6c6f20e29c9371002e",
  2: "8002580a00000068c3a96c6c6f20e29c9371002e",
  3: "8003580a00000068c3a96c6c6f20e29c9371002e",
  4: "8004950e000000000000008c0a68c3a96c6c6f20e29c93942e",
  5: "8005950e000000000000008c0a68c3a96c6c6f20e29c93942e",
};

Deno.test("readPickledString() reads a str pickled at protocols 1 to 5", () => {
  for (const [protocol, h] of Object.entries(HELLO)) {
    assert.equal(readPickledString(hex(h)), "héllo ✓", `protocol ${protocol}`);
  }
});

Deno.test("readPickledString() reads the long forms: BINUNICODE in a frame, unframed, BINUNICODE8", () => {
  // pickle.dumps("a" * 300, protocol=4): FRAME, then BINUNICODE (4-byte length).
  const framed = new Uint8Array(11 + 5 + 300 + 2);
  framed.set(hex("8004953301000000000000582c010000"), 0);
  framed.fill(0x61, 16, 316);
  framed.set(hex("942e"), 316);
  assert.equal(readPickledString(framed), "a".repeat(300));
  // pickle.dumps("b" * 70000, protocol=4): too big for a frame, so no FRAME opcode.
  const big = new Uint8Array(2 + 5 + 70000 + 2);
  big.set(hex("80045870110100"), 0);
  big.fill(0x62, 7, 70007);
  big.set(hex("942e"), 70007);
  assert.equal(readPickledString(big), "b".repeat(70000));
  // BINUNICODE8 (8-byte length), as protocol 4 writes strings over 4 GiB; built by hand.
  assert.equal(readPickledString(hex("80048d0200000000000000c3a9942e")), "é");
});

Deno.test("readPickledString() refuses anything but one string, naming the opcode", () => {
  // pickle.dumps(["x"], protocol=4): EMPTY_LIST (0x5d) is not read.
  assert.throws(
    () => readPickledString(hex("80049508000000000000005d948c017894612e")),
    (e: unknown) => e instanceof PickleError && /opcode 0x5d at byte 11/.test(e.message),
  );
  // Protocol 0 (text opcodes) is not read either.
  assert.throws(() => readPickledString(hex("56780a70300a2e")), PickleError);
  // Cut short, and two strings.
  assert.throws(() => readPickledString(hex("80048c0568c3a9")), /ends at byte 7/);
  assert.throws(() => readPickledString(hex("80048c01618c01622e")), /2 values/);
});
