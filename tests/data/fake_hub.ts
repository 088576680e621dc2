/**
 * A local server on 127.0.0.1 that answers like the Hugging Face and ModelScope dataset APIs
 * (listing and file URLs), for offline download tests.
 *
 * @module
 */
import { createHash } from "node:crypto";
import type { DataSettings, Hub } from "../../lib/data/mod.ts";

/** One repository the fake hub serves. */
export interface FakeRepo {
  hub: Hub;
  repoId: string;
  /** Default `main` (Hugging Face) / `master` (ModelScope). */
  revision?: string;
  files: Record<string, string | Uint8Array>;
}

/** Misbehaviours to test error handling. */
export interface FakeHubOptions {
  repos: FakeRepo[];
  /** Hugging Face listing page size (pages chained with `Link: <…>; rel="next"`). */
  hfPageSize?: number;
  /** ModelScope pages are as the client asks; this caps them to force several pages. */
  msMaxPageSize?: number;
  /** File path → bytes sent before the connection is dropped. */
  cutAfter?: Record<string, number>;
  /** File path → delay in ms between 1 KiB chunks. */
  slow?: Record<string, number>;
  /** File path → HTTP status to answer downloads with. */
  status?: Record<string, number>;
  /** File paths served with a flipped byte (same length, wrong sha256). */
  corrupt?: string[];
}

/** A running fake hub. */
export interface FakeHub {
  url: string;
  /** Every request path+query received, in order. */
  requests: string[];
  /** Bytes of file bodies sent so far. */
  bytesSent(): number;
  /** Settings pointing both hubs at this server, with the given cache folder. */
  settings(cacheDir: string, extra?: Partial<DataSettings>): DataSettings;
  close(): Promise<void>;
}

const MS_IDS = new Map<string, number>();

