import type { BrokenPacket, RecordedTrack, Recording, SessionEvent } from '@sockscope/protocol';

/** What the page asks the loading worker: decode a file the user chose, or a saved recording's JSON Lines. */
export type LoadRequest =
  | { type: 'file'; file: File }
  | { type: 'url'; url: string; name: string };

/** Why a file or recording could not be read: the page words each kind itself. */
export type LoadFailure =
  /** A JSON Lines file refused: the line (1-based) and the field at fault. */
  | { kind: 'format'; line: number; field?: string; detail: string }
  /** Not a capture, an empty one, or not a file sockscope reads at all. */
  | { kind: 'capture'; detail: string }
  /** The file or the server could not be read. */
  | { kind: 'read'; detail: string };

export type TrackHeader = Omit<RecordedTrack, 'events'> & { eventCount: number };

/** The worker's answers, in this order: progress while reading, the tracks, their events in batches, then done. */
export type LoadReply =
  | { type: 'progress'; bytes: number; packets: number }
  | { type: 'tracks'; tracks: TrackHeader[] }
  | { type: 'events'; track: number; events: SessionEvent[] }
  | { type: 'done'; recording: Omit<Recording, 'tracks'>; kind: 'capture' | 'recording'; problems: BrokenPacket[]; problemCount: number }
  | { type: 'failed'; failure: LoadFailure };

/**
 * Events cross from the worker in batches this size: the page copies each batch in a few
 * milliseconds, and answers clicks between them, however large the capture.
 */
export const EVENTS_PER_MESSAGE = 5_000;
/** Progress is posted at most this often: more would only keep the page busy redrawing it. */
export const PROGRESS_INTERVAL_MS = 100;
