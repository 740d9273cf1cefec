/**
 * This browser's client key: the secret the server's first welcome gave it, kept in local
 * storage (never in a link) so that after a reload or a reconnect it is the same client, and the
 * sessions it started are still its own to drive. Without storage, each page load is a new client.
 */
const CLIENT_KEY_STORAGE = 'sockscope.client';

export function storedClientKey(): string | null {
  try {
    return globalThis.localStorage?.getItem(CLIENT_KEY_STORAGE) ?? null;
  } catch {
    return null;
  }
}

export function storeClientKey(key: string): void {
  try {
    globalThis.localStorage?.setItem(CLIENT_KEY_STORAGE, key);
  } catch {
    // Private browsing without storage: this page load stays one client, which is all it can be.
  }
}
