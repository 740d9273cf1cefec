import { findTcpdump, INSTALL_TCPDUMP, prepareSessionProcess } from '@sockscope/engine';
import { DEFAULT_MAX_IMPORT_BYTES } from '@sockscope/protocol';
import { RecordingStore } from '@sockscope/recordings';
import { UsageError } from './cli-output.ts';
import { VERSION } from './cli-usage.ts';
import { servedHosts } from './host-check.ts';
import { classReach } from './reach.ts';
import { createSockscopeServer } from './http-server.ts';
import { SessionManager } from './session-manager.ts';

function fail(message: string, code = 1): never {
  process.stderr.write(`sockscope: ${message}\n`);
  process.exit(code);
}

function maxImportBytes(): number {
  const value = process.env.SOCKSCOPE_MAX_IMPORT_BYTES;
  if (value === undefined) return DEFAULT_MAX_IMPORT_BYTES;
  const bytes = Number(value);
  if (!Number.isInteger(bytes) || bytes < 1) throw new UsageError(`SOCKSCOPE_MAX_IMPORT_BYTES must be a whole number of bytes, not "${value}"`);
  return bytes;
}

export async function serve(): Promise<void> {
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`PORT must be a port number, not "${process.env.PORT}"`);
  const host = process.env.HOST ?? '127.0.0.1';
  const store = await RecordingStore.open();
  const manager = new SessionManager({ defaultCapture: 'auto', store });
  const reach = classReach(host);
  // The first session opens as quickly as the next: its process (and namespace, and tcpdump) is made now.
  void prepareSessionProcess();
  const sockscope = createSockscopeServer(manager, { serverVersion: VERSION, store, maxImportBytes: maxImportBytes(), hosts: servedHosts(host), reach });
  sockscope.server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') fail(`port ${port} is already in use; stop the program using it or choose another: PORT=${port + 1} npm start`);
    if (error.code === 'EACCES') fail(`port ${port} needs privileges here; choose one above 1023: PORT=8080 npm start`);
    fail(`the server could not start: ${error.message}`);
  });
  sockscope.server.listen(port, host, () => {
    const address = sockscope.server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    const shown = host === '127.0.0.1' || host === '::1' ? 'localhost' : host;
    process.stdout.write(`sockscope is running at http://${shown}:${actual}\n`);
    process.stdout.write(reach.scope === 'local'
      ? 'students: this server listens on this machine only; HOST=0.0.0.0 npm start lets the room in\n'
      : `students: ${reach.lanAddress ? `http://${reach.lanAddress.includes(':') ? `[${reach.lanAddress}]` : reach.lanAddress}:${actual}` : 'this machine\'s address on the network'} (a class's page shows its link and QR code)\n`);
    const tcpdump = findTcpdump();
    process.stdout.write(tcpdump
      ? `capture: tcpdump at ${tcpdump}${process.getuid?.() === 0 ? ' (running as root)' : ''}; sessions capture packets where tcpdump is allowed to\n`
      : `capture: off — ${INSTALL_TCPDUMP}\n`);
    process.stdout.write(`recordings: ended sessions are saved in ${store.root}\n`);
  });
  const stop = () => {
    // Sessions are saved on the way out; a close that hangs must not keep the process alive.
    setTimeout(() => process.exit(1), 10_000).unref();
    void sockscope.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

