import { SessionError } from '@sockscope/engine';
import {
  ClientMessage, MAX_CLIENT_MESSAGE_BYTES, RequestId, parseWith, Scenario, PROTOCOL_VERSION, type ErrorCode, type ServerMessage,
  type SessionInfo,
} from '@sockscope/protocol';
import WebSocket, { type RawData } from 'ws';
import { RateLimit } from './rate-limit.ts';
import type { SessionFeeds } from './session-feed.ts';
import type { ClassMember, Classes } from './classes.ts';
import { Clients } from './clients.ts';
import type { QuestionChange, Questions } from './questions.ts';
import type { ManagedSession, SessionManager } from './session-manager.ts';

interface Subscription {
  stop(): void;
}

/** What only a session's presenter may ask of it. */
const DRIVING: ReadonlySet<ClientMessage['type']> = new Set(['step', 'run', 'pause', 'reset', 'deliver', 'drop', 'ask', 'reveal']);

/** One browser (or script) on the WebSocket: its requests, its subscriptions, its replies. */
export class ClientConnection {
  readonly #subscriptions = new Map<string, Subscription>();
  readonly #rate = new RateLimit(60, 30);
  readonly #stopStatus: () => void;
  readonly #stopQuestions: () => void;

  /** Who this connection is: a fresh client, until it says it is one the server knew (resume-client). */
  #client = Clients.newKey();
  /** This connection in a class it opened or joined. */
  readonly #member: ClassMember = {
    client: () => this.#client,
    send: (data) => {
      if (this.ws.readyState === WebSocket.OPEN) this.ws.send(data);
    },
  };

  constructor(
    private readonly ws: WebSocket, private readonly manager: SessionManager, serverVersion: string, private readonly feeds: SessionFeeds,
    private readonly clients: Clients, private readonly questions: Questions, private readonly classes: Classes, thisMachine: boolean,
  ) {
    clients.attach(this.#client);
    this.#stopQuestions = questions.onChange((change) => this.#questionChanged(change));
    this.#stopStatus = manager.onStatus((info, owner) => {
      const subscription = this.#subscriptions.get(info.id);
      if (!subscription) return;
      this.#send({ v: PROTOCOL_VERSION, type: 'session', session: this.#asSeen(info, owner) });
      // A closed session logs nothing more: let it go.
      if (info.status === 'closed') {
        subscription.stop();
        this.#subscriptions.delete(info.id);
      }
    });
    ws.on('message', (data, isBinary) => void this.#receive(data, isBinary));
    ws.on('close', () => this.dispose());
    void this.manager.holdAvailability().then((hold) => this.#send({ v: PROTOCOL_VERSION, type: 'welcome', serverVersion, hold, python: this.manager.pythonAvailability(), clientKey: this.#client, thisMachine }));
  }

  /** A session's status as this client sees it: whether it is its presenter. */
  #asSeen(info: SessionInfo, owner: string | undefined): SessionInfo {
    return { ...info, presenter: owner === undefined || owner === this.#client };
  }

  dispose(): void {
    this.classes.leave(this.#member);
    this.clients.detach(this.#client);
    this.#stopStatus();
    this.#stopQuestions();
    for (const subscription of this.#subscriptions.values()) subscription.stop();
    this.#subscriptions.clear();
  }

  #send(message: ServerMessage): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  #error(code: ErrorCode, message: string, requestId?: string): void {
    this.#send({ v: PROTOCOL_VERSION, type: 'error', code, message, ...(requestId !== undefined && { requestId }) });
  }

  async #receive(data: RawData, isBinary: boolean): Promise<void> {
    const size = Array.isArray(data) ? data.reduce((sum, part) => sum + part.length, 0) : data.byteLength;
    if (size > MAX_CLIENT_MESSAGE_BYTES) {
      return this.#error('too-large', `the message has ${size} bytes; at most ${MAX_CLIENT_MESSAGE_BYTES} are accepted`);
    }
    if (!this.#rate.take()) return this.#error('rate-limited', 'too many messages; slow down');
    if (isBinary) return this.#error('bad-message', 'send JSON text, not binary frames');
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      return this.#error('bad-json', 'the message is not valid JSON');
    }
    // Echoed on the error only when it is one the schema allows: a reply must itself be valid.
    const claimed = (json as { requestId?: unknown } | null)?.requestId;
    const requestId = RequestId.safeParse(claimed).success ? (claimed as string) : undefined;
    const parsed = parseWith(ClientMessage, json);
    if (!parsed.ok) return this.#error('bad-message', `the message was refused: ${parsed.error}`, requestId);
    try {
      await this.#handle(parsed.value);
    } catch (error) {
      if (error instanceof SessionError) return this.#error(error.code, error.message, requestId);
      console.error('sockscope: a request failed:', error);
      this.#error('internal', `the server could not do that: ${error instanceof Error ? error.message : String(error)}`, requestId);
    }
  }

  async #handle(message: ClientMessage): Promise<void> {
    const requestId = message.requestId;
    const reply = (managed: ManagedSession) => this.#send({
      v: PROTOCOL_VERSION, type: 'session', session: this.#asSeen(this.manager.info(managed), managed.owner), ...(requestId !== undefined && { requestId }),
    });
    // Driving a session is its presenter's: everyone else who opens it watches.
    if (DRIVING.has(message.type) && 'sessionId' in message) this.manager.assertPresenter(message.sessionId, this.#client);
    switch (message.type) {
      case 'resume-client':
        this.clients.detach(this.#client);
        this.#client = message.clientKey;
        this.clients.attach(this.#client);
        return;
      case 'list-scenarios':
        return this.#send({ v: PROTOCOL_VERSION, type: 'scenarios', scenarios: this.manager.scenarios(), ...(requestId !== undefined && { requestId }) });
      case 'create-session': {
        let scenario: string | Scenario = '';
        if (typeof message.scenario === 'string') scenario = message.scenario;
        else {
          const parsed = parseWith(Scenario, message.scenario);
          if (!parsed.ok) return this.#error('bad-scenario', `the scenario is not valid: ${parsed.error}`, requestId);
          scenario = parsed.value;
        }
        const managed = await this.manager.create({
          scenario, ...(message.hold && { hold: message.hold }),
          ...(message.message !== undefined && { message: message.message }),
          ...(message.capture !== undefined && { capture: message.capture }),
          ...(message.program !== undefined && { program: message.program }),
        }, this.#client);
        return reply(managed);
      }
      case 'subscribe':
        return this.#subscribe(message.sessionId, message.afterId, requestId);
      case 'unsubscribe':
        this.#subscriptions.get(message.sessionId)?.stop();
        this.#subscriptions.delete(message.sessionId);
        return;
      case 'step':
        return this.manager.step(message.sessionId);
      case 'run':
        return this.manager.run(message.sessionId, message.paceMs);
      case 'pause':
        return this.manager.pause(message.sessionId);
      case 'reset': {
        return reply(await this.manager.reset(message.sessionId));
      }
      case 'deliver':
        return this.manager.decide(message.sessionId, 'delivered', {
          ...(message.packet !== undefined && { packet: message.packet }), ...(message.all && { all: true }),
        });
      case 'drop':
        return this.manager.decide(message.sessionId, 'dropped', { ...(message.packet !== undefined && { packet: message.packet }) });
      case 'open-class':
        return this.classes.open(this.#member, requestId);
      case 'join-class':
        return this.classes.join(message.code, this.#member, requestId);
      case 'class-view':
        return this.classes.setView(message.code, this.#member, message.view);
      case 'ask':
        this.questions.ask(message.sessionId, message.after);
        return;
      case 'answer':
        return this.questions.answer(message.sessionId, message.questionId, this.#client, message.choice);
      case 'reveal':
        return this.questions.reveal(message.sessionId, message.questionId);
      default: {
        const unknown: never = message;
        throw new Error(`unhandled message ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** Sends the session's status, then its events after `afterId`, then each new one (through its shared feed). */
  #subscribe(sessionId: string, afterId: number, requestId?: string): void {
    const managed = this.manager.get(sessionId);
    this.#subscriptions.get(sessionId)?.stop();
    this.#send({ v: PROTOCOL_VERSION, type: 'session', session: this.#asSeen(this.manager.info(managed), managed.owner), ...(requestId !== undefined && { requestId }) });
    const leave = this.feeds.join(sessionId, managed.session.log, afterId, (data) => {
      if (this.ws.readyState === WebSocket.OPEN) this.ws.send(data, { binary: false });
    });
    this.#subscriptions.set(sessionId, { stop: leave });
    // One who joins while a question is open is asked it too.
    if (this.questions.questionFor(sessionId, this.#client)) this.#questionChanged({ kind: 'asked', sessionId, presenter: managed.owner });
  }

  /** Tells this client about a question of a session it watches: the question, the reveal, and (to its presenter) the tally. */
  #questionChanged(change: QuestionChange): void {
    const { sessionId } = change;
    if (!this.#subscriptions.has(sessionId)) return;
    if (change.kind === 'revealed') {
      const { kind: _kind, ...revealed } = change;
      return this.#send({ v: PROTOCOL_VERSION, type: 'revealed', ...revealed });
    }
    const question = this.questions.questionFor(sessionId, this.#client);
    if (change.kind === 'asked' && question) this.#send({ v: PROTOCOL_VERSION, type: 'question', question });
    const tally = change.presenter === undefined || change.presenter === this.#client ? this.questions.tally(sessionId) : undefined;
    if (tally) this.#send({ v: PROTOCOL_VERSION, type: 'tally', sessionId, ...tally });
  }
}
