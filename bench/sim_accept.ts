/**
 * The simulator alone at high concurrency: how many streams it holds at once when the client is
 * as cheap as a client can be. A bare loop (HTTP/1.1 written by hand on `Deno.connect`, reading
 * until `[DONE]`, no parsing) opens `P` connections at once and sends one request on each, against
 * the simulator in a thread of this process with `bench:stress`'s timing (TTFT 50 ms, ITL 20 ms,
 * 20 tokens). Prints how long connecting and writing all of them took, the requests in flight
 * (max and time-weighted mean, from write to `[DONE]`) and when the first and last streams ended.
 * When even this client cannot hold `P` streams, the limit is the simulator or the machine, not
 * lmeter.
 *
 * Usage: deno run -A bench/sim_accept.ts [--levels 1000,5000] [--rounds 2]
 *
 * @module
 */
import { parseArgs } from "node:util";
import { simEndpoints, startSimulatorThread } from "./perf_setup.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    levels: { type: "string", default: "1000,5000" },
    rounds: { type: "string", default: "2" },
  },
});
const levels = String(values.levels).split(",").map(Number).filter((n) => n > 0);
const rounds = Math.max(1, Number(values.rounds));

const sim = await startSimulatorThread({ ttftMs: 50, itlMs: 20, loremTokens: 20, seed: 1 });
const url = new URL(simEndpoints(sim).chat);
const body = JSON.stringify({
  model: "lmeter-sim",
  stream: true,
  max_tokens: 20,
  messages: [{ role: "user", content: "hi" }],
});
const request = new TextEncoder().encode(
  `POST ${url.pathname} HTTP/1.1\r\nhost: ${url.host}\r\ncontent-type: application/json\r\n` +
    `content-length: ${body.length}\r\n\r\n${body}`,
);

/** In-flight bookkeeping: +1 at each write, -1 at each end, integrated over time. */
class InFlight {
  n = 0;
  max = 0;
  #area = 0;
  #last = performance.now();
  #first = Infinity;
  change(d: number): void {
    const now = performance.now();
    if (this.n > 0) this.#area += this.n * (now - this.#last);
    this.#first = Math.min(this.#first, now);
    this.#last = now;
    this.n += d;
    this.max = Math.max(this.max, this.n);
  }
  mean(): number {
    return this.#area / Math.max(1e-9, this.#last - this.#first);
  }
}

async function stream(flight: InFlight, marks: { written: number[]; ended: number[] }) {
  const conn = await Deno.connect({ hostname: url.hostname, port: Number(url.port) });
  try {
    await conn.write(request);
    flight.change(+1);
    marks.written.push(performance.now());
    const buf = new Uint8Array(16384);
    const dec = new TextDecoder();
    let tail = "";
    for (;;) {
      const n = await conn.read(buf);
      if (n === null) break;
      tail = (tail + dec.decode(buf.subarray(0, n), { stream: true })).slice(-64);
      if (tail.includes("[DONE]")) break;
    }
  } finally {
    flight.change(-1);
    marks.ended.push(performance.now());
    conn.close();
  }
}

console.log(
  "| streams | round | all written (ms) | in flight: max | time-weighted mean | first end (ms) | last end (ms) | failed |",
);
console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");
try {
  for (const p of levels) {
    for (let round = 1; round <= rounds; round++) {
      const flight = new InFlight();
      const marks = { written: [] as number[], ended: [] as number[] };
      const t0 = performance.now();
      const results = await Promise.allSettled(
        Array.from({ length: p }, () => stream(flight, marks)),
      );
      const failed = results.filter((r) => r.status === "rejected").length;
      const rel = (v: number[], f: (...x: number[]) => number) =>
        v.length ? (f(...v) - t0).toFixed(0) : "-";
      console.log(
        `| ${p} | ${round} | ${rel(marks.written, Math.max)} | ${flight.max} | ${
          flight.mean().toFixed(1)
        } | ${rel(marks.ended, Math.min)} | ${rel(marks.ended, Math.max)} | ${failed} |`,
      );
    }
  }
} finally {
  await sim.close();
}
