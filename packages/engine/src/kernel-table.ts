import { readFile } from 'node:fs/promises';
import type { TcpState } from '@sockscope/protocol';

/** One row of `/proc/net/tcp` or `/proc/net/udp`, decoded. */
export interface KernelSocket {
  proto: 'tcp' | 'udp';
  local: string;
  remote: string;
  state: TcpState | 'UNCONN';
  sendQ: number;
  /** Unread bytes; for a listener the kernel reports the accept queue's length here. */
  recvQ: number;
  /** UDP only: datagrams dropped because the receive buffer was full. */
  drops?: number;
}

// include/net/tcp_states.h
const TCP_STATE_BY_CODE: Record<number, TcpState> = {
  0x01: 'ESTABLISHED', 0x02: 'SYN-SENT', 0x03: 'SYN-RECEIVED', 0x04: 'FIN-WAIT-1', 0x05: 'FIN-WAIT-2',
  0x06: 'TIME-WAIT', 0x07: 'CLOSED', 0x08: 'CLOSE-WAIT', 0x09: 'LAST-ACK', 0x0a: 'LISTEN', 0x0b: 'CLOSING',
  0x0c: 'SYN-RECEIVED',
};

/** `0100007F:1F90` → `127.0.0.1:8080`: the address is the in-memory u32, little-endian on x86 and arm. */
export function decodeProcEndpoint(text: string): string {
  const [addressHex = '', portHex = ''] = text.split(':');
  const value = Number.parseInt(addressHex, 16);
  const octets = [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24];
  return `${octets.join('.')}:${Number.parseInt(portHex, 16)}`;
}

/** Parses the text of `/proc/net/tcp` or `/proc/net/udp` (IPv4). */
export function parseProcNet(text: string, proto: 'tcp' | 'udp'): KernelSocket[] {
  const rows: KernelSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10) continue;
    const [, local = '', remote = '', stateHex = '', queues = ''] = fields;
    const [txHex = '0', rxHex = '0'] = queues.split(':');
    const code = Number.parseInt(stateHex, 16);
    const row: KernelSocket = {
      proto,
      local: decodeProcEndpoint(local),
      remote: decodeProcEndpoint(remote),
      state: proto === 'udp' ? (code === 0x01 ? 'ESTABLISHED' : 'UNCONN') : (TCP_STATE_BY_CODE[code] ?? 'CLOSED'),
      sendQ: Number.parseInt(txHex, 16),
      recvQ: Number.parseInt(rxHex, 16),
    };
    if (proto === 'udp') row.drops = Number(fields[fields.length - 1]);
    rows.push(row);
  }
  return rows;
}

/** Reads the kernel's IPv4 TCP and UDP socket tables; needs no privilege. */
export async function readKernelSockets(): Promise<KernelSocket[]> {
  const [tcp, udp] = await Promise.all([readFile('/proc/net/tcp', 'utf8'), readFile('/proc/net/udp', 'utf8')]);
  return [...parseProcNet(tcp, 'tcp'), ...parseProcNet(udp, 'udp')];
}
