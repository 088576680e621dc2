/**
 * Reading PNGs back: {@linkcode pngSize} (any PNG's width and height, from its header; the
 * simulator counts image tokens with it) and the test helper {@linkcode decodePng} (the PNGs lmeter
 * writes: 8-bit RGB, unfiltered rows, checking the signature and every chunk's CRC).
 *
 * @module
 */
import { crc32 } from "./png_encode.ts";

const SIGNATURE = "137,80,78,71,13,10,26,10";

/** Width and height from a PNG's IHDR (the first 24 bytes suffice); null when it is not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24 || bytes.subarray(0, 8).join() !== SIGNATURE) return null;
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== "IHDR") return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function fail(message: string): never {
  throw new Error(`decodePng: ${message}`);
}

/** Reads a PNG that encodePng wrote: header fields and pixel bytes (filter bytes removed). */
export async function decodePng(bytes: Uint8Array): Promise<
  { width: number; height: number; depth: number; colour: number; pixels: Uint8Array }
> {
  if (bytes.subarray(0, 8).join() !== SIGNATURE) fail("no PNG signature");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  let header: { width: number; height: number; depth: number; colour: number } | null = null;
  const idat: Uint8Array[] = [];
  while (at < bytes.length) {
    const length = view.getUint32(at);
    const type = new TextDecoder().decode(bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    const crc = view.getUint32(at + 8 + length);
    if (crc !== (crc32(bytes.subarray(at + 4, at + 8 + length)) ^ 0xffffffff) >>> 0) {
      fail(`bad CRC in ${type}`);
    }
    if (type === "IHDR") {
      header = {
        width: view.getUint32(at + 8),
        height: view.getUint32(at + 12),
        depth: data[8],
        colour: data[9],
      };
    }
    if (type === "IDAT") idat.push(data);
    at += 12 + length;
  }
  if (header === null) return fail("no IHDR chunk");
  const stream = new Blob(idat as Uint8Array<ArrayBuffer>[]).stream()
    .pipeThrough(new DecompressionStream("deflate"));
  const rows = new Uint8Array(await new Response(stream).arrayBuffer());
  const stride = header.width * 3;
  const pixels = new Uint8Array(header.height * stride);
  for (let y = 0; y < header.height; y++) {
    if (rows[y * (stride + 1)] !== 0) fail(`row ${y} has a filter (only 0 is read)`);
    pixels.set(rows.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)), y * stride);
  }
  return { ...header, pixels };
}
