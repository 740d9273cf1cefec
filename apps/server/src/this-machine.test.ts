import type { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isFromThisMachine } from './this-machine.ts';

const own = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
  ({ address, family, internal, netmask: '', mac: '00:00:00:00:00:00', cidr: null, ...(family === 'IPv6' && { scopeid: 0 }) });
const interfaces = {
  lo: [own('127.0.0.1', 'IPv4', true), own('::1', 'IPv6', true)],
  eth0: [own('192.168.1.20', 'IPv4'), own('fe80::1', 'IPv6')],
} as ReturnType<typeof networkInterfaces>;

describe('a connection from this machine', () => {
  it('is one from loopback, in either family and as IPv4 mapped into IPv6', () => {
    for (const address of ['127.0.0.1', '127.5.6.7', '::1', '::ffff:127.0.0.1']) expect(isFromThisMachine(address, interfaces)).toBe(true);
  });

  it('is one from the machine\'s own LAN address (the class link opened on the teacher\'s laptop)', () => {
    expect(isFromThisMachine('192.168.1.20', interfaces)).toBe(true);
    expect(isFromThisMachine('::ffff:192.168.1.20', interfaces)).toBe(true);
  });

  it('is not one from another machine of the room, nor one whose address is unknown', () => {
    for (const address of ['192.168.1.21', '10.0.0.1', 'fe80::2', undefined]) expect(isFromThisMachine(address, interfaces)).toBe(false);
  });
});
