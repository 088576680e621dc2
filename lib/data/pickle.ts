/**
 * A reader for the one kind of Python pickle datasets ship as an opaque blob: a single `str`
 * (LiveCodeBench's private tests are `pickle.dumps(json.dumps(tests))`, zlib-compressed and
 * base64-encoded). It understands only the opcodes CPython's pickler writes for a string at
 * protocols 1–5 (framing, the unicode opcodes, memo stores) and refuses anything else: a pickle
 * is a program, and this reader runs none of it.
 *
 * @module
 */

/** Opcodes, by their byte (Python's `pickletools` names). */
const PROTO = 0x80;
const FRAME = 0x95;
const SHORT_BINUNICODE = 0x8c;
const BINUNICODE = 0x58; // 'X'
const BINUNICODE8 = 0x8d;
const MEMOIZE = 0x94;
const BINPUT = 0x71; // 'q'
const LONG_BINPUT = 0x72; // 'r'
const STOP = 0x2e; // '.'

/** A pickle this reader cannot read (not a single string, or cut short). */
export class PickleError extends Error {
  /** `message` says what was found and at which byte. */
  constructor(message: string) {
    super(message);
    this.name = "PickleError";
  }
}

/** The string a pickle holds; throws a {@linkcode PickleError} for any other content. */
export function readPickledString(bytes: Uint8Array): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const stack: string[] = [];
  let at = 0;
  const need = (n: number) => {
    if (at + n > bytes.length) {
      throw new PickleError(`pickle ends at byte ${bytes.length}, ${n} more bytes expected`);
    }
  };
  const text = (length: number) => {
    need(length);
    const s = decoder.decode(bytes.subarray(at, at + length));
    at += length;
    return s;
  };
  while (true) {
    need(1);
    const op = bytes[at++];
    switch (op) {
      case PROTO:
        need(1);
        at += 1;
        break;
      case FRAME: // frames only group the bytes that follow; their length needs no check
        need(8);
        at += 8;
        break;
      case SHORT_BINUNICODE: {
        need(1);
        const n = bytes[at++];
        stack.push(text(n));
        break;
      }
      case BINUNICODE: {
        need(4);
        const n = view.getUint32(at, true);
        at += 4;
        stack.push(text(n));
        break;
      }
      case BINUNICODE8: {
        need(8);
        const n = Number(view.getBigUint64(at, true));
        at += 8;
        stack.push(text(n));
        break;
      }
      case MEMOIZE:
        break;
      case BINPUT:
        need(1);
        at += 1;
        break;
      case LONG_BINPUT:
        need(4);
        at += 4;
        break;
      case STOP:
        if (stack.length !== 1) {
          throw new PickleError(`pickle stops with ${stack.length} values, one string expected`);
        }
        return stack[0];
      default:
        throw new PickleError(
          `pickle opcode 0x${op.toString(16).padStart(2, "0")} at byte ${
            at - 1
          } is not supported (only a pickled str is read)`,
        );
    }
  }
}
