/**
 * The error of a scorer or extractor that threw on one response: a crash is not a wrong answer,
 * so it is never turned into a score of 0.
 *
 * @module
 */
import { UserError } from "../../errors.ts";

/** A scorer or extractor threw while scoring one sample; the message names the sample. */
export class ScoringError extends UserError {
  /** The id of the sample whose scoring failed. */
  readonly sampleId: string;

  constructor(
    options: { sampleId: string; where: string; what: string; cause: unknown },
  ) {
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(
      `Cannot score sample ${options.sampleId} (${options.where}): ${options.what} threw: ${reason}`,
      "A scorer must return a score for any response: fix it, or drop the line. --debug shows the stack.",
      { exitCode: 1, cause: options.cause },
    );
    this.name = "ScoringError";
    this.sampleId = options.sampleId;
  }
}
