import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { tied } from '../tied.ts';

export interface QueuedPacket {
  /** The kernel's id for the packet in the queue. */
  id: number;
  /** When it reached the queue, CLOCK_MONOTONIC µs. */
  monotonicUs: number;
  /** The packet from its IP header on. */
  data: Uint8Array;
}

const FRAME_HEADER_BYTES = 16;

/**
 * The `sockscope-nfq` helper (native/nfq-helper.c), run inside the session's network namespace:
 * it reads every packet the namespace's iptables rule puts in NFQUEUE 0 and applies our verdicts.
 */
export class PacketQueue {
  #buffer: Buffer = Buffer.alloc(0);
  #closed = false;

  private constructor(private readonly helper: ChildProcessByStdio<Writable, Readable, Readable>) {}

  /** Starts the helper and resolves once it has bound the queue. */
  static async open(binary: string, onPacket: (packet: QueuedPacket) => void, onFailure: (reason: string) => void): Promise<PacketQueue> {
    const helper = spawn(...tied(binary, ['0']), { stdio: ['pipe', 'pipe', 'pipe'] });
    const queue = new PacketQueue(helper);
    helper.stdout.on('data', (chunk: Buffer) => queue.#read(chunk, onPacket));
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      helper.stderr.setEncoding('utf8').on('data', (text: string) => {
        stderr += text;
        if (stderr.includes('ready\n')) resolve();
      });
      helper.once('error', reject);
      helper.once('exit', (code) => reject(new Error(`the packet queue helper exited (code ${code}): ${stderr.trim()}`)));
    });
    helper.stderr.on('data', (text: string) => {
      if (text.trim()) onFailure(text.trim());
    });
    helper.once('exit', (code) => {
      if (!queue.#closed) onFailure(`the packet queue helper exited (code ${code}); packets are no longer held`);
    });
    return queue;
  }

  #read(chunk: Buffer, onPacket: (packet: QueuedPacket) => void): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    while (this.#buffer.length >= FRAME_HEADER_BYTES) {
      const length = this.#buffer.readUInt32LE(4);
      if (this.#buffer.length < FRAME_HEADER_BYTES + length) return;
      const packet = {
        id: this.#buffer.readUInt32LE(0),
        monotonicUs: Number(this.#buffer.readBigUInt64LE(8)),
        data: Uint8Array.prototype.slice.call(this.#buffer, FRAME_HEADER_BYTES, FRAME_HEADER_BYTES + length),
      };
      this.#buffer = this.#buffer.subarray(FRAME_HEADER_BYTES + length);
      onPacket(packet);
    }
  }

  accept(id: number): void {
    if (!this.#closed) this.helper.stdin.write(`A ${id}\n`);
  }

  drop(id: number): void {
    if (!this.#closed) this.helper.stdin.write(`D ${id}\n`);
  }

  /** Ends the helper; it accepts whatever is still held, so nothing stays in the queue. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const exited = new Promise<void>((resolve) => {
      if (this.helper.exitCode !== null) resolve();
      else this.helper.once('exit', () => resolve());
    });
    this.helper.stdin.end();
    await exited;
  }
}
