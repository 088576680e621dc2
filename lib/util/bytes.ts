/**
 * Byte arrays: one concatenation for every place that joins chunks (HTTP bodies, JSONL carries,
 * PNG chunks, TensorBoard records, tar buffers).
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
