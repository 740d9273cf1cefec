import { describe, expect, it } from 'vitest';
import { decodeProcEndpoint, parseProcNet } from './kernel-table.ts';

// Lines as Linux 6 prints them (trailing columns shortened where they do not matter).
const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 09032D7F:1B5F 00000000:0000 0A 00000000:00000001 00:00000000 00000000     0        0 81234 1 0000000000000000 100 0 0 10 0
   1: 0100007F:9C4A 09032D7F:1B5F 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000
   2: 09032D7F:1B5F 0100007F:9C4A 08 00000002:00000005 00:00000000 00000000     0        0 81240 1 0000000000000000 20 4 30 10 -1
`;
const UDP = `   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
  120: 09032D7F:1B5F 00000000:0000 07 00000000:00000A00 00:00000000 00000000     0        0 81300 2 0000000000000000 3
  121: 00000000:D431 09032D7F:1B5F 01 00000000:00000000 00:00000000 00000000     0        0 81301 2 0000000000000000 0
`;

describe('the kernel socket table', () => {
  it('decodes little-endian IPv4 endpoints', () => {
    expect(decodeProcEndpoint('0100007F:1F90')).toBe('127.0.0.1:8080');
    expect(decodeProcEndpoint('09032D7F:1B5F')).toBe('127.45.3.9:7007');
  });

  it('reads TCP states and queues; a listener reports its accept queue as Recv-Q', () => {
    expect(parseProcNet(TCP, 'tcp')).toEqual([
      { proto: 'tcp', local: '127.45.3.9:7007', remote: '0.0.0.0:0', state: 'LISTEN', sendQ: 0, recvQ: 1 },
      { proto: 'tcp', local: '127.0.0.1:40010', remote: '127.45.3.9:7007', state: 'TIME-WAIT', sendQ: 0, recvQ: 0 },
      { proto: 'tcp', local: '127.45.3.9:7007', remote: '127.0.0.1:40010', state: 'CLOSE-WAIT', sendQ: 2, recvQ: 5 },
    ]);
  });

  it("reads UDP sockets with their drop counter", () => {
    expect(parseProcNet(UDP, 'udp')).toEqual([
      { proto: 'udp', local: '127.45.3.9:7007', remote: '0.0.0.0:0', state: 'UNCONN', sendQ: 0, recvQ: 2560, drops: 3 },
      { proto: 'udp', local: '0.0.0.0:54321', remote: '127.45.3.9:7007', state: 'ESTABLISHED', sendQ: 0, recvQ: 0, drops: 0 },
    ]);
  });
});
