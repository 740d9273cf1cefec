import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type NamespaceAvailability =
  | { available: true; namespace: 'root' | 'user'; unshare: string[] }
  | { available: false; reason: string };

/**
 * The `unshare` arguments to try, best first. As root a plain network namespace. Without root
 * one inside a user namespace; mapping our own uid (not root) and keeping the namespace's
 * capabilities lets tcpdump capture there: as uid 0 it would try to drop to the `tcpdump` user,
 * which no user namespace of ours maps. util-linux before 2.38 lacks `--map-current-user`; there
 * the root mapping still runs sessions, and capture says why it cannot start.
 */
function candidates(root: boolean): string[][] {
  if (root) return [['--net']];
  return [['--user', '--map-current-user', '--keep-caps', '--net'], ['--user', '--map-root-user', '--net']];
}

let cached: Promise<NamespaceAvailability> | undefined;

/** Whether a session can have a network namespace of its own here, and how to make one. Checked once. */
export function networkNamespace(): Promise<NamespaceAvailability> {
  cached ??= check();
  return cached;
}

async function check(): Promise<NamespaceAvailability> {
  if (process.platform !== 'linux') return { available: false, reason: 'network namespaces need Linux' };
  const root = process.getuid?.() === 0;
  let detail = '';
  for (const args of candidates(root)) {
    try {
      // The namespace must also let us bring its lo up, as the session's process does.
      await run('unshare', [...args, 'ip', 'link', 'set', 'lo', 'up'], { timeout: 5000, env: { ...process.env, PATH: withSbin(process.env.PATH) } });
      return { available: true, namespace: root ? 'root' : 'user', unshare: args };
    } catch (error) {
      const { stderr, code } = error as { stderr?: string; code?: string };
      detail ||= stderr?.trim() || (code === 'ENOENT' ? 'unshare is not installed' : String(error));
    }
  }
  return {
    available: false,
    reason: root
      ? `a network namespace cannot be made here (${detail}); unshare and ip (util-linux, iproute2) are needed`
      : `this user cannot make a user and network namespace (${detail}); run as root, or allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, or kernel.apparmor_restrict_unprivileged_userns=0 on Ubuntu)`,
  };
}

/** `ip` lives in /usr/sbin, which a non-root PATH often lacks. */
export function withSbin(path: string | undefined): string {
  return [path, '/usr/sbin', '/sbin'].filter(Boolean).join(':');
}
