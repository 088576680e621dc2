/**
 * `lmeter datasets`: prefetch benchmark datasets for air-gapped machines, and look at the
 * cache and at local data files.
 *
 * @module
 */
import { getBenchmark } from "../../benchmarks/mod.ts";
import {
  benchmarkPullTargets,
  type DataSettings,
  type Hub,
  HUBS,
  inspectData,
  listCachedDatasets,
  pullDataset,
  type PullTarget,
  resolveDataSettings,
  snapshotDir,
} from "../data/mod.ts";
import { defaultRevision } from "../data/hub_urls.ts";
import { UserError } from "../errors.ts";
import { COMMANDS } from "./commands.ts";
import type { Command, CommandContext } from "./command.ts";
import type { CommandSpec } from "../config/schema.ts";
import { columns } from "../util/text_table.ts";
import { VERSION } from "../util/version.ts";
import { basename } from "node:path";
import { bundleDamaged, packBundle, unpackBundle, verifyBundle } from "../data/bundle/bundle.ts";

/**
 * Turns a benchmark name into the datasets it reads (undefined when the name is unknown).
 * The benchmark registry provides it; repo ids (`owner/name`) never go through it.
 */
export type BenchmarkDatasets = (name: string, hub: Hub) => PullTarget[] | undefined;

const ACTIONS = ["pull", "pack", "verify", "unpack", "list-cache", "path", "inspect"] as const;

const SPEC: CommandSpec = {
  name: "datasets",
  summary: COMMANDS.datasets.summary,
  usage: "lmeter datasets <pull|pack|verify|unpack|list-cache|path|inspect> [arguments] [options]",
  positionals: "<action> [arguments]",
  description: [
    "Actions:",
    "  pull <benchmark|repo-id…> --to DIR   Download datasets into DIR/<owner>/<name>/ to copy to",
    "                                       a machine without network; use them there with",
    "                                       --dataset-dir DIR (or dataset_id: DIR/<owner>/<name>)",
    "  pack <benchmark|repo-id…> --to F.tar.gz [--tokenizer DIR…]",
    "                                       Pull into one verified bundle (pull's layout plus",
    "                                       bundle.json: sha256 per file, rows per data file)",
    "  verify <bundle.tar.gz|folder>        Check every file of a bundle against bundle.json",
    "  unpack <bundle.tar.gz> --to DIR      Verify, then extract; use DIR with --dataset-dir DIR",
    "  list-cache                           List the datasets in the cache (LMETER_CACHE)",
    "  path <repo-id>                       Print the cache folder of a dataset",
    "  inspect <file|folder>                Rows, columns and manifest (sha256) of local data;",
    "                                       with --split (and --subset) for one split of a folder",
    "",
    "The cache is $LMETER_CACHE, else ~/.cache/lmeter. Hub endpoints: HF_ENDPOINT,",
    "MODELSCOPE_ENDPOINT or MODELSCOPE_DOMAIN; tokens: HF_TOKEN, MODELSCOPE_API_TOKEN.",
  ].join("\n"),
  options: [
    {
      name: "to",
      type: "string",
      placeholder: "<dir>",
      help: "pull, unpack: the folder to write into; pack: the .tar.gz to write",
    },
    {
      name: "tokenizer",
      type: "string[]",
      placeholder: "<dir…>",
      help: "pack: tokenizer folders to carry in the bundle (tokenizers/<name>/)",
    },
    {
      name: "hub",
      type: "string",
      choices: HUBS,
      default: "modelscope",
      help: "Hub to download from (repo ids are looked up there)",
    },
    {
      name: "revision",
      type: "string",
      help: "Branch, tag or commit (default: main on huggingface, master on modelscope)",
    },
    {
      name: "include",
      type: "string[]",
      placeholder: "<glob…>",
      help: "pull: only files matching these globs (** crosses folders), e.g. 'main/**'",
    },
    { name: "subset", type: "string", help: "inspect: the subset of a folder to read" },
    { name: "split", type: "string", help: "inspect: the split of a folder to read" },
    { name: "force", type: "bool", default: false, help: "pull: list and download again" },
    { name: "json", type: "bool", default: false, help: "Print JSON instead of text" },
  ],
  examples: [
    "lmeter datasets pull AI-ModelScope/gsm8k --to ./offline-data",
    "lmeter datasets pull openai/gsm8k --hub huggingface --include 'main/**' --to ./offline-data",
    "lmeter eval --datasets gsm8k --dataset-dir ./offline-data ...   # on the air-gapped machine",
    "lmeter datasets inspect ./offline-data/AI-ModelScope/gsm8k --subset main --split test",
  ],
};

