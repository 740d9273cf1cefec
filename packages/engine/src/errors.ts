/** A failure the user should read: carries a stable code and says what went wrong in words. */
export class SessionError extends Error {
  constructor(
    readonly code: 'unknown-scenario' | 'unknown-session' | 'capture-unavailable' | 'session-over' | 'session-busy' | 'too-many-sessions'
      | 'hold-unavailable' | 'nothing-held',
    message: string,
  ) {
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
