import { stepLabel, type Scenario, type ScenarioStep, type SendData } from '@sockscope/protocol';
import { pyBytes } from './py-literal.ts';

export type Side = 'client' | 'server';

/** A generated Python program, and which of its lines each of its side's steps runs. */
export interface PythonProgram {
  side: Side;
  source: string;
  /** Step index (the scenario's) → the 1-based lines that step runs, its socket calls among them. */
  stepLines: Map<number, number[]>;
}

/** Comments a student reads beside each call: English, then Korean. */
const SAYS = {
  tcpSocket: 'a TCP socket · TCP 소켓',
  udpSocket: 'a UDP socket · UDP 소켓',
  reuse: 'may bind the port again at once · 포트를 곧바로 다시 쓸 수 있게',
  bindServer: "the server's address and port · 서버의 주소와 포트",
  bindAny: 'any address, a port the kernel picks · 커널이 고르는 포트',
  listen: 'LISTEN: the kernel answers SYNs now · 이제 커널이 SYN에 답함',
  accept: 'waits for a client; a new socket for it · 클라이언트를 기다림, 새 소켓',
  connect: 'SYN → SYN-ACK → ACK · 3방향 핸드셰이크',
  connectUdp: 'no packet: only fixes the peer · 패킷 없음, 상대만 정함',
  refused: 'nothing listens there · 거기서는 아무도 듣지 않음',
  send: 'into the send buffer · 송신 버퍼로',
  recv: 'waits for bytes; b"" means end of file · 바이트를 기다림, b""는 파일 끝',
  eof: 'end of file: the peer sent FIN · 파일 끝: 상대가 FIN을 보냄',
  sendto: 'one datagram · 데이터그램 하나',
  recvfrom: 'one datagram and who sent it · 데이터그램 하나와 보낸 곳',
  rcvbuf: 'a smaller receive buffer · 더 작은 수신 버퍼',
  rcvbufRead: 'what the kernel kept (Linux doubles it) · 커널이 정한 값 (리눅스는 두 배)',
  nodelay: 'TCP_NODELAY: each send() goes out at once, no Nagle · 네이글 없이 send()마다 바로 보냄',
  quickack: 'TCP_QUICKACK 0: the kernel delays its ACKs · 커널이 ACK를 늦춰 보냄',
  optionRead: 'what the kernel kept · 커널이 정한 값',
  noReuse: '0: SO_REUSEADDR is not set · 0: SO_REUSEADDR를 설정하지 않음',
  inUse: 'EADDRINUSE: the port is still taken · 포트가 아직 쓰이는 중',
  write: "write() on the socket's descriptor: a socket is a file · 소켓도 파일: 디스크립터에 write()",
  read: "read() on the socket's descriptor; b\"\" means end of file · 디스크립터에서 read(), b\"\"는 파일 끝",
  shutdown: 'FIN: no more from me, still reading · FIN: 더 보내지 않지만 계속 읽음',
  linger: 'SO_LINGER 0: close() sends RST · close()가 RST를 보냄',
  close: 'FIN to the peer · 상대에게 FIN',
  closeListener: 'no new connections · 새 연결을 더 받지 않음',
  closeUdp: 'frees the port · 포트를 놓음',
  sleep: 'the program sleeps; the kernel works on · 프로그램은 쉬고 커널은 일함',
  bulk: 'a pattern of bytes · 바이트 패턴',
  goOn: 'say the error and go on · 오류를 알리고 계속',
} as const;

const RECV_BYTES = 1024;
const RECV_ALL_BYTES = 65536;
const DATAGRAM_BYTES = 4096;
const PATTERN = 'abcdefghijklmnopqrstuvwxyz';

class Writer {
  readonly lines: string[] = [];
  readonly stepLines = new Map<number, number[]>();
  #step: number[] | undefined;
  #indent = '';

  line(code: string, comment?: string): void {
    const indented = `${this.#indent}${code}`;
    this.lines.push(comment ? `${indented}  # ${comment}` : indented);
    this.#step?.push(this.lines.length);
  }

  /** The lines `write` makes, inside try: … except OSError, as a course's robust program has them. */
  guarded(write: () => void): void {
    this.line('try:');
    this.#indent += '    ';
    write();
    this.#indent = this.#indent.slice(4);
    this.line('except OSError as error:');
    this.line('    print(error)', SAYS.goOn);
  }