/** Builds the command; `benchmarks` resolves benchmark names for `pull`. */
export function makeDatasetsCommand(
  deps: { benchmarks?: BenchmarkDatasets; env?: () => Record<string, string | undefined> } = {},
): Command {
  return {
    spec: SPEC,
    async run(ctx) {
      const [action, ...args] = ctx.options.positionals;
      const settings = resolveDataSettings((deps.env ?? (() => Deno.env.toObject()))());
      switch (action) {
        case "pull":
          return await pull(args, ctx, settings, deps.benchmarks);
        case "pack":
          return await pack(args, ctx, settings, deps.benchmarks);
        case "verify":
          return await verify(args);
        case "unpack":
          return await unpack(args, ctx);
        case "list-cache":
          return await listCache(ctx, settings);
        case "path":
          return cachePath(args, ctx, settings);
        case "inspect":
          return await inspect(args, ctx, settings);
        default:
          throw new UserError(
            action === undefined
              ? "lmeter datasets needs an action"
              : `Unknown action '${action}' for 'lmeter datasets'`,
            `Actions are ${ACTIONS.join(", ")}. See 'lmeter datasets --help'.`,
          );
      }
    },
  };
}

/** The `datasets` command; benchmark names resolve through the benchmark registry. */
export const datasetsCommand: Command = makeDatasetsCommand({
  benchmarks: (name, hub) => benchmarkPullTargets(getBenchmark(name), hub),
});

async function pull(
  names: string[],
  ctx: CommandContext,
  settings: DataSettings,
  benchmarks: BenchmarkDatasets | undefined,
): Promise<number> {
  const v = ctx.options.values;
  const to = typeof v.to === "string" ? v.to : undefined;
  if (names.length === 0) {
    throw new UserError(
      "lmeter datasets pull needs at least one benchmark name or dataset id",
      "Example: lmeter datasets pull AI-ModelScope/gsm8k --to ./offline-data",
    );
  }
  if (!to) {
    throw new UserError(
      "lmeter datasets pull needs --to DIR",
      "Pick a folder to copy to the offline machine, e.g. --to ./offline-data",
    );
  }
  const hub = v.hub as Hub;
  const include = Array.isArray(v.include) && v.include.length > 0
    ? v.include as string[]
    : undefined;
  const targets = names.flatMap((name) => targetsFor(name, hub, benchmarks));
  const log = (line: string) => console.error(line);
  const results = [];
  for (const t of targets) {
    const target: PullTarget = {
      ...t,
      ...(typeof v.revision === "string" ? { revision: v.revision } : {}),
      ...(include ? { include } : {}),
    };
    const result = await pullDataset(target, {
      to,
      settings,
      force: v.force === true,
      signal: ctx.signal,
      log,
    });
    results.push({ ...target, ...result });
    if (!v.json) {
      console.log(
        `pulled ${target.repoId} (${target.hub}, ${
          target.revision ?? defaultRevision(target.hub)
        }): ${result.files.length} files in ${result.root}`,
      );
    }
  }
  if (v.json) {
    console.log(JSON.stringify(results.map(({ include: _, ...r }) => r), null, 2));
  } else {
    console.log(
      `\nCopy ${to} to the offline machine and run with --dataset-dir ${to} ` +
        "(or set dataset_args.<benchmark>.dataset_id to a folder above).",
    );
  }
  return 0;
}

async function pack(
  names: string[],
  ctx: CommandContext,
  settings: DataSettings,
  benchmarks: BenchmarkDatasets | undefined,
): Promise<number> {
  const v = ctx.options.values;
  const to = typeof v.to === "string" ? v.to : "";
  if (names.length === 0 || !/\.(tar\.gz|tgz)$/.test(to)) {
    throw new UserError(
      names.length === 0
        ? "lmeter datasets pack needs at least one benchmark name or dataset id"
        : "lmeter datasets pack needs --to FILE.tar.gz",
      "Example: lmeter datasets pack gsm8k mmlu --to lmeter-data.tar.gz",
    );
  }
  const hub = v.hub as Hub;
  const targets = names.flatMap((name) => targetsFor(name, hub, benchmarks)).map((t) => ({
    ...t,
    ...(typeof v.revision === "string" ? { revision: v.revision } : {}),
  }));
  const result = await packBundle(targets, {
    to,
    settings,
    tokenizers: Array.isArray(v.tokenizer) ? v.tokenizer as string[] : [],
    version: VERSION,
    signal: ctx.signal,
    log: (line) => console.error(line),
  });
  const files = result.manifest.entries.reduce((n, e) => n + e.files.length, 0) +
    result.manifest.tokenizers.reduce((n, t) => n + t.files.length, 0);
  console.log(
    `packed ${result.manifest.entries.length} datasets and ${result.manifest.tokenizers.length} tokenizers (${files} files) into ${to}`,
  );
  console.log(`sha256 ${result.sha256}`);
  console.log(
    `\nOn the offline machine: lmeter datasets unpack ${
      basename(to)
    } --to DIR, then --dataset-dir DIR.`,
  );
  return 0;
}

