import assert from "node:assert/strict";
import type { Generation } from "./model_backend.ts";
import { SubsetOutputs } from "./subset_outputs.ts";
import type { WorkItem } from "./work_items.ts";

Deno.test("SubsetOutputs.outcomes() lists samples in index order whatever order they finished in", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const outputs = await SubsetOutputs.create({
      benchmark: "b",
      subsets: ["s"],
      predictionsDir: `${dir}/predictions`,
      reviewsDir: `${dir}/reviews`,
      model: "m",
      extractor: "x",
    });
    const item = (index: number) =>
      ({
        subset: "s",
        pos: { index, groupId: index, repeat: 0, sampleKey: `k${index}` },
        sample: { input: "q", target: "a" },
        fewShot: "",
        reviewFp: "fp",
        reviewKey: `r${index}`,
      }) as WorkItem;
    const generation = { text: "", latencyMs: 1 } as unknown as Generation;
    for (const index of [3, 0, 2, 1]) {
      outputs.failed(item(index), { messages: [], generation, error: "e" });
    }
    await outputs.finish();
    const listed = outputs.outcomes(["s"]).get("s")!.map((o) => o.index);
    assert.deepEqual(listed, [0, 1, 2, 3]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
