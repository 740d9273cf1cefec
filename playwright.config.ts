import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 8181);
// Debian's Chromium where it is installed (Playwright cannot download its own build everywhere);
// Playwright's bundled browser elsewhere.
const systemChromium = process.env.SOCKSCOPE_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      ...(systemChromium && { executablePath: systemChromium }),
      // --no-sandbox: Chromium refuses to run as root otherwise. The rest keeps it off the network.
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: `node apps/server/bin/sockscope.js serve`,
    url: `http://localhost:${PORT}/healthz`,
    // The sessions the tests end are saved as recordings: here, not in the user's own data folder.
    env: { PORT: String(PORT), HOST: '127.0.0.1', SOCKSCOPE_DATA: process.env.SOCKSCOPE_DATA ?? path.join(tmpdir(), 'sockscope-e2e-data') },
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