async function verify(args: string[]): Promise<number> {
  if (args.length !== 1) {
    throw new UserError(
      "lmeter datasets verify needs one bundle or folder",
      "Example: lmeter datasets verify lmeter-data.tar.gz",
    );
  }
  const result = await verifyBundle(args[0]);
  if (result.problems.length > 0) throw bundleDamaged(args[0], result.problems);
  console.log(`${args[0]}: ${result.checked} files intact`);
  if (result.sha256) console.log(`sha256 ${result.sha256}`);
  return 0;
}

async function unpack(args: string[], ctx: CommandContext): Promise<number> {
  const to = ctx.options.values.to;
  if (args.length !== 1 || typeof to !== "string" || !to) {
    throw new UserError(
      "lmeter datasets unpack needs one bundle and --to DIR",
      "Example: lmeter datasets unpack lmeter-data.tar.gz --to ./offline-data",
    );
  }
  const result = await unpackBundle(args[0], to);
  console.log(`${args[0]}: ${result.checked} files verified and extracted into ${to}`);
  console.log(`Run with --dataset-dir ${to}`);
  return 0;
}

function targetsFor(
  name: string,
  hub: Hub,
  benchmarks: BenchmarkDatasets | undefined,
): PullTarget[] {
  if (name.includes("/")) return [{ repoId: name, hub }];
  const found = benchmarks?.(name, hub);
  if (found && found.length > 0) return found;
  if (found) {
    throw new UserError(
      `Cannot pull '${name}': it reads your own files, there is nothing to download`,
      `Point dataset_args.${name}.dataset_id at the folder holding them.`,
    );
  }
  throw new UserError(
    benchmarks
      ? `Cannot pull '${name}': no benchmark has that name`
      : `Cannot pull '${name}': benchmark names are not available in this build yet`,
    benchmarks
      ? "See 'lmeter benchmarks list', or pass a dataset id such as AI-ModelScope/gsm8k."
      : "Pass the dataset id instead, e.g. AI-ModelScope/gsm8k (see 'lmeter benchmarks info <name>'); benchmark names will resolve once the benchmark registry is in place.",
  );
}

async function listCache(ctx: CommandContext, settings: DataSettings): Promise<number> {
  const cached = await listCachedDatasets(settings);
  if (ctx.options.values.json) {
    console.log(JSON.stringify({ cacheDir: settings.cacheDir, datasets: cached }, null, 2));
    return 0;
  }
  if (cached.length === 0) {
    console.log(`No datasets cached in ${settings.cacheDir}`);
    return 0;
  }
  console.log(`Datasets cached in ${settings.cacheDir}:`);
  const rows = cached.map((c) => [
    c.hub,
    c.repoId,
    c.revision,
    c.listed === undefined ? `${c.files}` : `${c.files}/${c.listed}`,
    formatBytes(c.bytes),
  ]);
  for (const line of columns(["hub", "dataset", "revision", "files", "size"], rows)) {
    console.log(line);
  }
  return 0;
}

function cachePath(args: string[], ctx: CommandContext, settings: DataSettings): number {
  if (args.length !== 1 || !args[0].includes("/")) {
    throw new UserError(
      "lmeter datasets path needs one dataset id (owner/name)",
      "Example: lmeter datasets path AI-ModelScope/gsm8k --hub modelscope",
    );
  }
  const hub = ctx.options.values.hub as Hub;
  const revision = typeof ctx.options.values.revision === "string"
    ? ctx.options.values.revision
    : defaultRevision(hub);
  console.log(snapshotDir(settings, { hub, repoId: args[0], revision }));
  return 0;
}

async function inspect(
  args: string[],
  ctx: CommandContext,
  settings: DataSettings,
): Promise<number> {
  if (args.length !== 1) {
    throw new UserError(
      "lmeter datasets inspect needs one file or folder",
      "Example: lmeter datasets inspect ./data/test.jsonl",
    );
  }
  const v = ctx.options.values;
  const summaries = await inspectData(args[0], {
    settings,
    split: typeof v.split === "string" ? v.split : undefined,
    subset: typeof v.subset === "string" ? v.subset : undefined,
    signal: ctx.signal,
  });
  if (v.json) {
    console.log(JSON.stringify(summaries, null, 2));
    return 0;
  }
  for (const s of summaries) {
    console.log(`${s.name}: ${s.manifest.rows} rows`);
    if (s.files.length > 1 || (s.files.length === 1 && s.files[0] !== s.name)) {
      console.log(`  files:    ${s.files.join(", ")}`);
    }
    console.log(`  columns:  ${s.columns.join(", ") || "(none)"}`);
    console.log(`  manifest: ${JSON.stringify(s.manifest)}`);
  }
  return 0;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}
