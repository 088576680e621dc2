/**
 * Line-level access to JSONL files: a scan that reports each line's byte offset, and a reader
 * of one line by offset. Files of any size are read in 1 MiB chunks.
 *
 * @module
 */
import { concatBytes } from "../../util/bytes.ts";

const CHUNK = 1 << 20;

/** Calls `onLine(bytes, offset)` for every non-empty line of `file` (without the newline). */
export async function scanLines(
  file: Deno.FsFile,
  onLine: (bytes: Uint8Array, offset: number) => void,
): Promise<void> {
  await file.seek(0, Deno.SeekMode.Start);
  let carry: Uint8Array = new Uint8Array(0);
  let carryOffset = 0;
  const buf = new Uint8Array(CHUNK);
  let position = 0;
  while (true) {
    const n = await file.read(buf);
    if (n === null) break;
    const chunk = buf.subarray(0, n);
    let start = 0;
    for (let i = 0; i < n; i++) {
      if (chunk[i] !== 0x0a) continue;
      const piece = chunk.subarray(start, i);
      if (carry.length > 0) {
        const line = concatBytes([carry, piece]);
        if (line.length > 0) onLine(line, carryOffset);
        carry = new Uint8Array(0);
      } else if (piece.length > 0) {
        onLine(piece, position + start);
      }
      start = i + 1;
    }
    if (start < n) {
      if (carry.length === 0) carryOffset = position + start;
      carry = concatBytes([carry, chunk.subarray(start)]);
    }
    position += n;
  }
  if (carry.length > 0) onLine(carry, carryOffset);
}

/** Reads `length` bytes at `offset` and parses them as JSON; null when not JSON. */
export async function readJsonAt(
  file: Deno.FsFile,
  offset: number,
  length: number,
): Promise<unknown> {
  const buf = new Uint8Array(length);
  await file.seek(offset, Deno.SeekMode.Start);
  let read = 0;
  while (read < length) {
    const n = await file.read(buf.subarray(read));
    if (n === null) break;
    read += n;
  }
  try {
    return JSON.parse(new TextDecoder().decode(buf.subarray(0, read)));
  } catch {
    return null;
  }
}
