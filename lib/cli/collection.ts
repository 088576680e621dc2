/**
 * `lmeter collection`: build a mixed evaluation set from a schema of weighted benchmarks
 * (EvalScope's data collections), and show what a collection file holds.
 *
 * @module
 */
import { parse as parseYaml } from "yaml";
import { BENCHMARKS } from "../../benchmarks/mod.ts";
import { resolveDataSettings } from "../data/mod.ts";
import { defineOptions } from "../config/schema.ts";
import { UserError } from "../errors.ts";
import { readUserFile } from "../config/read_user_file.ts";
import {
  collectionComposition,
  type CountPlan,
  createCollection,
  type FlatDataset,
  parseCollectionSchema,
  readCollection,
  SAMPLERS,
} from "../eval/collection/mod.ts";
import { libDataAccess } from "../eval/data/data_access.ts";
import { prettyTable } from "../util/text_table.ts";
import { COMMANDS } from "./commands.ts";
import { defineCommand } from "./command.ts";

const OPTIONS = defineOptions([
  {
    name: "schema",
    type: "string",
    placeholder: "<file>",
    help: "create: the collection schema (YAML or JSON: {name, weight, datasets: [...]})",
  },
  {
    name: "sampler",
    type: "string",
    choices: SAMPLERS,
    default: "weighted",
    help: "create: weighted (by weight), uniform (equal counts) or stratified (by pool size)",
  },
  {
    name: "count",
    type: "int",
    min: 1,
    default: 1000,
    help: "create: entries to draw (a pool smaller than its share gives fewer)",
  },
  {
    name: "output",
    type: "string",
    placeholder: "<file>",
    help: "create: the collection file to write (JSONL of DatasetEntry lines)",
  },
  {
    name: "seed",
    type: "int",
    default: 42,
    help: "create: seed of the draw (Python's random.seed), the same seed gives the same file",
  },
  {
    name: "dry_run",
    type: "bool",
    default: false,
    help: "create: print the per-benchmark counts and warnings, write nothing",
  },
  {
    name: "dataset_hub",
    type: "string",
    default: "modelscope",
    choices: ["modelscope", "huggingface", "local"],
    help: "Where to download benchmark datasets (and a hub collection for show) from",
  },
  {
    name: "dataset_dir",
    type: "string",
    placeholder: "<dir>",
    help: "Directory holding local copies of datasets (<dir>/<benchmark>)",
  },
  { name: "json", type: "bool", default: false, help: "show: print JSON instead of a table" },
]);

