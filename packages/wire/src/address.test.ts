import { describe, expect, it } from 'vitest';
import { formatEndpoint, formatIpv4, formatIpv6 } from './address.ts';

const groups = (...words: number[]) => Uint8Array.from(words.flatMap((w) => [w >> 8, w & 0xff]));

describe('formatIpv6', () => {
  it.each([
    [groups(0xfe80, 0, 0, 0, 0, 0, 0, 1), 'fe80::1'],
    [groups(0, 0, 0, 0, 0, 0, 0, 1), '::1'],
    [groups(0, 0, 0, 0, 0, 0, 0, 0), '::'],
    [groups(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1), '2001:db8::1'],
    [groups(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), '2001:db8::'],
    [groups(0x2001, 0xdb8, 0, 1, 1, 1, 1, 1), '2001:db8:0:1:1:1:1:1'],
    [groups(0x2001, 0, 0, 1, 0, 0, 0, 1), '2001:0:0:1::1'],
    [groups(1, 0, 0, 2, 0, 0, 3, 4), '1::2:0:0:3:4'],
    [groups(0x2001, 0xDB8, 0xABCD, 0, 0, 0, 0, 0xEF), '2001:db8:abcd::ef'],
    [groups(0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201), '::ffff:192.0.2.1'],
    [groups(0, 0, 0, 0, 0, 0, 0xc000, 0x0201), '::192.0.2.1'],
  ])('%s → %s', (bytes, text) => {
    expect(formatIpv6(bytes, 0)).toBe(text);
  });
});

describe('formatIpv4 and formatEndpoint', () => {
  it('prints dotted quads and brackets IPv6 endpoints', () => {
    expect(formatIpv4(Uint8Array.of(9, 127, 0, 0, 1), 1)).toBe('127.0.0.1');
    expect(formatEndpoint('127.0.0.1', 80)).toBe('127.0.0.1:80');
    expect(formatEndpoint('::1', 80)).toBe('[::1]:80');
  });
});
