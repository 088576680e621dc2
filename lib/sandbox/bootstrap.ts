/**
 * How a program reaches the sandbox without touching the host's disk: the launcher's argument
 * vector is fixed, and the program, its files and its stdin all travel on the sandbox's standard
 * input. A small Python bootstrap inside reads one framed header (`<length>\n<JSON>`), writes the
 * files, then runs the program (in the same interpreter for Python source, by `execv` for an
 * argument vector); what follows the header is left on stdin for the program.
 *
 * @module
 */
import type { SandboxRequest } from "./types.ts";

/**
 * The bootstrap, passed as `python3 -I -c BOOTSTRAP <dir>`: `<dir>` holds the files (`/w` in
 * bwrap and docker); an empty `<dir>` makes a private temporary folder (the local engine).
 */
export const BOOTSTRAP = [
  "import os, sys, json",
  "def take(n):",
  "    b = bytearray()",
  "    while len(b) < n:",
  "        c = os.read(0, n - len(b))",
  "        if not c: break",
  "        b += c",
  "    return bytes(b)",
  "h = b''",
  "while not h.endswith(b'\\n'):",
  "    c = os.read(0, 1)",
  "    if not c: sys.exit('lmeter sandbox: no program on stdin')",
  "    h += c",
  "spec = json.loads(take(int(h)))",
  "w = sys.argv[1]",
  "if not w:",
  "    import tempfile, shutil, atexit",
  "    w = tempfile.mkdtemp(prefix='lmeter-sandbox-')",
  "    atexit.register(shutil.rmtree, w, True)",
  "    os.chdir(w)",
  "for name, text in spec['files'].items():",
  "    p = os.path.join(w, name)",
  "    os.makedirs(os.path.dirname(p), exist_ok=True)",
  "    with open(p, 'w', encoding='utf-8') as f: f.write(text)",
  "if spec['argv']:",
  "    os.execv(spec['argv'][0], spec['argv'])",
  "main = os.path.join(w, 'main.py')",
  "sys.argv = [main] + spec['args']",
  "sys.path.insert(0, w)",
  "import runpy",
  "runpy.run_path(main, run_name='__main__')",
].join("\n");

/** The bytes written to the sandbox's stdin: the framed header, then the program's own stdin. */
export function encodeStdin(req: SandboxRequest): Uint8Array {
  const files: Record<string, string> = { ...req.files };
  if (req.argv === undefined) files["main.py"] = req.source ?? "";
  const header = new TextEncoder().encode(
    JSON.stringify({ files, argv: req.argv ?? null, args: req.args ?? [] }),
  );
  const prefix = new TextEncoder().encode(`${header.length}\n`);
  const rest = new TextEncoder().encode(req.stdin ?? "");
  const out = new Uint8Array(prefix.length + header.length + rest.length);
  out.set(prefix, 0);
  out.set(header, prefix.length);
  out.set(rest, prefix.length + header.length);
  return out;
}

/** Bytes the files folder `/w` needs for the request's files (tmpfs counts whole pages). */
export function filesBytes(req: SandboxRequest): number {
  const page = 4096;
  let total = 16 * page;
  const all = [...Object.values(req.files ?? {}), req.source ?? ""];
  for (const text of all) {
    const n = new TextEncoder().encode(text).length;
    total += Math.ceil(n / page) * page + page;
  }
  return total;
}
