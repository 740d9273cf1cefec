import type { ErrorCode } from '@sockscope/protocol';

/** A failure the user should read: carries a stable code (the protocol's) and says what went wrong in words. */
export class SessionError extends Error {
  constructor(readonly code: Exclude<ErrorCode, 'bad-json' | 'bad-message' | 'too-large' | 'rate-limited' | 'internal'>, message: string) {
    super(message);
  }
}

/** The errno name Node puts on socket errors (`ECONNREFUSED`), or a generic one. */
export function errnoOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'EIO';
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
