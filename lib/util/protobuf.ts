/**
 * The protobuf wire format, by hand: a writer for the few field kinds lmeter emits and a reader
 * that splits a message into its raw fields. No schema, no dependency. Used by the TensorBoard
 * event files and by the KV Connect stub of the tests.
 *
 * @module
 */

/** A raw field value: a varint as a bigint, any other wire type as its bytes. */
export type ProtoValue = bigint | Uint8Array;

/** Writes one protobuf message field by field; `done()` returns the bytes. */
export class ProtoWriter {
  #bytes: number[] = [];

  /** A bare varint (a negative number is written as its 64-bit two's complement). */
  varint(n: number | bigint): this {
    let v = BigInt(n);
    if (v < 0n) v += 1n << 64n;
    do {
      let b = Number(v & 0x7fn);
      v >>= 7n;
      if (v > 0n) b |= 0x80;
      this.#bytes.push(b);
    } while (v > 0n);
    return this;
  }

  /** A field's key: its number and wire type. */
  tag(field: number, wire: number): this {
    return this.varint((field << 3) | wire);
  }

  /** A varint field (integers, booleans, enums). */
  uint(field: number, n: number | bigint | boolean): this {
    return this.tag(field, 0).varint(typeof n === "boolean" ? (n ? 1 : 0) : n);
  }

  /** A length-delimited field (bytes, strings, nested messages, packed repeats). */
  bytes(field: number, data: Uint8Array): this {
    this.tag(field, 2).varint(data.length);
    for (const b of data) this.#bytes.push(b);
    return this;
  }

  /** A little-endian 64-bit float field. */
  double(field: number, v: number): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v, true);
    this.tag(field, 1);
    for (const x of b) this.#bytes.push(x);
    return this;
  }

  /** A little-endian 32-bit float field. */
  float(field: number, v: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    this.tag(field, 5);
    for (const x of b) this.#bytes.push(x);
    return this;
  }

  /** The message written so far. */
  done(): Uint8Array<ArrayBuffer> {
    return Uint8Array.from(this.#bytes);
  }
}

/**
 * The fields of a protobuf message: field number → its values in order (varints as bigint,
 * others as bytes). Throws on a cut message or a wire type protobuf 3 does not use.
 */
export function protoFields(data: Uint8Array): Map<number, ProtoValue[]> {
  const out = new Map<number, ProtoValue[]>();
  let at = 0;
  const take = (n: number): Uint8Array => {
    if (at + n > data.length) throw new Error("the protobuf message is cut");
    return data.subarray(at, at += n);
  };
  const varint = (): bigint => {
    let v = 0n;
    for (let shift = 0n;; shift += 7n) {
      if (at >= data.length) throw new Error("the protobuf message is cut");
      const b = data[at++];
      v |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
  };
  while (at < data.length) {
    const key = Number(varint());
    const [field, wire] = [key >>> 3, key & 7];
    let value: ProtoValue;
    if (wire === 0) value = varint();
    else if (wire === 1) value = take(8);
    else if (wire === 5) value = take(4);
    else if (wire === 2) value = take(Number(varint()));
    else throw new Error(`unsupported protobuf wire type ${wire}`);
    const list = out.get(field);
    if (list) list.push(value);
    else out.set(field, [value]);
  }
  return out;
}
