import type { Messages } from './en.ts';
import { josa, KO_LADDER_WORDS, koreanStepLabel } from '@sockscope/ladder';
import { koreanSchemaReason } from './ko-schema.ts';
import { codeKo } from './code-ko.ts';

/**
 * The Korean catalogue. Protocol notation stays literal (SYN, ACK, FIN, seq, ack, len, call
 * names like `connect()`, RFC state names, errno names); the rest is worded as a Korean
 * networking textbook would: 3-way 핸드셰이크, 세그먼트, 데이터그램, 소켓, 커널, 수신 버퍼.
 */

/** `client` → 클라이언트; a named endpoint stays as it is. */
function who(side: string): string {
  if (side === 'client') return '클라이언트';
  if (side === 'server') return '서버';
  return side;
}

const subject = (side: string) => josa(who(side), '이/가');
const topic = (side: string) => josa(who(side), '은/는');
/** An optional quoted preview, e.g. `("hello")`. */
const quoted = (preview: string | undefined) => (preview ? `(${preview})` : '');

/** The event format's field names, said in Korean (the format's own name follows in parentheses). */
const FIELDS: Partial<Record<string, string>> = {
  t: '시각', from: '보낸 쪽', to: '받는 쪽', src: '출발지', dst: '목적지', flags: '플래그', len: '길이',
  side: '쪽', socket: '소켓', fn: '함수', phase: '국면', args: '인자', result: '결과', errno: '오류', message: '메시지',
  type: '유형', code: '코드', count: '개수', reason: '이유', text: '내용', level: '수준', step: '단계',
  hold: '붙잡기', of: '대상', verdict: '판정', heldUs: '붙잡힌 시간 (µs)', proto: '프로토콜', rows: '행',
};
/** A state event's from and to are states, not sides. */
const STATE_FIELDS: Partial<Record<string, string>> = { from: '이전 상태', to: '새 상태' };
const KINDS: Partial<Record<string, string>> = {
  call: '호출', segment: '세그먼트', datagram: '데이터그램', icmp: 'ICMP', state: '상태', sockets: '소켓 테이블', note: '메모', drop: '버림', delivery: '전달',
};

