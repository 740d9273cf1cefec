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
});
