export type WireErrorCode = 'bad-magic' | 'bad-version' | 'truncated' | 'bad-block' | 'unsupported-link' | 'malformed';

export interface WireErrorLocation {
  /** Byte offset in the capture file where the problem starts. */
  offset?: number;
  /** 1-based number of the packet the problem belongs to. */
  packet?: number;
}

/** The only error this package throws, so callers can tell a bad file from a bug. */
export class WireError extends Error {
  readonly code: WireErrorCode;
  readonly offset?: number;
  readonly packet?: number;

  constructor(code: WireErrorCode, message: string, location: WireErrorLocation = {}) {
    super(message);
    this.name = 'WireError';
    this.code = code;
    if (location.offset !== undefined) this.offset = location.offset;
    if (location.packet !== undefined) this.packet = location.packet;
  }
}
