import type { SessionEvent } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { explainEvent } from './explain.ts';
import { messagesFor } from './messages.ts';

const synAck: SessionEvent = {
  id: 7, t: 1000, kind: 'segment', source: 'captured', from: 'server', to: 'client', src: '127.0.0.2:7007', dst: '127.0.0.1:5000',
  flags: ['SYN', 'ACK'], seq: 100, ack: 51, relSeq: 0, relAck: 1, len: 0, hold: { packet: 3 },
};
const dropped: SessionEvent = { id: 9, t: 1_250_000, kind: 'delivery', source: 'traced', of: 7, verdict: 'dropped', heldUs: 1_249_000, by: 'user' };

describe('the explanation of a verdict', () => {
  it('names the packet that was dropped or delivered, in English and Korean', () => {
    const events = [synAck, { id: 8, t: 2000, kind: 'note', source: 'traced', code: 'capture', level: 'info', text: '' } as SessionEvent, dropped];
    expect(explainEvent(events, 2, messagesFor('en'))).toBe(
      "The packet SYN, ACK seq=0 ack=1 waited 1249.0 ms in the kernel's queue and is dropped (you chose it): the receiver never sees it.");
    expect(explainEvent(events, 2, messagesFor('ko'))).toBe(
      '패킷(SYN, ACK seq=0 ack=1)이 커널 큐에서 1249.0 ms 기다린 뒤 버려집니다 (사용자가 골랐습니다): 받는 쪽은 이 패킷을 보지 못합니다.');
  });

  it('says "the packet" when the packet is not among the events', () => {
    expect(explainEvent([dropped], 0, messagesFor('en'))).toMatch(/^The packet waited 1249\.0 ms/);
  });
});
