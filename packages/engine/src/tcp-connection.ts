import type { Socket } from 'node:net';
import { startReading, stopReading } from './acceptor.ts';
import { PendingError } from './pending-error.ts';

export type RecvResult = { ok: true; data: Buffer } | { ok: false; error: unknown };

/**
 * A connected TCP socket read the Berkeley way: nothing is consumed until the program calls
 * recv(), and each recv() takes one chunk. The socket is created paused (pauseOnConnect, or
 * paused before it connects) so the kernel keeps unread bytes in its receive queue; recv()
 * resumes it for one chunk. An error with no call waiting is kept for the next call, as the
 * kernel keeps a pending socket error.
 */
export class TcpConnection {
  readonly #pendingError = new PendingError();
  /** Errors a call already returned: the 'error' event that follows must not report them again. */
  readonly #returned = new WeakSet<object>();
  #ended = false;
  /** The bytes the last recv() returned, for an echo. */
  lastReceived: Buffer = Buffer.alloc(0);

  constructor(readonly socket: Socket) {
    socket.on('error', (error) => {
      if (!this.#returned.has(error)) this.#pendingError.keep(error);
    });
    socket.on('end', () => { this.#ended = true; });
  }

  takePendingError(): unknown {
    return this.#pendingError.take();
  }

  recv(): Promise<RecvResult> {
    const pending = this.takePendingError();
    if (pending) return Promise.resolve({ ok: false, error: pending });
    if (this.#ended) return Promise.resolve({ ok: true, data: Buffer.alloc(0) });
    return new Promise((resolve) => {
      const finish = (result: RecvResult) => {
        this.socket.off('data', onData).off('end', onEnd).off('error', onError);
        this.socket.pause();
        stopReading(this.socket);
        if (result.ok) this.lastReceived = result.data.length > 0 ? result.data : this.lastReceived;
        resolve(result);
      };
      const onData = (chunk: Buffer) => finish({ ok: true, data: chunk });
      const onEnd = () => finish({ ok: true, data: Buffer.alloc(0) });
      const onError = (error: unknown) => {
        this.#pendingError.take();
        finish({ ok: false, error });
      };
      this.socket.on('data', onData).on('end', onEnd).on('error', onError);
      this.socket.resume();
      startReading(this.socket);
    });
  }

  send(bytes: Uint8Array): Promise<number> {
    const pending = this.takePendingError();
    if (pending) return Promise.reject(pending);
    return new Promise((resolve, reject) => {
      this.socket.write(bytes, (error) => {
        if (!error) return resolve(bytes.length);
        this.#returned.add(error);
        this.#pendingError.forget(error);
        reject(error);
      });
    });
  }

  /** shutdown(SHUT_WR): the FIN goes once everything written before it has been sent. */
  shutdown(): Promise<number> {
    const pending = this.takePendingError();
    if (pending) return Promise.reject(pending);
    return new Promise((resolve, reject) => {
      this.socket.end((error?: Error | null) => (error ? reject(error) : resolve(0)));
    });
  }

  /** close(); with `reset`, SO_LINGER 0 first, so the kernel sends RST and drops unsent data. */
  close(reset = false): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.closed) return resolve();
      this.socket.once('close', () => resolve());
      if (reset && !this.socket.destroyed) this.socket.resetAndDestroy();
      else this.socket.destroy();
    });
  }
}
