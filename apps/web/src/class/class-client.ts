import { CLASS_PARAM, ClassCode, type ClassView, type ServerMessage } from '@sockscope/protocol';
import { loadedById, useOpenedRecordings } from '../recordings/opened-store.ts';
import { openRecording } from '../recordings/open-recording.ts';
import { useSessionStore } from '../session-store.ts';
import { useViewStore } from '../view-store.ts';
import type { Channel, SessionClient } from '../ws-client.ts';
import { selectFollowing, stopFollowing, useClassStore } from './class-store.ts';

/** At most this often the teacher's view goes to the class (excalidraw sends its presenter's about as often). */
const VIEW_EVERY_MS = 100;

/**
 * The page's part in a class, on the page's one WebSocket: a teacher's page opens the class and
 * sends its view (throttled, the latest wins); a student's page joins it and, while following,
 * shows what the view says: the same sessions or recording, time axis and zoom (the cursor and
 * the selection need the ladders' rows: ClassSync does those).
 */
class ClassLink implements Channel {
  /** Teach was pressed: the server's answer makes this page the teacher. */
  #teaching = false;
  #pending: ClassView | null = null;
  #lastSent = '';
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The sessions last asked for on the teacher's behalf, while their replies are awaited. */
  #watched = '';
  /** Changes this link makes itself, which are not the student moving on. */
  #applying = false;

  constructor(private readonly client: SessionClient) {
    client.addChannel(this);
    useClassStore.subscribe((state, before) => {
      if (state.view !== before.view || state.following !== before.following) this.#applyShown();
    });
    // A recording the teacher shows has arrived (it loads off the main thread): show its tracks.
    useOpenedRecordings.subscribe((state, before) => {
      if (state.loaded !== before.loaded) this.#applyShown();
    });
    // The student started a scenario of their own: they are exploring, not following.
    useSessionStore.subscribe((state, before) => {
      if (!this.#applying && state.shown !== before.shown && state.shown.length > 0 && state.shown.every((id) => id === null)) stopFollowing();
    });
  }

  opened(): void {
    const { code, role } = useClassStore.getState();
    // After a reconnect the server hears again which class this connection is in (a student gets the view again).
    if (role === 'student' && code) this.client.send({ type: 'join-class', code });
    else if (role === 'teacher' || this.#teaching) this.client.send({ type: 'open-class' });
  }

  receive(message: ServerMessage): boolean {
    if (message.type === 'class') {
      useClassStore.getState().received(message);
      return true;
    }
    if (message.type === 'class-view') {
      useClassStore.getState().viewReceived(message.view);
      return true;
    }
    // A link to a class that is over (or mistyped): the page is in none; the banner says why.
    if (message.type === 'error' && message.code === 'unknown-class') useClassStore.getState().left();
    return false;
  }

  teach(): void {
    this.#teaching = true;
    rememberTeaching();
    if (this.client.isOpen) this.client.send({ type: 'open-class' });
  }

  join(code: string): void {
    useClassStore.getState().joining(code);
    if (this.client.isOpen) this.opened();
  }

  publish(view: ClassView): void {
    this.#pending = view;
    if (this.#timer !== undefined) return;
    this.#flush();
    this.#timer = setTimeout(() => this.#tick(), VIEW_EVERY_MS);
  }

  #tick(): void {
    this.#timer = undefined;
    if (!this.#pending) return;
    this.#flush();
    this.#timer = setTimeout(() => this.#tick(), VIEW_EVERY_MS);
  }

  #flush(): void {
    const view = this.#pending;
    const { code } = useClassStore.getState();
    this.#pending = null;
    const json = JSON.stringify(view);
    if (!view || !code || json === this.#lastSent) return;
    if (this.client.send({ type: 'class-view', code, view })) this.#lastSent = json;
  }

  #applyShown(): void {
    const { view } = useClassStore.getState();
    // Showing sessions closes a recording, which brings this back here: once is enough.
    if (!view || !selectFollowing(useClassStore.getState()) || this.#applying) return;
    this.#applying = true;
    try {
      const viewStore = useViewStore.getState();
      if (viewStore.timeMode !== view.timeMode || viewStore.zoomIndex !== view.zoomIndex) {
        useViewStore.setState({ timeMode: view.timeMode, zoomIndex: view.zoomIndex });
      }
      const { shown } = view;
      const opened = useOpenedRecordings.getState();
      if (shown.kind === 'live') {
        if (opened.shown.length > 0) opened.close();
        const target = shown.sessions.join(',');
        const current = useSessionStore.getState().shown;
        const settled = current.every((id) => id !== null);
        const watch = target !== current.join(',') && (target !== this.#watched || settled);
        this.#watched = target;
        if (watch) this.client.watch(shown.sessions);
        return;
      }
      const held = loadedById(opened, shown.id);
      if (!held) {
        if (opened.opening?.id !== shown.id) openRecording(shown.id, shown.name);
        return;
      }
      const refs = shown.tracks.map((track) => ({ key: held.key, track }));
      if (JSON.stringify(refs) === JSON.stringify(opened.shown)) return;
      opened.add(held);
      if (refs[0]) opened.chooseTrack(0, refs[0]);
      opened.compareWith(refs[1] ?? null);
    } finally {
      this.#applying = false;
    }
  }
}

let link: ClassLink | undefined;

/** This tab teaches: after a reload it opens its class again (the server keeps it for the same client). */
const TEACHING_STORAGE = 'sockscope.teaching';

function rememberTeaching(): void {
  try {
    globalThis.sessionStorage?.setItem(TEACHING_STORAGE, '1');
  } catch {
    // Without storage a reload leaves the class; Teach opens the same one again.
  }
}

function wasTeaching(): boolean {
  try {
    return globalThis.sessionStorage?.getItem(TEACHING_STORAGE) === '1';
  } catch {
    return false;
  }
}

/** Puts the page's class on its socket; a class link (`?class=CODE`) joins that class. */
export function startClass(client: SessionClient, search: string): void {
  link = new ClassLink(client);
  const code = ClassCode.safeParse(new URLSearchParams(search).get(CLASS_PARAM));
  if (code.success) link.join(code.data);
  else if (wasTeaching()) link.teach();
}

/** Teach: opens this page's class (or shows the one it has). */
export function teach(): void {
  if (useClassStore.getState().role === 'teacher') useClassStore.getState().setDialogOpen(true);
  else link?.teach();
}

/** The teacher's view, for the class: sent at most every VIEW_EVERY_MS, the latest winning. */
export function publishView(view: ClassView): void {
  link?.publish(view);
}

/** The class link for the page at `origin` (its LAN address when the server listens on the room's network). */
export function classLink(code: string, origin: string, lanAddress: string | undefined): string {
  const url = new URL(origin);
  if (lanAddress) url.hostname = lanAddress.includes(':') ? `[${lanAddress}]` : lanAddress;
  url.pathname = '/';
  url.search = `?${CLASS_PARAM}=${code}`;
  return url.toString();
}
