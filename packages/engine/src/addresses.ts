const inUse = new Set<string>();

/**
 * A loopback address of the session's own in 127.0.0.0/8, which Linux routes entirely to `lo`:
 * a capture filter on it sees this session's packets and no other's.
 */
export function allocateSessionAddress(): { address: string; release(): void } {
  for (;;) {
    const octet = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1));
    const address = `127.${octet(1, 254)}.${octet(0, 255)}.${octet(1, 254)}`;
    if (inUse.has(address)) continue;
    inUse.add(address);
    return { address, release: () => inUse.delete(address) };
  }
}

/** The port the session's server uses on its own address (7 is echo's well-known port). */
export const SERVER_PORT = 7007;
/** A port on the session's address where nothing listens: connect() and sendto() there are refused. */
export const CLOSED_PORT = 7009;
