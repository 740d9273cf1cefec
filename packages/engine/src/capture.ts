import { spawn, type ChildProcessByStdio } from 'node:child_process';
import dgram from 'node:dgram';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { CaptureReader, decodePacket, filterPcap, type CaptureRecord, type DecodedPacket } from '@sockscope/wire';
import { explainCaptureFailure, findTcpdump, INSTALL_TCPDUMP, tcpdumpArgs } from './tcpdump.ts';
import { killWhenGone } from './tied.ts';

export class CaptureUnavailableError extends Error {}

export interface CaptureOptions {
  /** The session's own loopback address: everything to or from it is the session's. */
  address: string;
  onPacket(record: CaptureRecord, packet: DecodedPacket): void;
  /** The capture broke after it had started (tcpdump died, the stream was corrupt). */
  onFailure(reason: string): void;
  /** The raw pcap stream reached MAX_RAW_CAPTURE_BYTES: later packets are decoded but their bytes not kept. */
  onRawCaptureFull(limitBytes: number): void;
}

/**
 * How much of tcpdump's pcap stream a session keeps for export. A teaching session stays far
 * below it; a runaway one must not take the server's memory with it.
 */
export const MAX_RAW_CAPTURE_BYTES = 64 * 1024 * 1024;

const READY_TIMEOUT_MS = 5000;
const MARKER_INTERVAL_MS = 20;

/**
 * A live capture of one session's packets: tcpdump writes pcap to a pipe, our reader decodes it.
 * A marker datagram the capture sends to itself proves the capture is live, and later that it
 * has caught up: every packet sent before the marker has been read once the marker is.
 */
export class PacketCapture {
  readonly #reader = new CaptureReader();
  /** Marker waits by nonce: each takes whether its marker was seen. */
  readonly #waiting = new Map<string, (seen: boolean) => void>();
  #nonce = 0;
  #stopped = false;
  /** tcpdump's pcap stream as it came, for export; grows by doubling up to MAX_RAW_CAPTURE_BYTES. */
  #raw = new Uint8Array(64 * 1024);
  #rawLength = 0;
  #rawFull = false;
  /** Packet numbers of the marker datagrams: the export leaves them out. */
  readonly #markers = new Set<number>();

  private constructor(
    private readonly options: CaptureOptions,
    private readonly tcpdump: ChildProcessByStdio<null, Readable, Readable>,
    private readonly marker: dgram.Socket,
    private readonly markerPort: number,
  ) {}

  static async start(options: CaptureOptions): Promise<PacketCapture> {
    const binary = findTcpdump();
    if (!binary) throw new CaptureUnavailableError(INSTALL_TCPDUMP);
    const marker = dgram.createSocket('udp4');
    marker.on('error', () => {});
    await new Promise<void>((resolve) => marker.bind(0, options.address, resolve));
    const tcpdump = spawn(binary, tcpdumpArgs(`host ${options.address}`), { stdio: ['ignore', 'pipe', 'pipe'] });
    if (tcpdump.pid !== undefined) {
      const watchdog = killWhenGone(tcpdump.pid);
      tcpdump.once('exit', () => watchdog.release());
    }
    const capture = new PacketCapture(options, tcpdump, marker, marker.address().port);
    let stderr = '';
    tcpdump.stderr.setEncoding('utf8').on('data', (text: string) => { stderr = (stderr + text).slice(-4000); });
    tcpdump.stdout.on('data', (chunk: Buffer) => capture.#read(chunk));
    const exited = new Promise<string>((resolve) => {
      tcpdump.once('error', (error) => resolve(`tcpdump could not run: ${error.message}`));
      tcpdump.once('exit', () => resolve(explainCaptureFailure(stderr, binary)));
    });
    const ready = capture.#waitForMarker(READY_TIMEOUT_MS, true);
    const outcome = await Promise.race([ready.then((seen) => (seen ? 'ready' : 'timeout')), exited]);
    if (outcome === 'ready') {
      void exited.then((reason) => { if (!capture.#stopped) options.onFailure(reason); });
      return capture;
    }
    await capture.stop();
    throw new CaptureUnavailableError(outcome === 'timeout'
      ? `tcpdump started but captured nothing within ${READY_TIMEOUT_MS / 1000} s on the loopback interface`
      : outcome);
  }

  /** Resolves once every packet sent so far has been read (false if that took too long). */
  flush(timeoutMs = 1000): Promise<boolean> {
    if (this.#stopped) return Promise.resolve(false);
    return this.#waitForMarker(timeoutMs, false);
  }

  #waitForMarker(timeoutMs: number, repeat: boolean): Promise<boolean> {
    const nonce = `sockscope-sync-${++this.#nonce}`;
    const send = () => {
      if (!this.#stopped) this.marker.send(nonce, this.markerPort, this.options.address);
    };
    return new Promise((resolve) => {
      const resend = repeat ? setInterval(send, MARKER_INTERVAL_MS) : undefined;
      const timer = setTimeout(() => finish(false), timeoutMs);
      const finish = (seen: boolean) => {
        clearInterval(resend);
        clearTimeout(timer);
        this.#waiting.delete(nonce);
        resolve(seen);
      };
      this.#waiting.set(nonce, finish);
      send();
    });
  }

  /** The pcap stream tcpdump wrote, byte for byte, without the marker datagrams. */
  rawCapture(): Uint8Array {
    return filterPcap(this.#raw.subarray(0, this.#rawLength), (packet) => !this.#markers.has(packet));
  }

  #keep(chunk: Uint8Array): void {
    if (this.#rawFull) return;
    const length = this.#rawLength + chunk.length;
    if (length > MAX_RAW_CAPTURE_BYTES) {
      this.#rawFull = true;
      this.options.onRawCaptureFull(MAX_RAW_CAPTURE_BYTES);
      return;
    }
    if (length > this.#raw.length) {
      const grown = new Uint8Array(Math.min(MAX_RAW_CAPTURE_BYTES, Math.max(length, this.#raw.length * 2)));
      grown.set(this.#raw.subarray(0, this.#rawLength));
      this.#raw = grown;
    }
    this.#raw.set(chunk, this.#rawLength);
    this.#rawLength = length;
  }

  #read(chunk: Buffer): void {
    if (this.#stopped) return;
    this.#keep(chunk);
    let records: CaptureRecord[];
    try {
      records = this.#reader.push(chunk);
    } catch (error) {
      this.options.onFailure(`the capture stream could not be read: ${(error as Error).message}`);
      void this.stop();
      return;
    }
    for (const record of records) {
      const packet = decodePacket(record.linkType, record.data, record.originalLength);
      const udp = packet.udp;
      if (udp && (udp.srcPort === this.markerPort || udp.dstPort === this.markerPort)) {
        this.#markers.add(record.index);
        this.#waiting.get(new TextDecoder().decode(udp.payload))?.(true);
        continue;
      }
      this.options.onPacket(record, packet);
    }
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    // Waits still open (the ready wait's resends among them) end now, unseen.
    for (const finish of [...this.#waiting.values()]) finish(false);
    const running = this.tcpdump.pid !== undefined && this.tcpdump.exitCode === null && this.tcpdump.signalCode === null;
    if (running) {
      const exited = once(this.tcpdump, 'exit');
      this.tcpdump.kill('SIGTERM');
      const killer = setTimeout(() => this.tcpdump.kill('SIGKILL'), 2000);
      await exited.catch(() => undefined);
      clearTimeout(killer);
    }
    this.marker.close();
  }
}
