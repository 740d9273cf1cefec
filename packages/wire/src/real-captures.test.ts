import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CaptureRecord } from './capture-record.ts';
import { readCapture } from './capture-reader.ts';
import { decodePacket } from './decode-packet.ts';
import type { DecodedPacket } from './decoded-packet.ts';
import { runTcpdump } from './test-tcpdump.ts';
import type { TcpdumpLine } from './test-tcpdump.ts';
import { TEST_CAPTURES as CAPTURES } from './test-captures.ts';


const FILES = [
  'LINKTYPE_IPV6.pcap', 'LINKTYPE_RAW_ipv6.pcap', 'accecn_handshake.pcap', 'bigtcp-ipv4.pcap', 'bigtcp-ipv6.pcap',
  'dhcp-option-108.pcapng', 'dns_tcp.pcap', 'dns_udp.pcap', 'icmp-rfc5837.pcap', 'icmpv6-length-zero.pcapng',
  'ipv4_tcp_http_xml.pcap', 'ipv6hdr-heapoverflow.pcap', 'syslog_udp.pcap', 'tcp-handshake-nano.pcap',
  'tcp_header_heapoverflow.pcap', 'tcp_rst_data-trunc.pcap', 'tcp_rst_data.pcap', 'timestamp_invalid_nano.pcap',
  'udp-length-heapoverflow.pcap',
];

/** Every problem decodePacket or the reader reports in these files, by packet number. */
const EXPECTED_PROBLEMS: Record<string, Record<number, string>> = {
  'tcp_header_heapoverflow.pcap': { 1: 'TCP header truncated: 12 of 20 bytes captured' },
  'udp-length-heapoverflow.pcap': { 1: 'UDP header truncated: 4 of 8 bytes captured' },
  'ipv6hdr-heapoverflow.pcap': { 1: 'IPv6 Hop-by-Hop option 48 with length 48 overruns its header' },
  'icmpv6-length-zero.pcapng': { 1: 'IPv6 payload length 0 without a Jumbo Payload option' },
  'timestamp_invalid_nano.pcap': {
    2: 'timestamp fraction 1000000000 ns is not below one second',
    3: 'timestamp fraction 2147483648 ns is not below one second',
  },
};

/**
 * BIG TCP packets tcpdump 4.99.3 cannot size (it prints `bad-len 0` and `[|tcp]`); a tcpdump
 * that can is compared like any other packet. The numbers are from the headers by hand.
 */
const BIG_TCP: Record<string, Partial<DecodedPacket>> = {
  'bigtcp-ipv4.pcap': {
    network: { version: 4, src: '10.25.132.13', dst: '10.25.132.11', protocol: 6, ttl: 64, payloadLength: 80_032 },
  },
  'bigtcp-ipv6.pcap': {
    network: { version: 6, src: '2604:1380:4091:ce00::b', dst: '2604:1380:4091:ce00::d', protocol: 6, ttl: 61, payloadLength: 80_000 },
  },
};

function decodeFile(name: string): { records: CaptureRecord[]; packets: DecodedPacket[] } {
  const path = CAPTURES + name;
  if (!existsSync(path)) throw new Error(`missing capture ${path}`);
  const records = readCapture(new Uint8Array(readFileSync(path)));
  return { records, packets: records.map((r) => decodePacket(r.linkType, r.data, r.originalLength)) };
}

function compareWithTcpdump(packet: DecodedPacket, line: TcpdumpLine): void {
  if (line.ip !== undefined) {
    expect(packet.network).toMatchObject({ version: line.ip.version, src: line.ip.src, dst: line.ip.dst });
  }
  if (line.problem !== undefined) {
    expect(packet.error ?? (packet.truncated ? 'truncated' : undefined)).toBeDefined();
    return;
  }
  expect(packet.error).toBeUndefined();
  expect(packet.network === undefined).toBe(line.ip === undefined);
  expect(packet.tcp === undefined).toBe(line.tcp === undefined);
  if (packet.tcp !== undefined && line.tcp !== undefined) {
    const { tcp } = packet;
    expect([tcp.srcPort, tcp.dstPort]).toEqual([line.ip?.srcPort, line.ip?.dstPort]);
    // tcpdump before 4.99.4 does not know the AE bit and prints nothing for it.
    const printsAe = line.tcp.letters.includes('e');
    expect(tcp.flags.filter((f) => printsAe || f !== 'AE').sort()).toEqual([...line.tcp.flags].sort());
    expect(tcp.seq).toBe(line.tcp.seq ?? tcp.seq);
    expect(line.tcp.seq !== undefined || tcp.payloadLength === 0).toBe(true);
    expect((tcp.seq + tcp.payloadLength) % 2 ** 32).toBe(line.tcp.seqEnd ?? tcp.seq);
    expect(tcp.flags.includes('ACK') ? tcp.ack : undefined).toBe(line.tcp.ack);
    expect(tcp.window).toBe(line.tcp.window);
    expect(tcp.options).toEqual(line.tcp.options);
    expect(tcp.payloadLength).toBe(line.tcp.length);
  }
  if (packet.udp !== undefined) {
    expect([packet.udp.srcPort, packet.udp.dstPort]).toEqual([line.ip?.srcPort, line.ip?.dstPort]);
    expect(packet.udp.payloadLength).toBe(line.udpLength);
  }
  if (line.icmpLength !== undefined) {
    expect(packet.icmp).toBeDefined();
    expect(packet.network?.payloadLength).toBe(line.icmpLength);
  }
}

