import type { BerkeleyCall, CallEvent } from '@sockscope/protocol';
import { errnoOf, messageOf } from './errors.ts';

export type CallRecord = Omit<CallEvent, 'id' | 't' | 'source' | 'kind'>;
export type TraceCall = (call: CallRecord) => void;

/** Traces one Berkeley call on one socket: its enter, then its return or its error. */
export class TracedCall {
  constructor(
    private readonly trace: TraceCall,
    private readonly side: string,
    private readonly socket: string,
    private readonly fn: BerkeleyCall,
    private readonly via: string,
  ) {}

  enter(args?: CallRecord['args']): this {
    this.trace({ side: this.side, socket: this.socket, fn: this.fn, phase: 'enter', via: this.via, ...(args && { args }) });
    return this;
  }

  return(result: CallRecord['result'] = 0, args?: CallRecord['args']): void {
    this.trace({ side: this.side, socket: this.socket, fn: this.fn, phase: 'return', via: this.via, result, ...(args && { args }) });
  }

  error(error: unknown): void {
    this.trace({
      side: this.side, socket: this.socket, fn: this.fn, phase: 'error', via: this.via,
      result: -1, errno: errnoOf(error), message: messageOf(error),
    });
  }
}

/** Enter and return at once: for calls Node makes inside another call, which we cannot time apart. */
export function tracedInstant(
  trace: TraceCall, side: string, socket: string, fn: BerkeleyCall, via: string,
  args?: CallRecord['args'], result: CallRecord['result'] = 0,
): void {
  new TracedCall(trace, side, socket, fn, via).enter(args).return(result);
}

/** A short, printable preview of bytes for call arguments. */
export function textPreview(bytes: Uint8Array, max = 64): string {
  return new TextDecoder().decode(bytes.subarray(0, max));
}
