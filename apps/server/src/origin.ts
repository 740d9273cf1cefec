import type { IncomingMessage } from 'node:http';

/**
 * A browser page may open the WebSocket only from the origin that served it (or one listed in
 * SOCKSCOPE_ALLOWED_ORIGINS): another site must not drive real sockets on this machine.
 * Clients that send no Origin (the CLI, scripts) are not browsers and may connect. Comparing with
 * the Host header is safe only because the Host was checked first (host-check.ts: DNS rebinding).
 */
export function isOriginAllowed(request: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

export function allowedOriginsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.SOCKSCOPE_ALLOWED_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
}
