import type { Socket as UdpSocket, RemoteInfo } from 'node:dgram';
import { PendingError } from './pending-error.ts';

export interface Datagram {
  data: Buffer;
  from: RemoteInfo;
}

export type RecvfromResult = { ok: true; datagram: Datagram } | { ok: false; error: unknown };

interface UdpHandle {
  fd?: number;
  recvStart?(): number;
  recvStop?(): number;
}

/**
 * dgram keeps its libuv handle behind a symbol; the public `_handle` getter is deprecated
 * (DEP0112) and prints a warning. The handle gives the real descriptor and lets reading stop.
 */
function handleOf(socket: UdpSocket): UdpHandle | undefined {
  const symbol = Object.getOwnPropertySymbols(socket).find((candidate) => candidate.description === 'state symbol');
  const state = symbol ? (socket as unknown as Record<symbol, { handle?: UdpHandle | null } | undefined>)[symbol] : undefined;
  return state?.handle ?? undefined;
}

/**
 * A UDP socket read the Berkeley way: nothing is read until the program calls recvfrom(), and
 * each recvfrom() takes one datagram from the kernel's receive queue. Node starts reading a
 * socket as soon as it is bound, so reading is stopped at once and started only inside
 * recvfrom(): datagrams wait in the kernel, where the socket table counts them (and drops
 * what no longer fits). An error with no call waiting is kept for the next call, as the
 * kernel keeps a pending socket error (ICMP port unreachable on a connected socket).
 */
export class UdpPeer {
  #waiting: ((result: RecvfromResult) => void) | undefined;
  readonly #pendingError = new PendingError();
  lastReceived: Datagram | undefined;

  constructor(readonly socket: UdpSocket) {
    socket.on('message', (data, from) => this.#deliver({ ok: true, datagram: { data, from } }));
    socket.on('error', (error) => {
      if (this.#waiting) this.#deliver({ ok: false, error });
      else this.#pendingError.keep(error);
    });
    socket.on('listening', () => this.#stopReading());
  }

  get fd(): number | null {
    const fd = handleOf(this.socket)?.fd;
    return typeof fd === 'number' && fd >= 0 ? fd : null;
  }

  #stopReading(): void {
    handleOf(this.socket)?.recvStop?.();
  }

  #deliver(result: RecvfromResult): void {
    const waiting = this.#waiting;
    this.#waiting = undefined;
    this.#stopReading();
    if (!waiting) {
      if (!result.ok) this.#pendingError.keep(result.error);
      return;
    }
    if (result.ok) this.lastReceived = result.datagram;
    waiting(result);
  }

  takePendingError(): unknown {
    return this.#pendingError.take();
  }

  recvfrom(): Promise<RecvfromResult> {
    const pending = this.takePendingError();
    if (pending) return Promise.resolve({ ok: false, error: pending });
    return new Promise((resolve) => {
      this.#waiting = resolve;
      handleOf(this.socket)?.recvStart?.();
    });
  }

  /** sendto(), or send() on a connected socket (no address given). */
  sendto(bytes: Uint8Array, to?: { port: number; address: string }): Promise<number> {
    const pending = this.takePendingError();
    if (pending) return Promise.reject(pending);
    return new Promise((resolve, reject) => {
      const done = (error: Error | null, sent: number) => (error ? reject(error) : resolve(sent));
      if (to) this.socket.send(bytes, to.port, to.address, done);
      else this.socket.send(bytes, done);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      try {
        this.socket.close(() => resolve());
      } catch {
        resolve();
      }
    });
  }
}
