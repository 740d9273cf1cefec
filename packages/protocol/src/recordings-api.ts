import { z } from 'zod';
import { BrokenPacket, MAX_LISTED_PROBLEMS, RecordingName, RecordingSummary } from './recording.ts';

/**
 * The recordings' HTTP API (JSON, same origin as the page):
 * GET /api/recordings, GET|PATCH|DELETE /api/recordings/<id>, POST /api/recordings/import,
 * GET /api/recordings/<id>/export?format=jsonl|pcap|svg|html. GET of one recording gives its JSON Lines.
 * `svg` draws the ladder (`&lang=en|ko`, `&track=<id>` up to twice, side by side); `html` is one
 * file that replays the recording offline.
 */
export const RECORDINGS_API_PATH = '/api/recordings';
/** Largest file POST /api/recordings/import takes, unless SOCKSCOPE_MAX_IMPORT_BYTES says otherwise. */
export const DEFAULT_MAX_IMPORT_BYTES = 256 * 1024 * 1024;
export const EXPORT_FORMATS = ['jsonl', 'pcap', 'svg', 'html'] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const API_ERROR_CODES = [
  'forbidden', 'not-found', 'method-not-allowed', 'bad-request', 'too-large', 'unsupported-media-type', 'bad-file',
  'no-capture', 'not-built', 'busy', 'internal', 'not-this-machine',
] as const;

export const ApiError = z.object({ error: z.object({ code: z.enum(API_ERROR_CODES), message: z.string() }) });
export type ApiError = z.infer<typeof ApiError>;

export const RecordingList = z.object({ recordings: z.array(RecordingSummary) });
export type RecordingList = z.infer<typeof RecordingList>;

/** PATCH /api/recordings/<id> */
export const RenameRequest = z.object({ name: RecordingName }).strict();
export type RenameRequest = z.infer<typeof RenameRequest>;

/** 201 reply to POST /api/recordings/import: the saved recording and the packets that were broken. */
export const ImportResult = z.object({
  recording: RecordingSummary,
  problemCount: z.number().int().min(0),
  problems: z.array(BrokenPacket).max(MAX_LISTED_PROBLEMS),
});
export type ImportResult = z.infer<typeof ImportResult>;
