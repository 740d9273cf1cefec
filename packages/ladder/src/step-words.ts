/**
 * A step's label (protocol's stepLabel: `server: recv() until end of file`) in Korean: the side
 * and the English words around the call are said in Korean; the call itself stays literal, as
 * protocol notation does in every language.
 */
const SIDES: Record<string, string> = { client: '클라이언트', server: '서버' };

const PHRASES: [RegExp, string][] = [
  [/ \(message\)/g, ' (메시지)'],
  [/ \(echo\)/g, ' (에코)'],
  [/ \((\d+) bytes\)/g, ' ($1바이트)'],
  [/ until end of file/g, ' 파일 끝까지'],
  [/ to a closed port/g, ' 닫힌 포트로'],
  [/ with SO_LINGER 0/g, ' SO_LINGER 0으로'],
  [/ \(listener\)/g, ' (리스너)'],
  [/ without SO_REUSEADDR/g, ' SO_REUSEADDR 없이'],
];

export function koreanStepLabel(label: string): string {
  const side = /^(client|server)( #\d+)?:/.exec(label);
  let worded = side ? `${SIDES[side[1] ?? ''] ?? side[1]}${side[2] ?? ''}:${label.slice(side[0].length)}` : label;
  for (const [english, korean] of PHRASES) worded = worded.replace(english, korean);
  return worded;
}
