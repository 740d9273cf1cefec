import type { CaptureStatus } from '@sockscope/protocol';

export type NetworkStatus = NonNullable<CaptureStatus['network']>;

/** What a session shares with the machine, or that it shares nothing, for its `network` note. */
export function networkNote(network: NetworkStatus): string {
  if (network.own) {
    return 'This session runs in a network namespace of its own: its ports, socket tables and counters (such as ListenOverflows) are its alone, and its packets cross a lo no other session uses.';
  }
  const why = network.reason ? ` No network namespace could be made: ${network.reason}.` : '';
  return `This session shares the machine's network: its ports, the kernel's socket tables and counters such as ListenOverflows are the machine's, so other sessions and programs can show in them.${why}`;
}
