import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_SCENARIOS, builtInScenario } from '../scenarios/index.ts';
import { pythonPrograms, type PythonProgram } from './program.ts';
import { python3 } from './python3.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'sockscope-program-'));
const linesOf = (program: PythonProgram) => program.source.split('\n');
/** The code of the lines a step runs, comments left off. */
const stepCode = (program: PythonProgram, index: number) =>
  (program.stepLines.get(index) ?? []).map((line) => linesOf(program)[line - 1]?.replace(/ {2}#.*$/, ''));

describe('the Python programs of every built-in scenario', () => {
  for (const scenario of BUILT_IN_SCENARIOS) {
    it(`${scenario.name}: python3 compiles both, and every step of a side has lines in its program`, () => {
      const programs = pythonPrograms(scenario);
      for (const program of Object.values(programs)) {
        const file = path.join(dir, `${scenario.name}-${program.side}.py`);
        writeFileSync(file, program.source);
        execFileSync(python3(), ['-m', 'py_compile', file], { stdio: 'pipe' });
        const mine = scenario.steps.flatMap((step, index) => (step.side === program.side ? [index] : []));
        expect([...program.stepLines.keys()]).toEqual(mine);
        for (const index of mine) expect(stepCode(program, index).length).toBeGreaterThan(0);
      }
    });
  }
});

describe('the lines a course would write', () => {
  const echo = pythonPrograms(builtInScenario('tcp-echo'), 'hi "you"');

  it('reads HOST and PORT from the environment and imports only the standard library', () => {
    for (const program of Object.values(echo)) {
      expect(program.source).toContain('HOST = os.environ["HOST"]');
      expect(program.source).toContain('PORT = int(os.environ["PORT"])');
      expect(linesOf(program).filter((line) => line.startsWith('import '))).toEqual(['import os', 'import socket']);
    }
  });

  it('writes listen() as socket, SO_REUSEADDR, bind and listen, one call a line', () => {
    expect(stepCode(echo.server, 0)).toEqual([
      'listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)',
      'listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)',
      'listener.bind((HOST, PORT))',
      'listener.listen(511)',
    ]);
    expect(stepCode(echo.server, 1)).toEqual(['conn, addr = listener.accept()']);
    expect(stepCode(echo.server, 3)).toEqual(['data = conn.recv(1024)']);
    expect(stepCode(echo.server, 6)).toEqual(['conn.send(data)']);
    expect(stepCode(echo.server, 10)).toEqual(['listener.close()']);
  });

  it("sends the session's message as a bytes literal and says what each line does in English and Korean", () => {
    expect(stepCode(echo.client, 2)).toEqual(['client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)', 'client.connect((HOST, PORT))']);
    expect(stepCode(echo.client, 4)).toEqual(['client.send(b"hi \\"you\\"")']);
    const connect = linesOf(echo.client)[(echo.client.stepLines.get(2)?.[1] ?? 0) - 1];
    expect(connect).toMatch(/# SYN → SYN-ACK → ACK · 3방향 핸드셰이크$/);
  });

  it('closes with SO_LINGER 0 through struct, and shuts down with SHUT_WR', () => {
    const abortive = pythonPrograms(builtInScenario('abortive-close'));
    expect(abortive.client.source).toContain('import struct');
    expect(stepCode(abortive.client, 7)).toEqual([
      'client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))',
      'client.close()',
    ]);
    expect(stepCode(pythonPrograms(builtInScenario('half-close')).client, 4)).toEqual(['client.shutdown(socket.SHUT_WR)']);
  });

  it('catches the refusal a scenario expects, at the closed port', () => {
    const refused = pythonPrograms(builtInScenario('connection-refused'));
    expect(refused.client.source).toContain('CLOSED_PORT = int(os.environ["CLOSED_PORT"])');
    expect(stepCode(refused.client, 1)).toEqual([
      'client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)',
      'try:', '    client.connect((HOST, CLOSED_PORT))', 'except ConnectionRefusedError as error:', '    print(error)',
    ]);
  });

  it('uses sendto and recvfrom for UDP, answering the address a datagram came from', () => {
    const udp = pythonPrograms(builtInScenario('udp-echo'));
    expect(stepCode(udp.server, 0)).toEqual(['server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)', 'server.bind((HOST, PORT))']);
    expect(stepCode(udp.server, 1)).toEqual(['data, addr = server.recvfrom(4096)']);
    expect(stepCode(udp.client, 3)).toEqual(['client.sendto(b"hello", (HOST, PORT))']);
    expect(stepCode(udp.server, 5)).toEqual(['server.sendto(data, addr)']);
    const burst = pythonPrograms(builtInScenario('udp-overflow'));
    expect(stepCode(burst.client, 3)).toEqual([
      'block = (b"abcdefghijklmnopqrstuvwxyz" * 20)[:512]', 'for _ in range(20):', '    client.sendto(block, (HOST, PORT))',
    ]);
  });

  it('names further connections client2, conn2… and sleeps with time.sleep', () => {
    const backlog = pythonPrograms(builtInScenario('backlog-full'));
    expect(stepCode(backlog.client, 2)).toEqual(['client2 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)', 'client2.connect((HOST, PORT))']);
    expect(stepCode(backlog.server, 7)).toEqual(['conn2, addr2 = listener.accept()']);
    expect(stepCode(backlog.server, 5)).toEqual(['time.sleep(2)']);
  });

  it('restarts a listener without SO_REUSEADDR inside try, reading the option first', () => {
    const reuse = pythonPrograms(builtInScenario('reuseaddr'));
    expect(stepCode(reuse.server, 11)).toEqual([
      'listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)',
      'print(listener.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR))',
      'try:', '    listener.bind((HOST, PORT))', '    listener.listen(511)',
      'except OSError as error:', '    print(error)', '    listener.close()',
    ]);
  });

  it("reads and writes the socket's descriptor with os.read() and os.write()", () => {
    const files = pythonPrograms(builtInScenario('read-write'));
    expect(stepCode(files.server, 3)).toEqual(['data = os.read(conn.fileno(), 1024)']);
    expect(stepCode(files.client, 4)).toEqual(['os.write(client.fileno(), b"hello")']);
    expect(stepCode(files.server, 6)).toEqual(['os.write(conn.fileno(), data)']);
  });

  it('sets a TCP option on a connection and reads back what the kernel kept; sends again and again in a loop', () => {
    const nagle = pythonPrograms(builtInScenario('nagle'));
    expect(stepCode(nagle.server, 3)).toEqual([
      'conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 0)', 'print(conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK))',
    ]);
    expect(stepCode(nagle.client, 10)).toEqual([
      'client2.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)', 'print(client2.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))',
    ]);
    expect(stepCode(nagle.client, 11)).toEqual(['for _ in range(5):', '    client2.send(b"hello")']);
  });
});
