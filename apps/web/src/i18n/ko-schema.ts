/**
 * The scenario schema's own reasons (packages/protocol's refinements, in English, as the server
 * says them) in Korean. A reason not listed here is shown as the schema words it.
 */
const SIDE: Record<string, string> = { client: '클라이언트', server: '서버' };

const REASONS: [RegExp, (...groups: string[]) => string][] = [
  [/^at most (\d+) bytes$/, (max) => `최대 ${max}바이트까지입니다`],
  [/^the (client|server) would have (\d+) connections; at most (\d+) a side$/,
    (side, count, max) => `${SIDE[side] ?? side}의 연결이 ${count}개가 됩니다. 한쪽에 최대 ${max}개까지입니다`],
  [/^(\w+)\(\) is a TCP operation; this scenario is UDP$/, (fn) => `${fn}()는 TCP 연산인데 이 시나리오는 UDP입니다`],
  [/^(\w+)\(\) is a UDP operation; this scenario is TCP$/, (fn) => `${fn}()는 UDP 연산인데 이 시나리오는 TCP입니다`],
  [/^socket, conn and linger apply to TCP only$/, () => 'socket, conn, linger는 TCP에만 쓸 수 있습니다'],
  [/^conn applies to TCP only$/, () => 'conn은 TCP에만 쓸 수 있습니다'],
  [/^(\w+) is a TCP option; this scenario is UDP$/, (option) => `${option}은 TCP 옵션인데 이 시나리오는 UDP입니다`],
  [/^(\w+) is set on a UDP socket here; this scenario is TCP$/, (option) => `${option}은 여기서 UDP 소켓에 설정하는 옵션인데 이 시나리오는 TCP입니다`],
  [/^(\w+) is 0 \(off\) or 1 \(on\)$/, (option) => `${option}은 0(끔) 또는 1(켬)입니다`],
  [/^(\w+) is at least 1 byte$/, (option) => `${option}은 최소 1바이트입니다`],
  [/^waits add up to (\d+) ms; at most (\d+) ms$/, (total, max) => `대기 시간을 합하면 ${total} ms입니다. 최대 ${max} ms까지입니다`],
  [/^sends add up to (\d+) bytes; at most (\d+)$/, (total, max) => `보내는 양을 합하면 ${total}바이트입니다. 최대 ${max}바이트까지입니다`],
];

export function koreanSchemaReason(reason: string): string {
  for (const [english, korean] of REASONS) {
    const match = english.exec(reason);
    if (match) return korean(...match.slice(1));
  }
  return reason;
}
