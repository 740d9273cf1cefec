import type { DeliveryEvent, HoldOptions, WireEvent } from '@sockscope/protocol';
import { SessionError } from '../errors.ts';
import type { SessionLog } from '../session-log.ts';
import { QUEUE_HELPER } from './availability.ts';
import { DropRepairs } from './drop-repairs.ts';
import { PacketQueue, type QueuedPacket } from './nfqueue.ts';
import { matchesDropRule } from './policy.ts';

export type Verdict = DeliveryEvent['verdict'];

/**
 * How long after a packet last moved (queued, delivered, dropped) the kernels may still be
 * seen answering it: they answer at once, but on a loaded machine their answer can reach us
 * this late through the queue.
 */
const ANSWER_MS = 250;

/** Which packets in flight a decision is about: one (by its event id), the oldest (none given), or all. */
export interface HeldChoice {
  packet?: number;
  all?: boolean;
}

interface HeldPacket {
  packet: number;
  event: WireEvent;
  timer?: NodeJS.Timeout;
}

interface HoldHooks {
  log: SessionLog;
  /** The session's clock, µs. */
  now(): number;
  /** A packet left the kernel's queue for its sender's kernel (or went nowhere), at `t`. */
  afterVerdict(event: WireEvent, verdict: Verdict, t: number): void;
}

/**
 * Hold the wire's bookkeeping: the kernel's packet queue (NFQUEUE) and the packets waiting in
 * it, by the id of their event, oldest first, until a verdict lets them go — the user's, a
 * delay's, the drop rule's (once) or the session end's — each logged as a `delivery` event.
 */
export class HeldPackets {
  readonly #held = new Map<number, HeldPacket>();
  #dropRuleUsed = false;
  readonly #repairs = new DropRepairs();
  #lastMoved = 0;

  private constructor(private readonly queue: PacketQueue, private readonly options: HoldOptions, private readonly hooks: HoldHooks) {}

  /** Starts the queue helper; `onPacket` is each packet the queue hands over, held until `keep` or `pass` says. */
  static async open(options: HoldOptions, hooks: HoldHooks & { onPacket(queued: QueuedPacket): void; onFailure(reason: string): void }): Promise<HeldPackets> {
    const queue = await PacketQueue.open(QUEUE_HELPER, hooks.onPacket, hooks.onFailure);
    return new HeldPackets(queue, options, hooks);
  }

  /** What holding does in this session, in words, for the session's capture note. */
  describe(): string {
    const { delayMs, drop } = this.options;
    const delivery = delayMs === undefined ? 'each waits until you deliver or drop it' : `each is delivered ${delayMs} ms after it was queued`;
    const rule = drop ? ` The first ${drop} packet is dropped.` : '';
    return `Holding the wire: every packet stops in the kernel's queue (NFQUEUE) as it leaves its sender; ${delivery}.${rule} Packets are drawn as the queue hands them over (a full copy).`;
  }

  /** Lets a queued packet go at once, unheld. */
  pass(packet: number): void {
    this.queue.accept(packet);
  }

  /** Holds a queued packet, drawn as `event`; the drop rule or the delay may decide it at once or later. */
  keep(packet: number, event: WireEvent): void {
    const held: HeldPacket = { packet, event };
    this.#held.set(event.id, held);
    this.#lastMoved = Date.now();
    if (event.kind === 'segment') this.#repairs.sent(event);
    const { drop, delayMs } = this.options;
    if (drop && !this.#dropRuleUsed && matchesDropRule(drop, event)) {
      this.#dropRuleUsed = true;
      this.#verdict(event.id, 'dropped', 'rule');
    } else if (delayMs !== undefined) {
      held.timer = setTimeout(() => this.#verdict(event.id, 'delivered', 'delay'), delayMs);
    }
  }

  /** The ids of the events of the packets in flight, oldest first. */
  get ids(): number[] {
    return [...this.#held.keys()];
  }

  /** Whether a packet in flight will be delivered by itself (a delay): the session is not quiet yet. */
  get timed(): boolean {
    return [...this.#held.values()].some((held) => held.timer !== undefined);
  }

  /**
   * What a call blocked on the wire may still be waiting for, in words: packets in the queue,
   * dropped segments their kernels have not yet sent again (and had acknowledged), or the answer
   * to a packet that just moved; undefined when none is left, so that nothing on the wire can
   * move a blocked call any more.
   */
  waitingOn(): string | undefined {
    const held = [...this.#held.values()];
    if (held.length > 0) {
      const oldest = held[0]?.event;
      const byHand = held.filter((packet) => packet.timer === undefined).length;
      const what = `${held.length === 1 ? '1 packet waits' : `${held.length} packets wait`} in the kernel's queue (the oldest: ${oldest ? packetName(oldest) : '?'})`;
      return byHand > 0 ? `${what}, for Deliver or Drop` : what;
    }
    const missing = this.#repairs.missing;
    if (missing.length === 0) return Date.now() - this.#lastMoved < ANSWER_MS ? 'the kernels may still answer the last packet' : undefined;
    return `the dropped ${missing.map(packetName).join(', ')} ${missing.length === 1 ? 'was' : 'were'} not yet sent again and acknowledged`;
  }

  /** The user's verdict on the packet chosen; fails if it is not in flight. */
  decide(verdict: Verdict, choice: HeldChoice): void {
    const ids = choice.all ? this.ids : [choice.packet ?? this.ids[0]];
    const known = ids.filter((id): id is number => id !== undefined && this.#held.has(id));
    if (known.length === 0) {
      throw new SessionError('nothing-held', choice.packet === undefined ? 'no packet is in flight' : `packet #${choice.packet} is not in flight`);
    }
    for (const id of known) this.#verdict(id, verdict, 'user');
  }

  /** The session ends: nothing stays held. */
  deliverAll(): void {
    for (const id of this.ids) this.#verdict(id, 'delivered', 'session-end');
  }

  close(): Promise<void> {
    return this.queue.close();
  }

  #verdict(eventId: number, verdict: Verdict, by: DeliveryEvent['by']): void {
    const held = this.#held.get(eventId);
    if (!held) return;
    this.#held.delete(eventId);
    clearTimeout(held.timer);
    this.#lastMoved = Date.now();
    // Timed before the packet goes: its receiver's answer, queued at once, must not come before it.
    const t = this.hooks.now();
    if (verdict === 'delivered') this.queue.accept(held.packet);
    else this.queue.drop(held.packet);
    if (held.event.kind === 'segment') {
      if (verdict === 'delivered') this.#repairs.delivered(held.event);
      else this.#repairs.dropped(held.event);
    }
    this.hooks.log.append({ kind: 'delivery', source: 'traced', t, of: eventId, verdict, heldUs: Math.max(0, t - held.event.t), by });
    this.hooks.afterVerdict(held.event, verdict, t);
  }
}

/** `SYN, ACK (#23)`, `data (#31)`, `UDP (#12)`: what a packet was, for a sentence. */
function packetName(event: WireEvent): string {
  if (event.kind !== 'segment') return `${event.kind === 'datagram' ? 'UDP datagram' : 'ICMP message'} (#${event.id})`;
  const flags = event.flags.join(', ');
  return `${event.len > 0 ? `${event.len}-byte data segment [${flags}]` : flags} (#${event.id})`;
}
