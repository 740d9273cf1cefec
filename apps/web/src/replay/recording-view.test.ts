import type { Recording } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { trackSlot } from './recording-view.ts';

function recording(tracks: number): Recording {
  return {
    name: 'A UDP echo', createdAt: '2026-11-25T14:03:00.000Z', origin: { kind: 'session', scenario: 'udp-echo' },
    tracks: Array.from({ length: tracks }, (_, index) => ({
      id: `udp-${index + 1}`, title: `UDP flow ${index + 1}`, proto: 'udp' as const, capture: { mode: 'pcap' as const },
      sides: [{ name: 'client' }, { name: 'server' }],
      events: [
        { id: 1, t: 30, kind: 'datagram' as const, source: 'captured' as const, from: 'server', to: 'client', src: '127.0.0.2:7007', dst: '127.0.0.1:5000', len: 5 },
        {
          // Arrived later than the reply, happened before it (a packet late through the capture pipe).
          id: 2, t: 10, kind: 'datagram' as const, source: 'captured' as const, from: 'client', to: 'server', src: '127.0.0.1:5000', dst: '127.0.0.2:7007',
          len: 5, payload: { text: 'hello', hex: '', truncated: false },
        },
      ],
    })),
  };
}

describe('a recorded track in the page', () => {
  it('holds a track as an ended session with its events in drawing order', () => {
    const held = recording(3);
    const slot = trackSlot(held.tracks[0]!, held);
    expect(slot.info).toMatchObject({ id: 'udp-1', title: 'UDP flow 1', status: 'finished', steps: [], nextStep: 0, lastEventId: 2, proto: 'udp' });
    expect(slot.events.map((event) => event.id)).toEqual([2, 1]);
  });
});
