/**
 * A socket error that came with no call waiting, kept for the next call, as the kernel keeps a
 * pending socket error (SO_ERROR). TcpConnection and UdpPeer both keep one.
 */
export class PendingError {
  #error: unknown;

  keep(error: unknown): void {
    this.#error = error;
  }

  /** The kept error, if any, now cleared: the next call fails with it once. */
  take(): unknown {
    const error = this.#error;
    this.#error = undefined;
    return error;
  }

  /** Forgets `error` if it is the one kept: a call returned it already. */
  forget(error: unknown): void {
    if (this.#error === error) this.#error = undefined;
  }
}