  beginStep(index: number, label: string): void {
    this.lines.push('', `# Step ${index + 1}: ${label}`);
    this.#step = [];
    this.stepLines.set(index, this.#step);
  }
}

/** One side's program as it is written: the names it has given its sockets and data so far. */
class SideProgram {
  readonly out = new Writer();
  /** Its TCP connections in order (`client`, `client2`… or `conn`, `conn2`…), open or not. */
  readonly connections: { name: string; open: boolean }[] = [];
  udp: string | undefined;
  udpConnected = false;
  received: 'data' | 'data, addr' | undefined;
  listening = false;
  bulk = 0;

  constructor(readonly side: Side, readonly proto: 'tcp' | 'udp', readonly message: string) {}

  write(step: ScenarioStep): void {
    switch (step.op) {
      case 'listen': return step.reuseaddr === false ? this.#listenWithoutReuse(step.backlog) : this.#listen(step.backlog);
      case 'accept': return this.#accept();
      case 'connect': return this.proto === 'tcp' ? this.#connect(step.to) : this.#connectUdp(step.to);
      case 'socket': return void this.#udpSocket();
      case 'bind': return this.#bind();
      case 'setsockopt': return step.option === 'SO_RCVBUF' ? this.#rcvbuf(step.value) : this.#tcpOption(step.conn, step.option, step.value);
      case 'send': return this.#send(step);
      case 'recv': return this.#recv(step.conn, step.all ?? false, step.via === 'fd');
      case 'sendto': return this.#sendto(step.data, step.to, step.count ?? 1);
      case 'recvfrom': return this.#recvfrom();
      case 'shutdown': return this.out.line(`${this.#conn(step.conn)}.shutdown(socket.SHUT_WR)`, SAYS.shutdown);
      case 'close': return this.#close(step);
      case 'wait': return this.out.line(`time.sleep(${step.ms / 1000})`, SAYS.sleep);
      default: return assertNever(step);
    }
  }

  #listen(backlog = 511): void {
    this.listening = true;
    this.out.line('listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)', SAYS.tcpSocket);
    this.out.line('listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)', SAYS.reuse);
    this.out.line('listener.bind((HOST, PORT))', SAYS.bindServer);
    this.out.line(`listener.listen(${backlog})`, SAYS.listen);
  }

