/**
 * Keeps a benchmark's client and its simulator on different CPUs (Linux, util-linux's `taskset`):
 * the simulator on the last CPU this process may use, this process on the others.
 *
 * Left to the scheduler, the two processes share a 2-core box as it sees fit, and the client's
 * samples/s moved by ~4% with nothing but the simulator's build changing (docs/PERFORMANCE.md,
 * "eval engine"). Pinned, the client's figure depends on the client.
 *
 * @module
 */

/** How pinning went, for the benchmark's output. */
export interface Pinning {
  pinned: boolean;
  /** e.g. `simulator on CPU 1, client on CPU 0`, or why nothing was pinned. */
  note: string;
  /** Gives this process its CPUs back (nothing to do when nothing was pinned). */
  restore(): Promise<void>;
}

/** The CPUs of a `taskset` list such as `0-3,6`; throws on anything else. */
export function parseCpuList(list: string): number[] {
  const cpus: number[] = [];
  for (const part of list.trim().split(",")) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) throw new Error(`not a CPU list: ${JSON.stringify(list)}`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    for (let c = from; c <= to; c++) cpus.push(c);
  }
  return cpus;
}

/** The simulator's CPU (the last allowed) and the client's (the rest); null with fewer than 2. */
export function splitCpus(allowed: readonly number[]): { sim: number; client: number[] } | null {
  if (allowed.length < 2) return null;
  return { sim: allowed[allowed.length - 1], client: allowed.slice(0, -1) };
}

async function taskset(args: string[]): Promise<{ ok: boolean; text: string }> {
  try {
    const out = await new Deno.Command("taskset", { args, stdout: "piped", stderr: "piped" })
      .output();
    const text = new TextDecoder().decode(out.success ? out.stdout : out.stderr).trim();
    return { ok: out.success, text };
  } catch (e) {
    return { ok: false, text: e instanceof Deno.errors.NotFound ? "no taskset" : String(e) };
  }
}

/** The CPUs process `pid` may run on, or why they cannot be read. */
export async function allowedCpus(pid: number): Promise<number[] | string> {
  const r = await taskset(["-pc", String(pid)]);
  if (!r.ok) return r.text;
  // "pid 123's current affinity list: 0,1"
  try {
    return parseCpuList(r.text.slice(r.text.lastIndexOf(":") + 1));
  } catch {
    return `taskset said ${JSON.stringify(r.text)}`;
  }
}

/** Pins every thread of `simPid` to the last CPU this process may use and this process to the
 * others; new threads inherit their creator's CPUs. Never throws: a box where it cannot pin
 * (not Linux, no `taskset`, one CPU) runs unpinned and says why. */
export async function pinApart(simPid: number): Promise<Pinning> {
  const unpinned = (why: string): Pinning => ({
    pinned: false,
    note: `not pinned (${why})`,
    restore: () => Promise.resolve(),
  });
  if (Deno.build.os !== "linux") return unpinned(`${Deno.build.os}: taskset is Linux's`);
  const allowed = await allowedCpus(Deno.pid);
  if (typeof allowed === "string") return unpinned(allowed);
  const split = splitCpus(allowed);
  if (split === null) return unpinned("one CPU");
  const sim = await taskset(["-apc", String(split.sim), String(simPid)]);
  if (!sim.ok) return unpinned(sim.text);
  const self = await taskset(["-apc", split.client.join(","), String(Deno.pid)]);
  if (!self.ok) return unpinned(self.text);
  return {
    pinned: true,
    note: `simulator on CPU ${split.sim}, client on CPU ${split.client.join(",")}`,
    restore: async () => {
      await taskset(["-apc", allowed.join(","), String(Deno.pid)]);
    },
  };
}
