import { describe, expect, it } from 'vitest';
import { TcpStateTracker, type SegmentEnd, type TrackedSegment } from './tcp-state.ts';

const client: SegmentEnd = { id: 'c1', side: 'client' };
const child: SegmentEnd = { id: 's2', side: 'server', fromListener: true };
let clock = 0;
const seg = (flags: TrackedSegment['flags'], relSeq: number, relAck?: number, len = 0): TrackedSegment =>
  ({ t: ++clock, flags, relSeq, ...(relAck !== undefined && { relAck }), len });

function drive(steps: [TrackedSegment, 'c>s' | 's>c'][]) {
  const tracker = new TcpStateTracker();
  const changes = steps.flatMap(([segment, way]) =>
    way === 'c>s' ? tracker.onSegment(segment, client, child) : tracker.onSegment(segment, child, client));
  const path = (socket: string) => changes.filter((c) => c.socket === socket).map((c) => `${c.from}>${c.to}`);
  return { tracker, path };
}

const handshake: [TrackedSegment, 'c>s' | 's>c'][] = [
  [seg(['SYN'], 0), 'c>s'], [seg(['SYN', 'ACK'], 0, 1), 's>c'], [seg(['ACK'], 1, 1), 'c>s'],
];

describe('the RFC 9293 state machine', () => {
  it('opens with the three-way handshake; the server side is born from LISTEN', () => {
    const { path } = drive(handshake);
    expect(path('c1')).toEqual(['CLOSED>SYN-SENT', 'SYN-SENT>ESTABLISHED']);
    expect(path('s2')).toEqual(['LISTEN>SYN-RECEIVED', 'SYN-RECEIVED>ESTABLISHED']);
  });

  it('closes actively through FIN-WAIT-1, FIN-WAIT-2 and TIME-WAIT; passively through CLOSE-WAIT and LAST-ACK', () => {
    const { path } = drive([
      ...handshake,
      [seg(['FIN', 'ACK'], 1, 1), 'c>s'], [seg(['ACK'], 1, 2), 's>c'],
      [seg(['FIN', 'ACK'], 1, 2), 's>c'], [seg(['ACK'], 2, 2), 'c>s'],
    ]);
    expect(path('c1').slice(2)).toEqual(['ESTABLISHED>FIN-WAIT-1', 'FIN-WAIT-1>FIN-WAIT-2', 'FIN-WAIT-2>TIME-WAIT']);
    expect(path('s2').slice(2)).toEqual(['ESTABLISHED>CLOSE-WAIT', 'CLOSE-WAIT>LAST-ACK', 'LAST-ACK>CLOSED']);
  });

  it('goes through CLOSING when its FIN crosses the peer\'s', () => {
    const { path } = drive([
      ...handshake,
      [seg(['FIN', 'ACK'], 1, 1), 'c>s'], [seg(['FIN', 'ACK'], 1, 1), 's>c'],
      [seg(['ACK'], 2, 2), 'c>s'], [seg(['ACK'], 2, 2), 's>c'],
    ]);
    expect(path('c1').slice(2)).toEqual(['ESTABLISHED>FIN-WAIT-1', 'FIN-WAIT-1>CLOSING', 'CLOSING>TIME-WAIT']);
    // Seen from one capture, the client's FIN reaches the server before the server's leaves.
    expect(path('s2').slice(2)).toEqual(['ESTABLISHED>CLOSE-WAIT', 'CLOSE-WAIT>LAST-ACK', 'LAST-ACK>CLOSED']);
  });

  it('moves straight to TIME-WAIT when the FIN also acknowledges ours', () => {
    const { path } = drive([...handshake, [seg(['FIN', 'ACK'], 1, 1), 'c>s'], [seg(['FIN', 'ACK'], 1, 2), 's>c']]);
    expect(path('c1').slice(2)).toEqual(['ESTABLISHED>FIN-WAIT-1', 'FIN-WAIT-1>TIME-WAIT']);
  });

  it('drops to CLOSED on RST, sent or received', () => {
    const { path } = drive([...handshake, [seg(['RST', 'ACK'], 1, 1), 'c>s']]);
    expect(path('c1').at(-1)).toBe('ESTABLISHED>CLOSED');
    expect(path('s2').at(-1)).toBe('ESTABLISHED>CLOSED');
  });

  it('lets the kernel correct a state', () => {
    const { tracker } = drive(handshake);
    expect(tracker.correct(99, 'client', 'c1', 'CLOSE-WAIT')).toEqual([{ t: 99, side: 'client', socket: 'c1', from: 'ESTABLISHED', to: 'CLOSE-WAIT' }]);
    expect(tracker.stateOf('c1')).toBe('CLOSE-WAIT');
  });
});
