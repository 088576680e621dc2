/**
 * TensorBoard event files (`events.out.tfevents.*`), which W&B (`wandb sync --sync-tensorboard`)
 * and SwanLab (`swanlab convert -t tensorboard`) import: TFRecord framing — a little-endian u64
 * length, the masked CRC32C of those 8 bytes, the record, the masked CRC32C of the record — around
 * protobuf `Event` messages holding scalar summaries. Writer and reader (the reader verifies both
 * CRCs), no dependency. Pure.
 *
 * @module
 */
import { concatBytes } from "../../util/bytes.ts";
import { protoFields, type ProtoValue, ProtoWriter } from "../../util/protobuf.ts";

/** One scalar at one step. */
export interface Scalar {
  tag: string;
  step: number;
  value: number;
  /** Seconds since the epoch. */
  wallTime: number;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32C (Castagnoli) of `bytes`: `crc32c("123456789") = 0xe3069283`. */
export function crc32c(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** TFRecord's masked CRC: the CRC rotated right by 15 bits plus 0xa282ead8. */
export function maskedCrc32c(bytes: Uint8Array): number {
  const c = crc32c(bytes);
  return ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

const encoder = new TextEncoder();

/** The protobuf `Event` of one scalar: wall_time (1), step (2), summary (5) { value (1) { tag (1), simple_value (2) } }. */
export function scalarEvent(s: Scalar): Uint8Array<ArrayBuffer> {
  const value = new ProtoWriter().bytes(1, encoder.encode(s.tag)).float(2, s.value).done();
  const summary = new ProtoWriter().bytes(1, value).done();
  return new ProtoWriter().double(1, s.wallTime).tag(2, 0).varint(s.step).bytes(5, summary).done();
}

/** The first `Event` of every file: wall_time and file_version (3) `brain.Event:2`. */
export function versionEvent(wallTime: number): Uint8Array<ArrayBuffer> {
  return new ProtoWriter().double(1, wallTime).bytes(3, encoder.encode("brain.Event:2")).done();
}

/** One TFRecord around `data`. */
export function tfRecord(data: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(8 + 4 + data.length + 4);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(data.length), true);
  view.setUint32(8, maskedCrc32c(out.subarray(0, 8)), true);
  out.set(data, 12);
  view.setUint32(12 + data.length, maskedCrc32c(data), true);
  return out;
}

/** A whole event file: the version event, then one event per scalar. */
export function eventFile(scalars: readonly Scalar[], wallTime: number): Uint8Array<ArrayBuffer> {
  const records = [
    tfRecord(versionEvent(wallTime)),
    ...scalars.map((s) => tfRecord(scalarEvent(s))),
  ];
  return concatBytes(records);
}

/** What the reader finds in an event file. */
export interface ReadEvents {
  fileVersion: string | null;
  scalars: Scalar[];
}

/** Reads an event file, verifying every record's two CRCs; throws naming the record that fails. */
export function readEventFile(bytes: Uint8Array): ReadEvents {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: ReadEvents = { fileVersion: null, scalars: [] };
  let at = 0;
  for (let record = 0; at < bytes.length; record++) {
    if (at + 12 > bytes.length) throw new Error(`record ${record} is cut`);
    const length = Number(view.getBigUint64(at, true));
    if (view.getUint32(at + 8, true) !== maskedCrc32c(bytes.subarray(at, at + 8))) {
      throw new Error(`record ${record}: the length's CRC is wrong`);
    }
    const data = bytes.subarray(at + 12, at + 12 + length);
    if (data.length !== length || at + 16 + length > bytes.length) {
      throw new Error(`record ${record} is cut`);
    }
    if (view.getUint32(at + 12 + length, true) !== maskedCrc32c(data)) {
      throw new Error(`record ${record}: the data's CRC is wrong`);
    }
    decodeEvent(data, out);
    at += 16 + length;
  }
  return out;
}

function decodeEvent(data: Uint8Array, out: ReadEvents): void {
  const f = protoFields(data);
  const bytesOf = (v: ProtoValue | undefined) => (v instanceof Uint8Array ? v : undefined);
  const wall = bytesOf(f.get(1)?.[0]);
  const wallTime = wall ? new DataView(wall.buffer, wall.byteOffset, 8).getFloat64(0, true) : 0;
  const version = bytesOf(f.get(3)?.[0]);
  if (version) out.fileVersion = new TextDecoder().decode(version);
  const step = Number((f.get(2)?.[0] as bigint | undefined) ?? 0n);
  const summary = bytesOf(f.get(5)?.[0]);
  if (!summary) return;
  for (const v of protoFields(summary).get(1) ?? []) {
    const value = protoFields(v as Uint8Array);
    const tag = new TextDecoder().decode(bytesOf(value.get(1)?.[0]));
    const simple = bytesOf(value.get(2)?.[0]);
    if (!simple) continue;
    const x = new DataView(simple.buffer, simple.byteOffset, 4).getFloat32(0, true);
    out.scalars.push({ tag, step, value: x, wallTime });
  }
}