export const ko: Messages = {
  tagline: '커널 위에서 동작하는 실제 TCP·UDP 소켓을 한 단계씩 살펴봅니다.',
  scenarios: {
    'tcp-echo': { title: "TCP 에코", description: "클라이언트가 연결하고(3-way 핸드셰이크) 메시지를 보내면 서버가 그대로 돌려보내고, 양쪽이 연결을 닫습니다(방향마다 FIN)." },
    'udp-echo': { title: "UDP 에코", description: "클라이언트가 메시지를 데이터그램 하나로 보내고, 서버가 다른 데이터그램으로 돌려보냅니다. 연결도, 확인 응답도, 종료 절차도 없습니다." },
    'tcp-boundaries': { title: "TCP는 바이트 스트림", description: "클라이언트가 send()를 두 번 불러 \"hel\"과 \"lo\"를 보내고, 서버는 나중에 recv() 한 번으로 \"hello\"를 받습니다. TCP는 메시지 경계를 지키지 않습니다." },
    'udp-boundaries': { title: "UDP는 메시지 경계를 지킨다", description: "클라이언트가 \"hel\"과 \"lo\"를 데이터그램 두 개로 보내고, 서버는 나중에 recvfrom()을 두 번 불러 3바이트와 2바이트를 받습니다. 데이터그램 하나가 메시지 하나입니다." },
    'time-wait': { title: "TIME-WAIT: 먼저 닫는 쪽이 기다린다", description: "클라이언트가 먼저 닫습니다. 주고받기가 끝난 뒤 커널은 늦게 도착하는 세그먼트가 사라지도록 클라이언트의 소켓을 TIME-WAIT 상태로 둡니다(Linux에서는 60초). 서버의 소켓은 사라집니다(CLOSED)." },
    'half-close': { title: "반만 닫기: shutdown(SHUT_WR)", description: "클라이언트가 요청을 보내고 송신 쪽만 닫습니다. FIN은 서버에게 \"더 보낼 것이 없다\"고 알리지만 클라이언트는 여전히 받을 수 있습니다. 서버는 파일 끝까지 읽고 답한 뒤 닫습니다." },
    'serial-server': { title: "클라이언트를 하나씩 차례로 받는 서버", description: "서버가 클라이언트 하나를 accept()하고 메시지를 에코한 뒤 파일 끝을 읽고 그 연결을 닫습니다. 그다음 같은 리스너로 accept()를 다시 불러 다음 클라이언트를 받습니다. accept()는 매번 새 소켓을 돌려주고, 리스너는 내내 LISTEN 상태로 남습니다." },
    'reuseaddr': { title: "서버 다시 시작하기: SO_REUSEADDR", description: "서버가 먼저 연결을 닫아 그 연결이 포트 7007에서 TIME-WAIT로 기다리게 한 뒤, 멈추는 서버처럼 리스너도 닫습니다. 곧바로 다시 시작하면 SO_REUSEADDR 없이 만든 새 소켓의 bind()는 EADDRINUSE로 실패하고, SO_REUSEADDR를 설정하면 성공해 다음 클라이언트가 연결합니다." },
    'read-write': { title: "소켓도 파일이다: read()와 write()", description: "다시 TCP 에코지만, 두 프로그램이 send()와 recv() 대신 소켓의 파일 디스크립터에 os.write()와 os.read()를 부릅니다. 소켓에서 write()는 플래그 없는 send()이고 read()는 플래그 없는 recv()입니다. 패킷은 똑같습니다." },
    'connection-refused': { title: "연결 거부", description: "서버는 포트 7007에서 기다리지만 클라이언트는 아무도 기다리지 않는 포트 7009로 연결합니다. 커널이 SYN에 RST로 답하고, connect()가 ECONNREFUSED로 실패합니다." },
    'udp-closed-port': { title: "닫힌 포트로 보내는 UDP", description: "연결된 UDP 클라이언트가 아무도 기다리지 않는 포트 7009로 보냅니다. 그쪽 커널이 ICMP 포트 도달 불가로 답하고, 클라이언트는 다음 호출에서야 그 사실을 알게 되어 ECONNREFUSED로 실패합니다." },
    'abortive-close': { title: "강제 종료: SO_LINGER 0", description: "주고받기가 끝난 뒤 클라이언트가 SO_LINGER를 0으로 하고 닫습니다. 커널은 FIN 대신 RST를 보내고 연결을 잊습니다. 서버의 다음 recv()는 ECONNRESET으로 실패합니다." },
    'write-after-peer-close': { title: "닫힌 상대에게 쓰기", description: "서버가 연결을 닫았지만 클라이언트는 모르고 계속 보냅니다. send()는 성공하지만(바이트는 클라이언트의 커널까지 갑니다) 서버의 커널은 받을 곳이 없어 RST로 답하고, 클라이언트의 다음 send()는 EPIPE로 실패합니다." },
    'backlog-full': { title: "가득 찬 accept 큐", description: "서버가 backlog 1로 listen하고 accept()를 부르지 않습니다(프로세스가 멈춰 있습니다). 클라이언트 넷이 연결하면 커널은 핸드셰이크 둘을 accept 큐에 완료하고(backlog + 1) 나머지 SYN은 버립니다. 클라이언트는 1초 뒤, 다시 2초 뒤, 4초 뒤… SYN을 다시 보내고, accept()가 자리를 만들어야 들어갑니다." },
    'nagle': { title: "네이글 알고리즘과 TCP_NODELAY", description: "클라이언트가 두 연결에서 각각 5바이트씩 send()를 5번 잇달아 부릅니다. 서버는 바쁜 상대처럼 ACK를 늦춰 보냅니다(TCP_QUICKACK 0). 첫 연결에서는 네이글 알고리즘이 첫 세그먼트가 확인 응답을 받을 때까지 작은 send()들을 붙잡았다가 ACK가 오면 세그먼트 하나로 합쳐 보냅니다. 둘째 연결에서는 클라이언트가 TCP_NODELAY를 설정해 send()마다 곧바로 자기 세그먼트로 나갑니다." },
    'zero-window': { title: "윈도 0: 읽기를 멈춘 수신자", description: "클라이언트가 512 KiB를 보내는 동안 서버는 recv()를 부르지 않습니다. 서버의 수신 큐가 차서 광고하는 윈도가 0으로 줄면, 클라이언트의 커널은 기다리며 가끔 윈도 프로브를 보냅니다. 서버가 읽으면 모두 흘러갑니다." },
    'udp-overflow': { title: "UDP 넘침: 조용한 손실", description: "서버가 수신 버퍼를 줄이고 읽지 않는 동안 클라이언트가 데이터그램 20개를 한꺼번에 보냅니다. 들어갈 자리가 없는 것은 조용히 버려집니다. 어디에도 오류는 없고, 커널의 drop 카운터만 압니다." },
  },
  screen: {
    present: '발표',
    setup: '시나리오와 기록',
    skipToLadder: '래더로 건너뛰기',
    ladder: '래더 화면',
  },
  connection: {
    connecting: '연결하는 중…',
    reconnecting: '연결이 끊겼습니다 — 다시 연결하는 중…',
  },
  language: {
    label: '언어',
    names: { en: 'English', ko: '한국어' },
  },
  classroom: {
    teach: '수업',
    teachHint: '수업 열기: 학생들이 이 페이지에 보이는 것을 자기 화면에서 따라갑니다',
    dialog: '수업',
    code: '수업 코드',
    link: '수업 링크',
    qr: '수업 링크의 QR 코드',
    students: (count: number) => (count === 0 ? '아직 학생이 없습니다' : `학생 ${count}명이 보고 있습니다`),
    localOnly: '이 서버는 이 컴퓨터에서 오는 접속만 받으므로 교실의 학생들은 링크를 열 수 없습니다. HOST=0.0.0.0 npm start로 다시 시작하면 학생들이 들어올 수 있습니다.',
    network: '같은 네트워크의 학생은 링크를 열거나, QR 코드를 찍거나, 이 주소의 /?class= 뒤에 코드를 입력합니다.',
    close: '닫기',
    inClass: (code: string) => `수업 ${code}`,
    follow: '선생님 따라가기',
    following: '선생님의 화면을 따라가는 중입니다.',
    exploring: '혼자 둘러보는 중입니다. ‘선생님 따라가기’를 누르면 선생님의 화면으로 돌아갑니다.',
    ended: '수업이 끝났습니다. 선생님이 나갔습니다.',
  },
  picker: {
    label: '새 세션',
    scenario: '시나리오',
    message: '메시지',
    start: '시작',
    loading: '시나리오를 불러오는 중…',
  },
  code: codeKo,
  hold: {
    wire: '전송',
    choice: (choice) =>
      choice === 'off' ? '보통' : choice === 'manual' ? '패킷마다 붙잡기' : `붙잡았다가 ${choice} ms 뒤 전달`,
    unavailable: (reason) => `패킷 붙잡기를 쓸 수 없습니다: ${reason}`,
    label: '전송 중인 패킷',
    inFlight: (count) => (count === 0 ? '전송 중인 패킷 없음' : `전송 중인 패킷 ${count}개`),
    deliver: '전달',
    drop: '버리기',
    deliverAll: '모두 전달',
    next: (label) => `다음: ${label}`,
  },
  controls: {
    label: '세션 제어',
    step: '한 단계',
    run: '실행',
    pause: '일시 정지',
    reset: '초기화',
    watching: '지켜보는 중입니다. 이 세션은 시작한 페이지만 진행하거나 초기화할 수 있습니다.',
  },
  status: {
    label: '세션 상태',
    names: {
      ready: '준비됨',
      stepping: '진행 중…',
      running: '실행 중',
      finished: '완료',
      failed: '실패',
      closed: '닫힘',
    },
    progress: (done, total) => `${total}단계 중 ${done}단계`,
    next: (label) => `다음: ${koreanStepLabel(label)}`,
    holding: '패킷 붙잡기 중 (커널 큐에서 캡처한 패킷)',
    captureOn: '캡처 켜짐 (pcap)',
    captureOff: (reason) =>
      reason ? `캡처 꺼짐: ${reason} — 패킷은 추론한 것입니다` : '캡처 꺼짐 — 패킷은 추론한 것입니다',
    networkShared: '이 컴퓨터의 네트워크를 함께 씀: 포트, 소켓 테이블, 카운터가 컴퓨터 전체의 것입니다',
    sessionError: (error) => `오류: ${error}`,
  },
  error: {
    dismiss: '닫기',
    badServerMessage: (detail) => `서버가 이 페이지에서 읽을 수 없는 메시지를 보냈습니다: ${detail}`,
    badRequest: (detail) => `이 요청은 보낼 수 없습니다: ${detail}`,
    server: {
      'not-presenter': '이 세션을 시작한 페이지만 진행, 실행, 일시 정지, 초기화, 전달, 버리기, 질문하기를 할 수 있습니다. 지금은 지켜보는 중입니다.',
      'session-over': '이 세션에는 남은 단계가 없습니다. 다시 하려면 ‘초기화’를 누르세요.',
      'session-busy': '아직 한 단계가 진행 중입니다. 끝난 뒤에 다시 해 보세요.',
      'too-many-sessions': '서버가 실행할 수 있는 만큼 세션을 실행하고 있습니다. 하나가 끝나면 다시 해 보세요.',
      'rate-limited': '요청이 한꺼번에 너무 많습니다. 조금 천천히 해 주세요.',
      'nothing-held': '전송 중인 패킷이 없습니다.',
      'unknown-class': '이 서버에는 이 코드의 수업이 없습니다. 선생님 화면의 코드를 확인하세요.',
      'unknown-session': '이 세션은 사라졌습니다(서버가 다시 시작되었을 수 있습니다). 새 세션을 시작하세요.',
      'no-question': '답할 질문이 없습니다. 이미 공개되었거나 그 이벤트 뒤에는 아무것도 없습니다.',
      'python-unavailable': '이 서버에서는 Python을 실행할 수 없습니다. 프로그램: Node를 고르거나, 서버에 python3을 설치하세요(Debian: apt-get install python3).',
    },
  },
  exporting: {
    label: '내보내기',
    svg: 'SVG',
    png: 'PNG',
    svgHint: '래더 다이어그램 전체를 SVG 그림으로 내려받기 (슬라이드용)',
    pngHint: '래더 다이어그램 전체를 화면의 두 배 해상도 PNG 이미지로 내려받기',
    failed: (detail) => `내보내기에 실패했습니다: ${detail}`,
    tooTall: (pixels) => `래더의 높이가 ${pixels}픽셀이라 PNG 이미지 한 장에 담을 수 없습니다. SVG에는 전부 담깁니다.`,
    tooMany: (rows, max) => `래더의 행이 ${rows.toLocaleString('ko')}개입니다. 그림 한 장에는 ${max.toLocaleString('ko')}개까지 담깁니다. 더 짧은 연결이나 흐름을 골라 주세요.`,
  },
  replay: {
    tagline: '기록을 이 파일만으로 재생합니다. 서버도 네트워크도 필요 없습니다.',
    empty: '이 파일에는 기록이 없습니다. sockscope에서 내보내세요: npx sockscope export <id> --format html',
    unreadable: (detail) => `이 파일의 기록을 읽을 수 없습니다: ${detail}`,
  },
  ladder: {
    ...KO_LADDER_WORDS,
    timeAxis: '시간',
    eventSpaced: '이벤트 간격',
    proportional: '실제 시간 비례',
    zoomIn: '확대',
    zoomOut: '축소',
  },
  cursor: {
    label: '이벤트 커서',
    previous: '이전 이벤트',
    next: '다음 이벤트',
    live: '실시간',
    replay: '다시 보기',
    position: (n, total) => `이벤트 ${n} / ${total}`,
    nothing: '‘한 단계’를 누르면 첫 소켓 호출이 실행됩니다.',
  },
  detail: {
    label: '이벤트 상세',
    close: '닫기',
    field: '항목',
    value: '값',
    source: '출처',
    via: 'Node 또는 Python 호출',
    payloadText: '페이로드 (텍스트)',
    payloadHex: '페이로드 (16진수)',
    relative: '상대값',
    absolute: '절댓값',
    window: '윈도',
    windowBytes: (bytes) => `${bytes}바이트`,
    windowScaled: (raw, scale, bytes) => `${bytes}바이트 (헤더 값 ${raw} × 2^${scale}: 핸드셰이크에서 정한 윈도 스케일)`,
    options: '옵션',
    fieldName: (field, kind) => {
      const korean = (kind === 'state' ? STATE_FIELDS[field] : undefined) ?? FIELDS[field];
      return korean ? `${korean} (${field})` : field;
    },
    kindName: (kind) => KINDS[kind] ?? kind,
    transition: '상태 전이',
    call: {
      entered: '진입',
      returnedAt: '반환',
      failedAt: '실패',
      stillWaiting: '아직: 막혀 있음',
      blocked: '막혀 있던 시간',
      result: '반환값',
      errno: '오류',
    },
    sources: {
      captured: 'tcpdump가 회선에서 캡처함',
      traced: '프로세스 안에서 추적함',
      kernel: '커널의 소켓 테이블에서 읽음',
      inferred: 'sockscope가 추론함 (회선에서 관찰되지 않음)',
    },
  },
  compare: {
    title: 'TCP와 UDP 나란히 보기',
    open: 'TCP와 UDP 비교하기',
    lesson: '같은 메시지, 다른 두 프로토콜: UDP에는 핸드셰이크도, 확인 응답(ACK)도, FIN도 없습니다.',
  },
  kernel: {
    label: '커널이 보는 모습',
    toggle: '커널 보기',
    sessions: '보여 줄 세션',
    table: {
      caption: '커널 소켓 테이블',
      source: (files, ms, step) =>
        `${ms} ms에 ${files}에서 읽은 값${step ? ` (${step}단계 후)` : ''}: 커널이 직접 센 숫자입니다.`,
      none: '아직 읽은 값이 없습니다. sockscope는 단계마다 끝에서 커널의 테이블을 읽습니다.',
      empty: '커널의 테이블에 이 세션의 소켓이 하나도 없습니다.',
      socket: '소켓',
      local: '로컬 주소',
      remote: '원격 주소',
      state: '상태',
      recvQ: 'Recv-Q',
      sendQ: 'Send-Q',
      drops: '버린 수',
      acceptQueue: 'accept 큐',
      changed: '이전에 읽은 값에서 바뀜',
      isNew: '새 소켓',
      gone: '테이블에서 사라짐',
    },
    diagram: {
      title: 'TCP 상태 다이어그램 (RFC 9293)',
      socket: '소켓',
      option: (socket, side, listener) => `${socket} (${side}${listener ? ', 리스닝 소켓' : ''})`,
      name: (socket) => `소켓 ${socket}의 TCP 상태 다이어그램`,
      current: (state) => `${state}, 현재 상태`,
      transition: (from, to, event, action) => `${from}에서 ${josa(to, '으로/로')}: ${event} / ${action}, 마지막 전이`,
      now: (socket, state) => `${josa(socket, '은/는')} 지금 ${state} 상태입니다.`,
      last: (from, to, event, action) => `마지막 전이: ${from} → ${to} (${event} / ${action}).`,
      offFigure: (from, to) =>
        `마지막 전이: ${from} → ${to}. 상대의 FIN과 자기 FIN의 ACK를 한 번에 받은, RFC의 그림에는 없는 전이라 점선으로 그렸습니다.`,
      reset: (from) =>
        `마지막 전이: 리셋(RST)으로 ${from} → CLOSED. 리셋은 어느 상태에서든 연결을 끝낼 수 있는데, RFC의 그림에는 이런 전이가 없어 점선으로 그렸습니다.`,
      fromKernel: '커널의 테이블에서 확인한 상태입니다.',
      none: '아직 전이가 없습니다. 모든 소켓은 CLOSED에서 시작합니다.',
      noTcp: '아직 TCP 소켓이 없습니다.',
      udp: 'UDP 소켓에는 연결도 상태도 없습니다. 테이블에는 UNCONN으로, connect()로 상대를 정한 뒤에는 ESTABLISHED로 나옵니다.',
      legend: '선 위는 전이를 일으키는 사건, 선 아래는 TCP가 보내는 것입니다 (x: 보내는 것 없음).',
    },
  },
  pace: {
    label: '속도',
    ms: (ms) => `단계당 ${ms} ms`,
  },
  editor: {
    stepLabel: koreanStepLabel,
    open: '시나리오 작성',
    editCopy: '복사해서 편집',
    editCopyOf: (title) => `${title} 복사해서 편집`,
    copyTitle: (title) => `${title} (사본)`,
    untitled: '내 시나리오',
    label: '시나리오 편집기',
    close: '편집기 닫기',
    new: '새 시나리오',
    load: '파일에서 불러오기',
    save: '파일로 저장',
    start: '이 시나리오 시작',
    replaced: (title) => `${josa(`이전 초안 “${title}”`, '이/가')} 바뀌었습니다.`,
    bringBack: '되돌리기',
    title: '제목',
    name: '이름',
    nameHint: (fileName) => `${josa(fileName, '으로/로')} 저장됩니다`,
    message: '메시지',
    messageHint: '데이터가 “메시지”인 단계가 보내는 내용입니다.',
    description: '설명',
    protocol: '프로토콜',
    switchAsk: (proto, removed, adapted) =>
      `${proto}에서는 실행할 수 없는 단계가 ${removed.length}개 있습니다: ${removed.join('; ')}. 전환하면 삭제됩니다.`
      + (adapted > 0 ? ` close() 단계 ${adapted}개는 TCP 옵션(리스너, 연결 번호, linger)을 잃습니다.` : ''),
    switchAdaptOnly: (proto, adapted) => `${proto}에서는 close() 단계 ${adapted}개가 TCP 옵션(리스너, 연결 번호, linger)을 잃습니다.`,
    switchConfirm: (proto) => `${josa(proto, '으로/로')} 전환`,
    switchCancel: (proto) => `${proto} 유지`,
    steps: '단계',
    step: (n) => `${n}단계`,
    moveUp: (n) => `${n}단계를 위로 이동`,
    moveDown: (n) => `${n}단계를 아래로 이동`,
    remove: (n) => `${n}단계 삭제`,
    add: '단계 추가',
    fields: {
      side: '실행 측',
      op: '연산',
      backlog: 'backlog',
      to: '대상',
      value: 'SO_RCVBUF 바이트',
      option: '옵션',
      onOff: '값 (0 끔, 1 켬)',
      reuseaddr: 'SO_REUSEADDR: 이전 연결이 TIME-WAIT에 있어도 다시 bind',
      viaFd: '소켓 디스크립터에 read()/write()',
      data: '데이터',
      text: '텍스트',
      bytes: '바이트 수',
      count: '횟수',
      conn: '연결 번호',
      all: 'EOF까지 반복',
      socket: '소켓',
      linger: 'SO_LINGER 0: 리셋 (FIN 없이 RST)',
      ms: '밀리초',
    },
    defaults: { backlog: '기본값', conn: '최근 연결', count: '1' },
    sides: { client: '클라이언트', server: '서버' },
    ops: {
      listen: 'listen()', accept: 'accept()', connect: 'connect()', bind: 'bind()', socket: 'socket()',
      setsockopt: 'setsockopt()', send: 'send()', sendto: 'sendto()', recv: 'recv()', recvfrom: 'recvfrom()',
      shutdown: 'shutdown(SHUT_WR)', close: 'close()', wait: '대기 (sleep)',
    },
    targets: { 'server': '서버', 'closed-port': '닫힌 포트' },
    dataKinds: { message: '메시지', echo: '에코 (마지막으로 받은 데이터)', text: '텍스트', bytes: '바이트 (대량)' },
    sockets: { connection: '연결 소켓', listener: '리스너' },
    ready: '시작하거나 저장할 수 있습니다.',
    problemCount: (n) => `시작하거나 저장하기 전에 고칠 문제가 ${n}개 있습니다.`,
    problems: {
      schema: koreanSchemaReason,
      required: '꼭 입력해야 합니다',
      wholeNumber: '정수여야 합니다',
      atLeast: (n) => `${n} 이상이어야 합니다`,
      atMost: (n) => `${n} 이하여야 합니다`,
      atLeastChars: (n) => `${n}자 이상이어야 합니다`,
      atMostChars: (n) => `${n}자 이하여야 합니다`,
      nameFormat: '영문 소문자, 숫자, 대시(-)만 쓸 수 있으며 문자나 숫자로 시작하고 64자 이하여야 합니다',
      fewSteps: (n) => `단계를 ${n}개 이상 추가하세요`,
      manySteps: (n) => `단계는 ${n}개까지입니다`,
      requestTooBig: (bytes, max) => `시나리오를 보내는 데 ${bytes}바이트가 필요하지만 서버는 ${max}바이트까지만 받습니다: 텍스트를 줄이세요`,
    },
    fileNotJson: (file, line, column, found) =>
      `${josa(file, '은/는')} 올바른 JSON이 아닙니다: ${line}행 ${column}열에서 ${found === null ? '텍스트가 너무 일찍 끝납니다' : `“${found}” 문자가 올 수 없습니다`}.`,
    fileNotJsonUnplaced: (file) => `${josa(file, '은/는')} 올바른 JSON이 아닙니다.`,
    fileNotScenario: (file, error) => `${josa(file, '은/는')} 올바른 시나리오가 아닙니다: ${error}`,
    fileTooLarge: (file, kib, maxKib) => `${josa(file, '은/는')} ${kib} KiB입니다. 시나리오 파일은 ${maxKib} KiB까지입니다.`,
    fileUnreadable: (file) => `${josa(file, '을/를')} 읽을 수 없습니다.`,
    sessionGone: (name) =>
      `시나리오 “${name}”의 세션이 끝났고, 이 페이지에는 그 시나리오가 남아 있지 않습니다. 편집기에서 열어 다시 시작하세요.`,
  },
  recordings: {
    label: '기록',
    count: (n) => `기록 ${n.toLocaleString('ko-KR')}개`,
    showList: '목록 보기',
    hideList: '목록 숨기기',
    loading: '기록을 불러오는 중…',
    empty: '아직 기록이 없습니다. 한 단계 이상 실행한 세션은 끝날 때 여기에 저장되고, 가져온 파일도 저장됩니다.',
    listFailed: (detail) => `기록 목록을 가져오지 못했습니다: ${detail}`,
    unreachable: '서버에 연결할 수 없습니다',
    retry: '다시 시도',
    columns: { name: '이름', date: '저장 시각', what: '시나리오 또는 파일', contents: '내용', actions: '작업' },
    contents: (events, tracks) => `이벤트 ${events.toLocaleString('ko-KR')}개, 래더 ${tracks}개`,
    date: (iso) => new Date(iso).toLocaleString('ko-KR', { dateStyle: 'medium', timeStyle: 'short' }),
    imported: '가져온 캡처',
    captured: '캡처됨',
    inferred: '추론됨',
    open: '열기',
    openNamed: (name) => `${name} 열기`,
    compare: '옆에 열기',
    compareNamed: (name) => `${josa(name, '을/를')} 지금 래더 옆에 열기`,
    rename: '이름 바꾸기',
    renameNamed: (name) => `${name} 이름 바꾸기`,
    newName: (name) => `${name}의 새 이름`,
    saveName: '저장',
    cancelRename: '취소',
    nameProblem: (problem) => ({
      empty: '이름은 비워 둘 수 없습니다.',
      long: '이름은 200자까지입니다.',
      control: '이름에는 탭, 줄바꿈 같은 제어 문자를 쓸 수 없습니다.',
    })[problem],
    renameFailed: (detail) => `이름을 바꾸지 못했습니다: ${detail}`,
    delete: '삭제',
    deleteNamed: (name) => `${name} 삭제`,
    confirmDelete: (name) => `${josa(`“${name}”`, '을/를')} 완전히 삭제할까요? 이벤트와 캡처가 서버에서 지워집니다.`,
    confirmYes: '삭제하기',
    keep: '그대로 두기',
    deleteFailed: (detail) => `삭제하지 못했습니다: ${detail}`,
    jsonl: 'JSON Lines',
    jsonlNamed: (name) => `${josa(name, '을/를')} JSON Lines로 내려받기`,
    html: '오프라인 HTML',
    htmlNamed: (name) => `${josa(name, '을/를')} 오프라인에서 재생하는 HTML 파일 하나로 내려받기`,
    pcap: 'pcap',
    pcapNamed: (name) => `${josa(name, '을/를')} pcap으로 내려받기`,
    noPcap: (reason) => `pcap 없음: 이 기록은 패킷 바이트가 없습니다 (${reason}).`,
  },
  importing: {
    choose: '파일 가져오기',
    hint: 'pcap, pcapng 또는 sockscope JSON Lines 파일. 페이지에 끌어다 놓아도 됩니다',
    dropHere: '여기에 놓으면 파일을 가져옵니다',
    progress: (file) => `${file} 가져오기`,
    reading: (file) => `${josa(file, '을/를')} 해독하는 중…`,
    read: (bytes, size, packets) =>
      `${(bytes / 1e6).toFixed(1)} / ${(size / 1e6).toFixed(1)} MB · 패킷 ${packets.toLocaleString('ko-KR')}개`,
    receiving: (file) => `${josa(file, '을/를')} 그리는 중…`,
    received: (received, total) => `이벤트 ${received.toLocaleString('ko-KR')} / ${total.toLocaleString('ko-KR')}`,
    cancel: '가져오기 취소',
    cancelled: (file) => `${file} 가져오기를 취소했습니다. 아무것도 저장하지 않았습니다.`,
    refusedLine: (file, line, field, detail) =>
      `${josa(file, '을/를')} 가져오지 않았습니다: ${line}행${field ? `, 필드 ${field}` : ''}: ${detail}`,
    refused: (file, detail) => `${josa(file, '을/를')} 가져오지 않았습니다: ${detail}`,
    unreadable: (file, detail) => `${josa(file, '을/를')} 읽을 수 없습니다: ${detail}`,
    capture: (file, packets, tracks) => `${file}: 패킷 ${packets.toLocaleString('ko-KR')}개, `
      + (tracks === 0 ? 'TCP 연결, UDP 흐름, ICMP 교환에 속한 패킷이 없어 그릴 것이 없습니다.' : `연결·흐름 ${tracks}개.`),
    recording: (file, tracks) => `${file}: 래더 ${tracks}개짜리 sockscope 기록.`,
    broken: (n, drawn) => `깨진 패킷 ${n.toLocaleString('ko-KR')}개를 아래에 적었습니다.${drawn ? ' 파일의 나머지는 그렸습니다.' : ''}`,
    brokenFirst: (shown, total) => `${total.toLocaleString('ko-KR')}개 중 처음 ${shown.toLocaleString('ko-KR')}개:`,
    brokenCaption: '깨진 패킷',
    packet: '패킷',
    offset: '오프셋 (바이트)',
    reason: '이유',
    saving: '서버에 저장하는 중…',
    saved: '서버에 저장했습니다. 목록에 있습니다.',
    saveFailed: (detail) => `서버에 저장하지 못했습니다: ${detail}. 그린 결과는 이 페이지에 남아 있습니다.`,
    retrySave: '다시 저장하기',
    show: '다시 보기',
    dismiss: '닫기',
  },
  opened: {
    label: '보고 있는 기록',
    badge: '기록',
    noSteps: '기록은 이미 실행이 끝났으므로 ‘한 단계’, ‘실행’, ‘초기화’가 없습니다. ← 와 → 로 이벤트를 하나씩 살펴보세요.',
    callsUnknown: '가져온 캡처에서는 소켓 호출을 알 수 없습니다. TCP 상태는 패킷에서 추론한 것입니다.',
    ladder: '래더',
    compareWith: '옆에 볼 래더',
    nothing: '없음',
    trackOption: (title, packets) => `${title} · 패킷 ${packets.toLocaleString('ko-KR')}개`,
    back: '실시간 세션으로 돌아가기',
    close: '기록 닫기',
    opening: (name, bytes) => `${josa(name, '을/를')} 여는 중… ${(bytes / 1e6).toFixed(1)} MB 읽음`,
    cancel: '열기 멈추기',
    openFailed: (name, detail) => `${josa(name, '을/를')} 열 수 없습니다: ${detail}`,
    compareTitle: '래더 두 개 나란히 보기',
    recordedAt: (iso) => `${new Date(iso).toLocaleString('ko-KR', { dateStyle: 'medium', timeStyle: 'short' })} 기록`,
    importedFrom: (file) => `${file}에서 가져옴`,
    end: '끝',
  },
  question: {
    ask: '다음에 무슨 일이?',
    title: '다음에 무슨 일이 일어날까요?',
    askHint: '커서가 있는 이벤트 다음에 무슨 일이 일어날지 이 세션을 보는 모두에게 묻습니다',
    afterStep: (label) => `다음 단계: ${label}`,
    answers: (n) => `${n}명 답함`,
    chose: (n) => `${n}명`,
    reveal: '공개',
    close: '질문 닫기',
    right: '정답',
    yours: '내 답',
    rightYours: '맞혔습니다.',
    wrongYours: '이번에는 틀렸습니다.',
    noneRight: (answer) => `보기 중에는 없음: ${answer}`,
    choice: (choice) => {
      const side = choice.side ?? 'client';
      const call = `${who(side)}의 ${choice.fn ?? ''}()`;
      switch (choice.key) {
        case 'syn': return `${who(side)}의 커널이 SYN을 보낸다`;
        case 'syn-ack': return `${who(side)}의 커널이 SYN-ACK로 답한다`;
        case 'ack': return `${who(side)}의 커널이 데이터 없는 ACK를 보낸다`;
        case 'data': return `${who(side)}의 커널이 바이트를 세그먼트에 실어 보낸다`;
        case 'fin': return `${who(side)}의 커널이 FIN을 보낸다`;
        case 'rst': return `${who(side)}의 커널이 RST를 보낸다`;
        case 'retransmission': return `${who(side)}의 커널이 세그먼트를 다시 보낸다(재전송)`;
        case 'datagram': return `${who(side)}의 커널이 데이터그램을 보낸다`;
        case 'icmp-unreachable': return `${who(side)}의 커널이 ICMP 포트 도달 불가로 답한다`;
        case 'icmp': return `${who(side)}의 커널이 ICMP 메시지를 보낸다`;
        case 'drop': return `${who(side)}의 커널이 패킷을 버린다: 큐가 가득 찼다`;
        case 'accepted': return `${who(side)}의 accept()가 새 소켓을 돌려준다`;
        case 'connected': return `${who(side)}의 connect()가 돌아온다: 연결됨`;
        case 'received': return `${josa(call, '이/가')} 바이트를 돌려준다`;
        case 'eof': return `${who(side)}의 recv()가 0을 돌려준다: 파일 끝`;
        case 'error': return `${josa(call, '이/가')} ${choice.errno ?? '오류'}로 실패한다`;
        case 'blocks': return `${josa(call, '이/가')} 기다린다: 아무것도 오지 않는다`;
        case 'nothing': return '아무 일도 없다: 패킷도 오류도 없음';
      }
    },
  },
  explain: {
    inferred: '(추론: 캡처되지 않음)',
    via: (via) => (via.startsWith('python: ') ? `(Python: ${via.slice('python: '.length)})` : `(Node: ${via})`),

    // TCP 세그먼트
    syn: (side, isn) =>
      `${who(side)}의 커널이 연결을 열려고 SYN을 보냅니다. 초기 순서 번호(ISN)는 ${isn}입니다(화면에는 0으로 표시).`,
    synUnknownIsn: (side) =>
      `${who(side)}의 커널이 연결을 열려고 SYN을 보냅니다. 초기 순서 번호는 커널만 압니다(화면에는 0으로 표시).`,
    synAck: (side) => `${who(side)}의 커널이 SYN에 SYN-ACK로 답합니다.`,
    acceptPending: '아직 핸드셰이크가 끝나지 않아 accept()는 반환되지 않았습니다.',
    handshakeAck: (side) =>
      `${subject(side)} SYN-ACK에 ACK로 답합니다. 3-way 핸드셰이크가 끝나 양쪽 모두 ESTABLISHED 상태입니다.`,
    data: (side, n, preview, relSeq) =>
      `${subject(side)} ${n}바이트${quoted(preview)}를 상대 순서 번호 ${relSeq}부터 보냅니다.`,
    ackData: (side, n, next) =>
      `${who(side)}의 커널이 ${n}바이트를 받았다고 확인 응답합니다. 다음에는 ${next}번째 바이트를 기다립니다(ack=${next}).`,
    notReadYet: '프로그램은 아직 이 데이터를 읽지 않았습니다.',
    ackFin: (side, peer) => `${who(side)}의 커널이 ${who(peer)}의 FIN에 확인 응답합니다.`,
    ackFinDelayed: (side, peer, ms) =>
      `${who(side)}의 커널은 ${ms} ms를 기다렸다가 ${who(peer)}의 FIN에 확인 응답합니다(지연 ACK).`,
    halfClosed: (side) => `연결이 반만 닫힌(half-close) 상태라 ${topic(side)} 아직 데이터를 보낼 수 있습니다.`,
    delayedAck: (ms) => `커널은 ${ms} ms를 기다렸다가 이 ACK를 보냈습니다(지연 ACK).`,
    finalAck: (side, peer) =>
      `${subject(side)} ${who(peer)}의 FIN에 확인 응답합니다. 연결이 닫히고, ${topic(side)} TIME-WAIT 상태로 기다립니다.`,
    ack: (side, next) => `${who(side)}의 커널이 ACK를 보냅니다. 다음에는 ${next}번째 바이트를 기다립니다.`,
    fin: (side) => `${subject(side)} 자기 쪽 연결을 닫습니다. FIN은 더 보낼 데이터가 없다는 뜻입니다.`,
    finSecond: (side) => `${who(side)}도 자기 쪽 연결을 닫습니다. 이 FIN으로 반대 방향도 끝납니다.`,
    rst: (side) => `${who(side)}의 커널이 RST를 보냅니다. 연결이 리셋되어 즉시 끝납니다.`,
    rstRefused: (side) => `${who(side)}의 커널이 SYN에 RST로 답합니다. 그 포트에서 기다리는(listen) 소켓이 없습니다.`,
    segment: (side, flags) => `${who(side)}의 커널이 ${flags} 세그먼트를 보냅니다.`,
    zeroWindow: (side, peer) =>
      `윈도가 0입니다(win=0). ${who(side)}의 수신 버퍼가 가득 차서, 윈도가 열릴 때까지 ${topic(peer)} 보내기를 멈춰야 합니다.`,
    windowProbe: (side, peer) =>
      `${who(side)}의 커널이 윈도 프로브를 보냅니다. ${josa(who(peer), '이/가')} 확인 응답한 번호보다 1 작은 번호로, 윈도(win=0)가 열렸는지 묻습니다.`,
    windowOpen: (side, n) => `윈도가 다시 열립니다. 이제 ${topic(side)} ${n}바이트를 받을 수 있습니다.`,
    retransmitted: (side, what, original, ms, unanswered) =>
      `${who(side)}의 커널이 ${what === 'data' ? '같은 데이터를' : josa(what, '을/를')} 다시 보냅니다(#${original}의 재전송). `
      + (unanswered ? `${ms === undefined ? '제시간에' : `${ms} ms 안에`} 확인 응답이 오지 않았습니다` : `${ms === undefined ? '' : `${ms} ms 뒤입니다`}`)
      + `${unanswered && what === 'SYN' ? '. 재전송 타이머가 만료되었습니다' : ''}.`,
    retransmittedAgain: (attempt) =>
      `${attempt}번째 시도입니다. 커널은 시도할 때마다 기다리는 시간을 두 배로 늘립니다(지수 백오프).`,

    // UDP와 ICMP
    datagram: (side, n, preview) =>
      `${subject(side)} ${n}바이트짜리 UDP 데이터그램${quoted(preview)}을 보냅니다. 연결도 핸드셰이크도 없이 그냥 떠납니다.`,
    datagramReply: (side, n, preview) =>
      `${subject(side)} ${n}바이트짜리 데이터그램${quoted(preview)}으로 답합니다. UDP는 확인 응답을 하지 않습니다. 답장도 그저 또 하나의 데이터그램입니다.`,
    portUnreachable: (side, proto, port) =>
      `${who(side)}의 커널이 ICMP 포트 도달 불가(port unreachable)로 답합니다. ${proto} 포트 ${port}에 바인드된 소켓이 없습니다.`,
    portUnreachableUnknown: (side) =>
      `${who(side)}의 커널이 ICMP 포트 도달 불가(port unreachable)로 답합니다. 그 포트에 바인드된 소켓이 없습니다.`,
    unreachable: (side, code) =>
      `${subject(side)} ICMP 목적지 도달 불가(code ${code})를 알립니다. 패킷을 전달하지 못했습니다.`,
    icmp: (side, type, code) => `${subject(side)} ICMP 메시지(type ${type}, code ${code})를 보냅니다.`,
    delivery: (delivered, ms, by, packet) => {
      const why = { user: '사용자가 골랐습니다', delay: '자동 지연 시간이 끝났습니다', rule: '버리기 규칙에 해당합니다', 'session-end': '세션이 끝났습니다' }[by];
      const what = packet === undefined ? '패킷이' : `패킷(${packet})이`;
      return delivered
        ? `${what} 커널 큐에서 ${ms} ms 기다린 뒤 받는 쪽에 전달됩니다 (${why}).`
        : `${what} 커널 큐에서 ${ms} ms 기다린 뒤 버려집니다 (${why}): 받는 쪽은 이 패킷을 보지 못합니다.`;
    },
    drop: (side, socket, count, acceptQueue, inAccept) => acceptQueue
      ? (inAccept
        ? `${topic(side)} accept()에서 기다리는 중인데, 커널이 accept 큐가 가득 차 버린 SYN ${count}개를 셌습니다. Linux는 이 수를 기계 전체에 대해 세므로 ${socket}의 것이 아닐 수 있습니다.`
        : `${who(side)}의 커널이 SYN ${count}개를 버렸습니다. 프로그램이 accept()를 부르지 않아 ${socket}의 accept 큐가 가득 찼기 때문입니다. RST를 보내지 않으므로 클라이언트의 커널은 시간이 지나면 SYN을 다시 보냅니다. (Linux는 이 수를 기계 전체에 대해 셉니다.)`)
      : `${who(side)}의 커널이 ${socket}에 온 데이터그램 ${count}개를 버렸습니다. 수신 버퍼가 가득 찼기 때문입니다. 아무에게도 알리지 않고 그냥 사라집니다.`,

    // 소켓 호출
    socketEnter: (side, proto) => `${subject(side)} 커널에 새 ${proto ? `${proto} ` : ''}소켓을 요청합니다.`,
    socketReturn: (socket, fd) =>
      fd === undefined
        ? `socket()이 반환됩니다. 커널이 엔드포인트(${socket})를 만들었습니다.`
        : `socket()이 파일 디스크립터 ${fd}번을 반환합니다. 커널이 엔드포인트(${socket})를 만들었습니다.`,
    setsockoptEnter: (side, option, value) => `${subject(side)} ${option} 옵션을 ${josa(value, '으로/로')} 설정합니다.`,
    reuseAddr: 'SO_REUSEADDR 옵션을 켜면 이전 연결이 TIME-WAIT에 남아 있어도 서버가 같은 포트에 곧바로 다시 바인드할 수 있습니다.',
    lingerZero: 'l_onoff 1, l_linger 0이면 close()가 FIN을 보내지 않고 연결을 리셋(RST)하며, 아직 보내지 못한 데이터는 버립니다.',
    setsockoptReturn: 'setsockopt()가 0을 반환합니다. 옵션이 설정되었습니다.',
    optionEffect: (option, value) => {
      switch (option) {
        case 'TCP_NODELAY': return value === '0'
          ? 'TCP_NODELAY 0이면 네이글 알고리즘이 켜져 있습니다. 앞서 보낸 바이트가 확인 응답을 받기 전에는 작은 세그먼트가 기다리므로, 작은 send() 호출들이 합쳐집니다.'
          : 'TCP_NODELAY 1은 네이글 알고리즘을 끕니다. 앞서 보낸 바이트가 확인 응답을 받지 않았어도 send()마다 곧바로 자기 세그먼트로 나갑니다.';
        case 'TCP_QUICKACK': return value === '0'
          ? 'TCP_QUICKACK 0이면 커널이 세그먼트마다 곧바로 확인 응답하지 않고 ACK를 늦춰 보냅니다(리눅스에서 약 40ms). 리눅스는 나중에 스스로 빠른 ACK를 다시 켭니다.'
          : 'TCP_QUICKACK 1이면 커널이 세그먼트를 곧바로 확인 응답합니다.';
        case 'SO_RCVBUF': return 'SO_RCVBUF는 그 바이트 수만큼의 수신 버퍼를 요청합니다. 리눅스는 자기 관리용 공간까지 더해 값을 두 배로 잡습니다.';
        case 'SO_SNDBUF': return 'SO_SNDBUF는 그 바이트 수만큼의 송신 버퍼를 요청합니다. 리눅스는 자기 관리용 공간까지 더해 값을 두 배로 잡습니다.';
        default: return undefined;
      }
    },
    getsockoptEnter: (side, option) => `${subject(side)} getsockopt()로 ${option} 값이 무엇인지 커널에 묻습니다.`,
    getsockoptReturn: (option, value) => `getsockopt()가 ${josa(value, '을/를')} 반환합니다. 커널이 ${option}에 대해 가진 값입니다.`,
    getsockoptDoubled: (asked) => `리눅스가 요청한 ${asked}바이트를 두 배로 잡았습니다.`,
    getsockoptNoReuse: 'SO_REUSEADDR가 0(꺼짐)입니다. 커널은 TIME-WAIT에 있는 연결이 아직 쥐고 있는 포트에 이 소켓을 bind하지 못하게 합니다.',
    bindEnter: (side, socket, endpoint) => `${subject(side)} 소켓 ${josa(socket, '을/를')} ${endpoint}에 바인드합니다.`,
    bindAnyPort: (side, socket) =>
      `${subject(side)} 소켓 ${josa(socket, '을/를')} 포트 0에 바인드합니다. 빈 포트는 커널이 골라 줍니다.`,
    bindReturn: (endpoint) =>
      endpoint ? `bind()가 0을 반환합니다. 이제 소켓의 주소는 ${endpoint}입니다.` : 'bind()가 0을 반환합니다. 소켓에 주소가 붙었습니다.',
    listenEnter: (side, backlog) =>
      `${subject(side)} listen()을 호출합니다. 소켓이 수동(passive) 소켓이 되어 연결을 받을 준비를 합니다${backlog === undefined ? '' : `(backlog ${backlog})`}.`,
    listenReturn: 'listen()이 0을 반환합니다. 소켓은 LISTEN 상태입니다. 이제 accept()를 부르기 전에도 커널이 SYN에 스스로 답합니다.',
    acceptEnter: (side) => `${subject(side)} accept()에서 연결을 기다립니다.`,
    acceptReturn: (socket, peer) =>
      `accept()가 ${peer ? `${peer}에서 온 ` : ''}연결을 위한 새 소켓(${socket})을 반환합니다. 리스닝 소켓은 계속 연결을 기다립니다.`,
    connectEnter: (side, endpoint) =>
      `${subject(side)} ${endpoint ? `${josa(endpoint, '으로/로')} ` : ''}connect()를 호출합니다. 커널이 3-way 핸드셰이크를 시작합니다.`,
    connectUdpEnter: (side, endpoint) =>
      `${subject(side)} UDP 소켓에 ${endpoint ? `${josa(endpoint, '으로/로')} ` : ''}connect()를 호출합니다. 커널은 상대 주소만 기록합니다. 패킷은 나가지 않고, UDP에는 핸드셰이크가 없습니다.`,
    connectUdpReturn: (local) =>
      `connect()가 0을 반환합니다. 이제 소켓은 기본으로 그 상대에게 보내고, 그 상대가 보낸 데이터그램만 받습니다.${local ? ` 로컬 주소는 ${local}입니다.` : ''}`,
    connectReturn: (side, local) =>
      `connect()가 0을 반환합니다. 핸드셰이크가 끝나 ${topic(side)} ESTABLISHED 상태입니다.${local ? ` 커널이 로컬 주소로 ${josa(local, '을/를')} 골랐습니다.` : ''}`,
    sendEnter: (side, n, preview) =>
      n === undefined
        ? `${subject(side)} send()를 호출합니다.`
        : `${subject(side)} send()로 ${n}바이트${quoted(preview)}를 넘깁니다.`,
    sendReturn: (n) =>
      `send()가 ${josa(n, '을/를')} 반환합니다. 커널이 데이터를 송신 버퍼에 복사했습니다. 이제 전송은 커널이 맡습니다.`,
    sendtoEnter: (side, n, preview, to) =>
      n === undefined
        ? `${subject(side)} ${to ? `${to}에 ` : ''}sendto()를 호출합니다.`
        : `${subject(side)} sendto()로 ${to ? `${to}에 ` : ''}${n}바이트${quoted(preview)}를 보냅니다.`,
    sendtoReturn: (n) => `sendto()가 ${josa(n, '을/를')} 반환합니다. 데이터그램 전체가 커널에 넘어갔습니다.`,
    recvEnter: (side) => `${subject(side)} recv()를 호출합니다. 데이터가 도착할 때까지 블록됩니다.`,
    recvReturn: (n, preview) =>
      `recv()가 ${josa(String(n), '을/를')} 반환합니다. 프로그램이 수신 버퍼에서 ${n}바이트${quoted(preview)}를 읽습니다.`,
    recvEof: (peer) =>
      `recv()가 0을 반환합니다. 스트림의 끝(EOF)입니다. ${peer ? subject(peer) : '상대가'} FIN을 보냈으니 더 올 데이터가 없습니다.`,
    writeEnter: (side, n, preview) =>
      `${subject(side)} 소켓의 파일 디스크립터에 write()를 호출합니다${n === undefined ? '' : `(${n}바이트${quoted(preview)})`}. 소켓도 파일이며, 소켓에 대한 write()는 플래그 없는 send()와 같습니다.`,
    writeReturn: (n) => `write()가 ${josa(n, '을/를')} 반환합니다. send()처럼 커널이 데이터를 소켓의 송신 버퍼에 복사했습니다.`,
    readEnter: (side) =>
      `${subject(side)} 소켓의 파일 디스크립터에 read()를 호출합니다. 소켓도 파일이며, 소켓에 대한 read()는 플래그 없는 recv()와 같습니다. 데이터가 도착할 때까지 블록됩니다.`,
    readReturn: (n, preview) =>
      `read()가 ${josa(String(n), '을/를')} 반환합니다. 프로그램이 소켓의 수신 버퍼에서 ${n}바이트${quoted(preview)}를 읽습니다.`,
    readEof: 'read()가 0을 반환합니다. 파일의 끝입니다. 상대가 FIN을 보냈으니 더 올 데이터가 없습니다.',
    recvfromEnter: (side) => `${subject(side)} recvfrom()을 호출합니다. 데이터그램이 도착할 때까지 블록됩니다.`,
    recvfromReturn: (n, preview, from) =>
      `recvfrom()이 ${josa(String(n), '을/를')} 반환합니다. ${from ? `${from}에서 온 ` : ''}데이터그램 하나${quoted(preview)}를 통째로 받았습니다.`,
    shutdownEnter: (side) => `${subject(side)} shutdown()을 호출합니다. 더는 데이터를 보내지 않지만 받을 수는 있습니다.`,
    closeConnection: (side, socket) => `${subject(side)} ${socket}에 close()를 호출합니다. 커널이 FIN을 보낼 것입니다.`,
    closeAbortive: (side, socket) =>
      `${subject(side)} SO_LINGER 0으로 ${socket}에 close()를 호출합니다. 커널이 FIN 대신 RST를 보내고, 보내지 못한 데이터는 버립니다.`,
    closeGone: (side, socket) =>
      `${subject(side)} ${socket}에 close()를 호출합니다. 연결은 이미 없으므로(CLOSED) 커널은 아무것도 보내지 않고, close()는 디스크립터만 해제합니다.`,
    closeFinSent: (side, socket) =>
      `${subject(side)} ${socket}에 close()를 호출합니다. FIN은 이미 보냈으므로 새 FIN은 없고, close()는 디스크립터를 해제합니다.`,
    closeListener: (side, socket) =>
      `${subject(side)} 리스닝 소켓 ${josa(socket, '을/를')} 닫습니다. 이제 새 연결을 받지 않습니다.`,
    closeUdp: (side, socket) =>
      `${subject(side)} ${josa(socket, '을/를')} 닫습니다. 끝낼 연결이 없으므로 UDP는 회선에 아무것도 보내지 않습니다.`,
    closeOther: (side, socket) => `${subject(side)} ${socket}에 close()를 호출합니다.`,
    closeConnectionReturn: (socket) =>
      `close()가 곧바로 0을 반환합니다. 프로그램은 ${josa(socket, '을/를')} 다 썼고, 연결 종료는 커널이 알아서 마무리합니다.`,
    closeReturn: (socket) => `close()가 0을 반환합니다. 이제 ${josa(socket, '은/는')} 없습니다.`,
    callEnter: (side, fn) => `${subject(side)} ${fn}() 함수를 호출합니다.`,
    callReturn: (fn, result) =>
      result === undefined ? `${fn}() 호출이 반환되었습니다.` : `${fn}() 호출이 ${josa(result, '을/를')} 반환합니다.`,
    refused: (fn) => `${fn}() 호출이 ECONNREFUSED로 실패합니다. 그 포트에서 기다리는 소켓이 없어 커널이 RST로 답했습니다.`,
    refusedIcmp: (fn) =>
      `${fn}() 호출이 ECONNREFUSED로 실패합니다. 앞서 보낸 데이터그램에 ICMP 포트 도달 불가가 돌아왔고, 커널은 그 오류를 소켓의 다음 호출에서 알립니다.`,
    refusedUnseen: (fn) => `${fn}() 호출이 ECONNREFUSED로 실패합니다. 상대가 연결을 거부했습니다.`,
    reset: (fn) => `${fn}() 호출이 ECONNRESET으로 실패합니다. 상대가 연결을 리셋했습니다(RST).`,
    brokenPipe: (fn) => `${fn}() 호출이 EPIPE로 실패합니다. 연결이 닫혀서 더는 보낼 수 없습니다.`,
    addressInUse: (fn) => `${fn}() 호출이 EADDRINUSE로 실패합니다. 다른 소켓이 이미 그 주소와 포트를 쓰고 있습니다.`,
    failed: (fn, errno, message) => `${fn}() 호출이 ${errno} 오류로 실패합니다${message ? `: ${message}` : ''}.`,

    // TCP 상태
    state: (side, socket, state, meaning) => `${who(side)}의 소켓 ${josa(socket, '은/는')} 이제 ${state} 상태입니다. ${meaning}.`,
    stateKernel: (side, socket, state, meaning) =>
      `커널의 소켓 테이블에 따르면 ${who(side)}의 소켓 ${josa(socket, '은/는')} ${state} 상태입니다. ${meaning}.`,
    meanings: {
      'CLOSED': '연결이 더는 없습니다',
      'LISTEN': '연결 요청(SYN)을 기다립니다',
      'SYN-SENT': 'SYN을 보내고 응답을 기다립니다',
      'SYN-RECEIVED': 'SYN을 받아 SYN-ACK로 답하고, 마지막 ACK를 기다립니다',
      'ESTABLISHED': '연결이 열려 양방향으로 데이터가 오갈 수 있습니다',
      'FIN-WAIT-1': 'FIN을 보내고 그 확인 응답을 기다립니다',
      'FIN-WAIT-2': '보낸 FIN은 확인 응답을 받았고, 이제 상대의 FIN을 기다립니다',
      'CLOSE-WAIT': '상대가 연결을 닫았고, 자기 프로그램이 close()하기를 기다립니다',
      'CLOSING': '양쪽이 동시에 FIN을 보냈고, 자기 FIN의 ACK를 기다립니다',
      'LAST-ACK': '상대에 이어 자기 FIN도 보냈고, 마지막 ACK를 기다립니다',
      'TIME-WAIT': '이 연결의 늦은 세그먼트가 모두 사라지도록 최대 세그먼트 수명(MSL)의 두 배 동안 기다립니다',
    },

    // 커널 소켓 테이블
    sockets: (count, list) => `커널의 소켓 테이블에 이 세션의 소켓이 ${count}개 있습니다: ${list}.`,
    socketsNone: '커널의 소켓 테이블에 이 세션의 소켓이 하나도 없습니다. 모두 사라졌습니다.',
    queued: (socket, n) => `${socket}의 수신 버퍼에 아직 읽지 않은 ${n}바이트가 있습니다.`,
    acceptQueue: (socket, n) => `${socket}에는 accept()를 기다리는 연결이 ${n}개 있습니다.`,
    unsent: (socket, n) => `${socket}에는 아직 확인 응답을 받지 못한 ${n}바이트가 있습니다.`,
    drops: (socket, n) => `${josa(socket, '은/는')} 수신 버퍼가 가득 차서 데이터그램 ${n}개를 버렸습니다.`,

    // 알림
    stepStart: (n, label) => `${n}단계 시작: ${label}.`,
    stepEnd: (n, label) => `${n}단계 완료: ${label}.`,
    captureOn: '패킷 캡처가 켜져 있습니다. tcpdump가 이 세션의 모든 패킷을 기록합니다.',
    captureOff: '패킷 캡처가 꺼져 있습니다. 패킷은 소켓 호출에서 추론해 점선으로 그립니다.',
    networkOwn: '이 세션은 자기만의 네트워크(네트워크 네임스페이스)에서 실행됩니다. 포트, 소켓 테이블, 그리고 가득 찬 accept 큐에서 버려진 SYN 수 같은 카운터는 이 세션만의 것입니다.',
    networkShared: '이 세션은 이 컴퓨터의 네트워크를 함께 씁니다(네트워크 네임스페이스를 만들 수 없었습니다). 포트, 소켓 테이블, 그리고 가득 찬 accept 큐에서 버려진 SYN 수 같은 카운터는 컴퓨터 전체의 것이라 다른 세션과 프로그램의 것도 보일 수 있습니다.',
    sessionEnd: '세션이 끝났습니다.',
  },
};
