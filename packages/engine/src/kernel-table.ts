import { readFile } from 'node:fs/promises';
import type { TcpState } from '@sockscope/protocol';
import { formatEndpoint, formatIpv6 } from '@sockscope/wire';

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

/** The bytes of one in-memory u32 as /proc prints it (little-endian on x86 and arm). */
function wordBytes(hex: string): number[] {
  const value = Number.parseInt(hex, 16);
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24];
}

/**
 * `0100007F:1F90` → `127.0.0.1:8080`; an IPv6 address is four such words
 * (`00000000000000000000000001000000:0050` → `[::1]:80`).
 */
export function decodeProcEndpoint(text: string): string {
  const [addressHex = '', portHex = ''] = text.split(':');
  const port = Number.parseInt(portHex, 16);
  if (addressHex.length !== 32) return `${wordBytes(addressHex).join('.')}:${port}`;
  const bytes = [0, 8, 16, 24].flatMap((offset) => wordBytes(addressHex.slice(offset, offset + 8)));
  return formatEndpoint(formatIpv6(Uint8Array.from(bytes), 0), port);
}

/** Parses the text of `/proc/net/tcp`, `tcp6`, `udp` or `udp6`. */
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

/** A table that may be missing (IPv6 turned off) reads as empty. */
async function readTable(file: string, proto: 'tcp' | 'udp', optional: boolean): Promise<KernelSocket[]> {
  try {
    return parseProcNet(await readFile(file, 'utf8'), proto);
  } catch (error) {
    if (optional && (error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Reads the kernel's TCP and UDP socket tables, IPv4 and IPv6; needs no privilege. */
export async function readKernelSockets(): Promise<KernelSocket[]> {
  const tables = await Promise.all([
    readTable('/proc/net/tcp', 'tcp', false), readTable('/proc/net/tcp6', 'tcp', true),
    readTable('/proc/net/udp', 'udp', false), readTable('/proc/net/udp6', 'udp', true),
  ]);
  return tables.flat();
}

/** A counter of `/proc/net/netstat` (e.g. `TcpExt` `ListenOverflows`): a header line names the values on the next. */
export function parseNetstatCounter(text: string, group: string, name: string): number | undefined {
  const lines = text.split('\n').filter((line) => line.startsWith(`${group}:`));
  const names = lines[0]?.split(/\s+/) ?? [];
  const values = lines[1]?.split(/\s+/) ?? [];
  const index = names.indexOf(name);
  return index > 0 && values[index] !== undefined ? Number(values[index]) : undefined;
}

/** SYNs the kernel dropped because a listener's accept queue was full, since boot, machine-wide. */
export async function readListenOverflows(): Promise<number | undefined> {
  const text = await readFile('/proc/net/netstat', 'utf8').catch(() => '');
  return parseNetstatCounter(text, 'TcpExt', 'ListenOverflows');
}
