import { existsSync } from 'node:fs';
import http, { type IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MAX_IMPORT_BYTES, MAX_CLIENT_MESSAGE_BYTES, RECORDINGS_API_PATH, WS_PATH, type ClassReach } from '@sockscope/protocol';
import type { RecordingStore } from '@sockscope/recordings';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import { Classes } from './classes.ts';
import { ClientConnection } from './client-connection.ts';
import { Clients } from './clients.ts';
import { Questions } from './questions.ts';
import { SessionFeeds } from './session-feed.ts';
import { HOST_REFUSED, isHostAllowed, servedHosts } from './host-check.ts';
import { allowedOriginsFromEnv, isOriginAllowed } from './origin.ts';
import { handleRecordingsApi, ImportSlots } from './recordings-api.ts';
import { isFromThisMachine } from './this-machine.ts';
import type { SessionManager } from './session-manager.ts';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
const HEARTBEAT_MS = 30_000;
/**
 * ws closes the connection on a frame above `maxPayload`. Frames up to this size are read and
 * answered with a `too-large` error (the connection lives on); only absurd ones close it.
 */
const FRAME_LIMIT_BYTES = Math.max(1024 * 1024, MAX_CLIENT_MESSAGE_BYTES);

export interface SockscopeServer {
  readonly server: http.Server;
  close(): Promise<void>;
}

/** The page's files and the WebSocket endpoint, on one HTTP server. */
export function createSockscopeServer(
  manager: SessionManager,
  options: {
    serverVersion: string; webDist?: string; store?: RecordingStore; maxImportBytes?: number;
    /** The Host names it answers to (servedHosts of where it listens); loopback's by default. */
    hosts?: ReadonlySet<string>;
    /** How long a client may be gone before its sessions end (ABANDONED_AFTER_MS by default). */
    abandonedAfterMs?: number;
    /** Where students can reach it, as a class's page says (classReach of where it listens); this machine only by default. */
    reach?: ClassReach;
  },
): SockscopeServer {
  const webDist = options.webDist ?? WEB_DIST;
  // dev: look the file up on every request. sirv's production mode lists the files once and then
  // opens them with no error handler, so a build that replaces dist/ under a running server
  // (npm run build while npm start runs) crashed it with an uncaught ENOENT.
  const serveStatic = existsSync(webDist) ? sirv(webDist, { single: true, etag: true, dev: true }) : undefined;
  const allowedOrigins = allowedOriginsFromEnv();
  const hosts = options.hosts ?? servedHosts('127.0.0.1');
  const { store } = options;
  const imports = new ImportSlots();
  const server = http.createServer((request, response) => {
    if (!isHostAllowed(request, hosts)) {
      response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end(`${HOST_REFUSED}\n`);
      return;
    }
    if (request.url === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === RECORDINGS_API_PATH || path.startsWith(`${RECORDINGS_API_PATH}/`)) {
      if (store) void handleRecordingsApi(request, response, { store, allowedOrigins, maxImportBytes: options.maxImportBytes ?? DEFAULT_MAX_IMPORT_BYTES, imports });
      else response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"not-found","message":"this server keeps no recordings"}}');
      return;
    }
    if (!serveStatic) {
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
        .end('The page is not built yet. Run "npm start", which builds it, or "npm run build -w @sockscope/web".\n');
      return;
    }
    serveStatic(request, response);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: FRAME_LIMIT_BYTES, perMessageDeflate: false });
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy());
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== WS_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    if (!isHostAllowed(request, hosts)) {
      socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${HOST_REFUSED}\n`);
      return;
    }
    if (!isOriginAllowed(request, allowedOrigins)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\nThis origin may not use the sockscope WebSocket.\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  const alive = new WeakMap<object, boolean>();
  const feeds = new SessionFeeds();
  const questions = new Questions(manager);
  const classes = new Classes(options.reach ?? { scope: 'local' });
  // A client gone for good (no connection for a while) leaves nothing running: its sessions end and are saved, its class ends.
  const clients = new Clients((key) => {
    void manager.endSessionsOf(key);
    classes.endOf(key);
  }, options.abandonedAfterMs);
  wss.on('connection', (ws, request: IncomingMessage) => {
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('error', (error) => console.error('sockscope: a WebSocket failed:', error.message));
    new ClientConnection(ws, manager, options.serverVersion, feeds, clients, questions, classes, isFromThisMachine(request.socket.remoteAddress));
  });
  // A client that stops answering pings (a laptop lid closed) is dropped, and its subscriptions with it.
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.get(ws)) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    server,
    async close() {
      clearInterval(heartbeat);
      clients.close();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await manager.closeAll();
    },
  };
}
