import type { SocketRow, TcpState } from '@sockscope/protocol';
import { kernelTcpState, matchKernelRows } from './kernel-match.ts';
import { readKernelSockets, readListenOverflows } from './kernel-table.ts';
import type { SocketEntry, SocketRegistry } from './registry.ts';
import type { SessionLog } from './session-log.ts';

/**
 * The kernel's view of a session's sockets, read whenever the session asks: its socket table
 * (`/proc/net`, logged as a `sockets` event) and the packets it dropped since the reading before
 * (`drop` events: a UDP socket's drop counter, or the machine's listen overflows for a listener).
 */
export class KernelReadings {
  /** Each UDP socket's drop counter at the last reading. */
  readonly #drops = new Map<string, number>();
  /** The machine's listen overflows at the last reading. */
  #listenOverflows: number | undefined;

  constructor(private readonly registry: SocketRegistry, private readonly log: SessionLog, private readonly now: () => number) {}

  /** Counts the listen overflows from here on: call once, before the session's first packet. */
  async start(): Promise<void> {
    this.#listenOverflows = await readListenOverflows();
  }

  /** Reads the socket table and the drops; returns each of the session's TCP sockets the table shows, with its state there. */
  async read(): Promise<{ entry: SocketEntry; state: TcpState }[]> {
    const rows = matchKernelRows(this.registry.all(), await readKernelSockets());
    this.log.append({ kind: 'sockets', source: 'kernel', t: this.now(), rows });
    await this.#countDrops(rows);
    return this.registry.all().flatMap((entry) => {
      const state = kernelTcpState(entry, rows);
      return state ? [{ entry, state }] : [];
    });
  }

  /** Drops the kernel counted since the last reading, shown on the socket that lost them. */
  async #countDrops(rows: readonly SocketRow[]): Promise<void> {
    for (const row of rows) {
      if (row.drops === undefined) continue;
      const before = this.#drops.get(row.socket) ?? 0;
      this.#drops.set(row.socket, row.drops);
      if (row.drops > before) {
        this.log.append({ kind: 'drop', source: 'kernel', t: this.now(), side: row.side, socket: row.socket, reason: 'receive-buffer-full', count: row.drops - before });
      }
    }
    const overflows = await readListenOverflows();
    const before = this.#listenOverflows;
    this.#listenOverflows = overflows;
    // The newest listener: the one a server that listened again uses now.
    const listener = this.registry.all().findLast((entry) => entry.role === 'listener');
    if (listener && overflows !== undefined && before !== undefined && overflows > before) {
      this.log.append({ kind: 'drop', source: 'kernel', t: this.now(), side: listener.side, socket: listener.id, reason: 'accept-queue-full', count: overflows - before });
    }
  }
}
