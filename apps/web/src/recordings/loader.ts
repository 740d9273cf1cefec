import { assemble, emptyAssembly, finish, type Loaded } from './assembly.ts';
import type { LoadFailure, LoadReply, LoadRequest } from './load-messages.ts';

export interface LoadWatcher {
  /** Reading and decoding: bytes of the file and packets so far. */
  reading(bytes: number, packets: number): void;
  /** Receiving the decoded events from the worker. */
  receiving(received: number, total: number): void;
  done(loaded: Loaded): void;
  failed(failure: LoadFailure): void;
}

/**
 * Decodes a file, or a saved recording, in a Web Worker of its own so that the page stays
 * responsive however large it is; returns what cancels it (the worker is ended at once).
 */
export function startLoad(request: LoadRequest, watcher: LoadWatcher): () => void {
  const worker = new Worker(new URL('./load.worker.ts', import.meta.url), { type: 'module' });
  let assembly = emptyAssembly;
  const end = (then: () => void) => {
    worker.terminate();
    then();
  };
  worker.onmessage = ({ data: reply }: MessageEvent<LoadReply>) => {
    switch (reply.type) {
      case 'progress':
        return watcher.reading(reply.bytes, reply.packets);
      case 'tracks':
      case 'events':
        assembly = assemble(assembly, reply);
        return watcher.receiving(assembly.received, assembly.total);
      case 'done': {
        let loaded: Loaded;
        try {
          loaded = finish(assembly, reply);
        } catch (error) {
          return end(() => watcher.failed({ kind: 'read', detail: (error as Error).message }));
        }
        return end(() => watcher.done(loaded));
      }
      case 'failed':
        return end(() => watcher.failed(reply.failure));
    }
  };
  // The worker's script could not run at all (a build without it, a browser without module workers).
  worker.onerror = (event) => {
    event.preventDefault();
    end(() => watcher.failed({ kind: 'read', detail: event.message || 'the decoder could not start in this browser' }));
  };
  worker.postMessage(request);
  return () => worker.terminate();
}
