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

/** The kernel's rows for the session's sockets, named by the session's socket ids. */
export function matchKernelRows(entries: readonly SocketEntry[], rows: readonly KernelSocket[]): SocketRow[] {
  const matched: SocketRow[] = [];
  for (const entry of entries) {
    if (!entry.local) continue;
    const row = rows.find((candidate) => owns(entry, candidate));
    if (!row) continue;
    matched.push({
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
