// Test-only: recordings built in memory, large or small, for the store's tests and its crash child.
import type { Recording, SessionEvent } from '@sockscope/protocol';

/** A session recording of `count` events: captured segments with payloads, like a bulk transfer. */
export function sessionRecording(name: string, count: number, capture: 'pcap' | 'inferred' = 'pcap'): Recording {
  const events: SessionEvent[] = Array.from({ length: count }, (_, i) => ({
    id: i + 1, t: i * 10, kind: 'segment', source: capture === 'pcap' ? 'captured' : 'inferred', from: 'client', to: 'server',
    src: '127.0.0.1:40000', dst: '127.7.0.1:7007', flags: ['PSH', 'ACK'],
    ...(capture === 'pcap' && { seq: (1000 + i * 64) >>> 0 }), relSeq: 1 + i * 64, len: 64,
    payload: { text: 'x'.repeat(64), hex: '78'.repeat(64), truncated: false },
  }));
  return {
    name, createdAt: new Date().toISOString(), origin: { kind: 'session', scenario: 'tcp-echo' },
    tracks: [{
      id: 'session', title: 'TCP echo', proto: 'tcp',
      capture: capture === 'pcap' ? { mode: 'pcap' } : { mode: 'inferred', reason: 'capture was turned off for this session' },
      sides: [{ name: 'client' }, { name: 'server', endpoint: '127.7.0.1:7007' }], events,
    }],
  };
}
