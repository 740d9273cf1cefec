import { describe, it } from 'vitest';
import { expectBrowserSafe } from '../../../analysis/src/test-import-graph.ts';

describe('the import pipeline', () => {
  it('imports no Node module, directly or indirectly, so the page can run it in a Web Worker', () => {
    // It must walk the analysis' and the reader's files, not just this folder.
    expectBrowserSafe('@sockscope/recordings/import', [
      'packages/analysis/src/tcp-state.ts', 'packages/analysis/src/packet-events.ts', 'packages/wire/src/pcapng.ts', 'packages/protocol/src/recording-jsonl.ts',
    ]);
  });
});
