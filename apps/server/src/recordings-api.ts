import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isLocale, LOCALES, PictureRequestError, recordingSvg } from '@sockscope/ladder/node';
import {
  API_ERROR_CODES, ExportFormat, parseWith, RECORDINGS_API_PATH, RecordingFormatError, RecordingName, RenameRequest,
  MAX_LISTED_PROBLEMS, recordingToJsonLines, wellFormed, type ApiError, type ImportResult, type RecordingList, type RecordingSummary,
} from '@sockscope/protocol';
import { importIntoStore, NoCaptureError, RecordingNotFoundError, type RecordingStore } from '@sockscope/recordings';
import { CaptureImportError } from '@sockscope/recordings/import';
import { isOriginAllowed } from './origin.ts';
import { replayHtml, ReplayTemplateMissingError } from './replay-page.ts';
import { isFromThisMachine } from './this-machine.ts';

export interface RecordingsApiOptions {
  store: RecordingStore;
  allowedOrigins: readonly string[];
  /** Largest file an import takes. */
  maxImportBytes: number;
  /** Imports under way; one server's, shared by its requests. */
  imports: ImportSlots;
}

type ErrorCode = (typeof API_ERROR_CODES)[number];
const MAX_JSON_BODY_BYTES = 64 * 1024;

/** An answer the client should read: HTTP status, stable code, words. */
class ApiFailure extends Error {
  constructor(readonly status: number, readonly code: ErrorCode, message: string, readonly retryAfterSeconds?: number) {
    super(message);
  }
}

/** At most this many imports decode at once; another is told to come back (503, Retry-After). */
export const MAX_CONCURRENT_IMPORTS = 2;
const IMPORT_RETRY_SECONDS = 5;

export class ImportSlots {
  #running = 0;
  constructor(readonly max = MAX_CONCURRENT_IMPORTS) {}

