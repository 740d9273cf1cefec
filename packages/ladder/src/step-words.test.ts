import { stepLabel } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { koreanStepLabel } from './step-words.ts';

describe('step labels in Korean', () => {
  it('says the side and the words around the call in Korean, the call as it is', () => {
    expect(koreanStepLabel('server: recv()')).toBe('서버: recv()');
    expect(koreanStepLabel('client #2: send() (message)')).toBe('클라이언트 #2: send() (메시지)');
    expect(koreanStepLabel(stepLabel({ side: 'server', op: 'recv', all: true }))).toBe('서버: recv() 파일 끝까지');
    expect(koreanStepLabel(stepLabel({ side: 'client', op: 'sendto', data: 'message', to: 'closed-port' }))).toBe('클라이언트: sendto() (메시지) 닫힌 포트로');
    expect(koreanStepLabel(stepLabel({ side: 'client', op: 'close', linger: 0 }))).toBe('클라이언트: close() SO_LINGER 0으로');
    expect(koreanStepLabel(stepLabel({ side: 'server', op: 'close', socket: 'listener' }))).toBe('서버: close() (리스너)');
    expect(koreanStepLabel(stepLabel({ side: 'client', op: 'send', data: { bytes: 4096 } }))).toBe('클라이언트: send() (4096바이트)');
  });

  it('leaves no English word in any label the steps make', () => {
    const labels = [
      stepLabel({ side: 'server', op: 'listen' }), stepLabel({ side: 'client', op: 'connect' }),
      stepLabel({ side: 'client', op: 'send', data: 'echo' }), stepLabel({ side: 'client', op: 'shutdown' }),
    ];
    for (const label of labels) expect(koreanStepLabel(label)).not.toMatch(/\b(client|server|message|echo|until|closed|with)\b/);
  });
});
