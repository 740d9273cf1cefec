import { networkInterfaces } from 'node:os';
import type { ClassReach } from '@sockscope/protocol';
import { listensOnAll } from './host-check.ts';

type Interfaces = ReturnType<typeof networkInterfaces>;

/** The machine's address on the room's network: its first IPv4 address that is not loopback. */
export function lanAddress(interfaces: Interfaces = networkInterfaces()): string | undefined {
  for (const addresses of Object.values(interfaces)) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return undefined;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])$/i;

/** Where students can reach a server listening on `listenHost`. */
export function classReach(listenHost: string, interfaces: Interfaces = networkInterfaces()): ClassReach {
  if (LOOPBACK.test(listenHost)) return { scope: 'local' };
  const address = listensOnAll(listenHost) ? lanAddress(interfaces) : listenHost;
  return address ? { scope: 'network', lanAddress: address } : { scope: 'network' };
}
