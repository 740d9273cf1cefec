import { byteAt, u16, u32 } from './bytes.ts';
import type { TcpOptions } from './decoded-packet.ts';

const END_OF_OPTIONS = 0;
const NO_OPERATION = 1;
const MSS = 2;
const WINDOW_SCALE = 3;
const SACK_PERMITTED = 4;
const SACK = 5;
const TIMESTAMPS = 8;
const EXPECTED_LENGTH: Record<number, number> = { [MSS]: 4, [WINDOW_SCALE]: 3, [SACK_PERMITTED]: 2, [TIMESTAMPS]: 10 };
const OPTION_NAMES: Record<number, string> = {
  [MSS]: 'MSS',
  [WINDOW_SCALE]: 'window scale',
  [SACK_PERMITTED]: 'SACK-permitted',
  [SACK]: 'SACK',
  [TIMESTAMPS]: 'timestamps',
};

/**
 * The options between `start` and `end`. A bad length stops at the option it breaks (or skips it,
 * when the length still fits), keeping everything decoded before.
 */
export function decodeTcpOptions(data: Uint8Array, start: number, end: number): { options: TcpOptions; error?: string } {
  const options: TcpOptions = {};
  let error: string | undefined;
  for (let at = start; at < end; ) {
    const kind = byteAt(data, at);
    if (kind === END_OF_OPTIONS) break;
    if (kind === NO_OPERATION) {
      at += 1;
      continue;
    }
    const name = OPTION_NAMES[kind] ?? `kind ${kind}`;
    if (at + 2 > end) return { options, error: error ?? `TCP option ${name} has no room for its length` };
    const length = byteAt(data, at + 1);
    if (length < 2 || at + length > end) {
      error ??= `TCP option ${name} has bad length ${length} with ${end - at} bytes of options left`;
      return { options, error };
    }
    const expected = EXPECTED_LENGTH[kind];
    const sackValid = kind !== SACK || (length >= 10 && (length - 2) % 8 === 0);
    if ((expected !== undefined && length !== expected) || !sackValid) {
      error ??= `TCP option ${name} has bad length ${length}`;
    } else {
      readOption(options, kind, data, at + 2, length - 2);
    }
    at += length;
  }
  return error === undefined ? { options } : { options, error };
}

function readOption(options: TcpOptions, kind: number, data: Uint8Array, at: number, valueLength: number): void {
  switch (kind) {
    case MSS:
      options.mss = u16(data, at);
      break;
    case WINDOW_SCALE:
      options.wscale = byteAt(data, at);
      break;
    case SACK_PERMITTED:
      options.sackOk = true;
      break;
    case TIMESTAMPS:
      options.ts = { val: u32(data, at), ecr: u32(data, at + 4) };
      break;
    case SACK:
      options.sack = [];
      for (let block = at; block < at + valueLength; block += 8) {
        options.sack.push([u32(data, block), u32(data, block + 4)]);
      }
      break;
  }
}
