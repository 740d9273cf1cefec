import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  parseRecording, parseWith, recordingHeader, recordingLines, RecordingHeader, RecordingName, RecordingSummary,
  type Recording,
} from '@sockscope/protocol';
import { z } from 'zod';
import { dataDirectory } from './data-dir.ts';
import { moveDurably, syncFolder, writeDurably } from './durable-files.ts';
import { pcapOf } from './pcap-export.ts';

/** The packets' bytes: in memory, or a file staged in the store (stagingPath), moved into the recording. */
export type StoredCapture = ({ bytes: Uint8Array } | { staged: string }) & { format: 'pcap' | 'pcapng' };

export interface SaveOptions {
  /** The packets' bytes, kept beside the events for pcap export. */
  capture?: StoredCapture;
  /** Why a recording whose packets were captured keeps no bytes, for the pcap export to say. */
  noCapture?: string;
}

/** Asked for a recording the store does not hold. */
export class RecordingNotFoundError extends Error {
  override name = 'RecordingNotFoundError';
}

/** A pcap export refused: the recording holds no packet bytes, and says why. */
export class NoCaptureError extends Error {
  override name = 'NoCaptureError';
}

const ID = /^\d{8}-\d{6}-[0-9a-f]{6}$/;
const EVENTS_FILE = 'recording.jsonl';
const META_FILE = 'meta.json';

/** meta.json: the summary a list shows (the name can change), and how to read the rest. */
const StoredMeta = RecordingSummary.omit({ id: true, hasCapture: true }).extend({
  v: z.literal(1),
  /** Length of the JSON Lines file's header line, newline included: the events follow it. */
  headerBytes: z.number().int().positive(),
  captureFormat: z.enum(['pcap', 'pcapng']).optional(),
  noCapture: z.string().optional(),
});
type StoredMeta = z.infer<typeof StoredMeta>;

