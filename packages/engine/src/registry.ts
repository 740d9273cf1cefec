/**
 * The session's sockets and their addresses. Segments and kernel table rows name endpoints
 * (`address:port`); the registry turns them into the stable socket ids events carry.
 */
export type Side = 'client' | 'server';
export type SocketRole = 'listener' | 'connection' | 'datagram';

export interface SocketEntry {
  readonly id: string;
  readonly side: Side;
  readonly proto: 'tcp' | 'udp';
  readonly role: SocketRole;
  local?: string;
  remote?: string;
  /** For a connection the kernel created from a listener: that listener's id. */
  parent?: string;
}

export class SocketRegistry {
  readonly #entries: SocketEntry[] = [];
  readonly #counters = { client: 0, server: 0 };

  add(side: Side, proto: 'tcp' | 'udp', role: SocketRole, fields: Partial<SocketEntry> = {}): SocketEntry {
    this.#counters[side] += 1;
    const entry: SocketEntry = { ...fields, id: `${side === 'client' ? 'c' : 's'}${this.#counters[side]}`, side, proto, role };
    this.#entries.push(entry);
    return entry;
  }

  get(id: string): SocketEntry | undefined {
    return this.#entries.find((entry) => entry.id === id);
  }

  all(): readonly SocketEntry[] {
    return this.#entries;
  }

  /** The TCP socket that owns the local end of a segment travelling between `local` and `remote`. */
  findTcp(local: string, remote: string): SocketEntry | undefined {
    return this.#entries.find(
      (entry) => entry.proto === 'tcp' && entry.role === 'connection' && entry.local === local && entry.remote === remote,
    );
  }

  /**
   * The client connection that sent this SYN, when its local address was not known yet (a
   * program in another process learns it only when connect() returns): it is the SYN's source.
   */
  adoptSyn(src: string, dst: string): SocketEntry | undefined {
    const entry = this.#entries.find((candidate) => candidate.proto === 'tcp' && candidate.role === 'connection'
      && candidate.side === 'client' && candidate.local === undefined && candidate.remote === dst);
    if (entry) entry.local = src;
    return entry;
  }

  findListener(local: string): SocketEntry | undefined {
    return this.#entries.find((entry) => entry.role === 'listener' && entry.local === local);
  }

  /**
   * The connection the kernel makes when a SYN reaches a listener. Created at the SYN (capture)
   * or at accept() (whichever the engine sees first), so both name the same socket.
   */
  childOf(listener: SocketEntry, remote: string): SocketEntry {
    const existing = this.findTcp(listener.local ?? '', remote);
    if (existing) return existing;
    return this.add(listener.side, 'tcp', 'connection', { local: listener.local, remote, parent: listener.id });
  }
}
