import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayHtml } from './replay-page.ts';

describe('the offline page from its built template', () => {
  it('says how to build the template when it is missing', async () => {
    const missing = path.join(await mkdtemp(path.join(tmpdir(), 'sockscope-replay-')), 'replay.html');
    await expect(replayHtml('{}', missing)).rejects.toThrow(`the offline replay page is not built (${missing} is missing): run npm run build -w @sockscope/web`);
  });

  it('fills the template it is given', async () => {
    const template = path.join(await mkdtemp(path.join(tmpdir(), 'sockscope-replay-')), 'replay.html');
    await writeFile(template, '<body><script type="application/x-ndjson" id="recording"></script></body>');
    expect(await replayHtml('{"a":"</script>"}\n', template)).toBe('<body><script type="application/x-ndjson" id="recording">{"a":"\\u003c/script>"}\n</script></body>');
  });
});
