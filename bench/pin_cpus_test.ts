import assert from "node:assert/strict";
import { parseCpuList, splitCpus } from "./pin_cpus.ts";

Deno.test("parseCpuList() reads taskset's lists", () => {
  assert.deepEqual(parseCpuList("0,1"), [0, 1]);
  assert.deepEqual(parseCpuList(" 0-3,6\n"), [0, 1, 2, 3, 6]);
  assert.deepEqual(parseCpuList("5"), [5]);
  assert.throws(() => parseCpuList("0-"), /not a CPU list/);
  assert.throws(() => parseCpuList(""), /not a CPU list/);
});

Deno.test("splitCpus() gives the simulator the last CPU and the client the rest", () => {
  assert.equal(splitCpus([0]), null);
  assert.deepEqual(splitCpus([0, 1]), { sim: 1, client: [0] });
  assert.deepEqual(splitCpus([2, 3, 6]), { sim: 6, client: [2, 3] });
});

// In a process of its own: pinning applies to the whole process, and a test must not pin the
// test runner's threads.
Deno.test("pinApart() pins a running process and its caller apart, and restore() undoes it", async () => {
  const script = `
    import { allowedCpus, pinApart } from ${
    JSON.stringify(new URL("./pin_cpus.ts", import.meta.url).href)
  };
    const sleeper = new Deno.Command("sleep", { args: ["30"] }).spawn();
    try {
      const before = await allowedCpus(Deno.pid);
      const p = await pinApart(sleeper.pid);
      const sim = await allowedCpus(sleeper.pid);
      const self = await allowedCpus(Deno.pid);
      await p.restore();
      const after = await allowedCpus(Deno.pid);
      console.log(JSON.stringify({ before, pinned: p.pinned, note: p.note, sim, self, after }));
    } finally {
      sleeper.kill();
      await sleeper.status;
    }
  `;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--quiet", script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  const r = JSON.parse(text.trim().split("\n").at(-1)!);
  if (typeof r.before === "string") {
    // No taskset here: the benchmark runs unpinned and says why.
    assert.equal(r.pinned, false);
    assert.match(r.note, /^not pinned \(/);
    return;
  }
  if (r.before.length < 2) {
    assert.equal(r.pinned, false);
    assert.equal(r.note, "not pinned (one CPU)");
    return;
  }
  assert.equal(r.pinned, true, r.note);
  assert.deepEqual(r.sim, [r.before.at(-1)]);
  assert.deepEqual(r.self, r.before.slice(0, -1));
  assert.deepEqual(r.after, r.before);
  assert.equal(
    r.note,
    `simulator on CPU ${r.before.at(-1)}, client on CPU ${r.before.slice(0, -1).join(",")}`,
  );
});
