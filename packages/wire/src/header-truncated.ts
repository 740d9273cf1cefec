/** `TCP header truncated: 12 of 20 bytes captured`: the snaplen cut a header short. */
export function headerTruncated(name: string, captured: number, needed: number): string {
  return `${name} header truncated: ${captured} of ${needed} bytes captured`;
}

/**
 * Why a TCP or UDP header (`minLength` bytes at least) cannot be read, or undefined if it can:
 * the IP payload is too short to hold one (a broken packet), or the capture cut it (snaplen).
 */
export function transportHeaderMissing(name: 'TCP' | 'UDP', captured: number, ipPayloadLength: number, minLength: number): string | undefined {
  if (captured >= minLength) return undefined;
  if (ipPayloadLength < minLength) return `IP payload of ${ipPayloadLength} bytes is too short for a ${name} header`;
  return headerTruncated(name, captured, minLength);
}
