import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { HoldAvailability } from '@sockscope/protocol';
import { isExecutable } from '../executable.ts';
import { networkNamespace } from '../netns/namespace.ts';

const run = promisify(execFile);

/** Where `npm run build:native` puts the queue helper. */
export const QUEUE_HELPER = fileURLToPath(new URL('../../native/build/sockscope-nfq', import.meta.url));

export const ENABLE_HOLD = 'On Debian: apt-get install -y libnetfilter-queue-dev iptables iproute2 build-essential, then npm run build:native.';

let cached: Promise<HoldAvailability> | undefined;

/** Whether sessions can hold the wire here, and if not, why and what would enable it. Checked once. */
export function holdAvailability(): Promise<HoldAvailability> {
  cached ??= check();
  return cached;
}

async function check(): Promise<HoldAvailability> {
  if (process.platform !== 'linux') return { available: false, reason: 'holding the wire needs Linux (network namespaces and NFQUEUE)' };
  if (!isExecutable(QUEUE_HELPER)) {
    return { available: false, reason: `the packet queue helper is not built (${QUEUE_HELPER}). ${ENABLE_HOLD}` };
  }
  for (const tool of ['unshare', 'ip', 'iptables']) {
    const found = await run('sh', ['-c', `command -v ${tool} || test -x /usr/sbin/${tool}`]).then(() => true, () => false);
    if (!found) return { available: false, reason: `${tool} is not installed. ${ENABLE_HOLD}` };
  }
  const namespace = await networkNamespace();
  return namespace.available ? { available: true, namespace: namespace.namespace } : { available: false, reason: namespace.reason };
}
