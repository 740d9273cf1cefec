import type { SocketRow, TcpState } from '@sockscope/protocol';
import type { KernelSocket } from './kernel-table.ts';
import type { SocketEntry } from './registry.ts';

const ANY = '0.0.0.0:0';

function owns(entry: SocketEntry, row: KernelSocket): boolean {
  if (row.proto !== entry.proto || row.local !== entry.local) return false;
  if (entry.role === 'listener') return row.state === 'LISTEN' && row.remote === ANY;
  if (entry.role === 'connection') return row.remote === entry.remote;
  return true;
}

/**
 * The kernel's rows for the session's sockets, named by the session's socket ids. A row is one
 * socket's: when a closed socket and a newer one share an address (a server that listens again
 * on its port), the row is the newer one's, and the closed one has none.
 */
export function matchKernelRows(entries: readonly SocketEntry[], rows: readonly KernelSocket[]): SocketRow[] {
  const matched: SocketRow[] = [];
  const taken = new Set<KernelSocket>();
  for (const entry of [...entries].reverse()) {
    if (!entry.local) continue;
    const row = rows.find((candidate) => !taken.has(candidate) && owns(entry, candidate));
    if (!row) continue;
    taken.add(row);
    matched.unshift({
      side: entry.side, socket: entry.id, proto: row.proto, local: row.local, remote: row.remote,
      state: row.state, recvQ: row.recvQ, sendQ: row.sendQ, ...(row.drops !== undefined && { drops: row.drops }),
    });
  }
  return matched;
}

/** The TCP state the kernel reports for an entry: a socket missing from the table is CLOSED. */
export function kernelTcpState(entry: SocketEntry, rows: readonly SocketRow[]): TcpState | undefined {
  if (entry.proto !== 'tcp' || !entry.local) return undefined;
  const row = rows.find((candidate) => candidate.socket === entry.id);
  if (!row) return 'CLOSED';
  return row.state === 'UNCONN' ? undefined : row.state;
}
