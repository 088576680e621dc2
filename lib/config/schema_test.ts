import assert from "node:assert/strict";
import { UserError } from "../errors.ts";
import {
  type CommandSpec,
  defineOptions,
  optionDefaults,
  type OptionValues,
  parseOptions,
} from "./schema.ts";

const SPEC: CommandSpec = {
  name: "perf",
  summary: "test",
  usage: "lmeter perf",
  options: [
    { name: "parallel", type: "int[]", default: [1], help: "", min: 1 },
    { name: "number", type: "int[]", short: "n", default: [1000], help: "" },
    { name: "rate", type: "float[]", default: [-1], help: "" },
    { name: "stream", type: "bool", default: true, help: "" },
    { name: "api", type: "string", default: "openai", choices: ["openai", "custom"], help: "" },
    { name: "headers", type: "kv", default: {}, help: "" },
    { name: "extra_args", type: "json", help: "" },
    { name: "max_tokens", type: "int", default: 2048, help: "" },
    { name: "temperature", type: "float", help: "" },
    { name: "datasets", type: "string[]", help: "" },
    { name: "name", type: "string", default: "run", help: "" },
  ],
};

function rejects(args: string[], pattern: RegExp, file: Record<string, unknown> = {}): UserError {
  try {
    parseOptions(SPEC, args, file);
  } catch (e) {
    assert.ok(e instanceof UserError, `expected a UserError, got ${e}`);
    assert.match(`${e.message}\n${e.hint}`, pattern);
    return e;
  }
  throw new Error(`expected ${args.join(" ")} to be rejected`);
}

Deno.test("parseOptions reads EvalScope's paired lists and applies defaults", () => {
  const p = parseOptions(SPEC, ["--parallel", "1", "10", "50", "--number", "5", "20", "100"]);
  assert.deepEqual(p.values.parallel, [1, 10, 50]);
  assert.deepEqual(p.values.number, [5, 20, 100]);
  assert.equal(p.values.max_tokens, 2048);
  assert.equal(p.values.stream, true);
  assert.deepEqual([...p.given].sort(), ["number", "parallel"]);
});

Deno.test("parseOptions takes negative numbers as values, not flags", () => {
  assert.deepEqual(parseOptions(SPEC, ["--rate", "-1"]).values.rate, [-1]);
});

Deno.test("parseOptions reads --no-x, --x=false and a short flag", () => {
  assert.equal(parseOptions(SPEC, ["--no-stream"]).values.stream, false);
  assert.equal(parseOptions(SPEC, ["--stream=false"]).values.stream, false);
  assert.deepEqual(parseOptions(SPEC, ["-n", "7"]).values.number, [7]);
});

Deno.test("parseOptions reads key=value headers and JSON extra args", () => {
  const p = parseOptions(SPEC, [
    "--headers",
    "x-team=infra",
    "x-n=3",
    "--extra-args",
    '{"ignore_eos": true}',
  ]);
  assert.deepEqual(p.values.headers, { "x-team": "infra", "x-n": 3 });
  assert.deepEqual(p.values.extra_args, { ignore_eos: true });
});

Deno.test("parseOptions lets flags override config-file values and accepts kebab keys in files", () => {
  const p = parseOptions(SPEC, ["--max-tokens", "64"], {
    max_tokens: 512,
    temperature: 0.5,
    "datasets": ["gsm8k", "arc"],
  });
  assert.equal(p.values.max_tokens, 64);
  assert.equal(p.values.temperature, 0.5);
  assert.deepEqual(p.values.datasets, ["gsm8k", "arc"]);
});

Deno.test("parseOptions names an unknown flag and suggests the closest one", () => {
  rejects(["--paralel", "2"], /Unknown option --paralel[\s\S]*Did you mean --parallel/);
});

Deno.test("parseOptions rejects bad values, naming the flag and what is accepted", () => {
  rejects(["--max-tokens", "lots"], /--max-tokens: "lots" is not an integer/);
  rejects(["--api", "grpc"], /--api[\s\S]*Accepted values: openai, custom/);
  rejects(["--parallel", "0"], /--parallel: 0 is out of range/);
  rejects(["--extra-args", "{bad"], /--extra-args: not valid JSON/);
  rejects(["--max-tokens"], /--max-tokens needs a value/);
});

Deno.test("parseOptions names the config file and key of an unknown option", () => {
  rejects([], /unknown option "max_token"[\s\S]*Did you mean --max-tokens/, { max_token: 1 });
});

Deno.test("parseOptions takes --help-all as a request for help", () => {
  assert.equal(parseOptions(SPEC, ["--help-all"]).help, true);
});

Deno.test("parseOptions counts an empty text value and a null in a file as not given", () => {
  const p = parseOptions(SPEC, ["--name", ""], { temperature: null });
  assert.equal(p.values.name, "run");
  assert.equal(p.values.temperature, undefined);
  assert.deepEqual([...p.given], []);
});

Deno.test("optionDefaults() copies every default, and OptionValues types them", () => {
  const options = defineOptions([
    { name: "parallel", type: "int[]", default: [1], help: "" },
    { name: "api", type: "string", default: "openai", choices: ["openai", "custom"], help: "" },
    { name: "seed", type: "int", help: "" },
  ]);
  const d = optionDefaults(options);
  assert.deepEqual(d, { parallel: [1], api: "openai" });
  d.parallel.push(2);
  assert.deepEqual(options[0].default, [1]);
  const v: OptionValues<typeof options> = parseOptions(
    { name: "t", summary: "", usage: "", options },
    [],
  ).values;
  const api: "openai" | "custom" = v.api;
  const seed: number | undefined = v.seed;
  assert.deepEqual([api, seed, v.parallel], ["openai", undefined, [1]]);
});

Deno.test("a json option with choices takes those words as they are, and JSON otherwise", () => {
  const spec: CommandSpec = {
    name: "eval",
    summary: "test",
    usage: "lmeter eval",
    options: [{
      name: "sandbox",
      type: "json",
      choices: ["auto", "bwrap"],
      default: "auto",
      help: "",
    }],
  };
  assert.equal(parseOptions(spec, ["--sandbox", "bwrap"]).values.sandbox, "bwrap");
  assert.deepEqual(parseOptions(spec, ["--sandbox", '{"engine": "docker"}']).values.sandbox, {
    engine: "docker",
  });
  assert.equal(parseOptions(spec, [], { sandbox: "bwrap" }).values.sandbox, "bwrap");
  assert.deepEqual(parseOptions(spec, [], { sandbox: { enabled: true } }).values.sandbox, {
    enabled: true,
  });
  assert.throws(
    () => parseOptions(spec, ["--sandbox", "firejail"]),
    /Invalid value for --sandbox: "firejail"/,
  );
});

Deno.test("parseOptions gives a bare list flag its `bare` value, and only that flag", () => {
  const spec: CommandSpec = {
    ...SPEC,
    options: [...SPEC.options, { name: "scrape", type: "string[]", bare: ["auto"], help: "" }],
  };
  assert.deepEqual(parseOptions(spec, ["--scrape"]).values.scrape, ["auto"]);
  assert.deepEqual(parseOptions(spec, ["--scrape", "--parallel", "2"]).values.scrape, ["auto"]);
  assert.deepEqual(parseOptions(spec, ["--scrape", "http://h/metrics"]).values.scrape, [
    "http://h/metrics",
  ]);
  assert.throws(() => parseOptions(spec, ["--datasets"]), /--datasets needs a value/);
});
