import { spawn, type ChildProcess } from 'node:child_process';
import type { ChildMessage } from '../held/remote-protocol.ts';
import { tied } from '../tied.ts';
import { networkNamespace, withSbin } from './namespace.ts';
import { sessionProgram } from './session-program.ts';

const READY_LIMIT_MS = 15_000;

/**
 * Session processes: each runs one session inside a network namespace made for it. Starting one
 * (node, the engine's modules, lo, tcpdump) costs hundreds of milliseconds, so one is kept ready, a
 * spare, and the next is made in the background once a session has taken it and opened.
 */
let spare: Promise<ChildProcess> | undefined;
let spareArgs: string[] | undefined;
let keepSpare = true;

/** Whether a spare is made again after each session opens (a server: yes; a one-off CLI run: no); no ends the spare there is. */
export function keepSpareSessionProcess(keep: boolean): void {
  keepSpare = keep;
  if (keep || !spare) return;
  void spare.then((child) => child.kill('SIGKILL'), () => undefined);
  spare = undefined;
}

/** Resolves once the spare is ready (at once when there is none): an opening then costs no process start. */
export async function spareSessionProcessReady(): Promise<void> {
  await spare?.catch(() => undefined);
}

/** A ready session process in a namespace `unshare` makes with `args`: the spare, or a new one. */
export function takeSessionProcess(args: string[]): Promise<ChildProcess> {
  const fresh = () => start(args);
  const taken = spare && spareArgs?.join() === args.join() ? spare.catch(fresh) : fresh();
  spare = undefined;
  return taken.then(async (ready) => {
    const child = ready.exitCode === null && ready.signalCode === null ? ready : await fresh();
    child.ref();
    (child.channel as { ref?(): void } | undefined)?.ref?.();
    return child;
  });
}

/** Makes the spare if there is none and spares are kept; a session calls it once it has opened. */
export function makeSpareSessionProcess(args: string[]): void {
  if (!keepSpare || spare) return;
  spareArgs = args;
  const made = start(args);
  // A spare that failed or died is no spare: the next session starts its own (and says why, if it must).
  made.then((child) => child.once('exit', () => { if (spare === made) spare = undefined; }), () => { if (spare === made) spare = undefined; });
  spare = made;
}

/** Makes the first spare ahead of the first session (a server starting), where namespaces can be made. */
export async function prepareSessionProcess(): Promise<void> {
  const namespace = await networkNamespace();
  if (namespace.available) makeSpareSessionProcess(namespace.unshare);
}

async function start(args: string[]): Promise<ChildProcess> {
  const program = await sessionProgram();
  // Tied as root; a user namespace changes the child's credentials, which may clear the tie, and
  // there the child ends itself when its IPC channel closes (child.ts).
  const child = spawn(...tied('unshare', [...args, process.execPath, program]), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, PATH: withSbin(process.env.PATH) },
  });
  // Waiting as a spare must not keep this process alive.
  child.unref();
  (child.channel as { unref?(): void } | undefined)?.unref?.();
  return new Promise<ChildProcess>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the session process was not ready within ${READY_LIMIT_MS / 1000} s`)), READY_LIMIT_MS);
    const onMessage = (message: ChildMessage) => {
      if (message.type === 'ready') done(() => resolve(child));
      if (message.type === 'open-failed') fail(new Error(message.message));
    };
    const onExit = (code: number | null) => fail(new Error(`the session process exited (code ${code})`));
    const done = (then: () => void) => {
      clearTimeout(timer);
      child.off('message', onMessage).off('exit', onExit).off('error', fail);
      then();
    };
    const fail = (error: Error) => done(() => {
      child.kill('SIGKILL');
      reject(error);
    });
    child.on('message', onMessage).once('exit', onExit).once('error', fail);
  });
}
