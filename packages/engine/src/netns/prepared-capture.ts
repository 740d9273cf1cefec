import { allocateSessionAddress } from '../addresses.ts';
import { PacketCapture, type CaptureOptions } from '../capture.ts';

export type CaptureHooks = Omit<CaptureOptions, 'address'>;

/**
 * A session's address and its capture, started before the session exists: tcpdump's start is
 * most of a session's opening time, so a spare session process (child.ts) starts it while it
 * waits. In the spare's own namespace no other packet crosses lo, so nothing is missed or mixed in.
 */
export interface PreparedCapture {
  readonly address: { address: string; release(): void };
  /** Settles once tcpdump is capturing, or has failed to. */
  readonly ready: Promise<unknown>;
  /** Hands the capture to its session: from now on its packets and failures go to `hooks`. Rejects as `PacketCapture.start` does. */
  start(hooks: CaptureHooks): Promise<PacketCapture>;
  /** The session will not capture with tcpdump (capture off, or it holds the wire): stops it. */
  discard(): Promise<void>;
}

export function prepareCapture(): PreparedCapture {
  const address = allocateSessionAddress();
  let hooks: CaptureHooks | undefined;
  let failedEarly: string | undefined;
  const capture = PacketCapture.start({
    address: address.address,
    onPacket: (record, packet) => hooks?.onPacket(record, packet),
    onFailure: (reason) => (hooks ? hooks.onFailure(reason) : (failedEarly ??= reason)),
    onRawCaptureFull: (limit) => hooks?.onRawCaptureFull(limit),
  });
  return {
    address,
    // Its failure is the session's to report, when it asks for the capture.
    ready: capture.catch(() => undefined),
    start(given) {
      hooks = given;
      if (failedEarly !== undefined) given.onFailure(failedEarly);
      return capture;
    },
    async discard() {
      await (await capture.catch(() => undefined))?.stop();
    },
  };
}
