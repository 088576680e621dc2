/**
 * One line of a collection file, in EvalScope's `DatasetEntry` shape: `index`, `prompt` (the
 * serialised sample with its prompt already built), `tags`, `categories` (the hierarchy),
 * `task_type`, `weight`, `dataset_name`, `subset_name`. Written by `lmeter collection create`;
 * read from files made by lmeter, by EvalScope 1.x, and by EvalScope 0.x (whose `prompt` is
 * `{data: [text], system_prompt, raw_input}` and whose task label is `task`).
 *
 * @module
 */
import { isRecord } from "../../util/is_record.ts";
import { UserError } from "../../errors.ts";
import { describeSource, rowSource } from "../../data/row_source.ts";
import type { Row } from "../benchmark/benchmark.ts";
import type { ChatMessage, Sample } from "../benchmark/types.ts";

/** A collection file line as written (EvalScope's keys). */
export interface DatasetEntryLine {
  index: number;
  prompt: Record<string, unknown>;
  tags: string[];
  categories: string[];
  task_type: string;
  weight: number;
  dataset_name: string;
  subset_name: string;
}

/** A collection entry as lmeter uses it. */
export interface CollectionEntry {
  index: number;
  /** The benchmark that scores it, as the file names it (`gpqa`, `math_500`). */
  datasetName: string;
  subsetName: string;
  taskType: string;
  tags: string[];
  /** Collection names from the root down (EvalScope's `categories`). */
  categories: string[];
  /** The dataset's weight divided by the samples drawn from it. */
  weight: number;
  /** The built prompt. */
  messages: ChatMessage[];
  /** Absent in EvalScope 0.x lines: the benchmark reads it from `rawInput`. */
  target?: string | string[];
  choices?: string[];
  id?: string;
  metadata: Record<string, unknown>;
  /** EvalScope 0.x: the original record, from which the benchmark reads the target. */
  rawInput?: Row;
  /** `file line N`, for messages. */
  where: string;
}

/** The `DatasetEntry` line of a sample whose prompt is built. */
export function entryLine(
  sample: Sample & { input: ChatMessage[] },
  info: {
    index: number;
    id: number;
    tags: readonly string[];
    categories: readonly string[];
    taskType: string;
    weight: number;
    datasetName: string;
    subsetName: string;
  },
): DatasetEntryLine {
  const prompt: Record<string, unknown> = {
    input: sample.input.map((m) => ({ role: m.role, content: m.content })),
    ...(sample.choices ? { choices: sample.choices } : {}),
    target: sample.target,
    id: info.id,
    metadata: sample.metadata ?? {},
  };
  return {
    index: info.index,
    prompt,
    tags: [...info.tags],
    categories: [...info.categories],
    task_type: info.taskType,
    weight: info.weight,
    dataset_name: info.datasetName,
    subset_name: info.subsetName,
  };
}

/** Reads one line of a collection file; errors name the file and line. */
export function readEntry(row: Row, position: number): CollectionEntry {
  const src = rowSource(row);
  const where = src ? describeSource(src) : `line ${position + 1}`;
  const fail = (what: string) =>
    new UserError(
      `Cannot read collection entry at ${where}: ${what}`,
      "Each line is EvalScope's DatasetEntry: {index, prompt: {input, target, …}, tags, categories, task_type, weight, dataset_name, subset_name}.",
    );
  const datasetName = row.dataset_name;
  if (typeof datasetName !== "string" || datasetName === "") throw fail("no dataset_name");
  const prompt = row.prompt;
  if (typeof prompt !== "object" || prompt === null || Array.isArray(prompt)) {
    throw fail("prompt is not an object");
  }
  const p = prompt as Record<string, unknown>;
  const index = typeof row.index === "number" ? row.index : position;
  const legacy = !("input" in p) && Array.isArray(p.data);
  const messages = legacy ? legacyMessages(p, fail) : inputMessages(p.input, fail);
  const base: CollectionEntry = {
    index,
    datasetName: datasetName as string,
    subsetName: typeof row.subset_name === "string" ? row.subset_name : "default",
    taskType: typeof row.task_type === "string"
      ? row.task_type
      : typeof row.task === "string"
      ? row.task
      : "",
    tags: strings(row.tags),
    categories: strings(row.categories),
    weight: typeof row.weight === "number" ? row.weight : 1,
    messages,
    metadata: isRecord(p.metadata) ? { ...p.metadata } : {},
    where,
  };
  if (p.id !== undefined && p.id !== null) base.id = String(p.id);
  if (legacy) {
    if (!isRecord(p.raw_input)) throw fail("prompt.raw_input (EvalScope 0.x) is missing");
    base.rawInput = p.raw_input;
    return base;
  }
  const target = p.target;
  if (typeof target === "string" || typeof target === "number") base.target = String(target);
  else if (Array.isArray(target)) base.target = target.map(String);
  else throw fail("prompt.target is missing");
  if (Array.isArray(p.choices)) {
    base.choices = p.choices.map((c) =>
      isRecord(c) && typeof c.value === "string" ? c.value : String(c)
    );
  }
  return base;
}

function inputMessages(input: unknown, fail: (what: string) => UserError): ChatMessage[] {
  if (typeof input === "string") return [{ role: "user", content: input }];
  if (!Array.isArray(input) || input.length === 0) throw fail("prompt.input is missing");
  return input.map((m, i) => {
    if (!isRecord(m)) throw fail(`prompt.input[${i}] is not a message`);
    const role = m.role;
    if (role !== "system" && role !== "user" && role !== "assistant") {
      throw fail(`prompt.input[${i}].role is ${JSON.stringify(role)}`);
    }
    return { role, content: contentText(m.content) };
  });
}

/** A message's text: a string, or the text parts of a content list (reasoning parts dropped). */
function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .filter((part) => isRecord(part) && part.type === "text" && typeof part.text === "string")
    .map((part) => (part as { text: string }).text)
    .join("");
}

function legacyMessages(
  p: Record<string, unknown>,
  fail: (what: string) => UserError,
): ChatMessage[] {
  const data = p.data as unknown[];
  if (typeof data[0] !== "string") throw fail("prompt.data[0] (EvalScope 0.x) is not a string");
  const out: ChatMessage[] = [];
  if (typeof p.system_prompt === "string" && p.system_prompt !== "") {
    out.push({ role: "system", content: p.system_prompt });
  }
  out.push({ role: "user", content: data[0] });
  return out;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}
