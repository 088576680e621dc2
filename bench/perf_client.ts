/**
 * Benchmark of lmeter's perf client against the simulator (in its own process, TTFT 0, ITL 0,
 * one SSE event per HTTP chunk like vLLM), side by side with a Python aiohttp client reading the
 * same streams (the stack EvalScope and vLLM's benchmark use). For each concurrency it reports
 * events/s, client CPU µs per event and the TTFT the client measured (the server adds ~0).
 *
 * A multi-turn level (`--multi-turn-conc`, default 64; `--multi-turn-conc 0` skips it) runs twice
 * as many conversations as its concurrency, of `--turns` turns (default 4), each turn sending the
 * whole context with the real replies so far, on both clients.
 *
 * Usage:
 *   deno run -A bench/perf_client.ts [--conc 1,64,256,1024] [--events 500] [--no-python]
 *     [--embeddings 64] (the embeddings level's concurrency; "" skips it)
 *     [--multi-turn-conc 64] [--turns 4] (0 skips the multi-turn level; --conc "" skips the
 *     streaming levels)
 *
 * The embeddings level posts non-streamed `/v1/embeddings` requests (8 inputs of 64 tokens each,
 * `--api openai_embedding --dataset random_embedding_batch` on lmeter's side, one such body on
 * aiohttp's) and reports requests/s and client CPU µs per request: the cost of a request without
 * streamed events.
 *
 * The lmeter side is `runPerfWithOutput()` itself — dispatch, recording, SQLite rows and token
 * reconciliation included — not a stripped-down loop. Results go to docs/PERFORMANCE.md by hand.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { runPerfWithOutput } from "../lib/jobs/perf_job.ts";
import { startSimulator } from "../lib/sim/mod.ts";
import { type SimProcess, startSimProcess } from "./sim_process.ts";
import { configFrom } from "./perf_setup.ts";

/** Requests per concurrency level (each stream carries `--events` tokens). */
const REQUESTS: Record<number, number> = { 1: 40, 64: 128, 256: 256, 1024: 1024 };

/** A client's numbers for one concurrency level. */
interface Row {
  client: string;
  conc: number;
  /** Turns per conversation on a multi-turn level. */
  turns?: number;
  requests: number;
  events: number;
  wallS: number;
  eventsPerS: number;
  cpuUsPerEvent: number;
  avgTtftMs: number;
}

const PY_CLIENT = `
import asyncio, json, resource, sys, time
import aiohttp

async def one(session, url, body, out):
    t0 = time.perf_counter()
    first = None
    n = 0
    text = []
    async with session.post(url, json=body) as resp:
        async for line in resp.content:
            line = line.strip()
            if not line.startswith(b"data:"):
                continue
            data = line[5:].strip()
            if data == b"[DONE]":
                break
            obj = json.loads(data)
            ts = time.perf_counter()
            n += 1
            choices = obj.get("choices")
            if choices:
                if first is None:
                    first = ts - t0
                text.append(choices[0].get("delta", {}).get("content") or "")
    out.append((n, first))
    return "".join(text)

async def conversation(session, url, body, turns, out):
    messages = []
    for t in range(turns):
        messages.append({"role": "user", "content": f"turn {t}"})
        reply = await one(session, url, dict(body, messages=list(messages)), out)
        messages.append({"role": "assistant", "content": reply})

async def main():
    url, conc, nreq, max_tokens = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    turns = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    body = {"model": "m", "messages": [{"role": "user", "content": "hi"}], "max_tokens": max_tokens,
            "min_tokens": max_tokens, "ignore_eos": True, "stream": True,
            "stream_options": {"include_usage": True}}
    out = []
    sem = asyncio.Semaphore(conc)
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=600)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        async def guarded():
            async with sem:
                if turns:
                    await conversation(session, url, body, turns, out)
                else:
                    await one(session, url, body, out)
        r0 = resource.getrusage(resource.RUSAGE_SELF)
        t0 = time.perf_counter()
        await asyncio.gather(*[guarded() for _ in range(nreq // turns if turns else nreq)])
        wall = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_SELF)
    events = sum(n for n, _ in out)
    ttfts = [f for _, f in out if f is not None]
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    print(json.dumps({"events": events, "wall": wall, "cpu": cpu, "ttft": sum(ttfts) / max(1, len(ttfts))}))

asyncio.run(main())
`;

