import assert from "node:assert/strict";
import { type EndpointIdentity, modelListNote } from "./endpoint_identity.ts";

function probe(o: Partial<EndpointIdentity>): EndpointIdentity {
  return {
    api_url: "http://127.0.0.1:1/v1",
    model: "qwen",
    models_url: "http://127.0.0.1:1/v1/models",
    models_status: 200,
    models: { data: [{ id: "qwen" }] },
    model_listed: true,
    server_headers: {},
    ...o,
  };
}

Deno.test("modelListNote() says what the server lists; llama.cpp, which serves any name, gets a note, not a warning", () => {
  assert.equal(modelListNote(probe({})), null);
  const llama = modelListNote(probe({
    model: "stories",
    model_listed: false,
    models: { data: [{ id: "stories260K.gguf", owned_by: "llamacpp" }] },
    server_headers: { server: "llama.cpp" },
  }));
  assert.equal(llama?.level, "note");
  assert.match(llama!.text, /lists "stories260K\.gguf"; llama\.cpp serves any model name/);
  const other = modelListNote(probe({
    model: "qwen3",
    model_listed: false,
    models: { data: [{ id: "a" }, { id: "b" }] },
  }));
  assert.equal(other?.level, "warn");
  assert.match(other!.text, /lists "a", "b", not "qwen3"; requests may fail/);
});
