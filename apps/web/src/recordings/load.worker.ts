import { runLoad } from './load-job.ts';
import type { LoadReply, LoadRequest } from './load-messages.ts';

// The page's tsconfig knows the window, not a worker's scope: this is all of it that is used here.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LoadRequest>) => void) | null;
  postMessage(reply: LoadReply): void;
};

async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
}

/** A saved recording's JSON Lines, as the server streams them; a refusal is read as the API words it. */
async function* download(url: string): AsyncIterable<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok || !response.body) {
    const body = await response.json().catch(() => undefined) as { error?: { message?: string } } | undefined;
    throw new Error(body?.error?.message ?? `the server answered ${response.status} ${response.statusText}`);
  }
  yield* streamChunks(response.body);
}

// One load per worker: the page starts a worker for each, and cancels by terminating it.
scope.onmessage = ({ data }) => {
  const source = data.type === 'file'
    ? { file: data.file.name, chunks: streamChunks(data.file.stream()) }
    : { file: data.name, chunks: download(data.url) };
  void runLoad(source, (reply) => scope.postMessage(reply));
};
