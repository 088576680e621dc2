/**
 * A collection's schema: a tree of benchmarks (leaves) and sub-collections, each with a weight,
 * written as YAML or JSON in EvalScope's `CollectionSchema` shape, and flattened into the list
 * of benchmarks with their final weights exactly as EvalScope's `flatten()` does.
 *
 * @module
 */
import { UserError } from "../../errors.ts";

/** A leaf of the tree: one benchmark and the settings it is read with. */
export interface CollectionDataset {
  /** The benchmark's name (`math_500`, `gpqa`, …). */
  name: string;
  /** Weight among its siblings. Default 1. */
  weight?: number;
  /** A free label the reports group by (`math`, `exam`, …). Default "". */
  task_type?: string;
  tags?: string[];
  /** The benchmark's `dataset_args` (`subset_list`, `few_shot_num`, …). */
  args?: Record<string, unknown>;
  /** Ancestor collection names; filled by {@linkcode flattenSchema}, ignored when read. */
  hierarchy?: string[];
}

/** A collection: a name, a weight among its siblings, and its children. */
export interface CollectionSchema {
  name: string;
  /** Weight among its siblings (the root's own weight is ignored). Default 1. */
  weight?: number;
  datasets: (CollectionDataset | CollectionSchema)[];
}

/** One benchmark of a flattened schema. */
export interface FlatDataset {
  name: string;
  /** The product of the normalised weights from the root down (all leaves sum to 1). */
  weight: number;
  taskType: string;
  tags: string[];
  args: Record<string, unknown>;
  /** Collection names from the root down to this leaf's parent (root included). */
  hierarchy: string[];
}

/** True when `node` is a sub-collection (it has a `datasets` key, as EvalScope decides). */
export function isCollection(
  node: CollectionDataset | CollectionSchema,
): node is CollectionSchema {
  return "datasets" in node;
}

/**
 * Checks a parsed YAML/JSON value against the schema shape; `where` names the file in errors.
 * Returns the value typed (weights and defaults untouched).
 */
export function parseCollectionSchema(value: unknown, where = "the schema"): CollectionSchema {
  return readCollection(value, { where, path: "root" });
}

function readCollection(value: unknown, at: { where: string; path: string }): CollectionSchema {
  const obj = record(value, at);
  const name = obj.name ?? "";
  if (typeof name !== "string") throw bad(at, "name", "a string");
  const weight = readWeight(obj.weight, at);
  if (!Array.isArray(obj.datasets) || obj.datasets.length === 0) {
    throw bad(at, "datasets", "a non-empty list of benchmarks or sub-collections");
  }
  const datasets = obj.datasets.map((child, i) => {
    const childAt = { where: at.where, path: `${at.path}.datasets[${i}]` };
    const c = record(child, childAt);
    return "datasets" in c ? readCollection(c, childAt) : readDataset(c, childAt);
  });
  return { name, ...(weight !== undefined ? { weight } : {}), datasets };
}

function readDataset(
  obj: Record<string, unknown>,
  at: { where: string; path: string },
): CollectionDataset {
  if (typeof obj.name !== "string" || obj.name === "") throw bad(at, "name", "a benchmark name");
  const weight = readWeight(obj.weight, at);
  const taskType = obj.task_type ?? "";
  if (typeof taskType !== "string") throw bad(at, "task_type", "a string");
  const tags = obj.tags ?? [];
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === "string")) {
    throw bad(at, "tags", "a list of strings");
  }
  const args = obj.args ?? {};
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    throw bad(at, "args", "an object of dataset_args");
  }
  return {
    name: obj.name,
    ...(weight !== undefined ? { weight } : {}),
    task_type: taskType,
    tags: [...tags],
    args: { ...(args as Record<string, unknown>) },
  };
}

/**
 * The leaves in tree order with their final weights: at each level a child's weight is divided
 * by the sum of its siblings' weights and multiplied by its parent's (EvalScope's `flatten()`).
 */
export function flattenSchema(schema: CollectionSchema): FlatDataset[] {
  const out: FlatDataset[] = [];
  const walk = (node: CollectionSchema, base: number, names: string[]) => {
    const here = [...names, node.name];
    const total = node.datasets.reduce((a, d) => a + (d.weight ?? 1), 0);
    if (!(total > 0)) {
      throw new UserError(
        `Cannot flatten collection "${node.name}": its children's weights add up to ${total}`,
        "Give at least one child a weight above 0.",
      );
    }
    for (const child of node.datasets) {
      const w = ((child.weight ?? 1) / total) * base;
      if (isCollection(child)) walk(child, w, here);
      else {
        out.push({
          name: child.name,
          weight: w,
          taskType: child.task_type ?? "",
          tags: [...(child.tags ?? [])],
          args: { ...(child.args ?? {}) },
          hierarchy: here,
        });
      }
    }
  };
  walk(schema, 1, []);
  return out;
}

/** The schema as EvalScope's `dump_json` writes it (every key present). */
export function schemaToJson(schema: CollectionSchema): Record<string, unknown> {
  return {
    name: schema.name,
    weight: schema.weight ?? 1,
    datasets: schema.datasets.map((d) =>
      isCollection(d) ? schemaToJson(d) : {
        name: d.name,
        weight: d.weight ?? 1,
        task_type: d.task_type ?? "",
        tags: d.tags ?? [],
        args: d.args ?? {},
        hierarchy: d.hierarchy ?? [],
      }
    ),
  };
}

function readWeight(v: unknown, at: { where: string; path: string }): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
    throw bad(at, "weight", "a number ≥ 0");
  }
  return v;
}

function record(value: unknown, at: { where: string; path: string }): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UserError(
      `Cannot read ${at.where}: ${at.path} is not an object`,
      "A collection is {name, weight, datasets: [{name: <benchmark>, weight, task_type, tags, args} | <collection>]}.",
    );
  }
  return value as Record<string, unknown>;
}

function bad(at: { where: string; path: string }, key: string, expected: string): UserError {
  return new UserError(
    `Cannot read ${at.where}: ${at.path}.${key} must be ${expected}`,
    "A collection is {name, weight, datasets: [{name: <benchmark>, weight, task_type, tags, args} | <collection>]}.",
  );
}
