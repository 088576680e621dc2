/**
 * A small in-memory KV Connect server for tests: what `Deno.openKv("http://127.0.0.1:P")` needs
 * to read and write, and nothing more. It answers the JSON metadata exchange (protocol version 2,
 * one strongly consistent endpoint `/v2`) when the bearer token is right, then protobuf
 * `snapshot_read` and `atomic_write` (versionstamp checks; set, delete, sum, min, max; expiry).
 * Keys and values are kept as the raw bytes the client sends, ordered bytewise, so no key or V8
 * decoding is needed. Watch and enqueue are refused (lmeter uses neither).
 *
 * The protocol is denokv's `proto/kv-connect.md` and `proto/schema/datapath.proto`; what Deno's
 * client actually sends was checked against this stub (tests/kv/kv_connect_stub_test.ts).
 *
 * @module
 */
import { protoFields, type ProtoValue, ProtoWriter } from "../../lib/util/protobuf.ts";

/** Options of {@linkcode startKvConnectStub}. */
export interface KvConnectStubOptions {
  /** The access token clients must send (`DENO_KV_ACCESS_TOKEN`). Default: a random one. */
  token?: string;
}

/** A running stub. */
export interface KvConnectStub {
  /** The URL to pass to `Deno.openKv` (and `--cache-url`). */
  url: string;
  token: string;
  /** Every request's path, in order (metadata exchanges are `/`). */
  requests: string[];
  /** Keys held (expired ones aside). */
  size(): number;
  /**
   * Makes every data-path request answer with this HTTP status (e.g. 500 for a server in
   * trouble); null answers normally again.
   */
  failWith(status: number | null): void;
  close(): Promise<void>;
}

interface Entry {
  key: Uint8Array;
  value: Uint8Array;
  encoding: number;
  versionstamp: Uint8Array;
  /** Milliseconds since the epoch, or 0 for never. */
  expireAt: number;
}

const DATABASE_ID = "6c6d6574-6572-4b56-8000-000000000001";
const DATA_TOKEN = "stub-data-path-token";
const M_SET = 1, M_DELETE = 2, M_SUM = 3, M_MAX = 4, M_MIN = 5;
const VE_LE64 = 2;
const AW_SUCCESS = 1, AW_CHECK_FAILURE = 2;
const SR_SUCCESS = 1;