  /** A course's restarted server that forgot SO_REUSEADDR: it reports bind()'s failure and closes the socket. */
  #listenWithoutReuse(backlog = 511): void {
    this.listening = true;
    this.out.line('listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)', SAYS.tcpSocket);
    this.out.line('print(listener.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR))', SAYS.noReuse);
    this.out.line('try:');
    this.out.line('    listener.bind((HOST, PORT))', SAYS.bindServer);
    this.out.line(`    listener.listen(${backlog})`, SAYS.listen);
    this.out.line('except OSError as error:', SAYS.inUse);
    this.out.line('    print(error)');
    this.out.line('    listener.close()');
  }

  #newConnection(first: string): string {
    const name = this.connections.length === 0 ? first : `${first}${this.connections.length + 1}`;
    this.connections.push({ name, open: true });
    return name;
  }

  #accept(): void {
    const name = this.#newConnection('conn');
    const addr = name.replace('conn', 'addr');
    this.out.line(`${name}, ${addr} = listener.accept()`, SAYS.accept);
  }

  #connect(to: 'server' | 'closed-port' | undefined): void {
    const name = this.#newConnection('client');
    this.out.line(`${name} = socket.socket(socket.AF_INET, socket.SOCK_STREAM)`, SAYS.tcpSocket);
    if (to !== 'closed-port') return this.out.line(`${name}.connect((HOST, PORT))`, SAYS.connect);
    // The scenario expects the refusal: the program catches it and carries on, as a course's would.
    this.out.line('try:');
    this.out.line(`    ${name}.connect((HOST, CLOSED_PORT))`, SAYS.refused);
    this.out.line('except ConnectionRefusedError as error:');
    this.out.line('    print(error)');
    this.connections[this.connections.length - 1] = { name, open: false };
  }

  #udpSocket(): string {
    if (this.udp) return this.udp;
    this.udp = this.side;
    this.out.line(`${this.udp} = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)`, SAYS.udpSocket);
    return this.udp;
  }

  #bind(): void {
    const name = this.#udpSocket();
    if (this.side === 'server') this.out.line(`${name}.bind((HOST, PORT))`, SAYS.bindServer);
    else this.out.line(`${name}.bind(("0.0.0.0", 0))`, SAYS.bindAny);
  }

  #connectUdp(to: 'server' | 'closed-port' | undefined): void {
    const name = this.#udpSocket();
    this.udpConnected = true;
    this.out.line(`${name}.connect((HOST, ${to === 'closed-port' ? 'CLOSED_PORT' : 'PORT'}))`, SAYS.connectUdp);
  }

  #rcvbuf(value: number): void {
    const name = this.#udpSocket();
    this.out.line(`${name}.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, ${value})`, SAYS.rcvbuf);
    this.out.line(`print(${name}.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF))`, SAYS.rcvbufRead);
  }

  #tcpOption(conn: number | undefined, option: 'TCP_NODELAY' | 'TCP_QUICKACK', value: number): void {
    const name = this.#conn(conn);
    this.out.line(`${name}.setsockopt(socket.IPPROTO_TCP, socket.${option}, ${value})`, option === 'TCP_NODELAY' ? SAYS.nodelay : SAYS.quickack);
    this.out.line(`print(${name}.getsockopt(socket.IPPROTO_TCP, socket.${option}))`, SAYS.optionRead);
  }

  /** The Python expression for what a send carries; a bulk send first builds its bytes on a line of its own. */
  #payload(data: SendData): string {
    if (data === 'message') return pyBytes(this.message);
    if (data === 'echo') return 'data';
    if ('text' in data) return pyBytes(data.text);
    this.bulk += 1;
    const name = this.bulk === 1 ? 'block' : `block${this.bulk}`;
    const times = Math.ceil(data.bytes / PATTERN.length);
    this.out.line(`${name} = (b"${PATTERN}" * ${times})[:${data.bytes}]`, `${data.bytes} bytes, ${SAYS.bulk}`);
    return name;
  }

  #conn(conn: number | undefined): string {
    const held = conn === undefined ? this.connections.findLast((c) => c.open) : this.connections[conn - 1];
    if (held) return held.name;
    throw new ProgramError(`the ${this.side} has no ${conn === undefined ? 'open connection' : `connection #${conn}`} here`);
  }

  #send(step: Extract<ScenarioStep, { op: 'send' }>): void {
    const name = this.#conn(step.conn);
    const payload = this.#payload(step.data);
    const call = step.via === 'fd' ? `os.write(${name}.fileno(), ${payload})` : `${name}.send(${payload})`;
    const says = step.via === 'fd' ? SAYS.write : SAYS.send;
    const count = step.count ?? 1;
    if (count === 1) return this.out.line(call, says);
    this.out.line(`for _ in range(${count}):`);
    this.out.line(`    ${call}`, says);
  }

  #recv(conn: number | undefined, all: boolean, fd: boolean): void {
    const name = this.#conn(conn);
    this.received = 'data';
    const call = (bytes: number) => (fd ? `os.read(${name}.fileno(), ${bytes})` : `${name}.recv(${bytes})`);
    const says = fd ? SAYS.read : SAYS.recv;
    if (!all) return this.out.line(`data = ${call(RECV_BYTES)}`, says);
    this.out.line('while True:');
    this.out.line(`    data = ${call(RECV_ALL_BYTES)}`, says);
    this.out.line('    if not data:');
    this.out.line('        break', SAYS.eof);
  }

  #sendto(data: SendData, to: 'server' | 'closed-port' | undefined, count: number): void {
    const name = this.#udpSocket();
    const payload = this.#payload(data);
    const where = data === 'echo' && this.received === 'data, addr' ? 'addr' : `(HOST, ${to === 'closed-port' ? 'CLOSED_PORT' : 'PORT'})`;
    const call = this.udpConnected ? `${name}.send(${payload})` : `${name}.sendto(${payload}, ${where})`;
    if (count === 1) return this.out.line(call, SAYS.sendto);
    this.out.line(`for _ in range(${count}):`);
    this.out.line(`    ${call}`, SAYS.sendto);
  }

  #recvfrom(): void {
    const name = this.#udpSocket();
    this.received = 'data, addr';
    this.out.line(`data, addr = ${name}.recvfrom(${DATAGRAM_BYTES})`, SAYS.recvfrom);
  }

  #close(step: Extract<ScenarioStep, { op: 'close' }>): void {
    if (this.proto === 'udp') return this.out.line(`${this.#udpSocket()}.close()`, SAYS.closeUdp);
    if (step.socket === 'listener') return this.out.line('listener.close()', SAYS.closeListener);
    const name = this.#conn(step.conn);
    const held = this.connections.find((c) => c.name === name);
    if (held) held.open = false;
    if (step.linger === 0) {
      this.out.line(`${name}.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))`, SAYS.linger);
    }
    this.out.line(`${name}.close()`, step.linger === 0 ? undefined : SAYS.close);
  }
}

