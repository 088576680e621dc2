/**
 * A Server-Sent Events parser for model streams: bytes in, events out.
 *
 * Follows the WHATWG event-stream rules that matter for model services: lines end in CRLF, LF or
 * CR (a CRLF split across two chunks is one line end); `data:` lines of one event are joined with
 * `\n`; lines starting with `:` are comments (pings); a blank line ends an event. A line may be of
 * any length and may arrive in any number of pieces; UTF-8 characters split across chunks are
 * decoded correctly.
 *
 * @module
 */

/** One dispatched event. `data` is the joined `data:` lines. */
export interface SseEvent {
  data: string;
  event?: string;
  id?: string;
}

/** What the end of a stream yields: events completed by the last bytes, and an unterminated one. */
export interface SseTail {
  /** Events completed by bytes the decoder held back (a split multi-byte character). */
  events: SseEvent[];
  /** The event that never got its blank line (its data lines so far, including a last line with no line end). */
  pending: SseEvent | null;
}

const LF = 10;
const BOM = 0xfeff;
const STREAM = { stream: true } as const;

/** Incremental SSE parser. Call {@linkcode SseParser.push} per chunk and {@linkcode SseParser.finish} at the end. */
export class SseParser {
  // The stream's one leading BOM is dropped by hand (`#bomChecked`): a decoder that dropped BOMs
  // itself would drop one at the start of every chunk decoded outside streaming mode.
  #decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  #bomChecked = false;
  /** The decoder may hold the first bytes of a character split across chunks. */
  #streaming = false;
  /** Pieces of a line whose end has not arrived yet (kept as pieces: no quadratic copying). */
  #partial: string[] = [];
  #skipLeadingLf = false;
  #data: string[] = [];
  #event: string | undefined;
  #id: string | undefined;
  #hasFields = false;

  /** Feeds raw bytes; returns the events completed by them (appended to `out` when given). */
  push(bytes: Uint8Array, out: SseEvent[] = []): SseEvent[] {
    const n = bytes.length;
    if (n === 0) return out;
    // A chunk that ends on an ASCII byte ends on a whole character: when nothing is held from
    // the chunk before either, a plain decode equals a streaming one and costs less.
    let text: string;
    if (!this.#streaming && bytes[n - 1] < 0x80) {
      text = this.#decoder.decode(bytes);
    } else {
      text = this.#decoder.decode(bytes, STREAM);
      this.#streaming = bytes[n - 1] >= 0x80;
    }
    if (!this.#bomChecked && text.length > 0) {
      this.#bomChecked = true;
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
    }
    return this.pushText(text, out);
  }

  /** Feeds already-decoded text; returns the events completed by it. */
  pushText(text: string, out: SseEvent[] = []): SseEvent[] {
    const n = text.length;
    if (n === 0) return out;
    let pos = 0;
    if (this.#skipLeadingLf) {
      this.#skipLeadingLf = false;
      if (text.charCodeAt(0) === LF) pos = 1;
    }
    let lineStart = pos;
    // Line ends are found with indexOf (native), not a loop over every character.
    let cr = text.indexOf("\r", pos);
    let lf = text.indexOf("\n", pos);
    while (cr >= 0 || lf >= 0) {
      const i = cr >= 0 && (lf < 0 || cr < lf) ? cr : lf;
      let line = text.slice(lineStart, i);
      if (this.#partial.length > 0) {
        this.#partial.push(line);
        line = this.#partial.join("");
        this.#partial = [];
      }
      this.#line(line, out);
      let next = i + 1;
      if (i === cr) {
        if (next < n) {
          if (text.charCodeAt(next) === LF) next++;
        } else {
          this.#skipLeadingLf = true;
        }
        cr = text.indexOf("\r", next);
      }
      if (lf >= 0 && lf < next) lf = text.indexOf("\n", next);
      lineStart = next;
    }
    if (lineStart < n) this.#partial.push(text.slice(lineStart));
    return out;
  }

  /** Ends the stream: flushes the decoder and returns what is left. */
  finish(): SseTail {
    const events = this.pushText(this.#decoder.decode());
    if (this.#partial.length > 0) {
      this.#line(this.#partial.join(""), events);
      this.#partial = [];
    }
    return { events, pending: this.#hasFields ? this.#take() : null };
  }

  #line(line: string, out: SseEvent[]): void {
    if (line.length === 0) {
      if (this.#hasFields) out.push(this.#take());
      return;
    }
    if (line.charCodeAt(0) === 58 /* : */) return; // comment / ping
    const colon = line.indexOf(":");
    let field: string;
    let value: string;
    if (colon < 0) {
      field = line;
      value = "";
    } else {
      field = line.slice(0, colon);
      value = line.charCodeAt(colon + 1) === 32 ? line.slice(colon + 2) : line.slice(colon + 1);
    }
    switch (field) {
      case "data":
        this.#data.push(value);
        this.#hasFields = true;
        break;
      case "event":
        this.#event = value;
        this.#hasFields = true;
        break;
      case "id":
        this.#id = value;
        this.#hasFields = true;
        break;
      default:
        break; // `retry` and unknown fields are ignored
    }
  }

  #take(): SseEvent {
    const ev: SseEvent = {
      data: this.#data.length === 1 ? this.#data[0] : this.#data.join("\n"),
    };
    if (this.#event !== undefined) ev.event = this.#event;
    if (this.#id !== undefined) ev.id = this.#id;
    this.#data = [];
    this.#event = undefined;
    this.#id = undefined;
    this.#hasFields = false;
    return ev;
  }
}
