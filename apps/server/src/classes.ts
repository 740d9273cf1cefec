import { randomInt } from 'node:crypto';
import { SessionError } from '@sockscope/engine';
import {
  CLASS_CODE_ALPHABET, CLASS_CODE_LENGTH, PROTOCOL_VERSION, type ClassReach, type ClassView, type ServerMessage,
} from '@sockscope/protocol';

/** One connection in a class: whose page it is (its client key) and how to reach it. */
export interface ClassMember {
  client(): string;
  send(data: string): void;
}

interface Room {
  readonly code: string;
  /** The teacher's client key: only it may set the view. */
  readonly owner: string;
  readonly members: Set<ClassMember>;
  /** The latest view, as sent: serialised once for every student, and kept for those who join later. */
  view?: string;
}

/**
 * The open classes: each belongs to one client (its teacher), has a short code students type, and
 * relays the teacher's latest view to every page that joined it. A connection is in one class at most.
 */
export class Classes {
  readonly #byCode = new Map<string, Room>();
  readonly #byOwner = new Map<string, Room>();
  readonly #roomOf = new Map<ClassMember, Room>();

  constructor(private readonly reach: ClassReach) {}

  /** The member's own class, made if it has none; the reply says its code. */
  open(member: ClassMember, requestId?: string): void {
    const owner = member.client();
    let room = this.#byOwner.get(owner);
    if (!room) {
      room = { code: this.#newCode(), owner, members: new Set() };
      this.#byCode.set(room.code, room);
      this.#byOwner.set(owner, room);
    }
    this.#enter(member, room, requestId);
  }

  join(code: string, member: ClassMember, requestId?: string): void {
    const room = this.#byCode.get(code.toUpperCase());
    if (!room) throw new SessionError('unknown-class', `there is no class ${code.toUpperCase()} on this server: check the code on the teacher's screen`);
    this.#enter(member, room, requestId);
    if (room.view !== undefined) member.send(room.view);
  }

  /** The teacher's view, to every other page in the class. */
  setView(code: string, member: ClassMember, view: ClassView): void {
    const room = this.#byCode.get(code.toUpperCase());
    if (!room) throw new SessionError('unknown-class', `there is no class ${code.toUpperCase()} on this server`);
    if (member.client() !== room.owner) throw new SessionError('not-presenter', 'only the teacher who opened this class can set what it shows: you are following it');
    room.view = JSON.stringify({ v: PROTOCOL_VERSION, type: 'class-view', code: room.code, view } satisfies ServerMessage);
    for (const other of room.members) if (other !== member) other.send(room.view);
  }

  leave(member: ClassMember): void {
    const room = this.#roomOf.get(member);
    if (!room) return;
    this.#roomOf.delete(member);
    room.members.delete(member);
    this.#tellTeachers(room);
  }

  /** The teacher's client has left for good: its class ends, and its students are told. */
  endOf(owner: string): void {
    const room = this.#byOwner.get(owner);
    if (!room) return;
    this.#byOwner.delete(owner);
    this.#byCode.delete(room.code);
    for (const member of room.members) {
      this.#roomOf.delete(member);
      member.send(this.#info(room, member, 'ended'));
    }
  }

  #enter(member: ClassMember, room: Room, requestId?: string): void {
    const before = this.#roomOf.get(member);
    if (before && before !== room) this.leave(member);
    room.members.add(member);
    this.#roomOf.set(member, room);
    member.send(this.#info(room, member, 'open', requestId));
    this.#tellTeachers(room, member);
  }

  /** Each of the teacher's pages hears how many students there are now (`except`: it was just told). */
  #tellTeachers(room: Room, except?: ClassMember): void {
    for (const member of room.members) {
      if (member !== except && member.client() === room.owner) member.send(this.#info(room, member, 'open'));
    }
  }

  #info(room: Room, member: ClassMember, status: 'open' | 'ended', requestId?: string): string {
    const students = new Set([...room.members].map((each) => each.client()).filter((client) => client !== room.owner)).size;
    return JSON.stringify({
      v: PROTOCOL_VERSION, type: 'class', code: room.code, role: member.client() === room.owner ? 'teacher' : 'student', status, students,
      reach: this.reach, ...(requestId !== undefined && { requestId }),
    } satisfies ServerMessage);
  }

  #newCode(): string {
    for (;;) {
      const code = Array.from({ length: CLASS_CODE_LENGTH }, () => CLASS_CODE_ALPHABET[randomInt(CLASS_CODE_ALPHABET.length)]).join('');
      if (!this.#byCode.has(code)) return code;
    }
  }
}