export class ProgramError extends Error {}

function assertNever(value: never): never {
  throw new ProgramError(`no Python for ${JSON.stringify(value)}`);
}

function header(scenario: Scenario, side: Side): string[] {
  const steps = scenario.steps;
  const uses = (test: (step: ScenarioStep) => boolean) => steps.some((step) => step.side === side && test(step));
  const imports = ['os', 'socket'];
  if (uses((step) => step.op === 'close' && step.linger === 0)) imports.push('struct');
  if (uses((step) => step.op === 'wait')) imports.push('time');
  const lines = [
    `# ${scenario.name}: the ${side} · ${side === 'server' ? '서버' : '클라이언트'}`,
    '# sockscope wrote this from the scenario\'s steps; it runs as written, one socket call per step.',
    '# 시나리오의 단계로 만든 프로그램입니다. 쓰인 그대로, 단계마다 소켓 호출 하나씩 실행됩니다.',
    ...imports.map((name) => `import ${name}`),
    '',
    'HOST = os.environ["HOST"]  # the server\'s address · 서버 주소',
    'PORT = int(os.environ["PORT"])  # the server\'s port · 서버 포트',
  ];
  if (uses((step) => 'to' in step && step.to === 'closed-port')) {
    lines.push('CLOSED_PORT = int(os.environ["CLOSED_PORT"])  # a port where nothing listens · 아무도 듣지 않는 포트');
  }
  return lines;
}

const DATA_OPS: ReadonlySet<ScenarioStep['op']> = new Set(['send', 'recv', 'sendto', 'recvfrom']);

/**
 * Whether the kernel may answer a data step with an error the scenario means to show: a TCP
 * send() or recv() once the peer has closed a connection (EPIPE, ECONNRESET), a UDP call once its
 * side has sent to the closed port (ECONNREFUSED). Python raises it; the program says it and goes
 * on, so the scenario's later steps still run, as they do in Node.
 */
function mayFail(scenario: Scenario, index: number): boolean {
  const step = scenario.steps[index];
  if (!step || !DATA_OPS.has(step.op)) return false;
  const before = scenario.steps.slice(0, index);
  if (scenario.proto === 'tcp') return before.some((earlier) => earlier.side !== step.side && earlier.op === 'close' && earlier.socket !== 'listener');
  return before.some((earlier) => earlier.side === step.side && 'to' in earlier && earlier.to === 'closed-port');
}

/**
 * The scenario as a pair of Python 3 programs, standard library only, written as a course
 * writes them: one socket call a line. Each step of a side becomes the lines after its
 * `# Step n` comment; the runner pauses before each socket call until that step runs.
 */
export function pythonPrograms(scenario: Scenario, message = scenario.message): Record<Side, PythonProgram> {
  const program = (side: Side): PythonProgram => {
    const body = new SideProgram(side, scenario.proto, message);
    body.out.lines.push(...header(scenario, side));
    scenario.steps.forEach((step, index) => {
      if (step.side !== side) return;
      const label = stepLabel(step);
      body.out.beginStep(index, label.slice(label.indexOf(': ') + 2));
      if (mayFail(scenario, index)) body.out.guarded(() => body.write(step));
      else body.write(step);
    });
    return { side, source: `${body.out.lines.join('\n')}\n`, stepLines: body.out.stepLines };
  };
  return { server: program('server'), client: program('client') };
}
