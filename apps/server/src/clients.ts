import { randomBytes } from 'node:crypto';

/** A client gone this long (no connection) has left: its sessions end and are saved. */
export const ABANDONED_AFTER_MS = 2 * 60_000;
const SWEEP_MS = 15_000;

interface Client {
  connections: number;
  /** When its last connection closed; undefined while it has one. */
  goneSince?: number;
}

/**
 * The clients the server knows, by their secret key: a browser that keeps its key across
 * reloads is the same client, so the sessions it started stay its own to drive. A client with
 * no connection for ABANDONED_AFTER_MS has left, and `onAbandoned` ends what it left running.
 */
export class Clients {
  readonly #clients = new Map<string, Client>();
  readonly #sweep: NodeJS.Timeout;

  constructor(private readonly onAbandoned: (key: string) => void, private readonly abandonedAfterMs = ABANDONED_AFTER_MS) {
    this.#sweep = setInterval(() => this.#sweepGone(), Math.min(SWEEP_MS, abandonedAfterMs));
    this.#sweep.unref();
  }

  /** A new client's key. */
  static newKey(): string {
    return randomBytes(16).toString('base64url');
  }

  /** A connection of `key` opened. */
  attach(key: string): void {
    const client = this.#clients.get(key) ?? { connections: 0 };
    client.connections += 1;
    delete client.goneSince;
    this.#clients.set(key, client);
  }

  /** A connection of `key` closed. */
  detach(key: string): void {
    const client = this.#clients.get(key);
    if (!client) return;
    client.connections = Math.max(0, client.connections - 1);
    if (client.connections === 0) client.goneSince = Date.now();
  }

  #sweepGone(): void {
    const now = Date.now();
    for (const [key, client] of this.#clients) {
      if (client.goneSince !== undefined && now - client.goneSince >= this.abandonedAfterMs) {
        this.#clients.delete(key);
        this.onAbandoned(key);
      }
    }
  }

  close(): void {
    clearInterval(this.#sweep);
  }
}
