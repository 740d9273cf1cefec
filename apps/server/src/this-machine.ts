import { networkInterfaces } from 'node:os';

type Interfaces = ReturnType<typeof networkInterfaces>;

/**
 * Whether a connection comes from the machine sockscope runs on: from a loopback address, or
 * from one of the machine's own addresses (a teacher who opens the LAN link on the same laptop).
 * What changes the server's own files (renaming or deleting recordings) is for that browser only:
 * a class's students reach the server from other machines once it listens on the room's network.
 */
export function isFromThisMachine(remoteAddress: string | undefined, interfaces: Interfaces = networkInterfaces()): boolean {
  if (!remoteAddress) return false;
  const address = remoteAddress.replace(/^::ffff:/i, '');
  if (address === '::1' || /^127\./.test(address)) return true;
  return Object.values(interfaces).some((list) => list?.some((own) => own.address === address));
}
