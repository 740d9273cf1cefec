import { describe, it } from 'vitest';
import { expectBrowserSafe } from './test-import-graph.ts';

describe('the analysis', () => {
  it('imports no Node module, directly or indirectly, so the page can run it', () => {
    expectBrowserSafe('@sockscope/analysis', [
      'packages/analysis/src/tcp-state.ts', 'packages/analysis/src/packet-events.ts', 'packages/analysis/src/retransmissions.ts', 'packages/analysis/src/next-event-question.ts', 'packages/wire/src/index.ts',
    ]);
  });
});
