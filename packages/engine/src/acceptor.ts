import { fork, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { tiedNode } from './tied.ts';

const PROCESS_FILE = new URL('./acceptor-process.mjs', import.meta.url);
const START_LIMIT_MS = 5000;
const STOP_LIMIT_MS = 2000;

type ChildMessage =
  | { type: 'listening'; fd: number | null }
  | { type: 'error'; code: string; message: string }
  | { type: 'accepted' };

export class ListenError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/**
 * A listening socket that calls accept() only when asked. It lives in a child process
 * (`acceptor-process.mjs`) that is frozen with SIGSTOP between accept() calls: Node accepts
 * every pending connection as soon as a listening socket is readable, so a listener in this
 * process could never leave connections waiting in the kernel's accept queue.
 */
export class Acceptor {
  readonly #accepted: net.Socket[] = [];
  #waiter: ((socket: net.Socket) => void) | undefined;
  #exited = false;

  private constructor(
    private readonly child: ChildProcess,
    /** The listening socket's descriptor in the acceptor process. */
    readonly fd: number | null,
    private readonly onAccepted: (socket: net.Socket) => void,
  ) {
    child.on('message', (message: ChildMessage, socket?: net.Socket) => {
      if (message.type !== 'accepted' || !socket) return;
      // The socket arrives reading (Node starts every socket it receives); the program reads
      // only in recv(), so reading stops at once, before the event loop could run.
      socket.pause();
      stopReading(socket);
      socket.allowHalfOpen = true;
      child.send({ type: 'got' });
      this.onAccepted(socket);
      const waiter = this.#waiter;
      this.#waiter = undefined;
      if (waiter) waiter(socket);
      else this.#accepted.push(socket);
    });
    child.once('exit', () => {
      this.#exited = true;
    });
  }

  /** Starts listening; resolves once the acceptor process is frozen, with nothing accepted. */
  static async listen(
    options: { host: string; port: number; backlog: number },
    onAccepted: (socket: net.Socket) => void,
  ): Promise<Acceptor> {
    // A frozen process cannot notice that its parent is gone: it is tied to the engine's life
    // (tied.ts), and stays in the engine's process group, so that whoever ends the group (a
    // terminal's Ctrl-C, a test runner stopping its server) ends it too. No stdio of ours: a listener left behind must not hold our
    // output open (a test runner waits for its server's output to close).
    const child = fork(PROCESS_FILE, [options.host, String(options.port), String(options.backlog)], {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'], ...tiedNode(),
    });
    const first = await new Promise<ChildMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the listening process did not start within 5 s')), START_LIMIT_MS);
      child.once('message', (message: ChildMessage) => { clearTimeout(timer); resolve(message); });
      child.once('error', (error) => { clearTimeout(timer); reject(error); });
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the listening process exited (code ${code})`)); });
    });
    if (first.type === 'error') {
      child.kill('SIGKILL');
      throw new ListenError(first.code, first.message);
    }
    const acceptor = new Acceptor(child, first.type === 'listening' ? first.fd : null, onAccepted);
    await acceptor.#frozen();
    return acceptor;
  }

  /** accept(): the oldest connection libuv accepted, or the next one the kernel completes. */
  async accept(): Promise<net.Socket> {
    const ready = this.#accepted.shift();
    if (ready) return ready;
    if (this.#exited) throw new Error('the listening socket is closed');
    const next = new Promise<net.Socket>((resolve) => { this.#waiter = resolve; });
    await this.#frozen();
    // A connection the acceptor was still handing over may have answered this call already.
    if (this.#waiter) this.child.kill('SIGCONT');
    return next;
  }

  /** close(): the acceptor process ends, and with it the listening socket. */
  async close(): Promise<void> {
    this.#waiter = undefined;
    for (const socket of this.#accepted.splice(0)) socket.destroy();
    if (this.#exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGKILL');
    await exited;
  }

  /** libuv accepted a connection that no accept() step has taken yet. */
  get hasAccepted(): boolean {
    return this.#accepted.length > 0;
  }

  /** Waits until the acceptor process has stopped itself (state `T` in /proc/<pid>/stat). */
  async #frozen(): Promise<void> {
    const deadline = Date.now() + STOP_LIMIT_MS;
    while (!this.#exited && Date.now() < deadline) {
      const stat = await readFile(`/proc/${this.child.pid}/stat`, 'utf8').catch(() => '');
      // Field 3, after the parenthesised command name.
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('T')) return;
      await sleep(2);
    }
  }
}

interface StreamHandle {
  reading?: boolean;
  readStart?(): number;
  readStop?(): number;
}

function handleOf(socket: net.Socket): StreamHandle | undefined {
  return (socket as unknown as { _handle?: StreamHandle | null })._handle ?? undefined;
}

/**
 * Node keeps reading a paused socket until its stream buffer is full, taking bytes out of the
 * kernel's receive queue that the program never asked for. Stopping the handle itself keeps
 * unread bytes in the kernel, where the socket table (and the advertised window) show them.
 */
export function stopReading(socket: net.Socket): void {
  const handle = handleOf(socket);
  if (!handle?.reading) return;
  handle.reading = false;
  handle.readStop?.();
}

export function startReading(socket: net.Socket): void {
  const handle = handleOf(socket);
  if (!handle || handle.reading) return;
  handle.reading = true;
  handle.readStart?.();
}
