/**
 * The app's request handler (no listening here, so tests call it directly): read-only routes,
 * the Host check on loopback, the access token, the embedded assets, the JSON API, `/files/`,
 * and the followed service's jobs under `/api/service/`.
 *
 * @module
 */
import { APP_JS, KATEX_CSS, UPLOT_CSS } from "../../report/html/assets_gen.ts";
import type { Lang } from "../../report/html/i18n.ts";
import { REPORT_CSS } from "../../report/html/style.ts";
import { OutsideRootError, type SafeFs } from "../../results/read/mod.ts";
import { apiRoute, BadRequest } from "./api.ts";
import { serveFile } from "./files.ts";
import { json } from "./json.ts";
import { indexHtml } from "./index_html.ts";
import { NotFound, RunIndex } from "./run_index.ts";
import { serviceJobsRoute, type ServiceLink } from "./service_jobs.ts";
import {
  APP_CSP,
  BASE_HEADERS,
  hostAllowed,
  requestToken,
  sameToken,
  TOKEN_COOKIE,
} from "./security.ts";

/** Options of {@linkcode createAppHandler}. */
export interface AppHandlerOptions {
  fs: SafeFs;
  lang: Lang;
  /** Required on every request when set (Bearer header, cookie, or `?token=` once). */
  authToken?: string;
  /** When the server listens on loopback, requests must name a loopback host on this port. */
  loopbackPort?: number;
  /** A running `lmeter service` the Jobs page follows (`lmeter app --service`). */
  service?: ServiceLink;
}

const APP_CSS = [REPORT_CSS, UPLOT_CSS, KATEX_CSS].join("\n");

function plain(status: number, body: string, extra: Record<string, string> = {}): Response {
  return new Response(body + "\n", {
    status,
    headers: { ...BASE_HEADERS, "content-type": "text/plain; charset=utf-8", ...extra },
  });
}

function asset(body: string, type: string): Response {
  return new Response(body, {
    headers: { ...BASE_HEADERS, "content-type": type, "cache-control": "no-cache" },
  });
}

/** Builds the handler for `Deno.serve`. */
export function createAppHandler(options: AppHandlerOptions): (req: Request) => Promise<Response> {
  const index = new RunIndex(options.fs);
  const page = indexHtml(options.lang, { service: options.service !== undefined });
  return async (req: Request): Promise<Response> => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      return plain(405, "Method not allowed: lmeter app is read-only.", { allow: "GET, HEAD" });
    }
    if (
      options.loopbackPort !== undefined &&
      !hostAllowed(req.headers.get("host"), options.loopbackPort)
    ) {
      return plain(421, "Misdirected request: this server answers to 127.0.0.1 / localhost only.");
    }
    const url = new URL(req.url);
    if (options.authToken) {
      const given = url.searchParams.get("token");
      if (given !== null && sameToken(given, options.authToken)) {
        return new Response(null, {
          status: 303,
          headers: {
            ...BASE_HEADERS,
            location: url.pathname + url.hash,
            "set-cookie": `${TOKEN_COOKIE}=${
              encodeURIComponent(given)
            }; HttpOnly; SameSite=Strict; Path=/`,
          },
        });
      }
      const token = requestToken(req);
      if (token === null || !sameToken(token, options.authToken)) {
        return plain(
          401,
          "Unauthorized: open the address printed by 'lmeter app' (it ends with ?token=…), or send 'Authorization: Bearer <token>'.",
        );
      }
    }
    const path = url.pathname;
    if (path === "/" || path === "/index.html") {
      return new Response(req.method === "HEAD" ? null : page, {
        headers: {
          ...BASE_HEADERS,
          "content-type": "text/html; charset=utf-8",
          "content-security-policy": APP_CSP,
          "cache-control": "no-cache",
        },
      });
    }
    if (path === "/assets/app.js") return asset(APP_JS, "text/javascript; charset=utf-8");
    if (path === "/assets/app.css") return asset(APP_CSS, "text/css; charset=utf-8");
    if (path.startsWith("/files/")) {
      return await serveFile(options.fs, path.slice("/files/".length), req.method === "HEAD");
    }
    if (path.startsWith("/api/service/")) {
      return await serviceJobsRoute(options.service, req, path);
    }
    if (path.startsWith("/api/")) {
      try {
        return json(200, await apiRoute({ index, lang: options.lang }, path, url.searchParams));
      } catch (e) {
        if (e instanceof NotFound) return json(404, { error: e.message });
        if (e instanceof BadRequest) return json(400, { error: e.message });
        if (e instanceof OutsideRootError) return json(403, { error: e.message });
        return json(500, { error: e instanceof Error ? e.message : String(e) });
      }
    }
    return plain(404, "Not found.");
  };
}
