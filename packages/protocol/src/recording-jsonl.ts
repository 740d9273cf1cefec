import type { z } from 'zod';
import type { SessionEvent } from './events.ts';
import {
  RECORDING_FORMAT, RECORDING_VERSION, RecordingEventLine, RecordingHeader, type Recording, type RecordedTrack,
} from './recording.ts';

/** A recording file refused: `line` is 1-based, `field` the path of the value at fault, e.g. `event.flags.0`. */
export class RecordingFormatError extends Error {
  constructor(readonly line: number, readonly field: string | undefined, detail: string) {
    super(`line ${line}: ${field ? `${field}: ` : ''}${detail}`);
    this.name = 'RecordingFormatError';
  }
}

export function recordingHeader(recording: Recording): RecordingHeader {
  return {
    type: 'recording', format: RECORDING_FORMAT, v: RECORDING_VERSION,
    name: recording.name, createdAt: recording.createdAt,
    ...(recording.startedAt !== undefined && { startedAt: recording.startedAt }),
    origin: recording.origin,
    tracks: recording.tracks.map(({ events, ...track }) => ({ ...track, events: events.length })),
  };
}

/** The recording's lines, without their newlines: the header, then each track's events. */
export function* recordingLines(recording: Recording): Generator<string> {
  yield JSON.stringify(recordingHeader(recording));
  for (const track of recording.tracks) {
    for (const event of track.events) yield JSON.stringify({ type: 'event', track: track.id, event });
  }
}

export function recordingToJsonLines(recording: Recording): string {
  return `${[...recordingLines(recording)].join('\n')}\n`;
}

/** Reads a whole JSON Lines recording; throws RecordingFormatError naming the line and field. */
export function parseRecording(text: string): Recording {
  const reader = new RecordingReader();
  reader.push(text);
  return reader.end();
}

/**
 * Reads a JSON Lines recording fed in text chunks of any size (a Web Worker reading a large
 * file), validating each line as it completes, so a bad file is refused at its first bad line.
 */
export class RecordingReader {
  #line = 0;
  #rest = '';
  #header: RecordingHeader | undefined;
  readonly #events = new Map<string, SessionEvent[]>();

  /** Lines read so far. */
  get lines(): number {
    return this.#line;
  }

  push(text: string): void {
    const parts = (this.#rest + text).split('\n');
    this.#rest = parts.pop() ?? '';
    for (const part of parts) this.#read(part);
  }

  end(): Recording {
    if (this.#rest !== '') this.#read(this.#rest);
    this.#rest = '';
    const header = this.#header;
    if (!header) throw new RecordingFormatError(1, undefined, 'the file is empty; a recording starts with its header line');
    const tracks: RecordedTrack[] = header.tracks.map(({ events: promised, ...track }) => {
      const events = this.#events.get(track.id) ?? [];
      if (events.length !== promised) {
        throw new RecordingFormatError(this.#line + 1, undefined,
          `the file ends after ${events.length} events of track ${track.id}; its header promises ${promised}`);
      }
      return { ...track, events };
    });
    return {
      name: header.name, createdAt: header.createdAt,
      ...(header.startedAt !== undefined && { startedAt: header.startedAt }),
      origin: header.origin, tracks,
    };
  }

  #read(raw: string): void {
    this.#line += 1;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') throw new RecordingFormatError(this.#line, undefined, 'empty line; every line holds one JSON object');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new RecordingFormatError(this.#line, undefined, `not valid JSON (${(error as Error).message})`);
    }
    if (!this.#header) this.#header = this.#readHeader(json);
    else this.#readEvent(json, this.#header);
  }

  #readHeader(json: unknown): RecordingHeader {
    const fields = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
    if (fields.type !== 'recording' && typeof fields.kind === 'string') {
      throw new RecordingFormatError(1, 'type', 'this line is a bare session event; a recording starts with its header line {"type":"recording","format":"sockscope","v":1,...}');
    }
    if (fields.type === 'recording' && fields.format === RECORDING_FORMAT && typeof fields.v === 'number' && fields.v !== RECORDING_VERSION) {
      throw new RecordingFormatError(1, 'v', `the file is format version ${fields.v}; this sockscope reads version ${RECORDING_VERSION}`);
    }
    return this.#validate(RecordingHeader, json);
  }

  #readEvent(json: unknown, header: RecordingHeader): void {
    const line = this.#validate(RecordingEventLine, json);
    const events = this.#events.get(line.track) ?? [];
    if (!header.tracks.some((track) => track.id === line.track)) {
      const known = header.tracks.map((track) => track.id).join(', ');
      throw new RecordingFormatError(this.#line, 'track', `"${line.track}" is not a track of this recording (${known || 'it has none'})`);
    }
    const before = events.at(-1);
    if (before && line.event.id <= before.id) {
      throw new RecordingFormatError(this.#line, 'event.id', `${line.event.id} must be greater than ${before.id}, the id before it in track ${line.track}`);
    }
    events.push(line.event);
    this.#events.set(line.track, events);
  }

  #validate<T>(schema: z.ZodType<T>, json: unknown): T {
    const result = schema.safeParse(json);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
    throw new RecordingFormatError(this.#line, field, issue?.message ?? 'invalid');
  }
}
