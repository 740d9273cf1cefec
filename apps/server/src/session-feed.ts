import { PROTOCOL_VERSION, type SessionEvent } from '@sockscope/protocol';

/** Events per message when a client catches up on a long session. */
export const EVENTS_PER_MESSAGE = 1000;

/** What a feed needs of a session's log (the engine's SessionLog). */
interface EventLog {
  readonly lastId: number;
  since(afterId: number): SessionEvent[];
  subscribe(listener: (event: SessionEvent) => void): () => void;
}

/** One viewer of a session: it is handed `events` messages as UTF-8 text, ready for a WebSocket text frame. */
type Send = (data: Buffer) => void;

interface Viewer {
  send: Send;
  /** The last event id this viewer has been sent. */
  lastSent: number;
}

/** The `events` messages for `events` (arrival order), at most EVENTS_PER_MESSAGE each. */
export function eventsMessages(sessionId: string, events: readonly SessionEvent[]): Buffer[] {
  const messages: Buffer[] = [];
  for (let start = 0; start < events.length; start += EVENTS_PER_MESSAGE) {
    // Encoded here, once: ws would otherwise encode the same string again for every viewer.
    messages.push(Buffer.from(JSON.stringify({ v: PROTOCOL_VERSION, type: 'events', sessionId, events: events.slice(start, start + EVENTS_PER_MESSAGE) })));
  }
  return messages;
}

/**
 * A session's live events for all its viewers: new events are gathered until the next turn of
 * the event loop, serialised and encoded once, and the same bytes go to every viewer (1,000 students
 * watching one teacher cost one JSON.stringify per batch, not a thousand). A viewer who joins
 * gets its backlog first; taking the backlog and joining happen in one tick, so no event falls
 * between them, and nothing is sent twice.
 */
export class SessionFeed {
  readonly #viewers = new Set<Viewer>();
  #pending: SessionEvent[] = [];
  #stopLog: (() => void) | undefined;

  constructor(private readonly sessionId: string, private readonly log: EventLog) {}

  /** Sends the events after `afterId`, then each new one, until the returned function is called. */
  join(afterId: number, send: Send): () => void {
    const viewer: Viewer = { send, lastSent: afterId };
    this.#stopLog ??= this.log.subscribe((event) => {
      if (this.#pending.length === 0) setImmediate(() => this.#flush());
      this.#pending.push(event);
    });
    const backlog = this.log.since(afterId);
    for (const text of eventsMessages(this.sessionId, backlog)) send(text);
    viewer.lastSent = Math.max(afterId, this.log.lastId);
    this.#viewers.add(viewer);
    return () => {
      this.#viewers.delete(viewer);
      if (this.#viewers.size === 0) this.#stop();
    };
  }

  get viewers(): number {
    return this.#viewers.size;
  }

  #flush(): void {
    const batch = this.#pending;
    this.#pending = [];
    const last = batch.at(-1)?.id;
    if (last === undefined) return;
    const first = batch[0]!.id;
    let shared: Buffer[] | undefined;
    for (const viewer of this.#viewers) {
      if (viewer.lastSent >= last) continue;
      // One who joined while this batch gathered has its start in the backlog already.
      const texts = viewer.lastSent < first
        ? (shared ??= eventsMessages(this.sessionId, batch))
        : eventsMessages(this.sessionId, batch.filter((event) => event.id > viewer.lastSent));
      for (const text of texts) viewer.send(text);
      viewer.lastSent = last;
    }
  }

  #stop(): void {
    this.#stopLog?.();
    this.#stopLog = undefined;
    this.#pending = [];
  }
}

/** The feeds of one server's sessions, made when a session gets its first viewer and let go with its last. */
export class SessionFeeds {
  readonly #feeds = new Map<string, SessionFeed>();

  join(sessionId: string, log: EventLog, afterId: number, send: Send): () => void {
    let feed = this.#feeds.get(sessionId);
    if (!feed) {
      feed = new SessionFeed(sessionId, log);
      this.#feeds.set(sessionId, feed);
    }
    const joined = feed;
    const leave = joined.join(afterId, send);
    return () => {
      leave();
      if (joined.viewers === 0 && this.#feeds.get(sessionId) === joined) this.#feeds.delete(sessionId);
    };
  }
}
