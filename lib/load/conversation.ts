/**
 * Multi-turn runs (`--multi-turn`): `parallel` workers, each owning one conversation at a time and
 * sending its turns one after another. Every turn carries the whole context so far: the dataset's
 * messages of the earlier turns and the server's **real** replies to them (a dataset's own
 * assistant text is never sent). A failed turn ends its conversation, which still counts; the
 * other conversations go on. `--duration` is a soft stop: no new conversation starts after it,
 * the ones under way finish. Open loop is refused by the config (a turn cannot be sent before the
 * reply it follows has come).
 *
 * A turn waits its dataset delay (an agentic trace's tool-call latency) and, with `--rate`, an
 * exponential think time of mean 1/rate, as EvalScope does; its intended send time is the moment
 * those waits end, so the body building and the send gate show up as send lag.
 *
 * @module
 */
import type { TurnInfo } from "../metrics/multi_turn.ts";
import { exponential, type Random } from "../util/random.ts";
import type { ConversationTurn, DatasetMessage } from "./dataset.ts";
import { type Dispatched, type PostClient, SendGate } from "./dispatch.ts";
import { outputCap, type PreparedRequest } from "./request_builder.ts";
import { firstStop, stopAtDeadline, stopOnAbort, type StopReason } from "./stop_rules.ts";
import { realTimer, type Timer } from "./timer.ts";

/** The request of one turn: the conversation's shared body, the context, the turn's cap. */
export function turnRequest(
  conversation: PreparedRequest,
  options: { context: readonly DatasetMessage[]; turn: ConversationTurn },
): PreparedRequest {
  const body: Record<string, unknown> = { ...conversation.body, messages: [...options.context] };
  const cap = options.turn.maxTokens;
  if (cap !== undefined) {
    body.max_tokens = cap;
    delete body.max_completion_tokens;
  }
  return {
    body,
    ...outputCap(body),
    targetPromptTokens: null,
    ...(conversation.group !== undefined ? { group: conversation.group } : {}),
  };
}

/** Options of {@linkcode runConversations}. */
export interface ConversationRunOptions {
  client: PostClient;
  url: string;
  /** Conversations (prepared requests with `conversation` set), until it returns undefined. */
  source: { next(): Promise<PreparedRequest | undefined> };
  /** Conversations in flight. */
  parallel: number;
  /** `bench` or `warmup`: the prefix of the trace ids. */
  phase: "bench" | "warmup";
  /** Number of the first conversation's trace id (ids run on across phases, as in EvalScope). */
  firstTraceSeq: number;
  /** `--max-turns`: later turns of a conversation are not sent. */
  maxTurns?: number;
  /** `--rate` > 0: an exponential think time of mean 1/rate s before each turn, drawn from `rng`. */
  rate?: number;
  rng?: Random;
  /** No conversation starts after this many ms; those under way finish. */
  durationMs?: number;
  /** Aborting stops at once: no further turn is sent and requests in flight are cancelled. */
  signal?: AbortSignal;
  /** Sends the trace id in this header with every turn (sticky routing), when set. */
  sessionHeader?: string;
  timer?: Timer;
  keepEvents?: boolean;
  /** Every finished turn. */
  onResult(d: Dispatched): void;
  /** A conversation ended (after its last turn, or its failed one). */
  onConversation?(): void;
}

/** What a multi-turn phase did. */
export interface ConversationRunStats {
  conversations: number;
  /** Turns sent. */
  dispatched: number;
  startMs: number;
  endMs: number;
  stopReason: StopReason;
}

/** Runs conversations from `source` until it is empty, the duration passes or `signal` aborts. */
export async function runConversations(o: ConversationRunOptions): Promise<ConversationRunStats> {
  const timer = o.timer ?? realTimer;
  const t0 = timer.now();
  const deadline = o.durationMs !== undefined && o.durationMs > 0 ? t0 + o.durationMs : Infinity;
  const rules = [stopOnAbort(o.signal), stopAtDeadline(deadline)];
  let stopReason: StopReason = "completed";
  const stopped = () => {
    const reason = firstStop(rules, timer.now());
    if (reason) stopReason = reason;
    return reason !== null;
  };
  const aborted = () => {
    if (o.signal?.aborted) stopReason = "interrupted";
    return o.signal?.aborted === true;
  };
  const gate = new SendGate();
  let seq = o.firstTraceSeq;
  let conversations = 0;
  let dispatched = 0;
  const wait = async (ms: number) => {
    if (ms > 0) await timer.sleepUntil(timer.now() + ms, o.signal);
  };

  const converse = async (conversation: PreparedRequest, traceId: string) => {
    const all = conversation.conversation?.turns ?? [];
    const turns = o.maxTurns !== undefined ? all.slice(0, o.maxTurns) : all;
    const context: DatasetMessage[] = [];
    const headers = o.sessionHeader ? { [o.sessionHeader]: traceId } : undefined;
    for (let i = 0; i < turns.length; i++) {
      const turn = turns[i];
      await wait((turn.delayS ?? 0) * 1000);
      if (o.rate !== undefined && o.rate > 0 && o.rng) {
        await wait(exponential(o.rng, 1000 / o.rate));
      }
      if (aborted()) return;
      const intended = timer.now();
      for (const m of turn.messages) context.push(m);
      const request = turnRequest(conversation, { context, turn });
      await gate.ready();
      if (aborted()) return; // never sent: no row
      const index = dispatched++;
      const result = await o.client.post(o.url, request.body, {
        intendedSend: intended,
        signal: o.signal,
        keepEvents: o.keepEvents,
        ...(headers ? { headers } : {}),
      });
      const ok = result.outcome === "success";
      const info: TurnInfo = {
        traceId,
        turn: i + 1,
        first: i === 0,
        last: !ok || i === turns.length - 1,
      };
      o.onResult({ index, request, result, turn: info });
      if (!ok) return;
      context.push({ role: "assistant", content: result.text });
    }
  };

  const worker = async () => {
    for (;;) {
      if (stopped()) return;
      const conversation = await o.source.next();
      if (conversation === undefined || stopped()) return;
      if (!conversation.conversation?.turns.length) continue;
      const traceId = `${o.phase}-${seq++}`;
      await converse(conversation, traceId);
      conversations++;
      o.onConversation?.();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.parallel) }, worker));
  return { conversations, dispatched, startMs: t0, endMs: timer.now(), stopReason };
}
