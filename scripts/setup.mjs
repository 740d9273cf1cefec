#!/usr/bin/env node
// Installs the system programs sockscope needs, where it can: `start` needs tcpdump (packet
// capture); `test` also needs a Chromium for the browser tests. On Debian/Ubuntu as root it
// uses apt-get; elsewhere it says exactly what to run. Tests never run with less than they need.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';

const purpose = process.argv[2] === 'test' ? 'test' : 'start';
const isRoot = process.getuid?.() === 0;
const hasApt = existsSync('/usr/bin/apt-get');

const exists = (file) => existsSync(file);

function onPath(name) {
  const folders = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/sbin'];
  return folders.filter(Boolean).map((folder) => path.join(folder, name)).find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

// Hold the wire (NFQUEUE in a network namespace): optional for `start`, tested by `test`.
const holdTools = [
  { program: 'iptables', debian: 'iptables', why: 'holding the wire', hold: true },
  { program: 'ip', debian: 'iproute2', why: 'holding the wire', hold: true },
  { program: 'cc', debian: 'gcc', why: 'building the queue helper', hold: true },
  { file: '/usr/include/libnetfilter_queue/libnetfilter_queue.h', debian: 'libnetfilter-queue-dev', why: 'building the queue helper', hold: true },
];
const present = (item) => (item.file ? exists(item.file) : onPath(item.program));

const wanted = [
  { program: 'tcpdump', debian: 'tcpdump', why: 'packet capture' },
  ...holdTools,
  ...(purpose === 'test' ? [
    { program: 'chromium', debian: 'chromium', why: 'the browser tests', optional: true },
    // Wireshark's own dissectors check what sockscope imports and the pcaps it exports.
    { program: 'tshark', debian: 'tshark', why: 'reading pcaps as Wireshark does' },
  ] : []),
];
const missing = wanted.filter((item) => !present(item));

if (missing.length > 0 && isRoot && hasApt) {
  const names = missing.map((item) => item.debian);
  console.log(`sockscope: installing ${names.join(', ')} with apt-get (${missing.map((item) => item.why).join(', ')})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { stdio: 'inherit', env });
}

const stillMissing = wanted.filter((item) => !present(item));
const holdMissing = stillMissing.filter((item) => item.hold);
if (holdMissing.length > 0) {
  const names = holdMissing.map((item) => item.debian).join(' ');
  const message = `sockscope: holding the wire needs ${names} (Debian: sudo apt-get install ${names}; then npm run build:native)`;
  if (purpose === 'test') {
    console.error(message);
    process.exit(1);
  }
  console.warn(message);
}
// The queue helper is built at npm install when it can be; build it now that its library is here.
const helperBuild = spawnSync(process.execPath, ['scripts/build-native.mjs', ...(purpose === 'test' ? ['--required'] : [])], { stdio: 'inherit' });
if (helperBuild.status !== 0) process.exit(helperBuild.status ?? 1);
for (const item of stillMissing.filter((entry) => !entry.hold)) {
  if (item.program === 'chromium') {
    // Not Debian as root: Playwright's own browser build serves instead.
    console.log('sockscope: no system Chromium; installing the Playwright browser (npx playwright install chromium)');
    const result = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
    if (result.status !== 0) {
      console.error('sockscope: the browser tests need Chromium: install it (Debian: sudo apt-get install chromium) or run: npx playwright install chromium');
      process.exit(1);
    }
    continue;
  }
  if (item.program === 'tshark') {
    console.error('sockscope: the tests read pcaps with tshark: install it (Debian/Ubuntu: sudo DEBIAN_FRONTEND=noninteractive apt-get install tshark)');
    process.exit(1);
  }
  const howTo = 'install tcpdump (Debian/Ubuntu: sudo apt-get install tcpdump; macOS has it) and run as root, or: sudo setcap cap_net_raw,cap_net_admin+eip $(command -v tcpdump)';
  if (purpose === 'test') {
    console.error(`sockscope: the tests capture real packets and need tcpdump: ${howTo}`);
    process.exit(1);
  }
  console.warn(`sockscope: tcpdump is missing, so sessions will show packets inferred from the calls. To capture them: ${howTo}`);
}
