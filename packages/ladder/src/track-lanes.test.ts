import { readFileSync } from 'node:fs';
import type { RecordedTrack } from '@sockscope/protocol';
import { importCapture } from '@sockscope/recordings/import';
import { describe, expect, it } from 'vitest';
import { lanesOf, onLanes } from './track-lanes.ts';
import { TEST_CAPTURES as CAPTURES } from '@sockscope/wire/test-captures';

const imported = (name: string) => importCapture(new Uint8Array(readFileSync(CAPTURES + name)), { file: name }).recording;

describe('the lanes of a recorded track', () => {
  it('puts each side where its role says, and a side without one in the place left', () => {
    expect([...lanesOf([{ name: '10.0.0.2:53', role: 'server' }, { name: '10.0.0.1:40000', role: 'client' }])])
      .toEqual([['10.0.0.2:53', 'server'], ['10.0.0.1:40000', 'client']]);
    expect([...lanesOf([{ name: '10.4.0.2' }, { name: '12.4.4.4' }])]).toEqual([['10.4.0.2', 'client'], ['12.4.4.4', 'server']]);
    expect([...lanesOf([{ name: 'client', role: 'client' }, { name: 'server', role: 'server' }])]).toEqual([['client', 'client'], ['server', 'server']]);
  });

  it("draws a real capture's connection between client and server, keeping its endpoints", () => {
    const [track] = imported('dns_tcp.pcap').tracks as [RecordedTrack];
    const drawn = onLanes(track);
    const segments = drawn.events.filter((event) => event.kind === 'segment');
    expect(segments[0]).toMatchObject({ from: 'client', to: 'server', src: '192.168.1.11:33779', dst: '209.87.249.18:53', flags: ['SYN'] });
    expect(segments[1]).toMatchObject({ from: 'server', to: 'client', flags: ['SYN', 'ACK'] });
    expect(drawn.events.flatMap((event) => (event.kind === 'state' ? [`${event.side} ${event.socket} ${event.to}`] : []))).toEqual([
      'client c1 SYN-SENT', 'server s1 SYN-RECEIVED', 'client c1 ESTABLISHED', 'server s1 ESTABLISHED',
      'client c1 FIN-WAIT-1', 'server s1 CLOSE-WAIT', 'client c1 FIN-WAIT-2', 'server s1 LAST-ACK', 'client c1 TIME-WAIT', 'server s1 CLOSED',
    ]);
    // Everything else is as the import made it: same ids, times, numbers and payloads, in the same order.
    expect(drawn.events.map(({ id, t, kind }) => [id, t, kind])).toEqual(track.events.map(({ id, t, kind }) => [id, t, kind]));
    expect(drawn.sides).toEqual(track.sides);
  });

  it("leaves a session's track as it is, without copying its events", () => {
    const track: RecordedTrack = {
      id: 'session', title: 'TCP echo', proto: 'tcp', capture: { mode: 'pcap' },
      sides: [{ name: 'client', role: 'client' }, { name: 'server', role: 'server' }],
      events: [{ id: 1, t: 0, kind: 'state', source: 'inferred', side: 'client', socket: 'c1', from: 'CLOSED', to: 'SYN-SENT' }],
    };
    expect(onLanes(track)).toBe(track);
  });
});
