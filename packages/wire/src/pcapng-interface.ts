import { dataViewOf } from './bytes.ts';
import { WireError } from './wire-error.ts';

const OPTION_END = 0;
const OPTION_TIMESTAMP_RESOLUTION = 9;
const OPTION_TIMESTAMP_OFFSET = 14;
/** Options start after the block header (8), link type, reserved field and snaplen (8). */
const OPTIONS_START = 16;

/** What an Interface Description Block says about the packets captured on it. */
export interface PcapngInterface {
  linkType: number;
  /** 0 means no limit. */
  snapLength: number;
  unitsPerSecond: bigint;
  /** Seconds to add to every timestamp (if_tsoffset). */
  offsetSeconds: bigint;
  /**
   * A fraction of a second in units becomes microseconds as units * multiplier / divisor;
   * one of the two is 1, so decimal resolutions convert with a single exact operation.
   */
  fractionMultiplier: number;
  fractionDivisor: number;
}

export function readInterfaceDescription(block: Uint8Array, littleEndian: boolean, offset: number): PcapngInterface {
  const view = dataViewOf(block);
  const iface: PcapngInterface = {
    linkType: view.getUint16(8, littleEndian),
    snapLength: view.getUint32(12, littleEndian),
    ...resolution(6),
    offsetSeconds: 0n,
  };
  const end = block.length - 4;
  for (let at = OPTIONS_START; at + 4 <= end; ) {
    const code = view.getUint16(at, littleEndian);
    const length = view.getUint16(at + 2, littleEndian);
    if (code === OPTION_END) break;
    if (at + 4 + length > end) {
      throw new WireError('bad-block', `interface description at offset ${offset}: option ${code} overruns the block`, { offset });
    }
    if (code === OPTION_TIMESTAMP_RESOLUTION && length >= 1) {
      Object.assign(iface, resolution(view.getUint8(at + 4)));
    } else if (code === OPTION_TIMESTAMP_OFFSET && length >= 8) {
      iface.offsetSeconds = view.getBigInt64(at + 4, littleEndian);
    }
    at += 4 + Math.ceil(length / 4) * 4;
  }
  return iface;
}

/** if_tsresol: the high bit picks a power of 2, otherwise a power of 10. */
function resolution(tsresol: number): Pick<PcapngInterface, 'unitsPerSecond' | 'fractionMultiplier' | 'fractionDivisor'> {
  const exponent = tsresol & 0x7f;
  if (tsresol & 0x80) {
    return { unitsPerSecond: 2n ** BigInt(exponent), fractionMultiplier: 1e6, fractionDivisor: 2 ** exponent };
  }
  return {
    unitsPerSecond: 10n ** BigInt(exponent),
    fractionMultiplier: exponent <= 6 ? 10 ** (6 - exponent) : 1,
    fractionDivisor: exponent <= 6 ? 1 : 10 ** (exponent - 6),
  };
}

/** Microseconds since the epoch from a 64-bit count of the interface's units, split in two halves. */
export function timestampToMicros(high: number, low: number, iface: PcapngInterface): number {
  // BigInt because nanosecond counts since 1970 exceed 2^53.
  const units = (BigInt(high) << 32n) | BigInt(low);
  const seconds = units / iface.unitsPerSecond + iface.offsetSeconds;
  const fraction = Number(units % iface.unitsPerSecond);
  return Number(seconds) * 1e6 + (fraction * iface.fractionMultiplier) / iface.fractionDivisor;
}
