import type { NewEvent, SessionEvent } from '@sockscope/protocol';

/** More events than a teaching session needs; a runaway session stops here instead of eating memory. */
export const MAX_SESSION_EVENTS = 200_000;

export class SessionLogFullError extends Error {
  constructor() {
    super(`the session reached ${MAX_SESSION_EVENTS} events and stopped recording`);
  }
}

type Listener = (event: SessionEvent) => void;

/** The session's append-only event log. Ids count arrivals; consumers order by `t`. */
export class SessionLog {
  readonly #events: SessionEvent[] = [];
  readonly #listeners = new Set<Listener>();

  append(event: NewEvent): SessionEvent {
    if (this.#events.length >= MAX_SESSION_EVENTS) throw new SessionLogFullError();
    // id, t, kind and source lead each line of a recording, where a reader looks first.
    const { t, kind, source, ...rest } = event;
    const numbered = { id: this.#events.length + 1, t, kind, source, ...rest } as SessionEvent;
    this.#events.push(numbered);
    for (const listener of this.#listeners) listener(numbered);
    return numbered;
  }

  get lastId(): number {
    return this.#events.length;
  }

  /** The events after `afterId`, in arrival order. */
  since(afterId: number): SessionEvent[] {
    return this.#events.slice(Math.max(0, afterId));
  }

  all(): readonly SessionEvent[] {
    return this.#events;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