/** Starts the fake hub on a free port of 127.0.0.1. */
export function startFakeHub(options: FakeHubOptions): FakeHub {
  const requests: string[] = [];
  let sent = 0;
  const repo = (hub: Hub, repoId: string) =>
    options.repos.find((r) => r.hub === hub && r.repoId === repoId);
  const bytesOf = (v: string | Uint8Array) =>
    typeof v === "string" ? new TextEncoder().encode(v) : v;

  const serveFile = (r: FakeRepo, path: string): Response => {
    const content = r.files[path];
    if (content === undefined) return Response.json({ error: "Entry not found" }, { status: 404 });
    const status = options.status?.[path];
    if (status) return new Response("no", { status });
    let bytes = bytesOf(content);
    if (options.corrupt?.includes(path)) {
      bytes = bytes.slice();
      bytes[0] ^= 1;
    }
    const cut = options.cutAfter?.[path];
    const delay = options.slow?.[path] ?? 0;
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        for (let off = 0; off < bytes.length; off += 1024) {
          const end = Math.min(off + 1024, bytes.length);
          if (cut !== undefined && end > cut) {
            if (cut > off) {
              controller.enqueue(bytes.slice(off, cut));
              sent += cut - off;
            }
            await new Promise((r) => setTimeout(r, 20));
            controller.close(); // short of content-length: the server drops the connection
            return;
          }
          controller.enqueue(bytes.slice(off, end));
          sent += end - off;
          if (delay) await new Promise((r) => setTimeout(r, delay));
        }
        controller.close();
      },
    });
    return new Response(body, {
      headers: {
        "content-length": String(bytes.length),
        "content-type": "application/octet-stream",
      },
    });
  };

  const listing = (r: FakeRepo) =>
    Object.entries(r.files).map(([path, v]) => {
      const bytes = bytesOf(v);
      return { path, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
    });

  const handler = (req: Request): Response => {
    const url = new URL(req.url);
    requests.push(url.pathname + url.search);
    const p = url.pathname;
    let m: RegExpExecArray | null;
    // Hugging Face listing
    if ((m = /^\/api\/datasets\/(.+)\/tree\/([^/]+)$/.exec(p))) {
      const r = repo("huggingface", m[1]);
      const rev = decodeURIComponent(m[2]);
      if (!r || rev !== (r.revision ?? "main")) {
        return Response.json({ error: "Repository not found" }, { status: 404 });
      }
      const all = listing(r).map((f) => ({
        type: "file",
        oid: "0".repeat(40),
        size: f.size,
        path: f.path,
        ...(f.path.endsWith(".parquet") ? { lfs: { oid: f.sha256, size: f.size } } : {}),
      }));
      const dirs = [...new Set(all.map((f) => f.path.split("/").slice(0, -1).join("/")))]
        .filter((d) => d !== "").map((d) => ({
          type: "directory",
          oid: "1".repeat(40),
          size: 0,
          path: d,
        }));
      const items = [...dirs, ...all];
      const size = options.hfPageSize ?? items.length;
      const cursor = Number(url.searchParams.get("cursor") ?? 0);
      const page = items.slice(cursor, cursor + size);
      const headers = new Headers();
      if (cursor + size < items.length) {
        const next = new URL(url);
        next.searchParams.set("cursor", String(cursor + size));
        headers.set("link", `<${next}>; rel="next"`);
      }
      return Response.json(page, { headers });
    }
    // Hugging Face file: redirect to a "CDN" path, as the real hub does for LFS files
    if ((m = /^\/datasets\/(.+?)\/resolve\/([^/]+)\/(.+)$/.exec(p))) {
      const r = repo("huggingface", m[1]);
      const path = m[3].split("/").map(decodeURIComponent).join("/");
      if (!r || decodeURIComponent(m[2]) !== (r.revision ?? "main")) {
        return Response.json({ error: "Repository not found" }, { status: 404 });
      }
      if (r.files[path] === undefined) {
        return Response.json({ error: "Entry not found" }, { status: 404 });
      }
      return Response.redirect(new URL(`/cdn/${m[1]}/${m[3]}`, url), 302);
    }
    if ((m = /^\/cdn\/([^/]+\/[^/]+)\/(.+)$/.exec(p))) {
      const r = repo("huggingface", m[1]);
      const path = m[2].split("/").map(decodeURIComponent).join("/");
      return r ? serveFile(r, path) : new Response("gone", { status: 404 });
    }
    // ModelScope listing by numeric id
    if ((m = /^\/api\/v1\/datasets\/(\d+)\/repo\/tree$/.exec(p))) {
      const id = Number(m[1]);
      const r = options.repos.find((x) => x.hub === "modelscope" && msId(x.repoId) === id);
      const rev = url.searchParams.get("Revision");
      if (!r || rev !== (r.revision ?? "master") || url.searchParams.get("Recursive") !== "True") {
        return Response.json({
          Code: 10010205001,
          Message: "revision not found",
          Data: null,
          Success: false,
        });
      }
      const size = Math.min(
        Number(url.searchParams.get("PageSize") ?? 100),
        options.msMaxPageSize ?? Infinity,
      );
      const number = Number(url.searchParams.get("PageNumber") ?? 1);
      const files = listing(r).map((f) => ({
        Name: f.path.split("/").pop(),
        Path: f.path,
        Type: "blob",
        Size: f.size,
        Sha256: f.sha256,
        Revision: "abc",
      }));
      const dirs = [...new Set(files.map((f) => f.Path.split("/").slice(0, -1).join("/")))]
        .filter((d) => d !== "").map((d) => ({ Name: d, Path: d, Type: "tree", Size: 0 }));
      const all = [...dirs, ...files];
      const page = all.slice((number - 1) * size, number * size);
      return Response.json({ Code: 200, Data: { Files: page }, Message: "success", Success: true });
    }
    // ModelScope file
    if ((m = /^\/api\/v1\/datasets\/([^/]+\/[^/]+)\/repo$/.exec(p))) {
      const r = repo("modelscope", m[1]);
      const path = url.searchParams.get("FilePath") ?? "";
      if (!r || url.searchParams.get("Revision") !== (r.revision ?? "master")) {
        return Response.json({ Code: 404, Message: "not found", Success: false }, { status: 404 });
      }
      return serveFile(r, path);
    }
    // ModelScope dataset info
    if ((m = /^\/api\/v1\/datasets\/([^/]+\/[^/]+)$/.exec(p))) {
      const r = repo("modelscope", m[1]);
      if (!r) {
        return Response.json({
          Code: 10010205001,
          Message: "dataset not found",
          Data: null,
          Success: false,
        }, {
          status: 404,
        });
      }
      return Response.json({
        Code: 200,
        Data: { Id: msId(r.repoId), Type: 0, Name: r.repoId },
        Success: true,
      });
    }
    return new Response("unknown route", { status: 404 });
  };

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, handler);
  const url = `http://127.0.0.1:${server.addr.port}`;
  return {
    url,
    requests,
    bytesSent: () => sent,
    settings: (cacheDir, extra = {}) => ({
      cacheDir,
      hfEndpoint: url,
      msEndpoint: url,
      offline: false,
      ...extra,
    }),
    close: async () => {
      await server.shutdown();
    },
  };
}

function msId(repoId: string): number {
  let id = MS_IDS.get(repoId);
  if (id === undefined) {
    id = 1000 + MS_IDS.size;
    MS_IDS.set(repoId, id);
  }
  return id;
}

/** A free TCP port on 127.0.0.1 with nothing listening (for "unreachable" tests). */
export function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}
