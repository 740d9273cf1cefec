import type { AbsenceKind } from './absence-marks.ts';
import { josa } from './josa.ts';
import { koreanStepLabel } from './step-words.ts';

/**
 * The words a ladder picture carries, in each language it speaks: the page, the offline replay
 * and the server's SVG all draw with these. The page's catalogue (apps/web/src/i18n) embeds them
 * in its `ladder` section rather than saying them again.
 */
export const LOCALES = ['en', 'ko'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export interface LadderWords {
  label: string;
  client: string;
  server: string;
  /** A compressed pause, with its real length. */
  gap(duration: string): string;
  step(n: number, label: string): string;
  /** Above a closed port's lane, over its `address:port`: the kernel refused what came there. */
  nothingListening: string;
  /** On the bracket joining rows that proportional time drew apart. */
  spread: string;
  inferred: string;
  captured: string;
  inFlight: string;
  held(delivered: boolean, duration: string): string;
  droppedHere: string;
  /** An arrow's accessible name; begins with its label (tests find arrows by their flags). */
  arrowName(label: string, from: string, to: string, source: string): string;
  /** A call's accessible name; begins with the call, e.g. "accept() on server, waiting". */
  callName(call: string, side: string, state: string): string;
  /** A state mark's accessible name; begins with the state. */
  stateName(state: string, side: string, socket: string): string;
  waiting: string;
  returned(result: string): string;
  failed(errno: string): string;
  /** Written beside a retransmitted segment's label; `original` is the event id of the segment it repeats. */
  retransmission(original: number): string;
  /** A drop's mark on the lifeline of the side whose kernel counted it. */
  dropped(count: number, acceptQueue: boolean): string;
  /** A drop mark's accessible name; begins with what was dropped. */
  dropName(label: string, side: string, socket: string): string;
  /** Under an exported picture's title: what drew it and when (the recording's date, or the moment of export). */
  pictureSubtitle(date: Date): string;
  /** A derived mark on a UDP ladder, where the TCP ladder beside it shows a handshake, an ACK of data or a FIN. */
  absent(kind: AbsenceKind): string;
  /** That mark's accessible name; begins with its words. */
  absentName(kind: AbsenceKind): string;
}

export const EN_LADDER_WORDS: LadderWords = {
  label: 'Ladder diagram',
  client: 'client',
  server: 'server',
  nothingListening: 'nothing listening',
  spread: "drawn apart: these happened closer together than a row's height",
  gap: (duration) => `${duration} pass`,
  step: (n, label) => `Step ${n}: ${label}`,
  inferred: 'inferred',
  captured: 'captured',
  inFlight: 'in flight',
  held: (delivered, duration) => `${delivered ? 'delivered' : 'dropped'} after ${duration}`,
  droppedHere: 'dropped',
  arrowName: (label, from, to, source) => `${label}, ${from} to ${to}, ${source}`,
  callName: (call, side, state) => `${call} on ${side}, ${state}`,
  stateName: (state, side, socket) => `${state}: ${side} socket ${socket}`,
  waiting: 'waiting',
  returned: (result) => `returned ${result}`,
  failed: (errno) => `failed with ${errno}`,
  retransmission: (original) => `retransmission of #${original}`,
  dropped: (count, acceptQueue) => acceptQueue
    ? `${count === 1 ? 'SYN' : `${count} SYNs`} dropped: accept queue full`
    : `${count} ${count === 1 ? 'datagram' : 'datagrams'} dropped: receive buffer full`,
  dropName: (label, side, socket) => `${label}, by the ${side}'s kernel, socket ${socket}`,
  pictureSubtitle: (date) =>
    `sockscope · real sockets on the Linux kernel · ${date.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' })}`,
  absent: (kind) => ({ handshake: 'no handshake', ack: 'no ACK', fin: 'no FIN' })[kind],
  absentName: (kind) => `${EN_LADDER_WORDS.absent(kind)} (derived, not captured): the TCP ladder beside shows ${
    ({ handshake: 'a three-way handshake', ack: 'an ACK of data', fin: 'a FIN' })[kind]} here; this ladder has no such packet`,
};

export const KO_LADDER_WORDS: LadderWords = {
  label: '래더 다이어그램',
  client: '클라이언트',
  server: '서버',
  nothingListening: '수신 대기 소켓 없음',
  spread: '한 줄 높이보다 가까운 시각에 일어나서 벌려 그림',
  gap: (duration) => `${duration} 경과`,
  step: (n, label) => `${n}단계: ${koreanStepLabel(label)}`,
  inferred: '추론',
  captured: '캡처',
  inFlight: '전송 중',
  held: (delivered, duration) => `${duration} 뒤 ${delivered ? '전달됨' : '버려짐'}`,
  droppedHere: '버려짐',
  arrowName: (label, from, to, source) => `${label}, ${from}에서 ${josa(to, '으로/로')}, ${source}`,
  callName: (call, side, state) => `${call}: ${side}에서 ${state}`,
  stateName: (state, side, socket) => `${state}: ${side} 소켓 ${socket}`,
  waiting: '대기 중',
  returned: (result) => `${result} 반환`,
  failed: (errno) => `${errno} 오류로 실패`,
  retransmission: (original) => `#${original}의 재전송`,
  dropped: (count, acceptQueue) => acceptQueue
    ? `SYN ${count}개 버려짐: accept 큐가 가득 참`
    : `데이터그램 ${count}개 버려짐: 수신 버퍼가 가득 참`,
  dropName: (label, side, socket) => `${label}, ${side}의 커널, 소켓 ${socket}`,
  pictureSubtitle: (date) => `sockscope · 리눅스 커널의 실제 소켓 · ${date.toLocaleString('ko-KR', { dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23' })}`,
  absent: (kind) => ({ handshake: '핸드셰이크 없음', ack: 'ACK 없음', fin: 'FIN 없음' })[kind],
  absentName: (kind) => `${KO_LADDER_WORDS.absent(kind)} (도출, 캡처 아님): 옆의 TCP 래더에는 여기에 ${
    ({ handshake: '3-way 핸드셰이크가', ack: '데이터에 대한 ACK가', fin: 'FIN이' })[kind]} 있고, 이 래더에는 그런 패킷이 없음`,
};

/** What a lane's header says: whose it is, or that nothing listened at its port. */
export function laneName(lane: { side: string; closed?: boolean }, words: LadderWords): string {
  if (lane.closed) return words.nothingListening;
  return lane.side === 'client' ? words.client : lane.side === 'server' ? words.server : lane.side;
}

/** A lane named in a sentence (an arrow's accessible name): a closed port by its endpoint too. */
export function laneTitle(lane: { side: string; endpoint?: string; closed?: boolean }, words: LadderWords): string {
  return lane.closed && lane.endpoint ? `${lane.endpoint} (${words.nothingListening})` : laneName(lane, words);
}

const BY_LOCALE: Record<Locale, LadderWords> = { en: EN_LADDER_WORDS, ko: KO_LADDER_WORDS };

export function ladderWordsFor(locale: Locale): LadderWords {
  return BY_LOCALE[locale];
}
