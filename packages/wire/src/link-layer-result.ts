/** Which network layer a frame carries and where it starts. */
export type LinkLayer =
  | { network: 4 | 6 | 'by-version' | 'other'; offset: number }
  | { error: string };

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;

export function byEthertype(type: number, offset: number): LinkLayer {
  const network = type === ETHERTYPE_IPV4 ? 4 : type === ETHERTYPE_IPV6 ? 6 : 'other';
  return { network, offset };
}

export function headerTruncated(name: string, data: Uint8Array, needed: number): LinkLayer {
  return { error: `${name} header truncated: ${data.length} of ${needed} bytes captured` };
}