/** `20261125-134502-3fa9c1`: sorts by time, reads as a date, safe in a path and a URL. */
function newId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** The process id a temporary entry's name carries (`<what>.<pid>.<random>`). */
function ownerOf(entry: string): number | undefined {
  const pid = Number(entry.split('.').at(-2));
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function summaryOf(recording: Recording, options: SaveOptions): Omit<StoredMeta, 'v' | 'headerBytes'> {
  const [first] = recording.tracks;
  const { origin } = recording;
  return {
    name: recording.name,
    createdAt: recording.createdAt,
    origin: origin.kind,
    ...(origin.kind === 'session' && { scenario: origin.scenario }),
    title: first?.title ?? (origin.kind === 'capture' ? origin.file : recording.name),
    eventCount: recording.tracks.reduce((sum, track) => sum + track.events.length, 0),
    trackCount: recording.tracks.length,
    capture: first?.capture ?? { mode: 'pcap' },
    ...(options.capture && { captureFormat: options.capture.format }),
    ...(options.noCapture !== undefined && { noCapture: options.noCapture }),
  };
}

/** Why a recording keeps no packet bytes, worded to follow "recording <id> ". */
function noCaptureReason(meta: StoredMeta): string {
  if (meta.capture.mode === 'inferred') {
    const why = meta.capture.reason ? ` (${meta.capture.reason})` : '';
    return `ran without packet capture${why}: its packets were inferred from the socket calls, so no packet bytes exist to export`;
  }
  return `keeps no packet bytes: ${meta.noCapture ?? 'none were saved with it'}`;
}

/**
 * Recordings as plain files, one folder each: `recording.jsonl` (the events, never changed),
 * `capture.pcap` or `capture.pcapng` (the packets' bytes) and `meta.json` (name and summary).
 * Every change is atomic: files are written and flushed in `tmp/`, then the folder (or
 * meta.json) is renamed into place and its parent flushed, so a crash at any moment leaves
 * every earlier recording intact and the new one whole or absent.
 */
export class RecordingStore {
  readonly #recordings: string;
  readonly #tmp: string;

  private constructor(readonly root: string) {
    this.#recordings = path.join(root, 'recordings');
    this.#tmp = path.join(root, 'tmp');
  }

  /** Opens (creating) the store, and clears what crashed writers left in `tmp/`. */
  static async open(root: string = dataDirectory()): Promise<RecordingStore> {
    const store = new RecordingStore(root);
    await mkdir(store.#recordings, { recursive: true });
    await mkdir(store.#tmp, { recursive: true });
    for (const entry of await readdir(store.#tmp)) {
      const owner = ownerOf(entry);
      // Another process saving right now (the server while the CLI imports) keeps its files.
      if (owner === undefined || !isAlive(owner)) await rm(path.join(store.#tmp, entry), { recursive: true, force: true });
    }
    return store;
  }

  #temp(what: string): string {
    return path.join(this.#tmp, `${what}.${process.pid}.${randomBytes(4).toString('hex')}`);
  }

  /**
   * A new path in the store's own temporary folder, for a file written as it arrives (an upload)
   * and then given to save() as a staged capture: on the same file system, so it is renamed into
   * the recording, not copied; left behind by a crash, it is cleared like any other.
   */
  stagingPath(what: string): string {
    return this.#temp(what);
  }

  async save(recording: Recording, options: SaveOptions = {}): Promise<RecordingSummary> {
    const header = parseWith(RecordingHeader, recordingHeader(recording));
    if (!header.ok) throw new Error(`the recording is not valid: ${header.error}`);
    const id = newId(new Date());
    const temp = this.#temp(id);
    const lines = recordingLines(recording);
    const headerLine = `${lines.next().value as string}\n`;
    const meta: StoredMeta = { v: 1, ...summaryOf(recording, options), headerBytes: Buffer.byteLength(headerLine) };
    await mkdir(temp);
    try {
      await writeDurably(path.join(temp, EVENTS_FILE), (function* () {
        yield headerLine;
        for (const line of lines) yield `${line}\n`;
      })());
      const capture = options.capture;
      if (capture) {
        const file = path.join(temp, `capture.${capture.format}`);
        if ('bytes' in capture) await writeDurably(file, [capture.bytes]);
        else await moveDurably(capture.staged, file);
      }
      await writeDurably(path.join(temp, META_FILE), [JSON.stringify(meta)]);
      await syncFolder(temp);
      await rename(temp, path.join(this.#recordings, id));
      await syncFolder(this.#recordings);
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
    return this.#summary(id, meta);
  }

  /** Every recording, newest first. A folder without a readable meta.json is not a recording. */
  async list(): Promise<RecordingSummary[]> {
    const ids = (await readdir(this.#recordings)).filter((entry) => ID.test(entry));
    const found = await Promise.all(ids.map((id) => this.#meta(id).then((meta) => this.#summary(id, meta), () => undefined)));
    return found.filter((summary) => summary !== undefined)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  }

  async get(id: string): Promise<RecordingSummary> {
    return this.#summary(id, await this.#meta(id));
  }

  /** The whole recording, validated line by line, with its current name. */
  async read(id: string): Promise<Recording> {
    const meta = await this.#meta(id);
    const recording = parseRecording(await readFile(path.join(this.#recordings, id, EVENTS_FILE), 'utf8'));
    return { ...recording, name: meta.name };
  }

  /** The recording as a JSON Lines file, in pieces: its header (with the current name), then its events. */
  async jsonl(id: string): Promise<AsyncIterable<string | Uint8Array>> {
    const meta = await this.#meta(id);
    const file = path.join(this.#recordings, id, EVENTS_FILE);
    const handle = await open(file, 'r');
    let stored: string;
    try {
      const buffer = Buffer.alloc(meta.headerBytes);
      await handle.read(buffer, 0, meta.headerBytes, 0);
      stored = buffer.toString('utf8');
    } finally {
      await handle.close();
    }
    const json = JSON.parse(stored) as Record<string, unknown>;
    const header = parseWith(RecordingHeader, json);
    if (!header.ok) throw new Error(`recording ${id} is damaged: ${EVENTS_FILE} line 1: ${header.error}`);
    // The stored object, not zod's copy: its keys stay in the order they were written.
    const renamed = `${JSON.stringify({ ...json, name: meta.name })}\n`;
    return (async function* () {
      yield renamed;
      yield* createReadStream(file, { start: meta.headerBytes });
    })();
  }

  /**
   * The recording's packets as a pcap file: the bytes tcpdump wrote (or the imported file's
   * records), never invented. Refused with the reason when the recording holds no bytes.
   */
  async pcap(id: string): Promise<Uint8Array> {
    const meta = await this.#meta(id);
    if (!meta.captureFormat) {
      const advice = meta.capture.mode === 'inferred' ? 'Export it as JSON Lines instead, or record it again with capture on.' : 'Export it as JSON Lines instead.';
      throw new NoCaptureError(`recording ${id} ${noCaptureReason(meta)}. ${advice}`);
    }
    const bytes = new Uint8Array(await readFile(path.join(this.#recordings, id, `capture.${meta.captureFormat}`)));
    return pcapOf(bytes, meta.captureFormat);
  }

  async rename(id: string, name: string): Promise<RecordingSummary> {
    const parsed = parseWith(RecordingName, name);
    if (!parsed.ok) throw new RangeError(`the name ${parsed.error.replace('(message): ', '')}`);
    const meta = { ...(await this.#meta(id)), name: parsed.value };
    const temp = this.#temp(`${id}-meta`);
    await writeDurably(temp, [JSON.stringify(meta)]);
    const folder = path.join(this.#recordings, id);
    await rename(temp, path.join(folder, META_FILE));
    await syncFolder(folder);
    return this.#summary(id, meta);
  }

  /** Removes a recording: its folder leaves the list in one rename, then its files go. */
  async delete(id: string): Promise<void> {
    await this.#meta(id);
    const doomed = this.#temp(`${id}-deleted`);
    await rename(path.join(this.#recordings, id), doomed);
    await syncFolder(this.#recordings);
    await rm(doomed, { recursive: true, force: true });
  }

  async #meta(id: string): Promise<StoredMeta> {
    if (!ID.test(id)) throw new RecordingNotFoundError(`there is no recording "${id}": ids look like 20261125-134502-3fa9c1`);
    let text: string;
    try {
      text = await readFile(path.join(this.#recordings, id, META_FILE), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new RecordingNotFoundError(`there is no recording ${id}`);
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`recording ${id} is damaged: ${META_FILE} is not JSON (${(error as Error).message})`);
    }
    const parsed = parseWith(StoredMeta, json);
    if (!parsed.ok) throw new Error(`recording ${id} is damaged: ${META_FILE}: ${parsed.error}`);
    return parsed.value;
  }

  #summary(id: string, meta: StoredMeta): RecordingSummary {
    const { v: _v, headerBytes: _headerBytes, captureFormat, noCapture: _noCapture, ...summary } = meta;
    return { id, ...summary, hasCapture: captureFormat !== undefined, ...(captureFormat === undefined && { noCapture: noCaptureReason(meta) }) };
  }
}
