import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { SegmentEvent } from '@sockscope/protocol';
import { formatEndpoint } from '@sockscope/wire';
import { describe, expect, it } from 'vitest';
import { runTcpdump } from '../../../wire/src/test-tcpdump.ts';
import { runTshark } from '../../../wire/src/test-tshark.ts';
import { tsharkSegments } from '../test-tshark.ts';
import { importCapture } from './capture-importer.ts';
import { TEST_CAPTURES as CAPTURES } from '@sockscope/wire/test-captures';

const ALL_FILES = existsSync(CAPTURES) ? readdirSync(CAPTURES).filter((name) => /\.pcap(ng)?$/.test(name)).sort() : [];
/** Captures tcpdump (libpcap) refuses, and so does sockscope: nothing in them to compare. */
const REFUSED: Record<string, string> = {
  'bad_global-head.pcap': 'archaic pcap file format: version 0.0 (libpcap reads 2.0 to 2.4)',
};
const FILES = ALL_FILES.filter((name) => !(name in REFUSED));

/** Broken packets each malformed capture must list: packet number, offset in the file, reason. */
const EXPECTED_PROBLEMS: Record<string, { packet: number; offset: number; reason: string }[]> = {
  'tcp_header_heapoverflow.pcap': [{ packet: 1, offset: 24, reason: 'TCP header truncated: 12 of 20 bytes captured' }],
  'udp-length-heapoverflow.pcap': [{ packet: 1, offset: 24, reason: 'UDP header truncated: 4 of 8 bytes captured' }],
  'ipv6hdr-heapoverflow.pcap': [{ packet: 1, offset: 24, reason: 'IPv6 Hop-by-Hop option 48 with length 48 overruns its header' }],
  'icmpv6-length-zero.pcapng': [{ packet: 1, offset: 72, reason: 'IPv6 payload length 0 without a Jumbo Payload option' }],
  'ipv4_invalid_total_length.pcap': [{ packet: 1, offset: 24, reason: 'IPv4 total length 85 exceeds the 84 bytes on the wire; read as 84' }],
  'ipv6_invalid_length_2.pcap': [{ packet: 1, offset: 24, reason: 'IPv6 payload length 65 exceeds the 64 bytes on the wire; read as 64' }],
  // Overlapping fragments: packet 3 repeats the datagram's start and runs past its end (Wireshark: too long fragment).
  'zeek-ipv4-fragmented-1.pcap': [{ packet: 3, offset: 266, reason: "the fragment in packet 3 runs past byte 164, where the datagram's last fragment ends it" }],
  // tshark too leaves packet 4's fragment unreassembled.
  'zeek-ipv6-fragmented-dns.pcap': [{
    packet: 4, offset: 728,
    reason: 'incomplete IPv6 datagram 2607:f740:b::f93 > 2001:470:1f11:81f:d138:5f55:6d4:1fe2 id 0x1 (protocol 17): fragment in packet 4, the capture ends before its other fragments',
  }],
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

/**
 * Captures whose flows are compared with tshark instead: tcpdump neither reassembles fragments
 * nor reads every tunnel to its inner packet, and prints a clamped IP length as `truncated-ip`.
 */
const TSHARK_FLOWS = new Set([
  'geneve-gcp.pcap', 'ipv4_invalid_total_length.pcap', 'ipv6_invalid_length_2.pcap', 'vxlan.pcap', 'zeek-4in6.pcap', 'zeek-6in4.pcap',
  'zeek-6in6in6.pcap', 'zeek-geneve.pcap', 'zeek-gre-pptp.pcap', 'zeek-gre-sample.pcap', 'zeek-gtp7_ipv6.pcap',
  'zeek-gtp_ext_header.pcap', 'zeek-ipv4-fragmented-1.pcap', 'zeek-ipv4-fragmented-4.pcap', 'zeek-ipv6-fragmented-dns.pcap',
]);

/** Packets per flow as tshark dissects them: the innermost TCP or UDP, not one an ICMP error quotes. */
function tsharkFlows(name: string): Record<string, number> {
  const run = runTshark(CAPTURES + name);
  if ('refused' in run) throw new Error(run.refused);
  const flows: Record<string, number> = {};
  for (const frame of run.frames) {
    const icmp = frame.protocols.findIndex((p) => p === 'icmp' || p === 'icmpv6');
    const layers = icmp === -1 ? frame.protocols : frame.protocols.slice(0, icmp);
    const ip = layers.lastIndexOf('ipv6') > layers.lastIndexOf('ip') ? 'ipv6' : 'ip';
    const proto = layers.lastIndexOf('tcp') > layers.lastIndexOf('udp') ? 'tcp' : 'udp';
    if (!layers.includes(proto) || layers.lastIndexOf(ip) > layers.lastIndexOf(proto)) continue;
    const last = (field: keyof typeof frame.fields) => frame.fields[field][frame.fields[field].length - 1] ?? '';
    const key = flowKey(proto, formatEndpoint(last(`${ip}.src`), Number(last(`${proto}.srcport`))), formatEndpoint(last(`${ip}.dst`), Number(last(`${proto}.dstport`))));
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

  it.each(FILES)('%s: the same TCP connections and UDP flows as tcpdump -nn -r (or tshark), with as many packets each', (name) => {
    const { recording } = imported(name);
    const ours: Record<string, number> = {};
    for (const track of recording.tracks.filter((t) => t.proto !== 'icmp')) {
      const [a, b] = track.sides.map((side) => side.name);
      ours[flowKey(track.proto, a ?? '', b ?? '')] = track.events.filter((e) => e.kind === 'segment' || e.kind === 'datagram').length;
    }
    expect(ours).toEqual(TSHARK_FLOWS.has(name) ? tsharkFlows(name) : tcpdumpFlows(name));
  });

  it.each(FILES)('%s: lists exactly its broken packets and still imports', (name) => {
    const { recording, problems } = imported(name);
    expect(problems).toEqual(EXPECTED_PROBLEMS[name] ?? []);
    expect(recording.origin).toMatchObject({ kind: 'capture', file: name, complete: true, problemCount: problems.length });
  });

  // tshark shows what it can of a TCP header cut short; sockscope lists that packet as broken.
  const tcpFiles = FILES.filter((name) => name !== 'tcp_header_heapoverflow.pcap' && tsharkSegments(CAPTURES + name).length > 0);
  it.each(tcpFiles)(
    '%s: relative numbers, flags, retransmissions, out-of-order segments and keep-alives as Wireshark shows them',
    (name) => {
      const segments = imported(name).recording.tracks.flatMap((track) => track.events.filter((e): e is SegmentEvent => e.kind === 'segment'));
      const theirs = tsharkSegments(CAPTURES + name);
      expect(segments.map(({ src, dst, flags, seq, ack, relSeq, relAck, len, analysis }) => ({ src, dst, flags, seq, ack, relSeq, relAck, len, analysis })))
        .toEqual(theirs.map(({ src, dst, flags, seq, ack, relSeq, relAck, len, analysis }) => ({ src, dst, flags, seq, ack, relSeq, relAck, len, analysis })));
    },
  );

  it.each(Object.entries(REFUSED))('%s: refused with the reason, as tcpdump refuses it', (name, reason) => {
    expect(runTcpdump(CAPTURES + name).status).not.toBe(0);
    expect(() => imported(name)).toThrow(reason);
  });

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