/** A refused request: its HTTP status and plain-text message. */
class Refusal extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Starts a stub on 127.0.0.1 (a free port). */
export function startKvConnectStub(options: KvConnectStubOptions = {}): KvConnectStub {
  const token = options.token ?? `kv-stub-${crypto.randomUUID()}`;
  const entries = new Map<string, Entry>();
  const requests: string[] = [];
  let version = 0n;
  let failStatus: number | null = null;

  const live = (e: Entry | undefined) =>
    e && (e.expireAt === 0 || e.expireAt > Date.now()) ? e : undefined;

  const handle = async (req: Request): Promise<Response> => {
    const path = new URL(req.url).pathname;
    requests.push(path);
    const body = new Uint8Array(await req.arrayBuffer());
    const auth = req.headers.get("authorization") ?? "";
    try {
      if (req.method !== "POST") throw new Refusal(405, "KV Connect uses POST");
      if (path.startsWith("/v2/")) {
        if (auth !== `Bearer ${DATA_TOKEN}`) throw new Refusal(401, "invalid data path token");
        if (req.headers.get("x-denokv-database-id") !== DATABASE_ID) {
          throw new Refusal(400, "unknown database id");
        }
        if (failStatus !== null) throw new Refusal(failStatus, "the stub was told to fail");
        if (path === "/v2/snapshot_read") return protobuf(snapshotRead(body));
        if (path === "/v2/atomic_write") return protobuf(atomicWrite(body));
        throw new Refusal(404, `${path} is not supported by this stub`);
      }
      if (auth !== `Bearer ${token}`) throw new Refusal(401, "invalid access token");
      const asked = body.length ? JSON.parse(new TextDecoder().decode(body)) : {};
      const versions: unknown[] = asked.supportedVersions ?? [1];
      if (!versions.includes(2)) throw new Refusal(400, "this stub speaks protocol version 2");
      return Response.json({
        version: 2,
        databaseId: DATABASE_ID,
        endpoints: [{ url: "/v2", consistency: "strong" }],
        token: DATA_TOKEN,
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
    } catch (e) {
      const status = e instanceof Refusal ? e.status : 400;
      return new Response((e as Error).message, { status });
    }
  };

  const snapshotRead = (body: Uint8Array): Uint8Array<ArrayBuffer> => {
    const out = new ProtoWriter();
    for (const raw of protoFields(body).get(1) ?? []) {
      const r = protoFields(bytes(raw));
      const start = bytesField(r, 1);
      const end = bytesField(r, 2);
      const limit = Number(uintField(r, 3));
      const reverse = uintField(r, 4) === 1n;
      if (limit <= 0) throw new Refusal(400, "a read range needs a positive limit");
      const found = [...entries.values()]
        .filter((e) => live(e) && compare(e.key, start) >= 0 && compare(e.key, end) < 0)
        .sort((a, b) => compare(a.key, b.key));
      if (reverse) found.reverse();
      const range = new ProtoWriter();
      for (const e of found.slice(0, limit)) {
        range.bytes(
          1,
          new ProtoWriter().bytes(1, e.key).bytes(2, e.value).uint(3, e.encoding)
            .bytes(4, e.versionstamp).done(),
        );
      }
      out.bytes(1, range.done());
    }
    return out.uint(4, true).uint(8, SR_SUCCESS).done();
  };

  const atomicWrite = (body: Uint8Array): Uint8Array<ArrayBuffer> => {
    const f = protoFields(body);
    if ((f.get(3) ?? []).length > 0) throw new Refusal(400, "enqueue is not supported");
    const failed: number[] = [];
    (f.get(1) ?? []).forEach((raw, i) => {
      const c = protoFields(bytes(raw));
      const held = live(entries.get(hex(bytesField(c, 1))));
      const expected = bytesField(c, 2);
      const ok = expected.length === 0
        ? !held
        : !!held && compare(held.versionstamp, expected) === 0;
      if (!ok) failed.push(i);
    });
    if (failed.length > 0) {
      const packed = new ProtoWriter();
      for (const i of failed) packed.varint(i);
      return new ProtoWriter().uint(1, AW_CHECK_FAILURE).bytes(4, packed.done()).done();
    }
    const mutations = (f.get(2) ?? []).map((raw) => protoFields(bytes(raw)));
    version++;
    const stamp = new Uint8Array(10);
    new DataView(stamp.buffer).setBigUint64(0, version);
    const next = new Map<string, Entry | null>();
    for (const m of mutations) {
      const key = bytesField(m, 1);
      const id = hex(key);
      const type = Number(uintField(m, 3));
      const v = protoFields(bytesField(m, 2));
      const value = bytesField(v, 1);
      const encoding = Number(uintField(v, 2));
      const expireAt = Number(uintField(m, 4));
      if (type === M_DELETE) {
        next.set(id, null);
        continue;
      }
      if (type === M_SET) {
        next.set(id, { key, value, encoding, versionstamp: stamp, expireAt });
        continue;
      }
      if (type !== M_SUM && type !== M_MIN && type !== M_MAX) {
        throw new Refusal(400, `mutation type ${type} is not supported`);
      }
      if (encoding !== VE_LE64 || value.length !== 8) {
        throw new Refusal(400, "sum, min and max need a 64-bit value");
      }
      const before = next.has(id) ? next.get(id) : live(entries.get(id));
      const b = le64(value);
      let result = b;
      if (before) {
        if (before.encoding !== VE_LE64) throw new Refusal(400, "the stored value is not a u64");
        const a = le64(before.value);
        result = type === M_SUM
          ? (a + b) % (1n << 64n)
          : type === M_MIN
          ? (a < b ? a : b)
          : (a > b ? a : b);
      }
      const stored = new Uint8Array(8);
      new DataView(stored.buffer).setBigUint64(0, result, true);
      next.set(id, { key, value: stored, encoding: VE_LE64, versionstamp: stamp, expireAt });
    }
    for (const [id, e] of next) {
      if (e) entries.set(id, e);
      else entries.delete(id);
    }
    return new ProtoWriter().uint(1, AW_SUCCESS).bytes(2, stamp).done();
  };

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, handle);
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    token,
    requests,
    size: () => [...entries.values()].filter((e) => live(e)).length,
    failWith(status) {
      failStatus = status;
    },
    close: () => server.shutdown(),
  };
}

function protobuf(data: Uint8Array<ArrayBuffer>): Response {
  return new Response(data, { headers: { "content-type": "application/x-protobuf" } });
}

function bytes(v: ProtoValue): Uint8Array {
  if (!(v instanceof Uint8Array)) throw new Refusal(400, "a malformed protobuf message");
  return v;
}

function bytesField(f: Map<number, ProtoValue[]>, n: number): Uint8Array {
  const v = f.get(n)?.at(-1);
  return v === undefined ? new Uint8Array() : bytes(v);
}

function uintField(f: Map<number, ProtoValue[]>, n: number): bigint {
  const v = f.get(n)?.at(-1);
  if (v === undefined) return 0n;
  if (typeof v !== "bigint") throw new Refusal(400, "a malformed protobuf message");
  return v;
}

function le64(b: Uint8Array): bigint {
  return new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
}

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

/** Bytewise order (a shorter prefix first), the order of Deno KV keys. */
function compare(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
