import type { SessionEvent } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../messages.ts';
import { callSpan, detailRows } from './detail-fields.ts';

const en = messagesFor('en');
const ko = messagesFor('ko');

const events: SessionEvent[] = [
  { id: 1, t: 1000, kind: 'call', source: 'traced', side: 'server', socket: 's1', fn: 'accept', phase: 'enter', via: 'server (listener readable)' },
  { id: 2, t: 2000, kind: 'call', source: 'traced', side: 'client', socket: 'c1', fn: 'connect', phase: 'enter', args: { address: '127.9.9.9', port: 7007 }, via: 'net.connect()' },
  {
    id: 3, t: 2100, kind: 'segment', source: 'captured', from: 'server', to: 'client', src: '127.9.9.9:7007', dst: '127.0.0.1:40000',
    flags: ['SYN', 'ACK'], relSeq: 0, relAck: 1, len: 0,
  },
  { id: 4, t: 2150, kind: 'state', source: 'inferred', side: 'server', socket: 's2', from: 'LISTEN', to: 'SYN-RECEIVED' },
  { id: 5, t: 3500, kind: 'call', source: 'traced', side: 'server', socket: 's1', fn: 'accept', phase: 'return', result: 's2', via: 'server (listener readable)' },
  { id: 6, t: 4000, kind: 'call', source: 'traced', side: 'client', socket: 'c1', fn: 'connect', phase: 'error', errno: 'ECONNREFUSED', via: 'net.connect()' },
  { id: 7, t: 5000, kind: 'call', source: 'traced', side: 'server', socket: 's2', fn: 'recv', phase: 'enter', via: "socket 'data'" },
];
const event = (id: number) => events.find((candidate) => candidate.id === id)!;
const table = (id: number, text = en) => Object.fromEntries(detailRows(event(id), events, text).map((row) => [row.name, row.value]));

describe('the detail of an event', () => {
  it('pairs a call with its other end, from either', () => {
    expect(callSpan(event(1) as never, events)).toEqual({ enter: event(1), exit: event(5) });
    expect(callSpan(event(5) as never, events)).toEqual({ enter: event(1), exit: event(5) });
    expect(callSpan(event(7) as never, events)).toEqual({ enter: event(7) });
  });

  it('says when a blocking call was entered and returned, how long it blocked and what it returned', () => {
    expect(table(5)).toMatchObject({ Entered: '1.000 ms', Returned: '3.500 ms', 'Blocked for': '2.5 ms', 'Returned value': 's2' });
    expect(table(1)).toMatchObject({ 'Blocked for': '2.5 ms', 'Returned value': 's2' });
  });

  it('says the errno of a call that failed, and that a call still blocked has not returned', () => {
    expect(table(2)).toMatchObject({ Entered: '2.000 ms', Failed: '4.000 ms', 'Blocked for': '2.0 ms', Error: 'ECONNREFUSED' });
    expect(table(7)).toMatchObject({ Returned: 'not yet: still blocked' });
    expect(table(7)).not.toHaveProperty('Blocked for');
  });

  it('writes flags as Wireshark does and arguments as name=value, not JSON', () => {
    expect(table(3)).toMatchObject({ flags: 'SYN, ACK', from: 'server', len: '0' });
    expect(table(2)).toMatchObject({ args: 'address=127.9.9.9, port=7007' });
  });

  it('says a state band as its transition', () => {
    expect(table(4)).toMatchObject({ Transition: 'LISTEN → SYN-RECEIVED', from: 'LISTEN' });
  });

  it('speaks Korean: field names, sides, a call span; states and flags stay notation', () => {
    expect(table(3, ko)).toMatchObject({ '플래그 (flags)': 'SYN, ACK', '보낸 쪽 (from)': '서버', '받는 쪽 (to)': '클라이언트', '길이 (len)': '0' });
    expect(table(5, ko)).toMatchObject({ 진입: '1.000 ms', 반환: '3.500 ms', '막혀 있던 시간': '2.5 ms', 반환값: 's2' });
    expect(table(4, ko)).toMatchObject({ '상태 전이': 'LISTEN → SYN-RECEIVED', '이전 상태 (from)': 'LISTEN', '새 상태 (to)': 'SYN-RECEIVED' });
  });
});