/** The `collection` command. */
export const collectionCommand = defineCommand({
  spec: {
    name: "collection",
    summary: COMMANDS.collection.summary,
    usage: "lmeter collection <create|show> [file] [options]",
    positionals: "<create|show> [file]",
    description: [
      "Actions:",
      "  create --schema s.yaml --output mixed.jsonl   draw a collection from the schema's benchmarks",
      "  show <file|folder|hub id>                     print what a collection holds, per benchmark",
      "",
      "A collection file is EvalScope's: one DatasetEntry per line (index, prompt with the built",
      "messages and target, tags, categories, task_type, weight, dataset_name, subset_name).",
      "Evaluate it with: lmeter eval --datasets data_collection",
      '  --dataset-args \'{"data_collection": {"dataset_id": "mixed.jsonl"}}\'',
    ].join("\n"),
    options: OPTIONS,
    examples: [
      "lmeter collection create --schema schema.yaml --sampler weighted --count 1000 --output mixed.jsonl",
      "lmeter collection create --schema schema.yaml --count 1000 --dry-run",
      "lmeter collection show mixed.jsonl",
    ],
  },
  async run({ options, signal }) {
    const v = options.values;
    const [action, file] = options.positionals;
    const settings = resolveDataSettings(Deno.env.toObject());
    const data = libDataAccess({
      settings,
      datasetDir: v.dataset_dir,
      signal,
      log: (l) => console.error(l),
    });
    if (action === "show") {
      if (!file) {
        throw new UserError(
          "lmeter collection show needs a collection file",
          "Example: lmeter collection show mixed.jsonl",
        );
      }
      const entries = await readCollection(file, { data, hub: v.dataset_hub });
      const rows = collectionComposition(entries);
      if (v.json) console.log(JSON.stringify(rows, null, 2));
      else {
        console.log(`${file}: ${entries.length} entries`);
        console.log(prettyTable(
          ["dataset_name", "subset_name", "task_type", "categories", "count", "share", "weight"],
          rows.map((r) => [
            r.datasetName,
            r.subsetName ?? "(all)",
            r.taskType,
            r.categories,
            String(r.count),
            `${(r.share * 100).toFixed(1)}%`,
            r.weight.toFixed(4),
          ]),
        ));
      }
      return 0;
    }
    if (action !== "create") {
      throw new UserError(
        `Unknown action '${action ?? ""}' for 'lmeter collection'`,
        "Actions are create and show. See 'lmeter collection --help'.",
      );
    }
    if (!v.schema) {
      throw new UserError(
        "lmeter collection create needs --schema",
        "Example: lmeter collection create --schema schema.yaml --count 1000 --output mixed.jsonl",
      );
    }
    if (!v.output && !v.dry_run) {
      throw new UserError(
        "lmeter collection create needs --output (or --dry-run)",
        "Example: lmeter collection create --schema schema.yaml --output mixed.jsonl",
      );
    }
    const schema = parseCollectionSchema(await readSchemaFile(v.schema), v.schema);
    const { datasets, plan, lines } = await createCollection(schema, {
      registry: BENCHMARKS,
      data,
      hub: v.dataset_hub,
      datasetDir: v.dataset_dir ?? null,
      sampler: v.sampler,
      count: v.count,
      seed: v.seed,
    });
    console.error(planTable(datasets, plan));
    for (const warning of shortfalls(datasets, plan)) console.error(`warning: ${warning}`);
    if (v.dry_run) return 0;
    const text = lines.map((l) => JSON.stringify(l)).join("\n");
    await Deno.writeTextFile(v.output!, lines.length ? text + "\n" : "");
    console.error(`Wrote ${lines.length} entries to ${v.output}`);
    return 0;
  },
});

/** The per-benchmark plan: weight, pool, what the sampler asks for and what is drawn. */
export function planTable(datasets: readonly FlatDataset[], plan: readonly CountPlan[]): string {
  return prettyTable(
    ["dataset_name", "categories", "task_type", "weight", "pool", "requested", "drawn"],
    datasets.map((d, i) => [
      d.name,
      d.hierarchy.join(" / "),
      d.taskType,
      d.weight.toFixed(4),
      String(plan[i].pool),
      String(plan[i].requested),
      String(plan[i].drawn),
    ]),
  );
}

/** One warning per benchmark whose pool is too small for what its weight asks. */
export function shortfalls(
  datasets: readonly FlatDataset[],
  plan: readonly CountPlan[],
): string[] {
  const total = plan.reduce((a, p) => a + p.requested, 0);
  return datasets.flatMap((d, i) => {
    const p = plan[i];
    if (p.drawn >= p.requested) return [];
    return [
      `${d.name} has ${p.pool} samples but its share asks for ${p.requested}: the collection gets ${
        total - (p.requested - p.drawn)
      } entries instead of ${total}, and ${d.name} weighs less than its weight says (lower --count, or raise the weights of the others)`,
    ];
  });
}

async function readSchemaFile(path: string): Promise<unknown> {
  const text = await readUserFile(path, {
    what: "collection schema",
    hint: "Check the path given to --schema.",
  });
  try {
    return /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new UserError(
      `Cannot parse collection schema ${path}: ${(e as Error).message}`,
      "The schema is one YAML or JSON object: {name, weight, datasets: [...]}.",
    );
  }
}
