import { byteAt } from './bytes.ts';
import type { NetworkLayer } from './decoded-packet.ts';
import { headerTruncated } from './header-truncated.ts';

export const IP_PROTOCOL = { ICMP: 1, IPV4: 4, TCP: 6, UDP: 17, IPV6: 41, GRE: 47, ICMPV6: 58 } as const;

/** An IP header decoded, with where its payload lies in the frame. */
export interface IpLayer {
  network: NetworkLayer;
  /** Frame offset of the upper-layer header. */
  payloadStart: number;
  /** Frame offset where the IP packet ends by its header; beyond the capture if truncated. */
  end: number;
  /** False when the payload holds no transport header: a later fragment, or a broken header. */
  hasTransportHeader: boolean;
  /**
   * Set on fragments: where this fragment's share of the datagram starts in the frame (after
   * an IPv6 Fragment header) and the header that the datagram starts with.
   */
  fragmentPayload?: { start: number; nextHeader: number };
  error?: string;
}

export type IpDecoding = IpLayer | { error: string };

/**
 * Length of the IP packet implied by the frame, for BIG TCP (length field 0): the original
 * length when the capture tells it, else what was captured.
 */
export function lengthOnWire(data: Uint8Array, start: number, wireLength: number | undefined): number {
  return (wireLength ?? data.length) - start;
}

/** Why the IP header at `start` cannot be read, or undefined: cut before `minLength` bytes, or another version. */
export function ipHeaderError(data: Uint8Array, start: number, version: 4 | 6, minLength: number): string | undefined {
  const captured = data.length - start;
  if (captured < minLength) return headerTruncated(`IPv${version}`, captured, minLength);
  const found = byteAt(data, start) >> 4;
  return found === version ? undefined : `IPv${version} header has version ${found}`;
}
