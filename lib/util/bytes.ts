/**
 * Byte arrays: one concatenation for every place that joins chunks (HTTP bodies, JSONL carries,
 * PNG chunks, TensorBoard records, tar buffers), and one base64 encoding of bytes.
 *
 * @module
 */

/** The bytes of `parts` one after another, in a new array (a single part is returned as is). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  if (parts.length === 1 && parts[0].buffer instanceof ArrayBuffer) {
    return parts[0] as Uint8Array<ArrayBuffer>;
  }
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** `bytes` in standard base64 (with padding), e.g. for `data:` URLs and JSON fields. */
export function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}
