import type { IncomingMessage } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';

/**
 * DNS rebinding: a page on evil.example can make its own name resolve to 127.0.0.1, and the
 * browser then sends `Host: evil.example` with a matching Origin, so an Origin check alone lets
 * it drive real sockets here. The server answers only to the names it is reached by: loopback
 * always, its own addresses and name when it listens on the network, and SOCKSCOPE_ALLOWED_HOSTS.
 */
const LOOPBACK = ['localhost', '127.0.0.1', '::1'];
const ALL_ADDRESSES = new Set(['', '0.0.0.0', '::']);

/** `HOST=0.0.0.0` (or `::`, or empty): the server listens on every address the machine has. */
export function listensOnAll(listenHost: string): boolean {
  return ALL_ADDRESSES.has(normalise(listenHost));
}

/** The host names a server listening on `listenHost` answers to. */
export function servedHosts(listenHost: string, env: NodeJS.ProcessEnv = process.env): Set<string> {
  const hosts = new Set(LOOPBACK);
  const listen = normalise(listenHost);
  if (listensOnAll(listen)) {
    for (const address of Object.values(networkInterfaces()).flat()) if (address) hosts.add(normalise(address.address));
    const name = hostname().toLowerCase();
    hosts.add(name).add(`${name}.local`);
  } else {
    hosts.add(listen);
  }
  for (const extra of (env.SOCKSCOPE_ALLOWED_HOSTS ?? '').split(',')) if (extra.trim()) hosts.add(normalise(extra.trim()));
  return hosts;
}

/** The host part of a Host header, lowercase, without port or IPv6 brackets; undefined when there is none. */
export function hostOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    return normalise(new URL(`http://${header}`).hostname);
  } catch {
    return undefined;
  }
}

export function isHostAllowed(request: IncomingMessage, served: ReadonlySet<string>): boolean {
  const host = hostOf(request.headers.host);
  return host !== undefined && served.has(host);
}

function normalise(host: string): string {
  const lower = host.toLowerCase();
  // An IPv6 address in a URL keeps its brackets; a zone (fe80::1%eth0) is not part of a Host.
  return (lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower).replace(/%.*$/, '');
}

export const HOST_REFUSED = 'this server answers only to its own names (localhost, its addresses); add others with SOCKSCOPE_ALLOWED_HOSTS';
