import type { Tunnel } from './decoded-packet.ts';

/** What a tunnel header says comes after it. */
export type InnerLayer = 'ethernet' | 'ppp' | 4 | 6 | 'by-version';

/** A tunnel header read: what it records, what follows and where (in the same bytes). */
export type TunnelHeader =
  | { tunnel: Omit<Tunnel, 'outerSrc' | 'outerDst'>; inner: InnerLayer; offset: number }
  | { error: string };

export const ETHERTYPE_TRANSPARENT_BRIDGING = 0x6558;

/** The inner layer an Ethernet type names, if a tunnel can carry it here. */
export function innerByEthertype(type: number): InnerLayer | undefined {
  switch (type) {
    case 0x0800:
      return 4;
    case 0x86dd:
      return 6;
    case ETHERTYPE_TRANSPARENT_BRIDGING:
      return 'ethernet';
    case 0x880b:
      return 'ppp';
    default:
      return undefined;
  }
}

export function tunnelTruncated(name: string, captured: number, needed: number): { error: string } {
  return { error: `${name} header truncated: ${Math.max(captured, 0)} of ${needed} bytes captured` };
}
