import { describe, expect, it } from 'vitest';
import { readCapture } from './capture-reader.ts';
import { decodePacket } from './decode-packet.ts';
import {
  ascii, be16, be32, concat, ethernet, ipv4, ipv6, ipv6Address, pcapFile, tcpSegment, TCP, udpDatagram,
} from './test-fixtures.ts';

const SYN_OPTIONS = [2, 4, ...be16(1460), 4, 2, 8, 10, ...be32(0xdeadbeef), ...be32(0), 1, 3, 3, 7];
const SYN = tcpSegment({ srcPort: 40000, dstPort: 80, seq: 0xfffffff0, flags: TCP.SYN, window: 64240, options: SYN_OPTIONS });
const SYN_FRAME = ethernet(0x0800, ipv4({ src: '192.168.1.11', dst: '209.87.249.18', protocol: 6, ttl: 64, payload: SYN }));
const HELLO = ascii('hello');

describe('decodePacket', () => {
  it('decodes an Ethernet/IPv4/TCP SYN with MSS, SACK-permitted, timestamps, NOP and window scale from a pcap file', () => {
    const [record] = readCapture(pcapFile({}, [{ seconds: 1_600_000_000, fraction: 1, data: SYN_FRAME }]));
    if (record === undefined) throw new Error('no record');
    expect(decodePacket(record.linkType, record.data, record.originalLength)).toEqual({
      network: { version: 4, src: '192.168.1.11', dst: '209.87.249.18', protocol: 6, ttl: 64, payloadLength: 40 },
      tcp: {
        srcPort: 40000,
        dstPort: 80,
        seq: 0xfffffff0,
        ack: 0,
        flags: ['SYN'],
        window: 64240,
        headerLength: 40,
        options: { mss: 1460, sackOk: true, ts: { val: 0xdeadbeef, ecr: 0 }, wscale: 7 },
        payloadLength: 0,
        payload: new Uint8Array(),
      },
      truncated: false,
    });
  });

  it('decodes IPv6/UDP', () => {
    const frame = ethernet(0x86dd, ipv6({ src: '2001:db8::1', dst: 'fe80::1', nextHeader: 17, hopLimit: 3, payload: udpDatagram({ srcPort: 5353, dstPort: 53, payload: HELLO }) }));
    expect(decodePacket(1, frame)).toEqual({
      network: { version: 6, src: '2001:db8::1', dst: 'fe80::1', protocol: 17, ttl: 3, payloadLength: 13 },
      udp: { srcPort: 5353, dstPort: 53, length: 13, payloadLength: 5, payload: HELLO },
      truncated: false,
    });
  });

  it('keeps ports and flags when a TCP option length is bad', () => {
    const segment = tcpSegment({ srcPort: 1, dstPort: 2, flags: TCP.SYN | TCP.ACK, options: [2, 4, ...be16(1400), 8, 40, 0, 0] });
    const packet = decodePacket(228, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 6, payload: segment }));
    expect(packet.error).toBe('TCP option timestamps has bad length 40 with 4 bytes of options left');
    expect(packet.tcp).toMatchObject({ srcPort: 1, dstPort: 2, flags: ['SYN', 'ACK'], options: { mss: 1400 } });
  });

  it('skips a known option with the wrong length and reads the ones after it', () => {
    const segment = tcpSegment({ srcPort: 1, dstPort: 2, flags: TCP.ACK, options: [3, 4, 7, 0, 2, 4, ...be16(536)] });
    const packet = decodePacket(228, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 6, payload: segment }));
    expect(packet.error).toBe('TCP option window scale has bad length 4');
    expect(packet.tcp?.options).toEqual({ mss: 536 });
  });

  it('reads SACK blocks, unknown options by length, and every flag in Wireshark order', () => {
    const options = [1, 1, 5, 18, ...be32(100), ...be32(200), ...be32(300), ...be32(400), 254, 4, 0xac, 0xc0];
    const segment = tcpSegment({ srcPort: 1, dstPort: 2, flags: 0xff, ae: true, options });
    const tcp = decodePacket(228, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 6, payload: segment })).tcp;
    expect(tcp?.options).toEqual({ sack: [[100, 200], [300, 400]] });
    expect(tcp?.flags).toEqual(['SYN', 'FIN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR', 'AE']);
  });

  it('reports a TCP header cut short and a data offset below 20', () => {
    const segment = tcpSegment({ srcPort: 1, dstPort: 2, flags: TCP.ACK, payload: HELLO });
    const cut = ipv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 6, payload: segment }).subarray(0, 32);
    expect(decodePacket(228, cut)).toMatchObject({ error: 'TCP header truncated: 12 of 20 bytes captured', truncated: true });
    expect(decodePacket(228, cut).tcp).toBeUndefined();
    const badOffset = concat(segment);
    badOffset[12] = 0x40;
    const packet = decodePacket(228, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 6, payload: badOffset }));
    expect(packet).toMatchObject({ error: 'TCP header length 16 is below 20', tcp: { srcPort: 1, payloadLength: 0 } });
  });

  it('keeps the IP length of a segment cut by the snaplen, and drops Ethernet padding', () => {
    const frame = ethernet(0x0800, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 6, payload: tcpSegment({ srcPort: 1, dstPort: 2, flags: TCP.PSH | TCP.ACK, payload: HELLO }) }));
    const cut = decodePacket(1, frame.subarray(0, frame.length - 2), frame.length);
    expect(cut).toMatchObject({ truncated: true, tcp: { payloadLength: 5, payload: ascii('hel') } });
    expect(cut.error).toBeUndefined();
    const padded = decodePacket(1, concat(frame, [0, 0, 0, 0]));
    expect(padded).toMatchObject({ truncated: false, tcp: { payloadLength: 5, payload: HELLO } });
  });

  it('sizes BIG TCP from the frame when the IPv4 total length is 0, and rejects length 0 elsewhere', () => {
    const segment = tcpSegment({ srcPort: 1, dstPort: 2, flags: TCP.ACK, payload: new Uint8Array(70_000) });
    const big = decodePacket(1, ethernet(0x0800, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 6, totalLength: 0, payload: segment })));
    expect(big).toMatchObject({ network: { payloadLength: 70_020 }, tcp: { payloadLength: 70_000 }, truncated: false });
    expect(big.error).toBeUndefined();
    const udp = decodePacket(228, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 17, totalLength: 0, payload: udpDatagram({ srcPort: 1, dstPort: 2, payload: HELLO }) }));
    expect(udp).toMatchObject({ error: 'IPv4 total length 0 is below header length 20', network: { payloadLength: 0 } });
    expect(udp.udp).toBeUndefined();
  });

  it('decodes transport only in the first IPv4 fragment', () => {
    const datagram = udpDatagram({ srcPort: 7, dstPort: 9, payload: new Uint8Array(100) });
    const first = decodePacket(228, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 17, fragmentField: 0x2000, payload: datagram.subarray(0, 48) }));
    expect(first).toEqual({
      network: { version: 4, src: '10.0.0.1', dst: '10.0.0.2', protocol: 17, ttl: 64, payloadLength: 48, fragment: { id: 0x1234, offset: 0, moreFragments: true } },
      udp: { srcPort: 7, dstPort: 9, length: 108, payloadLength: 100, payload: new Uint8Array(40) },
      truncated: false,
    });
    const later = decodePacket(228, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 17, fragmentField: 6, payload: datagram.subarray(48) }));
    expect(later).toEqual({
      network: { version: 4, src: '10.0.0.1', dst: '10.0.0.2', protocol: 17, ttl: 64, payloadLength: 60, fragment: { id: 0x1234, offset: 48, moreFragments: false } },
      truncated: false,
    });
  });

  it('reports an IPv4 header length below 20 and a version that does not match the link', () => {
    const packet = ipv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 6, payload: new Uint8Array(20) });
    packet[0] = 0x41;
    expect(decodePacket(228, packet)).toEqual({ error: 'IPv4 header length 4 is below 20', truncated: false });
    expect(decodePacket(229, packet).error).toBe('IPv6 header has version 4');
  });

  it('walks IPv6 extension headers: hop-by-hop, destination options, routing, AH', () => {
    const segment = tcpSegment({ srcPort: 443, dstPort: 50000, flags: TCP.ACK, payload: HELLO });
    const headers = [
      43, 0, 1, 4, 0, 0, 0, 0, // hop-by-hop with a PadN option, next routing
      60, 0, 0, 0, 0, 0, 0, 0, // routing, next destination options
      51, 0, 1, 4, 0, 0, 0, 0, // destination options with PadN, next AH
      6, 1, 0, 0, ...be32(1), ...be32(2), // AH, 12 bytes, next TCP
    ];
    const packet = decodePacket(229, ipv6({ src: '::1', dst: '::1', nextHeader: 0, payload: concat(headers, segment) }));
    expect(packet.error).toBeUndefined();
    expect(packet.network).toEqual({ version: 6, src: '::1', dst: '::1', protocol: 6, ttl: 64, payloadLength: 25 });
    expect(packet.tcp?.payload).toEqual(HELLO);
  });

  it('takes the jumbogram length from the Jumbo Payload option', () => {
    const segment = tcpSegment({ srcPort: 1, dstPort: 2, flags: TCP.ACK, payload: HELLO });
    const hopByHop = [6, 0, 0xc2, 4, ...be32(8 + 70_000)];
    const frame = ipv6({ src: '2001:db8::1', dst: '2001:db8::2', nextHeader: 0, payloadLength: 0, payload: concat(hopByHop, segment) });
    const packet = decodePacket(229, frame, 40 + 8 + 70_000);
    expect(packet).toMatchObject({ network: { protocol: 6, payloadLength: 70_000 }, tcp: { payloadLength: 69_980, payload: HELLO }, truncated: true });
    expect(packet.error).toBeUndefined();
  });

  it('decodes transport only in the first IPv6 fragment', () => {
    const datagram = udpDatagram({ srcPort: 7, dstPort: 9, payload: HELLO });
    const fragment = (field: number) => concat([17, 0, ...be16(field), ...be32(0x1234)], datagram);
    const first = decodePacket(229, ipv6({ src: '::1', dst: '::2', nextHeader: 44, payload: fragment(1) }));
    expect(first).toMatchObject({ network: { protocol: 17, fragment: { offset: 0, moreFragments: true } }, udp: { dstPort: 9 } });
    const later = decodePacket(229, ipv6({ src: '::1', dst: '::2', nextHeader: 44, payload: fragment(0x50) }));
    expect(later).toEqual({
      network: { version: 6, src: '::1', dst: '::2', protocol: 17, ttl: 64, payloadLength: 13, fragment: { id: 0x1234, offset: 80, moreFragments: false } },
      truncated: false,
    });
  });

  it('reports a UDP length that disagrees with IP', () => {
    const packet = decodePacket(228, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 17, payload: udpDatagram({ srcPort: 1, dstPort: 2, payload: HELLO, length: 400 }) }));
    expect(packet).toMatchObject({ error: 'UDP length 400 exceeds the 13-byte IP payload', udp: { payloadLength: 5, payload: HELLO } });
  });

  it('reports the packet an ICMP or ICMPv6 error quotes', () => {
    const quotedTcp = ipv4({ src: '10.0.0.2', dst: '10.0.0.9', protocol: 6, payload: tcpSegment({ srcPort: 40000, dstPort: 443, flags: TCP.SYN }).subarray(0, 8) });
    const unreachable = decodePacket(228, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 1, payload: concat([3, 3, 0, 0, 0, 0, 0, 0], quotedTcp) }));
    expect(unreachable.icmp).toEqual({ version: 4, type: 3, code: 3, quoted: { proto: 'tcp', src: '10.0.0.2', dst: '10.0.0.9', srcPort: 40000, dstPort: 443 } });
    const quotedUdp = ipv6({ src: '2001:db8::2', dst: '2001:db8::9', nextHeader: 17, payload: udpDatagram({ srcPort: 33434, dstPort: 33435, payload: [] }) });
    const exceeded = decodePacket(229, ipv6({ src: '2001:db8::1', dst: '2001:db8::2', nextHeader: 58, payload: concat([3, 0, 0, 0, 0, 0, 0, 0], quotedUdp) }));
    expect(exceeded.icmp).toEqual({ version: 6, type: 3, code: 0, quoted: { proto: 'udp', src: '2001:db8::2', dst: '2001:db8::9', srcPort: 33434, dstPort: 33435 } });
    const echo = decodePacket(228, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 1, payload: [8, 0, 0, 0, 0, 1, 0, 1] }));
    expect(echo.icmp).toEqual({ version: 4, type: 8, code: 0 });
  });
});

