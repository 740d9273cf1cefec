import { setTimeout as sleep } from 'node:timers/promises';

/**
 * How long a step goes on waiting for a blocked call while nothing at all happens. Long enough
 * for the kernel's retransmission timers after a drop (SYN and SYN-ACK 1 s, data and FIN from
 * 200 ms, doubled per try) and for a user reading the ladder between two verdicts.
 */
export const CALL_WAIT_LIMIT_MS = 10_000;
const POLL_MS = 30;

/** The blocking calls (accept, connect, recv…) of a session's steps that have not returned yet. */
export class BlockedCalls {
  readonly #calls = new Map<Promise<void>, string>();

  /** `name` (`the client's connect()`) blocks until `completion` settles. */
  add(name: string, completion: Promise<void>): void {
    const settled = completion.catch(() => undefined).finally(() => this.#calls.delete(settled));
    this.#calls.set(settled, name);
  }

  get names(): string[] {
    return [...this.#calls.values()];
  }
}

export interface CallWait {
  calls: BlockedCalls;
  /** What on the wire a blocked call may still be waiting for; undefined when nothing is left there. */
  waitingOn(): string | undefined;
  /** The id of the newest event: a new one is progress. */
  lastId(): number;
  /** The session is ending: stop waiting. */
  stopped(): boolean;
}

export interface StillWaiting {
  calls: string[];
  /** How long the step waited, ms. */
  waitedMs: number;
  reason: string;
}

/**
 * Holding the wire, a step does not end at quiet while one of its session's calls is blocked on
 * something still on the wire (a packet in the queue, a dropped segment not yet sent again): the
 * kernel's retransmission or the user's next verdict may yet come. It waits until no call is
 * blocked, or nothing on the wire is left for one, or nothing has happened for
 * CALL_WAIT_LIMIT_MS; then it says which calls still wait and on what.
 */
export async function waitForBlockedCalls(wait: CallWait): Promise<StillWaiting | undefined> {
  const start = Date.now();
  let seen = wait.lastId();
  let lastProgress = start;
  for (;;) {
    if (wait.stopped() || wait.calls.names.length === 0) return undefined;
    const reason = wait.waitingOn();
    if (reason === undefined) return undefined;
    if (Date.now() - lastProgress >= CALL_WAIT_LIMIT_MS) return { calls: wait.calls.names, waitedMs: Date.now() - start, reason };
    await sleep(POLL_MS);
    if (wait.lastId() !== seen) {
      seen = wait.lastId();
      lastProgress = Date.now();
    }
  }
}