describe.each(FILES)('%s', (name) => {
  it('decodes every packet the way tcpdump does', () => {
    const tcpdump = runTcpdump(CAPTURES + name);
    if (/truncated dump file/.test(tcpdump.stderr)) {
      expect(() => decodeFile(name)).toThrow(expect.objectContaining({ code: 'truncated' }));
      return;
    }
    expect(tcpdump.status, tcpdump.stderr).toBe(0);
    const { records, packets } = decodeFile(name);
    expect(records.length).toBe(tcpdump.lines.length);
    tcpdump.lines.forEach((line, i) => {
      const record = records[i] as CaptureRecord;
      const packet = packets[i] as DecodedPacket;
      expect(record.index).toBe(i + 1);
      expect(record.tsUs, line.text).toBe(line.seconds * 1e6 + line.nanoseconds / 1000);
      const bigTcp = BIG_TCP[name];
      if (bigTcp !== undefined && line.problem !== undefined) {
        expect(packet).toMatchObject({ ...bigTcp, truncated: false });
        expect(packet.error).toBeUndefined();
        return;
      }
      compareWithTcpdump(packet, line);
    });
  });

  it('reports exactly the expected problems', () => {
    const { records, packets } = decodeFile(name);
    const problems = Object.fromEntries(
      records.flatMap((r, i) => {
        const problem = r.error ?? packets[i]?.error;
        return problem === undefined ? [] : [[r.index, problem]];
      }),
    );
    expect(problems).toEqual(EXPECTED_PROBLEMS[name] ?? {});
  });
});

describe('details tcpdump prints only with -v, checked by hand', () => {
  it('quotes the UDP probe in the ICMP time exceeded of icmp-rfc5837.pcap (PPP link)', () => {
    const [packet] = decodeFile('icmp-rfc5837.pcap').packets;
    expect(packet?.icmp).toEqual({
      version: 4,
      type: 11,
      code: 0,
      quoted: { proto: 'udp', src: '12.4.4.4', dst: '12.1.1.1', srcPort: 42315, dstPort: 33440 },
    });
  });

  it('sees the AccECN AE bit that tcpdump 4.99.3 does not print', () => {
    const { packets } = decodeFile('accecn_handshake.pcap');
    expect(packets.map((p) => p.tcp?.flags)).toEqual([
      ['SYN', 'ECE', 'CWR', 'AE'],
      ['SYN', 'ACK', 'CWR'],
      ['ACK', 'CWR'],
      ['PSH', 'ACK', 'ECE', 'AE'],
      ['ACK', 'ECE', 'AE'],
      ['ACK', 'ECE', 'AE'],
    ]);
  });

  it('keeps the full length of a packet cut by the snaplen in tcp_rst_data-trunc.pcap', () => {
    const [packet] = decodeFile('tcp_rst_data-trunc.pcap').packets;
    expect(packet?.truncated).toBe(true);
    expect(packet?.tcp?.payloadLength).toBe(58);
    expect(packet?.tcp?.payload.length).toBe(57);
  });

  it('sizes BIG TCP segments from the frame', () => {
    expect(decodeFile('bigtcp-ipv4.pcap').packets[0]?.tcp?.payloadLength).toBe(80_000);
    expect(decodeFile('bigtcp-ipv6.pcap').packets[0]?.tcp?.payloadLength).toBe(79_968);
  });
});
