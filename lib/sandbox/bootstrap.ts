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
 * bwrap and docker); an empty `<dir>` makes a private temporary folder (the local engine). The
 * header is a list of fields, each `<byte length>\n<bytes>`: the argument vector's length and its
 * items (none for Python source), the length of `sys.argv[1:]` and its items, the number of files
 * and each file's name and text. It imports nothing beyond what Python starts with (json alone
 * would cost more than the sandbox).
 */
export const BOOTSTRAP = [
  "import os, sys",
  "def take(n):",
  "    b = bytearray()",
  "    while len(b) < n:",
  "        c = os.read(0, n - len(b))",
  "        if not c: sys.exit('lmeter sandbox: the program was cut short on stdin')",
  "        b += c",
  "    return bytes(b)",
  "def field():",
  "    h = b''",
  "    while not h.endswith(b'\\n'):",
  "        c = os.read(0, 1)",
  "        if not c: sys.exit('lmeter sandbox: no program on stdin')",
  "        h += c",
  "    return take(int(h)).decode('utf-8')",
  "def items():",
  "    return [field() for _ in range(int(field()))]",
  "argv = items()",
  "args = items()",
  "files = [(field(), field()) for _ in range(int(field()))]",
  "w = sys.argv[1]",
  "if not w:",
  "    import tempfile, shutil, atexit",
  "    w = tempfile.mkdtemp(prefix='lmeter-sandbox-')",
  "    atexit.register(shutil.rmtree, w, True)",
  "    os.chdir(w)",
  "for name, text in files:",
  "    p = os.path.join(w, name)",
  "    os.makedirs(os.path.dirname(p), exist_ok=True)",
  "    with open(p, 'w', encoding='utf-8') as f: f.write(text)",
  "if argv:",
  "    os.execv(argv[0], argv)",
  "main = os.path.join(w, 'main.py')",
  "sys.argv = [main] + args",
  "sys.path.insert(0, w)",
  "import runpy",
  "try:",
  "    runpy.run_path(main, run_name='__main__')",
  "except (SystemExit, KeyboardInterrupt):",
  "    raise",
  "except BaseException as e:",
  "    # The traceback starts at the program: the bootstrap's and runpy's frames are left out.",
  "    import traceback",
  "    tb = e.__traceback__",
  "    while tb is not None and tb.tb_frame.f_code.co_filename != main:",
  "        tb = tb.tb_next",
  "    traceback.print_exception(type(e), e, tb)",
  "    sys.exit(1)",
].join("\n");

/** The bytes written to the sandbox's stdin: the framed header, then the program's own stdin. */
export function encodeStdin(req: SandboxRequest): Uint8Array {
  const enc = new TextEncoder();
  const files: [string, string][] = Object.entries(req.files ?? {});
  if (req.argv === undefined) files.push(["main.py", req.source ?? ""]);
  // Well-formed pieces (lone surrogates made U+FFFD, as encoding does) keep their byte lengths
  // when joined: two halves of a pair cannot meet across a joint.
  const fields: string[] = [];
  const field = (text: string) => {
    const whole = text.toWellFormed();
    fields.push(`${enc.encode(whole).length}\n`, whole);
  };
  const list = (xs: readonly string[]) => {
    field(String(xs.length));
    xs.forEach(field);
  };
  list(req.argv ?? []);
  list(req.args ?? []);
  field(String(files.length));
  for (const [name, text] of files) {
    field(name);
    field(text);
  }
  fields.push((req.stdin ?? "").toWellFormed());
  return enc.encode(fields.join(""));
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
