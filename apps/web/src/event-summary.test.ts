import type { SessionEvent } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { formatTimeMs, summarizeEvent } from './event-summary.ts';
import { messagesFor } from './messages.ts';

const text = messagesFor('en');
const base = { id: 1, t: 0 } as const;
const summary = (event: SessionEvent) => summarizeEvent(event, text);

describe('summarizeEvent', () => {
  const segment = {
    ...base, kind: 'segment', source: 'captured', from: 'client', to: 'server',
    src: '127.0.0.1:40522', dst: '127.0.0.1:7007', relSeq: 0, len: 0,
  } as const;

  it('labels segments like Wireshark', () => {
    expect(summary({ ...segment, flags: ['SYN'] })).toBe('client → server  SYN seq=0');
    expect(summary({ ...segment, from: 'server', to: 'client', flags: ['SYN', 'ACK'], relAck: 1 }))
      .toBe('server → client  SYN, ACK seq=0 ack=1');
    expect(summary({ ...segment, flags: ['PSH', 'ACK'], relSeq: 1, relAck: 1, len: 5 }))
      .toBe('client → server  PSH, ACK seq=1 ack=1 len=5');
  });

  it('shows a datagram with its payload', () => {
    expect(summary({
      ...base, kind: 'datagram', source: 'inferred', from: 'client', to: 'server',
      src: '127.0.0.1:40522', dst: '127.0.0.1:7007', len: 5, payload: { text: 'hello', hex: '68656c6c6f', truncated: false },
    })).toBe('UDP client → server len=5 "hello"');
  });

  it('shows calls as they enter and return', () => {
    const call = { ...base, kind: 'call', source: 'traced', via: 'net.connect()' } as const;
    expect(summary({ ...call, side: 'client', socket: 's3', fn: 'connect', phase: 'enter', args: { address: '127.0.0.1', port: 7007 } }))
      .toBe('client: connect(127.0.0.1:7007)');
    expect(summary({ ...call, side: 'server', socket: 's1', fn: 'accept', phase: 'return', result: 's2', args: { peer: '127.0.0.1:40522', fd: 21 } }))
      .toBe('server: accept() → s2');
    expect(summary({ ...call, side: 'client', socket: 's3', fn: 'send', phase: 'enter', args: { len: 5, data: 'hello' } }))
      .toBe('client: send("hello", 5)');
    expect(summary({ ...call, side: 'server', socket: 's2', fn: 'recv', phase: 'return', result: 0, args: { eof: true } }))
      .toBe('server: recv() → 0 (EOF)');
    expect(summary({ ...call, side: 'client', socket: 's3', fn: 'connect', phase: 'error', result: -1, errno: 'ECONNREFUSED', message: 'refused' }))
      .toBe('client: connect() → ECONNREFUSED (refused)');
  });

  it('shows a state change and a socket table', () => {
    expect(summary({ ...base, kind: 'state', source: 'kernel', side: 'server', socket: 's2', from: 'SYN-RECEIVED', to: 'ESTABLISHED' }))
      .toBe('s2: SYN-RECEIVED → ESTABLISHED');
    expect(summary({
      ...base, kind: 'sockets', source: 'kernel', rows: [
        { side: 'server', socket: 's1', proto: 'tcp', local: '127.0.0.1:7007', remote: '0.0.0.0:0', state: 'LISTEN', recvQ: 0, sendQ: 0 },
        { side: 'server', socket: 's2', proto: 'tcp', local: '127.0.0.1:7007', remote: '127.0.0.1:40522', state: 'ESTABLISHED', recvQ: 5, sendQ: 0 },
      ],
    })).toBe('sockets: s1 tcp LISTEN 127.0.0.1:7007 · s2 tcp ESTABLISHED 127.0.0.1:7007 ⇄ 127.0.0.1:40522 recvQ=5');
  });
});

describe('formatTimeMs', () => {
  it('turns microseconds into milliseconds', () => {
    expect(formatTimeMs(12_345, text)).toBe('12.345 ms');
  });
});