describe('link layers', () => {
  const ip4 = ipv4({ src: '127.0.0.1', dst: '127.0.0.1', protocol: 17, payload: udpDatagram({ srcPort: 1, dstPort: 2, payload: [] }) });
  const ip6 = ipv6({ src: '::1', dst: '::1', nextHeader: 17, payload: udpDatagram({ srcPort: 1, dstPort: 2, payload: [] }) });
  const sll = (type: number, ip: Uint8Array) => concat([0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0], be16(type), ip);
  const sll2 = (type: number, ip: Uint8Array) => concat(be16(type), [0, 0], be32(2), [0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0], ip);

  it.each([
    ['Ethernet', 1, ethernet(0x0800, ip4), 4],
    ['Ethernet 802.1Q', 1, ethernet(0x86dd, ip6, [100]), 6],
    ['Ethernet 802.1ad QinQ', 1, ethernet(0x0800, ip4, [10, 20]), 4],
    ['BSD loopback, little-endian', 0, concat([2, 0, 0, 0], ip4), 4],
    ['BSD loopback, big-endian macOS IPv6', 0, concat([0, 0, 0, 30], ip6), 6],
    ['BSD loopback, FreeBSD IPv6', 0, concat([28, 0, 0, 0], ip6), 6],
    ['raw IP (101)', 101, ip6, 6],
    ['raw IP (12)', 12, ip4, 4],
    ['raw IP (14)', 14, ip6, 6],
    ['IPv4', 228, ip4, 4],
    ['IPv6', 229, ip6, 6],
    ['Linux SLL', 113, sll(0x0800, ip4), 4],
    ['Linux SLL2', 276, sll2(0x86dd, ip6), 6],
    ['PPP', 9, concat([0xff, 0x03, 0x00, 0x21], ip4), 4],
    ['PPP, compressed', 9, concat([0x57], ip6), 6],
  ])('%s', (_, linkType, frame, version) => {
    const packet = decodePacket(linkType, frame);
    expect(packet.error).toBeUndefined();
    expect(packet.network?.version).toBe(version);
    expect(packet.udp).toMatchObject({ srcPort: 1, dstPort: 2 });
  });

  it('gives no network layer, and no error, for ARP', () => {
    expect(decodePacket(1, ethernet(0x0806, new Uint8Array(28)))).toEqual({ truncated: false });
  });

  it('reports unsupported link types, short link headers and unknown raw IP versions', () => {
    expect(decodePacket(147, ip4)).toEqual({ error: 'unsupported link type 147', truncated: false });
    expect(decodePacket(1, new Uint8Array(10), 60)).toEqual({ error: 'Ethernet header truncated: 10 of 14 bytes captured', truncated: true });
    expect(decodePacket(101, Uint8Array.of(0x50)).error).toBe('raw IP packet has version 5');
    expect(decodePacket(101, new Uint8Array()).error).toBe('raw IP packet is empty');
  });

  it('formats addresses the way tcpdump does', () => {
    const frame = ipv6({ src: '::ffff:c000:201', dst: 'fe80::25a:28ff:fe08:f150', nextHeader: 59, payload: [] });
    expect(decodePacket(229, frame).network).toMatchObject({ src: '::ffff:192.0.2.1', dst: 'fe80::25a:28ff:fe08:f150' });
    expect(ipv6Address('1::2')).toHaveLength(16);
  });
});