async function serve(events: number): Promise<void> {
  const sim = await startSimulator({
    port: 0,
    ttftMs: 0,
    itlMs: 0,
    loremTokens: events,
    eventsPerWrite: 1,
    maxConnections: 4096,
  });
  await warmSimulator(sim.url, events);
  console.log(`READY ${sim.url}`);
  await new Promise(() => {}); // until killed
}

/**
 * Streams that warm the simulator process before it reports ready (two rounds of 64 at once), so
 * the first level measured does not also measure the simulator's own start: its compiler
 * warm-up and young heap made the first 128 streams ~30% slower to serve than later ones.
 */
async function warmSimulator(url: string, events: number): Promise<void> {
  const body = JSON.stringify({
    model: "m",
    messages: [{ role: "user", content: "hi" }],
    max_tokens: events,
    min_tokens: events,
    stream: true,
    ignore_eos: true,
    stream_options: { include_usage: true },
  });
  for (let round = 0; round < 2; round++) {
    await Promise.all(Array.from({ length: 64 }, async () => {
      const r = await fetch(`${url}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      await r.arrayBuffer();
    }));
  }
}

async function startServerProcess(events: number): Promise<SimProcess> {
  return await startSimProcess(import.meta.filename!, ["--events", String(events)]);
}

async function lmeterRow(
  url: string,
  level: { conc: number; nreq: number; events: number; turns?: number },
): Promise<Row> {
  const { conc, nreq, events, turns } = level;
  const out = await Deno.makeTempDir({ prefix: "lmeter-bench-" });
  // A multi-turn level: nreq / turns conversations of `turns` turns, each turn a 4-token prompt.
  const source = turns
    ? [
      "--multi-turn",
      "--dataset",
      "random_multi_turn",
      "--min-turns",
      String(turns),
      "--max-turns",
      String(turns),
      "--min-prompt-length",
      "4",
      "--max-prompt-length",
      "4",
    ]
    : ["--prompt", "hi"];
  const args = [
    "--model",
    "m",
    "--url",
    `${url}/v1/chat/completions`,
    "--parallel",
    String(conc),
    "--number",
    String(turns ? nreq / turns : nreq),
    "--max-tokens",
    String(events),
    "--min-tokens",
    String(events),
    "--extra-args",
    '{"ignore_eos": true}',
    ...source,
    "--outputs-dir",
    out,
    "--no-calibrate",
    "--no-test-connection",
    "--sleep-interval",
    "0",
  ];
  const config = await configFrom(args, { fast: false });
  const report = await runPerfWithOutput(config, { print: () => {} });
  await Deno.remove(out, { recursive: true });
  const run = report.runs[0];
  const ok = run.summary.success;
  const totalEvents = run.client.events;
  return {
    client: "lmeter (Deno sockets)",
    conc,
    ...(turns ? { turns } : {}),
    requests: ok,
    events: totalEvents,
    wallS: run.summary.durationS,
    eventsPerS: run.client.eventsPerS,
    // Process CPU of the timed phase (the simulator runs in another process).
    cpuUsPerEvent: run.client.cpuUsPerEvent ?? NaN,
    avgTtftMs: run.summary.avgTtftMs ?? NaN,
  };
}

/** Stops early with the fix when the comparison client is missing. */
async function requireAiohttp(): Promise<void> {
  const probe = await new Deno.Command("/usr/bin/python3", {
    args: ["-c", "import aiohttp"],
    stdout: "null",
    stderr: "null",
  }).output().catch(() => ({ success: false }));
  if (!probe.success) {
    console.error(
      "The comparison client needs Debian's Python aiohttp: apt-get install -y python3-aiohttp\n" +
        "(or pass --no-python to measure lmeter alone).",
    );
    Deno.exit(2);
  }
}

async function pythonRow(
  url: string,
  level: { conc: number; nreq: number; events: number; turns?: number },
): Promise<Row> {
  const { conc, nreq, events, turns } = level;
  const args = [`${url}/v1/chat/completions`, String(conc), String(nreq), String(events)];
  const j = await runPython(PY_CLIENT, turns ? [...args, String(turns)] : args);
  return {
    client: "Python aiohttp 3.8",
    conc,
    ...(turns ? { turns } : {}),
    requests: nreq,
    events: j.events,
    wallS: j.wall,
    eventsPerS: j.events / j.wall,
    cpuUsPerEvent: (j.cpu * 1e6) / j.events,
    avgTtftMs: j.ttft * 1000,
  };
}

/** Runs a Python client (Debian's python3) from `source` with `args`; its stdout is one JSON object. */
async function runPython(source: string, args: string[]): Promise<Record<string, number>> {
  const script = await Deno.makeTempFile({ suffix: ".py" });
  await Deno.writeTextFile(script, source);
  try {
    const r = await new Deno.Command("/usr/bin/python3", {
      args: [script, ...args],
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!r.success) throw new Error(new TextDecoder().decode(r.stderr));
    return JSON.parse(new TextDecoder().decode(r.stdout));
  } finally {
    await Deno.remove(script);
  }
}

/** Requests of the embeddings level. */
const EMBEDDING_REQUESTS = 2000;
const EMBEDDING_BATCH = 8;
const EMBEDDING_TOKENS = 64;

/** A client's numbers for the embeddings level. */
interface EmbeddingRow {
  client: string;
  conc: number;
  requests: number;
  wallS: number;
  reqPerS: number;
  cpuUsPerRequest: number;
  avgLatencyMs: number;
}

const PY_EMBEDDINGS = `
import asyncio, json, resource, sys, time
import aiohttp

async def main():
    url, conc, nreq, body = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), json.loads(sys.argv[4])
    lat = []
    sem = asyncio.Semaphore(conc)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        async def one():
            async with sem:
                t0 = time.perf_counter()
                async with session.post(url, json=body) as resp:
                    payload = await resp.json()
                    assert len(payload["data"]) == len(body["input"])
                lat.append(time.perf_counter() - t0)
        r0 = resource.getrusage(resource.RUSAGE_SELF)
        t0 = time.perf_counter()
        await asyncio.gather(*[one() for _ in range(nreq)])
        wall = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    print(json.dumps({"n": len(lat), "wall": wall, "cpu": cpu, "lat": sum(lat) / len(lat)}))

asyncio.run(main())
`;

async function lmeterEmbeddingRow(url: string, conc: number): Promise<EmbeddingRow> {
  const out = await Deno.makeTempDir({ prefix: "lmeter-bench-" });
  const config = await configFrom([
    ...["--api", "openai_embedding", "--model", "m", "--url", `${url}/v1/embeddings`],
    ...["--dataset", "random_embedding_batch", "--seed", "1"],
    ...["--dataset-args", JSON.stringify({ batch_size: EMBEDDING_BATCH })],
    ...["--min-prompt-length", String(EMBEDDING_TOKENS)],
    ...["--max-prompt-length", String(EMBEDDING_TOKENS)],
    ...["--parallel", String(conc), "--number", String(EMBEDDING_REQUESTS)],
    ...["--outputs-dir", out, "--no-calibrate", "--no-test-connection", "--sleep-interval", "0"],
  ], { fast: false });
  const report = await runPerfWithOutput(config, { print: () => {} });
  await Deno.remove(out, { recursive: true });
  const run = report.runs[0];
  return {
    client: "lmeter (Deno sockets)",
    conc,
    requests: run.summary.success,
    wallS: run.summary.durationS,
    reqPerS: run.summary.rps ?? NaN,
    // One non-streamed body is one "event" for the client's counters.
    cpuUsPerRequest: run.client.cpuUsPerEvent ?? NaN,
    avgLatencyMs: (run.summary.avgLatencyS ?? NaN) * 1000,
  };
}

async function pythonEmbeddingRow(url: string, conc: number): Promise<EmbeddingRow> {
  const words = " river".repeat(EMBEDDING_TOKENS);
  const body = { model: "m", input: Array.from({ length: EMBEDDING_BATCH }, () => words) };
  const j = await runPython(PY_EMBEDDINGS, [
    `${url}/v1/embeddings`,
    String(conc),
    String(EMBEDDING_REQUESTS),
    JSON.stringify(body),
  ]);
  return {
    client: "Python aiohttp 3.8",
    conc,
    requests: j.n,
    wallS: j.wall,
    reqPerS: j.n / j.wall,
    cpuUsPerRequest: (j.cpu * 1e6) / j.n,
    avgLatencyMs: j.lat * 1000,
  };
}

function embeddingTable(rows: EmbeddingRow[]): string {
  const lines = [
    "| conc | client | requests | req/s | CPU µs/request | avg latency (ms) | req/s vs aiohttp | CPU/request vs aiohttp |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const r of rows) {
    const py = rows.find((x) => x.conc === r.conc && x.client.startsWith("Python"));
    const vs = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(2)}×` : "-");
    lines.push(
      `| ${r.conc} | ${r.client} | ${r.requests} | ${Math.round(r.reqPerS)} | ` +
        `${r.cpuUsPerRequest.toFixed(1)} | ${r.avgLatencyMs.toFixed(2)} | ` +
        `${vs(r.reqPerS, py?.reqPerS)} | ${vs(r.cpuUsPerRequest, py?.cpuUsPerRequest)} |`,
    );
  }
  return lines.join("\n");
}

function table(rows: Row[]): string {
  const lines = [
    "| conc | client | requests | events | events/s | CPU µs/event | avg TTFT (ms) | events/s vs aiohttp | CPU/event vs aiohttp |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of rows) {
    const py = rows.find((x) =>
      x.conc === r.conc && x.turns === r.turns && x.client.startsWith("Python")
    );
    const vs = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(2)}×` : "-");
    const level = r.turns ? `${r.conc} (multi-turn, ${r.turns} turns)` : String(r.conc);
    lines.push(
      `| ${level} | ${r.client} | ${r.requests} | ${r.events} | ${Math.round(r.eventsPerS)} | ` +
        `${r.cpuUsPerEvent.toFixed(2)} | ${r.avgTtftMs.toFixed(1)} | ${
          vs(r.eventsPerS, py?.eventsPerS)
        } | ` +
        `${vs(r.cpuUsPerEvent, py?.cpuUsPerEvent)} |`,
    );
  }
  return lines.join("\n");
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      serve: { type: "boolean", default: false },
      conc: { type: "string", default: "1,64,256,1024" },
      events: { type: "string", default: "500" },
      "no-python": { type: "boolean", default: false },
      embeddings: { type: "string", default: "64" },
      "multi-turn-conc": { type: "string", default: "64" },
      turns: { type: "string", default: "4" },
    },
  });
  const events = Number(values.events);
  if (values.serve) {
    await serve(events);
  } else {
    if (!values["no-python"]) await requireAiohttp();
    const server = await startServerProcess(events);
    const rows: Row[] = [];
    const embeddingRows: EmbeddingRow[] = [];
    try {
      for (const conc of values.conc.split(",").filter((c) => c !== "").map(Number)) {
        const nreq = REQUESTS[conc] ?? Math.max(conc, 64);
        const level = { conc, nreq, events };
        rows.push(await lmeterRow(server.url, level));
        if (!values["no-python"]) rows.push(await pythonRow(server.url, level));
        console.error(`done concurrency ${conc}`);
      }
      for (const conc of values.embeddings.split(",").filter((c) => c).map(Number)) {
        embeddingRows.push(await lmeterEmbeddingRow(server.url, conc));
        if (!values["no-python"]) embeddingRows.push(await pythonEmbeddingRow(server.url, conc));
        console.error(`done embeddings at concurrency ${conc}`);
      }
      const multi = Number(values["multi-turn-conc"]);
      if (multi > 0) {
        const turns = Number(values.turns);
        // Two conversations per slot, so every slot starts a second one.
        const nreq = 2 * multi * turns;
        const level = { conc: multi, nreq, events, turns };
        rows.push(await lmeterRow(server.url, level));
        if (!values["no-python"]) rows.push(await pythonRow(server.url, level));
        console.error(`done multi-turn concurrency ${multi}`);
      }
    } finally {
      await server.stop();
    }
    console.log(
      `\nServer: lmeter simulator (separate process), TTFT 0, ITL 0, ${events} tokens per stream, one event per HTTP chunk.`,
    );
    console.log(`Machine: ${navigator.hardwareConcurrency} cores, deno ${Deno.version.deno}.\n`);
    console.log(table(rows));
    if (embeddingRows.length) {
      console.log(
        `\nEmbeddings: ${EMBEDDING_REQUESTS} non-streamed requests of ${EMBEDDING_BATCH} inputs × ${EMBEDDING_TOKENS} tokens (vectors of 64 floats).\n`,
      );
      console.log(embeddingTable(embeddingRows));
    }
  }
}
