import { once } from 'node:events';
import { PROTOCOL_VERSION, ServerMessage, WS_PATH, type ClientMessage, type SessionEvent } from '@sockscope/protocol';
import WebSocket from 'ws';

type Outgoing = ClientMessage extends infer M ? (M extends unknown ? Omit<M, 'v'> : never) : never;

/** A real WebSocket client for tests: validates what the server sends and waits for it. */
export class TestClient {
  readonly received: ServerMessage[] = [];
  readonly events: SessionEvent[] = [];
  #waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = ServerMessage.parse(JSON.parse(data.toString()));
      this.received.push(message);
      if (message.type === 'events') this.events.push(...message.events);
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  static async connect(port: number, headers: Record<string, string> = {}): Promise<TestClient> {
    // Listen before the socket opens: the server's welcome can arrive in the same read as the upgrade.
    const client = new TestClient(new WebSocket(`ws://127.0.0.1:${port}${WS_PATH}`, { headers }));
    await once(client.ws, 'open');
    return client;
  }

  send(message: Outgoing | string): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify({ v: PROTOCOL_VERSION, ...message }));
  }

  /** The first message since `from` (an index into `received`) that matches. */
  async next<T extends ServerMessage['type']>(
    type: T, match: (message: Extract<ServerMessage, { type: T }>) => boolean = () => true, from = 0, timeoutMs = 10_000,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.slice(from).find(
        (message): message is Extract<ServerMessage, { type: T }> => message.type === type && match(message as Extract<ServerMessage, { type: T }>),
      );
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${type} message within ${timeoutMs} ms; got ${this.received.map((m) => m.type).join(', ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close();
    await once(this.ws, 'close');
  }
}
