import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The engine's helpers (tcpdump, the frozen listening process, the queue helper, a held
 * session's process) must not outlive it, even when it is killed with SIGKILL and can clean up
 * nothing: a frozen (SIGSTOPped) listener cannot notice that its parent is gone, and tcpdump
 * never would. `setpriv --pdeathsig KILL` asks the kernel to kill the child when its parent
 * dies (PR_SET_PDEATHSIG, kept across exec). util-linux's setpriv is on every Debian; where it
 * is missing, the child runs as before and the process-group rule still applies.
 *
 * The kernel forgets that wish when a process's credentials change, and tcpdump changes its
 * own (as root it drops to the tcpdump user; elsewhere it runs with file capabilities): such a
 * child gets a watchdog instead (`killWhenGone`).
 */
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((file) => existsSync(file));

/** The command and arguments that run `command args` tied to this process's life. */
export function tied(command: string, args: readonly string[]): [string, string[]] {
  return SETPRIV ? [SETPRIV, ['--pdeathsig', 'KILL', '--', command, ...args]] : [command, [...args]];
}

/** For child_process.fork: the execPath and execArgv that run a Node module tied to this process's life. */
export function tiedNode(): { execPath: string; execArgv: string[] } {
  const [execPath, execArgv] = tied(process.execPath, []);
  return { execPath, execArgv };
}

/**
 * A watchdog for a child whose credentials change: a shell that waits on a pipe from this
 * process and kills `pid` when the pipe ends, which the kernel does when this process dies,
 * however it dies. `release()` ends the watchdog once the child has ended by our hand.
 */
export function killWhenGone(pid: number): { release(): void } {
  const watchdog: ChildProcess = spawn('sh', ['-c', 'read _; kill -KILL "$1" 2>/dev/null', 'sh', String(pid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.on('error', () => undefined);
  watchdog.stdin?.on('error', () => undefined);
  // Neither the watchdog nor its pipe keeps this process alive.
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return {
    release() {
      // Killed, not told through the pipe: it must not kill a pid the system has given to another process since.
      watchdog.kill('SIGKILL');
    },
  };
}
