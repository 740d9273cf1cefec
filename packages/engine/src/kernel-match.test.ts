import { describe, expect, it } from 'vitest';
import { kernelTcpState, matchKernelRows } from './kernel-match.ts';
import type { KernelSocket } from './kernel-table.ts';
import { SocketRegistry } from './registry.ts';

const PORT = '127.9.9.9:7007';
const row = (fields: Partial<KernelSocket>): KernelSocket => ({ proto: 'tcp', local: PORT, remote: '0.0.0.0:0', state: 'LISTEN', sendQ: 0, recvQ: 0, ...fields });

describe('the kernel rows of a server that listens again on its port', () => {
  const registry = new SocketRegistry();
  const first = registry.add('server', 'tcp', 'listener', { local: PORT });
  const old = registry.add('server', 'tcp', 'connection', { local: PORT, remote: '127.0.0.1:40000', parent: first.id });
  const again = registry.add('server', 'tcp', 'listener', { local: PORT });
  const rows = matchKernelRows(registry.all(), [row({}), row({ remote: '127.0.0.1:40000', state: 'TIME-WAIT' })]);

  it("gives the LISTEN row to the new listener only; the closed one has none and is CLOSED", () => {
    expect(rows.map((r) => [r.socket, r.state])).toEqual([[old.id, 'TIME-WAIT'], [again.id, 'LISTEN']]);
    expect(kernelTcpState(first, rows)).toBe('CLOSED');
    expect(kernelTcpState(again, rows)).toBe('LISTEN');
  });
});
