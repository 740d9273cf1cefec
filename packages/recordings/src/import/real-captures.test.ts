import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { SegmentEvent } from '@sockscope/protocol';
import { formatEndpoint } from '@sockscope/wire';
import { describe, expect, it } from 'vitest';
import { runTcpdump } from '../../../wire/src/test-tcpdump.ts';
import { tsharkSegments } from '../test-tshark.ts';
import { importCapture } from './capture-importer.ts';
import { TEST_CAPTURES as CAPTURES } from '@sockscope/wire/test-captures';

const FILES = existsSync(CAPTURES) ? readdirSync(CAPTURES).filter((name) => /\.pcap(ng)?$/.test(name)).sort() : [];

/** Broken packets each malformed capture must list: packet number, offset in the file, reason. */
const EXPECTED_PROBLEMS: Record<string, { packet: number; offset: number; reason: string }[]> = {
  'tcp_header_heapoverflow.pcap': [{ packet: 1, offset: 24, reason: 'TCP header truncated: 12 of 20 bytes captured' }],
  'udp-length-heapoverflow.pcap': [{ packet: 1, offset: 24, reason: 'UDP header truncated: 4 of 8 bytes captured' }],
  'ipv6hdr-heapoverflow.pcap': [{ packet: 1, offset: 24, reason: 'IPv6 Hop-by-Hop option 48 with length 48 overruns its header' }],
  'icmpv6-length-zero.pcapng': [{ packet: 1, offset: 72, reason: 'IPv6 payload length 0 without a Jumbo Payload option' }],
  'timestamp_invalid_nano.pcap': [
    { packet: 2, offset: 116, reason: 'timestamp fraction 1000000000 ns is not below one second' },
    { packet: 3, offset: 208, reason: 'timestamp fraction 2147483648 ns is not below one second' },
  ],
};

/**
 * BIG TCP segments tcpdump 4.99.3 cannot size (`bad-len 0`, `[|tcp]`), so it prints no ports;
 * sockscope decodes them (see packages/wire's real-captures test). Ports read from the headers.
 */
const BIG_TCP: Record<string, Record<string, number>> = {
  'bigtcp-ipv4.pcap': { 'tcp 10.25.132.11:36425 10.25.132.13:35871': 1 },
  'bigtcp-ipv6.pcap': { 'tcp [2604:1380:4091:ce00::b]:43267 [2604:1380:4091:ce00::d]:41219': 1 },
};

const flowKey = (proto: string, a: string, b: string) => `${proto} ${[a, b].sort().join(' ')}`;

/** Packets per TCP connection and UDP flow as tcpdump prints them (lines it flags as broken aside). */
function tcpdumpFlows(name: string): Record<string, number> {
  const flows: Record<string, number> = { ...BIG_TCP[name] };
  for (const line of runTcpdump(CAPTURES + name).lines) {
    const ip = line.ip;
    if (line.problem !== undefined || ip?.srcPort === undefined || ip.dstPort === undefined) continue;
    const key = flowKey(line.tcp ? 'tcp' : 'udp', formatEndpoint(ip.src, ip.srcPort), formatEndpoint(ip.dst, ip.dstPort));
    flows[key] = (flows[key] ?? 0) + 1;
  }
  return flows;
}

function imported(name: string) {
  return importCapture(new Uint8Array(readFileSync(CAPTURES + name)), { file: name });
}

describe('importing the real captures', () => {
  it('finds them', () => {
    expect(FILES.length, `no captures in ${CAPTURES}`).toBeGreaterThanOrEqual(19);
  });

  it.each(FILES)('%s: the same TCP connections and UDP flows as tcpdump -nn -r, with as many packets each', (name) => {
    const { recording } = imported(name);
    const ours: Record<string, number> = {};
    for (const track of recording.tracks.filter((t) => t.proto !== 'icmp')) {
      const [a, b] = track.sides.map((side) => side.name);
      ours[flowKey(track.proto, a ?? '', b ?? '')] = track.events.filter((e) => e.kind === 'segment' || e.kind === 'datagram').length;
    }
    expect(ours).toEqual(tcpdumpFlows(name));
  });

  it.each(FILES)('%s: lists exactly its broken packets and still imports', (name) => {
    const { recording, problems } = imported(name);
    expect(problems).toEqual(EXPECTED_PROBLEMS[name] ?? []);
    expect(recording.origin).toMatchObject({ kind: 'capture', file: name, complete: true, problemCount: problems.length });
  });

  // tshark shows what it can of a TCP header cut short; sockscope lists that packet as broken.
  const tcpFiles = FILES.filter((name) => name !== 'tcp_header_heapoverflow.pcap' && tsharkSegments(CAPTURES + name).length > 0);
  it.each(tcpFiles)(
    '%s: relative sequence numbers and flags as Wireshark shows them',
    (name) => {
      const segments = imported(name).recording.tracks.flatMap((track) => track.events.filter((e): e is SegmentEvent => e.kind === 'segment'));
      const theirs = tsharkSegments(CAPTURES + name);
      expect(segments.map(({ src, dst, flags, seq, ack, relSeq, relAck, len }) => ({ src, dst, flags, seq, ack, relSeq, relAck, len })))
        .toEqual(theirs.map(({ src, dst, flags, seq, ack, relSeq, relAck, len }) => ({ src, dst, flags, seq, ack, relSeq, relAck, len })));
    },
  );

  it('puts an ICMP error about no flow of the capture on a track of its own, between its two addresses', () => {
    const { recording } = imported('icmp-rfc5837.pcap');
    expect(recording.tracks.map((t) => [t.id, t.proto, t.sides.map((s) => s.name)])).toEqual([['icmp-1', 'icmp', ['10.4.0.2', '12.4.4.4']]]);
    expect(recording.tracks[0]?.events.find((e) => e.kind === 'icmp')).toMatchObject({
      from: '10.4.0.2', to: '12.4.4.4', type: 11, code: 0, about: { proto: 'udp', srcPort: 42315, dstPort: 33440 },
    });
  });

  it('infers the states of a whole connection, and assumes ESTABLISHED for one captured mid-way', () => {
    const states = (name: string) => imported(name).recording.tracks[0]?.events.flatMap((e) => (e.kind === 'state' ? [`${e.side} ${e.to}`] : []));
    expect(states('dns_tcp.pcap')).toEqual([
      '192.168.1.11:33779 SYN-SENT', '209.87.249.18:53 SYN-RECEIVED', '192.168.1.11:33779 ESTABLISHED', '209.87.249.18:53 ESTABLISHED',
      '192.168.1.11:33779 FIN-WAIT-1', '209.87.249.18:53 CLOSE-WAIT', '192.168.1.11:33779 FIN-WAIT-2', '209.87.249.18:53 LAST-ACK',
      '192.168.1.11:33779 TIME-WAIT', '209.87.249.18:53 CLOSED',
    ]);
    expect(states('tcp_rst_data.pcap')).toEqual([
      '172.16.133.41:52875 ESTABLISHED', '199.204.31.89:80 ESTABLISHED', '199.204.31.89:80 CLOSED', '172.16.133.41:52875 CLOSED',
    ]);
    const events = imported('tcp_rst_data.pcap').recording.tracks[0]?.events ?? [];
    expect(events.every((e) => e.kind !== 'state' || e.source === 'inferred')).toBe(true);
    expect(events.filter((e) => e.kind === 'note').map((e) => e.kind === 'note' && e.text)).toEqual([
      expect.stringContaining('socket calls behind them are unknown for an imported capture'),
      expect.stringContaining('starts in the middle of this connection'),
    ]);
  });
});
