import type { Socket as UdpSocket, RemoteInfo } from 'node:dgram';

export interface Datagram {
  data: Buffer;
  from: RemoteInfo;
}

export type RecvfromResult = { ok: true; datagram: Datagram } | { ok: false; error: unknown };

/**
 * A UDP socket read the Berkeley way. Node reads datagrams as they arrive (libuv calls
 * recvmsg whenever the socket is readable), so arrivals queue here until recvfrom() takes them.
 */
export class UdpPeer {
  readonly #arrived: Datagram[] = [];
  #waiting: ((result: RecvfromResult) => void) | undefined;
  #pendingError: unknown;
  lastReceived: Datagram | undefined;

  constructor(readonly socket: UdpSocket) {
    socket.on('message', (data, from) => this.#deliver({ ok: true, datagram: { data, from } }));
    socket.on('error', (error) => {
      if (this.#waiting) this.#deliver({ ok: false, error });
      else this.#pendingError = error;
    });
  }

  #deliver(result: RecvfromResult): void {
    const waiting = this.#waiting;
    if (!waiting) {
      if (result.ok) this.#arrived.push(result.datagram);
      return;
    }
    this.#waiting = undefined;
    if (result.ok) this.lastReceived = result.datagram;
    waiting(result);
  }

  recvfrom(): Promise<RecvfromResult> {
    const pending = this.#pendingError;
    if (pending) {
      this.#pendingError = undefined;
      return Promise.resolve({ ok: false, error: pending });
    }
    const datagram = this.#arrived.shift();
    if (datagram) {
      this.lastReceived = datagram;
      return Promise.resolve({ ok: true, datagram });
    }
    return new Promise((resolve) => { this.#waiting = resolve; });
  }

  sendto(bytes: Uint8Array, port: number, address: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.socket.send(bytes, port, address, (error, sent) => (error ? reject(error) : resolve(sent)));
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
