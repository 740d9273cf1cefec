import type { SessionInfo, Source } from '@sockscope/protocol';

/**
 * Every user-facing string of the page, one catalogue per locale. Protocol notation (TCP flags,
 * `seq=`, `len=`, call names, state names) is not here: it reads the same in every language and
 * stays literal in event-summary.ts.
 */
const en = {
  tagline: 'Real TCP and UDP sockets on the kernel, step by step.',
  connection: {
    connecting: 'Connecting…',
    reconnecting: 'Disconnected — reconnecting…',
  },
  picker: {
    label: 'New session',
    scenario: 'Scenario',
    message: 'Message',
    start: 'Start',
    loading: 'Loading scenarios…',
  },
  controls: {
    label: 'Session controls',
    step: 'Step',
    run: 'Run',
    pause: 'Pause',
    reset: 'Reset',
    shortcuts: 'Keys: → step, Space run/pause',
  },
  status: {
    label: 'Session status',
    names: {
      ready: 'Ready',
      stepping: 'Stepping…',
      running: 'Running',
      finished: 'Finished',
      failed: 'Failed',
      closed: 'Closed',
    } satisfies Record<SessionInfo['status'], string>,
    progress: (done: number, total: number) => `Step ${done} of ${total}`,
    next: (label: string) => `Next: ${label}`,
    captureOn: 'Capture on (pcap)',
    captureOff: (reason: string | undefined) =>
      reason ? `Capture off: ${reason} — packets inferred` : 'Capture off — packets inferred',
    sessionError: (error: string) => `Error: ${error}`,
  },
  error: {
    dismiss: 'Dismiss',
    badServerMessage: (detail: string) => `The server sent a message this page cannot read: ${detail}`,
    badRequest: (detail: string) => `This request cannot be sent: ${detail}`,
  },
  events: {
    label: 'Events',
    empty: 'No events yet. Press Step or Run.',
    timeMs: (ms: string) => `${ms} ms`,
    sources: {
      captured: 'captured',
      traced: 'traced',
      kernel: 'kernel',
      inferred: 'inferred',
    } satisfies Record<Source, string>,
    returned: 'returned',
    endOfStream: 'EOF',
    from: 'from',
    sockets: 'sockets',
    noSockets: 'none',
  },
};

export type Messages = typeof en;
export const LOCALES = ['en'] as const;
export type Locale = (typeof LOCALES)[number];

const catalogue: Record<Locale, Messages> = { en };

export function messagesFor(locale: Locale): Messages {
  return catalogue[locale];
}

/** The one place components get their strings from, so choosing a locale later changes only this. */
export function useMessages(): Messages {
  return messagesFor('en');
}
