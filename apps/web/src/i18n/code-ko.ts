import type { codeEn } from './code-en.ts';

type CodeWords = typeof codeEn;

/** 코드 창과 프로그램 선택의 말 (ko.ts의 `code`). */
export const codeKo: CodeWords = {
  program: {
    label: '프로그램',
    python: 'Python',
    node: 'Node',
    pythonUnavailable: (reason) => `이 서버에서는 Python을 실행할 수 없어 세션이 Node로 실행됩니다: ${reason}`,
    noHoldWithPython: '패킷을 붙잡으면 Node로 실행됩니다. Python 프로그램은 아직 패킷을 붙잡을 수 없습니다.',
  },
  toggle: '코드',
  label: '코드: 호출을 하는 프로그램',
  side: (side) => (side === 'server' ? '서버 프로그램' : '클라이언트 프로그램'),
  currentMark: '커서의 이벤트를 만든 줄',
  lastMark: '커서의 이벤트 전 마지막 호출',
  nextMark: '다음에 실행될 줄',
  nextTag: '다음',
  now: (side, line, exact, code) => `${exact ? '이 이벤트를 만든 줄' : '이 이벤트 전 마지막 호출'}: ${side === 'server' ? '서버' : '클라이언트'} ${line}번 줄, ${code}`,
  nothingYet: '아직 실행된 줄이 없습니다.',
  next: (side, line, code) => `다음: ${side === 'server' ? '서버' : '클라이언트'} ${line}번 줄, ${code}`,
  done: '모든 단계가 실행되었습니다.',
  showCall: (line) => `${line}번 줄: 래더에서 이 줄의 호출 보기`,
  node: '이 세션의 호출은 Node(net, dgram)가 하므로 보여 줄 프로그램 텍스트가 없습니다. 각 호출에 그 뒤의 Node 호출이 적혀 있습니다(자세히 보기의 출처). 프로그램 줄을 보려면 프로그램: Python을 고르세요.',
  capture: '가져온 캡처에는 프로그램이 없습니다. 패킷은 다른 컴퓨터에서 캡처된 것입니다.',
};
