/**
 * The real-server tests' handle on llama-server (bench/realserver_setup.ts), and the SKIP naming
 * they use where it is absent.
 *
 * @module
 */
export {
  MODEL_GGUF,
  realServerAvailable,
  realServerTest,
  startRealServer,
} from "../../bench/realserver_setup.ts";