  /** Runs `work` in a free slot, or refuses at once when every slot is taken. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.max) {
      throw new ApiFailure(503, 'busy', `${this.#running} imports are running, the most this server takes at once; try again in ${IMPORT_RETRY_SECONDS} s`, IMPORT_RETRY_SECONDS);
    }
    this.#running += 1;
    try {
      return await work();
    } finally {
      this.#running -= 1;
    }
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

/** `attachment` with the name as it is (RFC 6266 filename*) and an ASCII stand-in for old clients. */
function attachment(stored: string, extension: string): string {
  // A name saved before names were checked may hold a lone surrogate, which encodeURIComponent refuses.
  const name = wellFormed(stored);
  const ascii = name.replace(/[^A-Za-z0-9._ -]/g, '_').trim() || 'recording';
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encodeURIComponent(`${name}.${extension}`)}`;
}

/** The body as it arrives, refused once it passes `limit` bytes (by its Content-Length, or as it arrives). */
async function* bodyChunks(request: IncomingMessage, limit: number, what: string): AsyncGenerator<Uint8Array> {
  const tooLarge = () => new ApiFailure(413, 'too-large', `${what} is larger than the ${limit}-byte limit`);
  if (Number(request.headers['content-length'] ?? 0) > limit) throw tooLarge();
  let length = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > limit) throw tooLarge();
    yield chunk;
  }
}

async function readBody(request: IncomingMessage, limit: number, what: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of bodyChunks(request, limit, what)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
    throw new ApiFailure(415, 'unsupported-media-type', 'send JSON (Content-Type: application/json)');
  }
  const body = Buffer.from(await readBody(request, MAX_JSON_BODY_BYTES, 'the request')).toString('utf8');
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new ApiFailure(400, 'bad-request', `the body is not valid JSON (${(error as Error).message})`);
  }
}

/** A query parameter checked against a schema, the problem named with the parameter. */
function queryValue<T>(url: URL, key: string, schema: Parameters<typeof parseWith<T>>[0]): T | undefined {
  const value = url.searchParams.get(key);
  if (value === null) return undefined;
  const parsed = parseWith(schema, value);
  if (!parsed.ok) throw new ApiFailure(400, 'bad-request', `?${key}=: ${parsed.error.replace(/^\(message\): /, '')}`);
  return parsed.value;
}

/** `file=` names the imported file as the recording shows it: a name, not a path. */
function fileName(url: URL): string {
  const file = url.searchParams.get('file') ?? 'upload';
  // It names the recording too: only spaces would make a recording no name can hold.
  if (!/^[^/\\\p{Cc}]{1,200}$/u.test(file) || file.trim() === '') {
    throw new ApiFailure(400, 'bad-request', '?file=: a file name (not a path) of 1 to 200 characters, not only spaces, without control characters');
  }
  return file;
}

async function importFile(request: IncomingMessage, url: URL, options: RecordingsApiOptions): Promise<ImportResult> {
  // Any other type is taken as the file itself (curl --data-binary says x-www-form-urlencoded).
  if (/^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '')) {
    throw new ApiFailure(415, 'unsupported-media-type', 'send the file itself as the request body (pcap, pcapng or JSON Lines), not a form');
  }
  const file = fileName(url);
  const name = queryValue(url, 'name', RecordingName);
  try {
    const upload = bodyChunks(request, options.maxImportBytes, file);
    const { recording, problems } = await options.imports.run(() => importIntoStore(options.store, upload, { file, ...(name !== undefined && { name }) }));
    return { recording, problemCount: problems.length, problems: problems.slice(0, MAX_LISTED_PROBLEMS) };
  } catch (error) {
    if (error instanceof CaptureImportError || error instanceof RecordingFormatError) {
      throw new ApiFailure(422, 'bad-file', `${file} was not imported: ${error.message}`);
    }
    throw error;
  }
}

async function exportRecording(response: ServerResponse, url: URL, id: string, store: RecordingStore): Promise<void> {
  const format = queryValue(url, 'format', ExportFormat) ?? 'jsonl';
  const summary = await store.get(id);
  if (format === 'pcap') {
    const bytes = await store.pcap(id);
    response.writeHead(200, { 'content-type': 'application/vnd.tcpdump.pcap', 'content-length': bytes.length, 'content-disposition': attachment(summary.name, 'pcap') });
    response.end(bytes);
    return;
  }
  if (format === 'svg') {
    const lang = url.searchParams.get('lang') ?? 'en';
    if (!isLocale(lang)) throw new ApiFailure(400, 'bad-request', `?lang=: one of ${LOCALES.join(', ')}, not "${lang}"`);
    const { svg } = await recordingSvg(await store.read(id), { locale: lang, tracks: url.searchParams.getAll('track') });
    response.writeHead(200, { 'content-type': 'image/svg+xml; charset=utf-8', 'content-disposition': attachment(summary.name, 'svg') });
    response.end(svg);
    return;
  }
  if (format === 'html') {
    const html = await replayHtml(recordingToJsonLines(await store.read(id)));
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-disposition': attachment(summary.name, 'html') });
    response.end(html);
    return;
  }
  await sendJsonLines(response, store, summary, attachment(summary.name, 'jsonl'));
}

async function sendJsonLines(response: ServerResponse, store: RecordingStore, summary: RecordingSummary, disposition?: string): Promise<void> {
  const chunks = await store.jsonl(summary.id);
  response.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store', ...(disposition && { 'content-disposition': disposition }) });
  await pipeline(Readable.from(chunks), response);
}

function allow(method: string | undefined, allowed: string[]): void {
  if (!allowed.includes(method ?? '')) throw new ApiFailure(405, 'method-not-allowed', `${method} is not allowed here; use ${allowed.join(' or ')}`);
}

async function route(request: IncomingMessage, response: ServerResponse, url: URL, options: RecordingsApiOptions): Promise<void> {
  const { store } = options;
  const rest = url.pathname.slice(RECORDINGS_API_PATH.length).split('/').filter(Boolean).map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      throw new ApiFailure(400, 'bad-request', `the path ${url.pathname} is not valid percent-encoding`);
    }
  });
  const [id, action, ...extra] = rest;
  if (id === undefined) {
    allow(request.method, ['GET']);
    return sendJson(response, 200, { recordings: await store.list() } satisfies RecordingList);
  }
  if (id === 'import' && action === undefined) {
    allow(request.method, ['POST']);
    return sendJson(response, 201, await importFile(request, url, options));
  }
  if (action === 'export' && extra.length === 0) {
    allow(request.method, ['GET']);
    return exportRecording(response, url, id, store);
  }
  if (action !== undefined) throw new ApiFailure(404, 'not-found', `there is nothing at ${url.pathname}`);
  allow(request.method, ['GET', 'PATCH', 'DELETE']);
  if (request.method === 'GET') return sendJsonLines(response, store, await store.get(id));
  if (!isFromThisMachine(request.socket.remoteAddress)) {
    throw new ApiFailure(403, 'not-this-machine', 'only a browser on the machine that runs sockscope may rename or delete recordings');
  }
  if (request.method === 'DELETE') {
    await store.delete(id);
    response.writeHead(204).end();
    return;
  }
  const body = parseWith(RenameRequest, await readJson(request));
  if (!body.ok) throw new ApiFailure(400, 'bad-request', `the rename was refused: ${body.error}`);
  return sendJson(response, 200, await store.rename(id, body.value.name));
}

/**
 * The recordings' HTTP API (see RECORDINGS_API_PATH in @sockscope/protocol). A page from a
 * foreign origin is refused as on the WebSocket: another site must not read or delete them.
 */
export async function handleRecordingsApi(request: IncomingMessage, response: ServerResponse, options: RecordingsApiOptions): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  try {
    if (!isOriginAllowed(request, options.allowedOrigins)) throw new ApiFailure(403, 'forbidden', 'this origin may not use the sockscope recordings');
    await route(request, response, url, options);
  } catch (error) {
    const failure = error instanceof ApiFailure ? error
      : error instanceof RecordingNotFoundError ? new ApiFailure(404, 'not-found', error.message)
        : error instanceof NoCaptureError ? new ApiFailure(409, 'no-capture', error.message)
          : error instanceof PictureRequestError ? new ApiFailure(400, 'bad-request', error.message)
            : error instanceof ReplayTemplateMissingError ? new ApiFailure(503, 'not-built', error.message)
              : undefined;
    if (!failure) console.error(`sockscope: ${request.method} ${url.pathname} failed:`, error);
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const body: ApiError = { error: failure ? { code: failure.code, message: failure.message } : { code: 'internal', message: `the server could not do that: ${error instanceof Error ? error.message : String(error)}` } };
    // An unread upload is not waited for: the connection closes after the answer.
    if (!request.complete) response.setHeader('connection', 'close');
    if (failure?.retryAfterSeconds !== undefined) response.setHeader('retry-after', String(failure.retryAfterSeconds));
    sendJson(response, failure?.status ?? 500, body);
  }
}
