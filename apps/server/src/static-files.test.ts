import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSockscopeServer } from './http-server.ts';
import { SessionManager } from './session-manager.ts';

describe('the page\'s files', () => {
  it('are served, and a build that removes them under the running server makes a 404, not a crash', async () => {
    const dist = await mkdtemp(path.join(tmpdir(), 'sockscope-dist-'));
    await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>sockscope</title>');
    const sockscope = createSockscopeServer(new SessionManager({ defaultCapture: 'off' }), { serverVersion: 'test', webDist: dist });
    await new Promise<void>((resolve) => sockscope.server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(sockscope.server.address() as AddressInfo).port}`;
    try {
      expect(await (await fetch(`${base}/`)).text()).toContain('<title>sockscope</title>');
      await rm(path.join(dist, 'index.html'));
      expect((await fetch(`${base}/`)).status).toBe(404);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      await sockscope.close();
      await rm(dist, { recursive: true, force: true });
    }
  });
});
