/**
 * A minimal POSIX ustar writer and reader for lmeter's dataset bundles: regular files and their
 * folders, names up to 255 bytes (prefix + name), no links or extended headers. The reader
 * checks every header's checksum and yields one file at a time, so a bundle is never held in
 * memory whole. gzip is Deno's built-in `CompressionStream` / `DecompressionStream`.
 *
 * @module
 */
import { concatBytes } from "../../util/bytes.ts";

const BLOCK = 512;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** One file of an archive. */
export interface TarFile {
  /** Relative path with `/` separators. */
  path: string;
  data: Uint8Array<ArrayBuffer>;
}

/** The 512-byte ustar header of a regular file (mode 0644, mtime 0: archives are reproducible). */
export function tarHeader(path: string, size: number): Uint8Array<ArrayBuffer> {
  const header = new Uint8Array(BLOCK);
  const [prefix, name] = splitName(path);
  const put = (offset: number, length: number, text: string) => {
    const bytes = encoder.encode(text);
    if (bytes.length > length) {
      throw new Error(`Cannot write ${path} to a tar archive: field too long`);
    }
    header.set(bytes, offset);
  };
  const octal = (offset: number, length: number, value: number) =>
    put(offset, length, value.toString(8).padStart(length - 1, "0") + "\0");
  put(0, 100, name);
  octal(100, 8, 0o644);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, size);
  octal(136, 12, 0);
  header.fill(0x20, 148, 156); // the checksum counts its own field as spaces
  put(156, 1, "0");
  put(257, 6, "ustar\0");
  put(263, 2, "00");
  put(345, 155, prefix);
  let sum = 0;
  for (const b of header) sum += b;
  put(148, 8, sum.toString(8).padStart(6, "0") + "\0 ");
  return header;
}

/** Splits a path into ustar's prefix (≤155 bytes) and name (≤100 bytes) at a `/`. */
function splitName(path: string): [string, string] {
  if (encoder.encode(path).length <= 100) return ["", path];
  for (let i = path.indexOf("/"); i > 0; i = path.indexOf("/", i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (encoder.encode(prefix).length <= 155 && encoder.encode(name).length <= 100) {
      return [prefix, name];
    }
  }
  throw new Error(`Cannot write ${path} to a tar archive: the path is longer than ustar allows`);
}

/** The tar stream of `files`, in their order, ending with the two zero blocks. */
export function tarStream(
  files: AsyncIterable<TarFile> | Iterable<TarFile>,
): ReadableStream<Uint8Array<ArrayBuffer>> {
  return ReadableStream.from((async function* () {
    for await (const f of files) {
      yield tarHeader(f.path, f.data.length);
      yield f.data;
      const pad = (BLOCK - (f.data.length % BLOCK)) % BLOCK;
      if (pad > 0) yield new Uint8Array(pad);
    }
    yield new Uint8Array(2 * BLOCK);
  })());
}

/**
 * The regular files of a tar stream, one at a time, with their checksums verified. Folders are
 * skipped; any other entry type, a bad checksum or a cut archive throws.
 */
export async function* readTar(stream: ReadableStream<Uint8Array>): AsyncGenerator<TarFile> {
  const reader = stream.getReader();
  let buffer: Uint8Array<ArrayBuffer> = new Uint8Array(0);
  let done = false;
  /** Reads until `n` bytes are buffered; false when the stream ends first. */
  const fill = async (n: number): Promise<boolean> => {
    while (buffer.length < n && !done) {
      const r = await reader.read();
      if (r.done) done = true;
      else {
        buffer = concatBytes([buffer, r.value]);
      }
    }
    return buffer.length >= n;
  };
  const take = (n: number): Uint8Array<ArrayBuffer> => {
    const out = buffer.slice(0, n);
    buffer = buffer.subarray(n);
    return out;
  };
  try {
    while (true) {
      if (!(await fill(BLOCK))) throw new Error("the archive ends before its end marker");
      const header = take(BLOCK);
      if (header.every((b) => b === 0)) return;
      const field = (offset: number, length: number) => {
        const bytes = header.subarray(offset, offset + length);
        const end = bytes.indexOf(0);
        return decoder.decode(end < 0 ? bytes : bytes.subarray(0, end));
      };
      const stored = parseInt(field(148, 8).trim(), 8);
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
      if (stored !== sum) throw new Error("a header's checksum is wrong (not a tar archive?)");
      const size = parseInt(field(124, 12).trim() || "0", 8);
      const type = field(156, 1) || "0";
      const prefix = field(345, 155);
      const path = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
      const padded = size + ((BLOCK - (size % BLOCK)) % BLOCK);
      if (!(await fill(padded))) throw new Error(`the archive is cut inside ${path}`);
      const data = take(padded).subarray(0, size);
      if (type === "5") continue;
      if (type !== "0") throw new Error(`${path} is not a regular file (type ${type})`);
      yield { path, data };
    }
  } finally {
    reader.releaseLock();
    await stream.cancel().catch(() => {});
  }
}
