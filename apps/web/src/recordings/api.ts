import {
  ApiError, ImportResult, parseWith, RecordingList, RECORDINGS_API_PATH, RecordingSummary, type ExportFormat,
} from '@sockscope/protocol';

/**
 * A request to the recordings API that did not succeed. `code` is the API's own (its message
 * says what was wrong, in the server's words), or the page's: `network` when the server could
 * not be reached, `bad-reply` when its answer was not what the API promises.
 */
export class ApiFailure extends Error {
  constructor(readonly code: ApiError['error']['code'] | 'network' | 'bad-reply', message: string) {
    super(message);
    this.name = 'ApiFailure';
  }
}

const recordingUrl = (id: string) => `${RECORDINGS_API_PATH}/${encodeURIComponent(id)}`;

/** A recording's JSON Lines, as the page loads it to draw it. */
export const jsonLinesUrl = recordingUrl;

/** A download of the recording in `format`, named after it by the server. */
export const exportUrl = (id: string, format: ExportFormat) => `${recordingUrl(id)}/export?format=${format}`;

async function send(url: string, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new ApiFailure('network', error instanceof Error ? error.message : String(error));
  }
  if (response.ok) return response;
  const body = parseWith(ApiError, await response.json().catch(() => undefined));
  throw body.ok
    ? new ApiFailure(body.value.error.code, body.value.error.message)
    : new ApiFailure('bad-reply', `${response.status} ${response.statusText}`);
}

async function read<T>(response: Response, schema: Parameters<typeof parseWith<T>>[0]): Promise<T> {
  const parsed = parseWith(schema, await response.json().catch(() => undefined));
  if (!parsed.ok) throw new ApiFailure('bad-reply', parsed.error);
  return parsed.value;
}

export async function listRecordings(): Promise<RecordingSummary[]> {
  return (await read(await send(RECORDINGS_API_PATH, { cache: 'no-store' }), RecordingList)).recordings;
}

export async function renameRecording(id: string, name: string): Promise<RecordingSummary> {
  const response = await send(recordingUrl(id), {
    method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }),
  });
  return read(response, RecordingSummary);
}

export async function deleteRecording(id: string): Promise<void> {
  await send(recordingUrl(id), { method: 'DELETE' });
}

/** Saves a file the page has imported: the server decodes it again and keeps its bytes, for pcap export. */
export async function saveImport(file: File): Promise<ImportResult> {
  const response = await send(`${RECORDINGS_API_PATH}/import?file=${encodeURIComponent(file.name)}`, {
    method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: file,
  });
  return read(response, ImportResult);
}
