import { EN_LADDER_WORDS } from '@sockscope/ladder';
import { codeEn } from './code-en.ts';
import type { Choice, SessionEvent, SessionInfo, Source, StepOp, TcpState } from '@sockscope/protocol';

/**
 * The English catalogue: every user-facing string of the page. Protocol notation (TCP flags,
 * `seq=`, `len=`, call names, state names, errno names) stays literal in every language.
 *
 * Sentence templates take raw values (a side is `client`, `server` or an `address:port`); the
 * catalogue words them itself, so each language can build its own grammar around them.
 */

/** `client` → "the client"; a named endpoint stays as it is. */
function who(side: string): string {
  if (side === 'client') return 'the client';
  if (side === 'server') return 'the server';
  return side;
}

/** The same at the start of a sentence. */
function Who(side: string): string {
  const name = who(side);
  return name.startsWith('the ') ? `T${name.slice(1)}` : name;
}

const bytes = (n: number) => (n === 1 ? '1 byte' : `${n} bytes`);
/** An optional quoted preview, e.g. ` ("hello")`. */
const quoted = (preview: string | undefined) => (preview ? ` (${preview})` : '');

export const en = {
  tagline: 'Real TCP and UDP sockets on the kernel, step by step.',
  /**
   * The built-in scenarios' titles and descriptions, by name, where this language says them
   * otherwise than the server (which says them in English): none here.
   */
  scenarios: {} as Partial<Record<string, { title: string; description: string }>>,
  /** How the page shares the screen with the ladder: presenter view, the folded form and list, the skip link. */
  screen: {
    present: 'Present',
    setup: 'Scenarios and recordings',
    skipToLadder: 'Skip to the ladder',
    ladder: 'Ladder view',
  },
  connection: {
    connecting: 'Connecting…',
    reconnecting: 'Disconnected — reconnecting…',
  },
  language: {
    label: 'Language',
    /** Each language's name written in itself: the same in every catalogue. */
    names: { en: 'English', ko: '한국어' },
  },
  /** A class: a teacher's page opens it, students' pages follow it (src/class/). */
  classroom: {
    teach: 'Teach',
    teachHint: 'Open a class: students follow what this page shows on their own screens',
    dialog: 'Class',
    code: 'Class code',
    link: 'Class link',
    qr: 'QR code of the class link',
    students: (count: number) => (count === 0 ? 'No students yet' : count === 1 ? '1 student watching' : `${count} students watching`),
    localOnly: 'This server listens on this machine only, so students in the room cannot open the link. Restart it with HOST=0.0.0.0 npm start to let them in.',
    network: 'Students on the same network open the link, scan the QR code, or type the code after /?class= on this address.',
    close: 'Close',
    inClass: (code: string) => `Class ${code}`,
    follow: 'Follow the teacher',
    following: "You are following the teacher's view.",
    exploring: "You are exploring on your own: press Follow the teacher to see the teacher's view again.",
    ended: 'The class has ended: the teacher has left.',
  },
  picker: {
    label: 'New session',
    scenario: 'Scenario',
    message: 'Message',
    start: 'Start',
    loading: 'Loading scenarios…',
  },
  code: codeEn,
  hold: {
    wire: 'Wire',
    choice: (choice: 'off' | 'manual' | '250' | '500' | '1000' | '2000') =>
      choice === 'off' ? 'Normal' : choice === 'manual' ? 'Hold each packet' : `Hold, deliver after ${choice} ms`,
    unavailable: (reason: string) => `Holding the wire is unavailable: ${reason}`,
    label: 'Packets in flight',
    inFlight: (count: number) => (count === 0 ? 'No packet in flight' : count === 1 ? '1 packet in flight' : `${count} packets in flight`),
    deliver: 'Deliver',
    drop: 'Drop',
    deliverAll: 'Deliver all',
    next: (label: string) => `Next: ${label}`,
  },
  controls: {
    label: 'Session controls',
    step: 'Step',
    run: 'Run',
    pause: 'Pause',
    reset: 'Reset',
    watching: 'You are watching: only the page that started this session can step, run or reset it.',
  },
  status: {
    label: 'Session status',
    names: {
      ready: 'Ready',
      stepping: 'Stepping…',
      running: 'Running',
      finished: 'Finished',
      failed: 'Failed',
      closed: 'Closed',
    } satisfies Record<SessionInfo['status'], string>,
    progress: (done: number, total: number) => `Step ${done} of ${total}`,
    next: (label: string) => `Next: ${label}`,
    holding: 'Holding the wire (packets captured from the kernel\'s queue)',
    captureOn: 'Capture on (pcap)',
    captureOff: (reason: string | undefined) =>
      reason ? `Capture off: ${reason} — packets inferred` : 'Capture off — packets inferred',
    networkShared: 'Shares this machine\'s network: its ports, socket tables and counters are the machine\'s',
    sessionError: (error: string) => `Error: ${error}`,
  },
  error: {
    dismiss: 'Dismiss',
    badServerMessage: (detail: string) => `The server sent a message this page cannot read: ${detail}`,
    badRequest: (detail: string) => `This request cannot be sent: ${detail}`,
    /** The server's refusals whose meaning is the whole message, in this language (the rest show the server's words). */
    server: {
      'not-presenter': 'Only the page that started this session can step, run, pause, reset, deliver, drop or ask the class: you are watching it.',
      'session-over': 'This session has no steps left: press Reset to start again.',
      'session-busy': 'A step is still running: try again when it ends.',
      'too-many-sessions': 'The server is running as many sessions as it can: try again when one ends.',
      'rate-limited': 'Too many requests at once: slow down a little.',
      'nothing-held': 'No packet is in flight.',
      'unknown-class': "There is no class with this code on this server: check the code on the teacher's screen.",
      'unknown-session': 'This session is gone (the server may have restarted): start a new one.',
      'no-question': 'There is no question to answer there: it was revealed, or nothing follows that event.',
      'python-unavailable': 'Python cannot run on this server: choose Program: Node, or install python3 there (Debian: apt-get install python3).',
    } as Partial<Record<string, string>>,
  },
  /** Pictures of the ladder for slides, from the page (the CLI and the API make the same SVG). */
  exporting: {
    label: 'Export',
    svg: 'SVG',
    png: 'PNG',
    svgHint: 'Download the whole ladder as an SVG picture, for slides',
    pngHint: "Download the whole ladder as a PNG image, at twice the screen's resolution",
    failed: (detail: string) => `The export failed: ${detail}`,
    tooTall: (pixels: number) => `The ladder is ${pixels} pixels tall, too tall for one PNG image; the SVG keeps all of it.`,
    tooMany: (rows: number, max: number) =>
      `The ladder has ${rows.toLocaleString('en')} rows; one picture holds at most ${max.toLocaleString('en')}. Show a shorter connection or flow.`,
  },
  /** The single HTML file that replays a recording offline, with no server. */
  replay: {
    tagline: 'A recording, replayed offline from this file: no server, no network.',
    empty: 'This file holds no recording. Export one from sockscope: npx sockscope export <id> --format html',
    unreadable: (detail: string) => `The recording in this file cannot be read: ${detail}`,
  },
  /** The ladder's own words (@sockscope/ladder), shared with the exported picture, and the page's controls for it. */
  ladder: {
    ...EN_LADDER_WORDS,
    timeAxis: 'Time',
    eventSpaced: 'Event-spaced',
    proportional: 'Proportional time',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
  },
  cursor: {
    label: 'Event cursor',
    previous: 'Previous event',
    next: 'Next event',
    live: 'Live',
    replay: 'Replay',
    position: (n: number, total: number) => `Event ${n} of ${total}`,
    nothing: 'Press Step to run the first socket call.',
  },
  detail: {
    label: 'Event detail',
    close: 'Close',
    field: 'Field',
    value: 'Value',
    source: 'Source',
    via: 'Node or Python call',
    payloadText: 'Payload (text)',
    payloadHex: 'Payload (hex)',
    relative: 'relative',
    absolute: 'absolute',
    window: 'Window',
    windowBytes: (bytes: number) => `${bytes} bytes`,
    windowScaled: (raw: number, scale: number, bytes: number) => `${bytes} bytes (the field ${raw} × 2^${scale}: the window scale from the handshake)`,
    options: 'Options',
    /** A field's name: the event format's own (README, "Event format"). */
    fieldName: (field: string, _kind: SessionEvent['kind']): string => field,
    kindName: (kind: SessionEvent['kind']): string => kind,
    transition: 'Transition',
    /** A call's span, from its enter to its return. */
    call: {
      entered: 'Entered',
      returnedAt: 'Returned',
      failedAt: 'Failed',
      stillWaiting: 'not yet: still blocked',
      blocked: 'Blocked for',
      result: 'Returned value',
      errno: 'Error',
    },
    sources: {
      captured: 'captured on the wire by tcpdump',
      traced: 'traced in the process',
      kernel: "read from the kernel's socket table",
      inferred: 'inferred by sockscope, not seen on the wire',
    } satisfies Record<Source, string>,
  },
  compare: {
    title: 'TCP and UDP side by side',
    open: 'Compare TCP and UDP',
    lesson: 'Same message, two protocols: UDP has no handshake, no acknowledgements and no FIN.',
  },
  /** The kernel's own view beside the ladder: its socket table and the TCP state diagram. */
  kernel: {
    label: "The kernel's view",
    toggle: "Kernel's view",
    sessions: 'Session shown',
    table: {
      caption: 'Kernel socket table',
      /** Where the numbers come from: the kernel's own files, read at a step's end. */
      source: (files: string, ms: string, step: string | undefined) =>
        `Read from ${files} at ${ms} ms${step ? `, after step ${step}` : ''}: the kernel's own numbers.`,
      none: "No reading yet: sockscope reads the kernel's table at the end of every step.",
      empty: "The kernel's table lists none of this session's sockets.",
      socket: 'Socket',
      local: 'Local address',
      remote: 'Remote address',
      state: 'State',
      recvQ: 'Recv-Q',
      sendQ: 'Send-Q',
      drops: 'Drops',
      /** Written under a listener's Recv-Q: there it counts connections, not bytes. */
      acceptQueue: 'accept queue',
      changed: 'changed since the previous reading',
      isNew: 'new',
      gone: 'gone from the table',
    },
    diagram: {
      title: 'TCP state diagram (RFC 9293)',
      socket: 'Socket',
      option: (socket: string, side: string, listener: boolean) => `${socket} (${side}${listener ? ', listener' : ''})`,
      /** The diagram's accessible name. */
      name: (socket: string) => `TCP state diagram of socket ${socket}`,
      current: (state: string) => `${state}, current state`,
      transition: (from: string, to: string, event: string, action: string) => `${from} to ${to}: ${event} / ${action}, the last transition`,
      now: (socket: string, state: string) => `${socket} is in ${state}.`,
      last: (from: string, to: string, event: string, action: string) => `Last transition: ${from} → ${to} (${event} / ${action}).`,
      offFigure: (from: string, to: string) =>
        `Last transition: ${from} → ${to}, which the RFC's figure leaves out (its FIN and the ACK of its own FIN came at once); drawn dashed.`,
      /** A reset (RST sent or received) ends a connection from any state; the RFC's figure leaves these out. */
      reset: (from: string) =>
        `Last transition: ${from} → CLOSED by a reset (RST), which can end a connection in any state; the RFC's figure leaves these out, so it is drawn dashed.`,
      fromKernel: "The kernel's table showed it.",
      none: 'No transition yet: every socket starts in CLOSED.',
      noTcp: 'No TCP socket yet.',
      udp: 'UDP sockets have no connection and no states: the table shows them UNCONN, or ESTABLISHED once connect() has fixed their peer.',
      legend: 'Above each line, the event that causes the transition; below it, what TCP sends (x: nothing).',
    },
  },
  pace: {
    label: 'Pace',
    ms: (ms: number) => `${ms} ms per step`,
  },
  /** The scenario editor: a teacher's own scenario, run, saved and loaded as a file. */
  editor: {
    /** A step's label (protocol's stepLabel) in this language: English is how the protocol writes it. */
    stepLabel: (label: string) => label,
    open: 'Write a scenario',
    editCopy: 'Edit a copy',
    editCopyOf: (title: string) => `Edit a copy of ${title}`,
    copyTitle: (title: string) => `${title} (copy)`,
    untitled: 'My scenario',
    label: 'Scenario editor',
    close: 'Close the editor',
    new: 'New scenario',
    load: 'Load from file',
    save: 'Save to file',
    start: 'Start this scenario',
    replaced: (title: string) => `“${title}” was replaced.`,
    bringBack: 'Bring it back',
    title: 'Title',
    name: 'Name',
    nameHint: (fileName: string) => `Saved as ${fileName}`,
    message: 'Message',
    messageHint: 'What a step sends when its data is “the message”.',
    description: 'Description',
    protocol: 'Protocol',
    switchAsk: (proto: string, removed: string[], adapted: number) =>
      `${proto} cannot run ${removed.length === 1 ? 'this step' : `these ${removed.length} steps`}: ${removed.join('; ')}. Switching removes ${removed.length === 1 ? 'it' : 'them'}.`
      + (adapted > 0 ? ` ${adapted === 1 ? 'A close() step loses its' : `${adapted} close() steps lose their`} TCP options (listener, connection, linger).` : ''),
    switchAdaptOnly: (proto: string, adapted: number) =>
      `${adapted === 1 ? 'A close() step loses its' : `${adapted} close() steps lose their`} TCP options (listener, connection, linger) in ${proto}.`,
    switchConfirm: (proto: string) => `Switch to ${proto}`,
    switchCancel: (proto: string) => `Keep ${proto}`,
    steps: 'Steps',
    step: (n: number) => `Step ${n}`,
    moveUp: (n: number) => `Move step ${n} up`,
    moveDown: (n: number) => `Move step ${n} down`,
    remove: (n: number) => `Remove step ${n}`,
    add: 'Add step',
    fields: {
      side: 'Side',
      op: 'Operation',
      backlog: 'Backlog',
      to: 'To',
      value: 'SO_RCVBUF bytes',
      option: 'Option',
      onOff: 'Value (0 off, 1 on)',
      reuseaddr: 'SO_REUSEADDR: bind again while old connections wait in TIME-WAIT',
      viaFd: "read()/write() on the socket's descriptor",
      data: 'Data',
      text: 'Text',
      bytes: 'Byte count',
      count: 'Times',
      conn: 'Connection #',
      all: 'Until end of file',
      socket: 'Socket',
      linger: 'SO_LINGER 0: reset (RST, no FIN)',
      ms: 'Milliseconds',
    },
    /** What an empty optional field means. */
    defaults: { backlog: 'default', conn: 'latest', count: '1' },
    sides: { client: 'client', server: 'server' },
    /** Berkeley names stay literal; a wait is the program sleeping. */
    ops: {
      listen: 'listen()', accept: 'accept()', connect: 'connect()', bind: 'bind()', socket: 'socket()',
      setsockopt: 'setsockopt()', send: 'send()', sendto: 'sendto()', recv: 'recv()', recvfrom: 'recvfrom()',
      shutdown: 'shutdown(SHUT_WR)', close: 'close()', wait: 'sleep (wait)',
    } satisfies Record<StepOp, string>,
    targets: { 'server': 'the server', 'closed-port': 'a closed port' },
    dataKinds: { message: 'the message', echo: 'echo (what it received last)', text: 'text', bytes: 'bytes (bulk)' },
    sockets: { connection: 'the connection', listener: 'the listener' },
    ready: 'Ready to start or save.',
    problemCount: (n: number) => `${n === 1 ? '1 problem' : `${n} problems`} to fix before starting or saving.`,
    problems: {
      /** A reason the scenario schema gives in its own words (English): said in this language where it can be. */
      schema: (reason: string) => reason,
      required: 'required',
      wholeNumber: 'a whole number',
      atLeast: (n: number) => `at least ${n}`,
      atMost: (n: number) => `at most ${n}`,
      atLeastChars: (n: number) => `at least ${n} characters`,
      atMostChars: (n: number) => `at most ${n} characters`,
      nameFormat: 'lowercase letters, digits and dashes only (at most 64), starting with a letter or digit',
      fewSteps: (n: number) => `add at least ${n} step${n === 1 ? '' : 's'}`,
      manySteps: (n: number) => `at most ${n} steps`,
      requestTooBig: (bytes: number, max: number) =>
        `the scenario takes ${bytes} bytes to send and the server accepts at most ${max}: shorten its texts`,
    },
    fileNotJson: (file: string, line: number, column: number, found: string | null) =>
      `${file} is not valid JSON: at line ${line}, column ${column}, ${found === null ? 'the text ends too early' : `“${found}” is not expected`}.`,
    fileNotJsonUnplaced: (file: string) => `${file} is not valid JSON.`,
    fileNotScenario: (file: string, error: string) => `${file} is not a valid scenario: ${error}`,
    fileTooLarge: (file: string, kib: number, maxKib: number) => `${file} has ${kib} KiB; a scenario file has at most ${maxKib} KiB.`,
    fileUnreadable: (file: string) => `${file} could not be read.`,
    sessionGone: (name: string) =>
      `The session of your scenario “${name}” has ended, and this page no longer has the scenario: open it in the editor and start it again.`,
  },
  /** Saved sessions and imported captures in the page: the list, renaming, deleting, downloading. */
  recordings: {
    label: 'Recordings',
    count: (n: number) => (n === 1 ? '1 recording' : `${n.toLocaleString('en')} recordings`),
    showList: 'Show the list',
    hideList: 'Hide the list',
    loading: 'Loading the recordings…',
    empty: 'No recordings yet. Every session that ran a step is saved here when it ends, and so is every imported file.',
    listFailed: (detail: string) => `The list of recordings could not be fetched: ${detail}`,
    unreachable: 'the server could not be reached',
    retry: 'Try again',
    columns: { name: 'Name', date: 'Saved', what: 'Scenario or file', contents: 'Contents', actions: 'Actions' },
    contents: (events: number, tracks: number) =>
      `${events.toLocaleString('en')} ${events === 1 ? 'event' : 'events'}, ${tracks} ${tracks === 1 ? 'ladder' : 'ladders'}`,
    date: (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }),
    imported: 'imported capture',
    captured: 'captured',
    inferred: 'inferred',
    open: 'Open',
    openNamed: (name: string) => `Open ${name}`,
    compare: 'Beside',
    compareNamed: (name: string) => `Open ${name} beside the ladder shown`,
    rename: 'Rename',
    renameNamed: (name: string) => `Rename ${name}`,
    newName: (name: string) => `New name for ${name}`,
    saveName: 'Save',
    cancelRename: 'Cancel',
    nameProblem: (problem: 'empty' | 'long' | 'control') => ({
      empty: 'A name cannot be empty.',
      long: 'A name has at most 200 characters.',
      control: 'A name cannot contain tabs, line breaks or other control characters.',
    })[problem],
    renameFailed: (detail: string) => `Not renamed: ${detail}`,
    delete: 'Delete',
    deleteNamed: (name: string) => `Delete ${name}`,
    confirmDelete: (name: string) => `Delete “${name}” for good? Its events and its capture are removed from the server.`,
    confirmYes: 'Delete it',
    keep: 'Keep it',
    deleteFailed: (detail: string) => `Not deleted: ${detail}`,
    jsonl: 'JSON Lines',
    jsonlNamed: (name: string) => `Download ${name} as JSON Lines`,
    html: 'Offline HTML',
    htmlNamed: (name: string) => `Download ${name} as one HTML file that replays it offline`,
    pcap: 'pcap',
    pcapNamed: (name: string) => `Download ${name} as pcap`,
    noPcap: (reason: string) => `No pcap: this recording ${reason}.`,
  },
  /** Importing a file: decoded in the page, drawn, then saved on the server. */
  importing: {
    choose: 'Import a file',
    hint: 'pcap, pcapng or sockscope JSON Lines; or drop the file on the page',
    dropHere: 'Drop the file to import it',
    progress: (file: string) => `Import of ${file}`,
    reading: (file: string) => `Decoding ${file}…`,
    read: (bytes: number, size: number, packets: number) =>
      `${(bytes / 1e6).toFixed(1)} of ${(size / 1e6).toFixed(1)} MB · ${packets.toLocaleString('en')} packets`,
    receiving: (file: string) => `Drawing ${file}…`,
    received: (received: number, total: number) => `${received.toLocaleString('en')} of ${total.toLocaleString('en')} events`,
    cancel: 'Cancel the import',
    cancelled: (file: string) => `The import of ${file} was cancelled; nothing was saved.`,
    refusedLine: (file: string, line: number, field: string | undefined, detail: string) =>
      `${file} was not imported: line ${line}${field ? `, field ${field}` : ''}: ${detail}`,
    refused: (file: string, detail: string) => `${file} was not imported: ${detail}`,
    unreadable: (file: string, detail: string) => `${file} could not be read: ${detail}`,
    capture: (file: string, packets: number, tracks: number) => `${file}: ${packets.toLocaleString('en')} ${packets === 1 ? 'packet' : 'packets'}, `
      + (tracks === 0
        ? 'none of them in a TCP connection, UDP flow or ICMP exchange: there is nothing to draw.'
        : `in ${tracks} ${tracks === 1 ? 'connection or flow' : 'connections and flows'}.`),
    recording: (file: string, tracks: number) => `${file}: a sockscope recording of ${tracks} ${tracks === 1 ? 'ladder' : 'ladders'}.`,
    broken: (n: number, drawn: boolean) =>
      `${n.toLocaleString('en')} broken ${n === 1 ? 'packet' : 'packets'}, listed here${drawn ? '; the rest of the file is drawn' : ''}.`,
    brokenFirst: (shown: number, total: number) => `The first ${shown.toLocaleString('en')} of ${total.toLocaleString('en')}:`,
    brokenCaption: 'Broken packets',
    packet: 'Packet',
    offset: 'Offset (bytes)',
    reason: 'Reason',
    saving: 'Saving it on the server…',
    saved: 'Saved on the server: it is in the list.',
    saveFailed: (detail: string) => `Not saved on the server: ${detail}. The drawing stays on this page.`,
    retrySave: 'Try saving again',
    show: 'Show it',
    dismiss: 'Dismiss',
  },
  /** A recording drawn in the page: its ladders, and why Step, Run and Reset are not there. */
  opened: {
    label: 'Recording shown',
    badge: 'Recording',
    noSteps: 'A recording has already run: no Step, Run or Reset; step through its events with ← and →.',
    callsUnknown: 'Socket calls are unknown for an imported capture; its TCP states are inferred from the packets.',
    ladder: 'Ladder',
    compareWith: 'Beside it',
    nothing: 'nothing',
    trackOption: (title: string, packets: number) => `${title} · ${packets.toLocaleString('en')} ${packets === 1 ? 'packet' : 'packets'}`,
    back: 'Back to the live session',
    close: 'Close the recording',
    opening: (name: string, bytes: number) => `Opening ${name}… ${(bytes / 1e6).toFixed(1)} MB read`,
    cancel: 'Stop opening it',
    openFailed: (name: string, detail: string) => `${name} could not be opened: ${detail}`,
    compareTitle: 'Two ladders side by side',
    recordedAt: (iso: string) => `Recorded ${new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}`,
    importedFrom: (file: string) => `Imported from ${file}`,
    end: 'End',
  },
  /** "What happens next?": the presenter asks the class, students answer, the presenter reveals. */
  question: {
    ask: 'What happens next?',
    /** The question, which names the group of its choices. */
    title: 'What happens next?',
    askHint: 'Ask everyone watching this session what happens after the event at the cursor',
    afterStep: (label: string) => `Next step: ${label}`,
    answers: (n: number) => (n === 1 ? '1 answer' : `${n} answers`),
    /** How many chose a choice, shown beside it to the presenter. */
    chose: (n: number) => `${n}`,
    reveal: 'Reveal',
    close: 'Close the question',
    right: 'right',
    yours: 'your answer',
    rightYours: 'You were right.',
    wrongYours: 'Not this time.',
    noneRight: (answer: string) => `None of these: ${answer}`,
    choice: (choice: Choice): string => {
      const side = choice.side ?? 'client';
      const call = `${Who(side)}'s ${choice.fn ?? 'call'}()`;
      switch (choice.key) {
        case 'syn': return `${Who(side)}'s kernel sends SYN`;
        case 'syn-ack': return `${Who(side)}'s kernel answers with SYN-ACK`;
        case 'ack': return `${Who(side)}'s kernel sends an ACK without data`;
        case 'data': return `${Who(side)}'s kernel sends the bytes in a segment`;
        case 'fin': return `${Who(side)}'s kernel sends FIN`;
        case 'rst': return `${Who(side)}'s kernel sends RST`;
        case 'retransmission': return `${Who(side)}'s kernel sends a segment again (a retransmission)`;
        case 'datagram': return `${Who(side)}'s kernel sends a datagram`;
        case 'icmp-unreachable': return `${Who(side)}'s kernel answers with ICMP port unreachable`;
        case 'icmp': return `${Who(side)}'s kernel sends an ICMP message`;
        case 'drop': return `${Who(side)}'s kernel drops packets: a queue is full`;
        case 'accepted': return `${Who(side)}'s accept() returns a new socket`;
        case 'connected': return `${Who(side)}'s connect() returns: connected`;
        case 'received': return `${call} returns the bytes`;
        case 'eof': return `${Who(side)}'s recv() returns 0: end of file`;
        case 'error': return `${call} fails with ${choice.errno ?? 'an error'}`;
        case 'blocks': return `${call} waits: nothing arrives`;
        case 'nothing': return 'Nothing: no packet, no error';
      }
    },
  },
  /** Plain-language sentences for one event (explain.ts picks and joins them). */
  explain: {
    inferred: '(inferred: not captured)',
    /** A Python program's line comes as `python: code`. */
    via: (via: string) => (via.startsWith('python: ') ? `(Python: ${via.slice('python: '.length)})` : `(Node: ${via})`),

    // TCP segments
    syn: (side: string, isn: number) =>
      `${Who(side)}'s kernel sends SYN to open a connection: its initial sequence number is ${isn} (shown as 0).`,
    synUnknownIsn: (side: string) =>
      `${Who(side)}'s kernel sends SYN to open a connection. Its initial sequence number is known only to the kernel (shown as 0).`,
    synAck: (side: string) => `${Who(side)}'s kernel answers the SYN with SYN-ACK.`,
    acceptPending: 'accept() has not returned yet: the handshake is not complete.',
    handshakeAck: (side: string) =>
      `${Who(side)} acknowledges the SYN-ACK: the three-way handshake is complete, both sides are ESTABLISHED.`,
    data: (side: string, n: number, preview: string | undefined, relSeq: number) =>
      `${Who(side)} sends ${bytes(n)}${quoted(preview)} at relative sequence number ${relSeq}.`,
    ackData: (side: string, n: number, next: number) =>
      `${Who(side)}'s kernel acknowledges the ${bytes(n)}: it expects byte ${next} next (ack=${next}).`,
    notReadYet: 'The program has not read them yet.',
    ackFin: (side: string, peer: string) => `${Who(side)}'s kernel acknowledges ${who(peer)}'s FIN.`,
    ackFinDelayed: (side: string, peer: string, ms: string) =>
      `${Who(side)}'s kernel waited ${ms} ms before acknowledging ${who(peer)}'s FIN: a delayed ACK.`,
    halfClosed: (side: string) => `The connection is half-closed: ${who(side)} may still send data.`,
    delayedAck: (ms: string) => `The kernel waited ${ms} ms before sending this ACK: a delayed ACK.`,
    finalAck: (side: string, peer: string) =>
      `${Who(side)} acknowledges ${who(peer)}'s FIN: the connection is closed, and ${who(side)} waits in TIME-WAIT.`,
    ack: (side: string, next: number) => `${Who(side)}'s kernel sends an ACK: it expects byte ${next} next.`,
    fin: (side: string) => `${Who(side)} closes its side: FIN says it will send no more data.`,
    finSecond: (side: string) => `${Who(side)} closes its side too: its FIN ends the other direction.`,
    rst: (side: string) => `${Who(side)}'s kernel sends RST: the connection is reset and ends at once.`,
    rstRefused: (side: string) => `${Who(side)}'s kernel answers the SYN with RST: nothing listens on that port.`,
    segment: (side: string, flags: string) => `${Who(side)}'s kernel sends a segment with ${flags}.`,
    zeroWindow: (side: string, peer: string) =>
      `Its window is 0 (win=0): ${who(side)}'s receive buffer is full, so ${who(peer)} must stop sending until it opens.`,
    windowProbe: (side: string, peer: string) =>
      `${Who(side)}'s kernel sends a window probe: one byte below what ${who(peer)} acknowledged, to ask whether its window (win=0) has opened.`,
    windowOpen: (side: string, n: number) => `The window opens again: ${who(side)} can take ${bytes(n)} now.`,
    /**
     * `what` is the segment's SYN or FIN, or its `data`; `ms` is how long the kernel waited, when it was measured;
     * `unanswered`: nothing from the peer acknowledged it in between. Only an unanswered SYN is surely the timer's doing.
     */
    retransmitted: (side: string, what: 'SYN' | 'FIN' | 'data', original: number, ms: string | undefined, unanswered: boolean) =>
      `${Who(side)}'s kernel sends ${what === 'data' ? 'the same data' : `its ${what}`} again (a retransmission of #${original})`
      + (unanswered ? `: no acknowledgement came${ms === undefined ? ' in time' : ` within ${ms} ms`}` : ms === undefined ? '' : `, ${ms} ms after it`)
      + `${unanswered && what === 'SYN' ? ', so its retransmission timer fired' : ''}.`,
    retransmittedAgain: (attempt: number) =>
      `This is try number ${attempt}: the kernel doubles its wait after every try (exponential backoff).`,

    // UDP and ICMP
    datagram: (side: string, n: number, preview: string | undefined) =>
      `${Who(side)} sends a ${n}-byte UDP datagram${quoted(preview)}. No connection, no handshake: it just leaves.`,
    datagramReply: (side: string, n: number, preview: string | undefined) =>
      `${Who(side)} answers with its own ${n}-byte datagram${quoted(preview)}. UDP acknowledges nothing: the reply is just another datagram.`,
    portUnreachable: (side: string, proto: string, port: number) =>
      `${Who(side)}'s kernel answers with ICMP port unreachable: no socket is bound to ${proto} port ${port}.`,
    portUnreachableUnknown: (side: string) =>
      `${Who(side)}'s kernel answers with ICMP port unreachable: no socket is bound to that port.`,
    unreachable: (side: string, code: number) =>
      `${Who(side)} reports ICMP destination unreachable (code ${code}): the packet could not be delivered.`,
    icmp: (side: string, type: number, code: number) => `${Who(side)} sends an ICMP message (type ${type}, code ${code}).`,
    /** `packet` is the held packet's label (`SYN, ACK seq=0 ack=1`), when it is known. */
    delivery: (delivered: boolean, ms: string, by: 'user' | 'delay' | 'rule' | 'session-end', packet?: string) => {
      const why = { user: 'you chose it', delay: 'the automatic delay ran out', rule: 'the drop rule named it', 'session-end': 'the session ended' }[by];
      const what = packet === undefined ? 'The packet' : `The packet ${packet}`;
      return delivered
        ? `${what} waited ${ms} ms in the kernel's queue and is now delivered to its receiver (${why}).`
        : `${what} waited ${ms} ms in the kernel's queue and is dropped (${why}): the receiver never sees it.`;
    },
    drop: (side: string, socket: string, count: number, acceptQueue: boolean, inAccept: boolean) => acceptQueue
      ? (inAccept
        ? `The kernel counted ${count === 1 ? 'a SYN' : `${count} SYNs`} dropped at a full accept queue while ${who(side)} waits in accept(): Linux counts these drops for the whole machine, so they need not be ${socket}'s.`
        : `${Who(side)}'s kernel dropped ${count === 1 ? 'a SYN' : `${count} SYNs`}: the accept queue of ${socket} was full, because the program does not call accept(). No RST is sent, so the client's kernel will send its SYN again after a timeout. (Linux counts these drops for the whole machine.)`)
      : `${Who(side)}'s kernel dropped ${count === 1 ? 'a datagram' : `${count} datagrams`} for ${socket}: its receive buffer was full. Nobody is told; they are simply gone.`,

    // socket calls
    socketEnter: (side: string, proto: string | undefined) =>
      `${Who(side)} asks the kernel for a new ${proto ? `${proto} ` : ''}socket.`,
    socketReturn: (socket: string, fd: number | undefined) =>
      fd === undefined
        ? `socket() returns: the kernel has created the endpoint ${socket}.`
        : `socket() returns file descriptor ${fd}: the kernel has created the endpoint ${socket}.`,
    setsockoptEnter: (side: string, option: string, value: string) => `${Who(side)} sets the option ${option} to ${value}.`,
    reuseAddr: 'SO_REUSEADDR lets a server bind its port again at once, even while old connections are in TIME-WAIT.',
    lingerZero: 'With l_onoff 1 and l_linger 0, close() sends no FIN: it resets the connection (RST) and throws away any unsent data.',
    setsockoptReturn: 'setsockopt() returns 0: the option is set.',
    /** What an option does, by name; undefined for one without a word here. */
    optionEffect: (option: string, value: string): string | undefined => {
      switch (option) {
        case 'TCP_NODELAY': return value === '0'
          ? "TCP_NODELAY 0 keeps Nagle's algorithm on: a small segment waits while earlier bytes are unacknowledged, so small send() calls are joined."
          : "TCP_NODELAY 1 turns Nagle's algorithm off: each send() leaves at once in a segment of its own, even while earlier bytes are unacknowledged.";
        case 'TCP_QUICKACK': return value === '0'
          ? 'TCP_QUICKACK 0 lets the kernel delay its ACKs (about 40 ms on Linux) instead of acknowledging each segment at once; Linux turns quick ACKs back on by itself later.'
          : 'TCP_QUICKACK 1 makes the kernel acknowledge segments at once.';
        case 'SO_RCVBUF': return 'SO_RCVBUF asks for a receive buffer of that many bytes; Linux doubles the value (room for its own bookkeeping).';
        case 'SO_SNDBUF': return 'SO_SNDBUF asks for a send buffer of that many bytes; Linux doubles the value (room for its own bookkeeping).';
        default: return undefined;
      }
    },
    getsockoptEnter: (side: string, option: string) => `${Who(side)} asks the kernel with getsockopt() what ${option} is.`,
    getsockoptReturn: (option: string, value: string) => `getsockopt() returns ${value}: what the kernel keeps for ${option}.`,
    getsockoptDoubled: (asked: number) => `Linux doubled the ${asked} bytes asked for.`,
    getsockoptNoReuse: 'SO_REUSEADDR is 0 (off): the kernel lets this socket bind no port that a connection in TIME-WAIT still holds.',
    bindEnter: (side: string, socket: string, endpoint: string) => `${Who(side)} binds socket ${socket} to ${endpoint}.`,
    bindAnyPort: (side: string, socket: string) =>
      `${Who(side)} binds socket ${socket} to port 0: the kernel picks a free port.`,
    bindReturn: (endpoint: string | undefined) =>
      endpoint ? `bind() returns 0: the socket now has the address ${endpoint}.` : 'bind() returns 0: the socket has its address.',
    listenEnter: (side: string, backlog: number | undefined) =>
      `${Who(side)} calls listen(): the socket becomes passive and will accept connections${backlog === undefined ? '' : ` (backlog ${backlog})`}.`,
    listenReturn: 'listen() returns 0: the socket is in LISTEN. From now on the kernel answers SYNs by itself, even before accept().',
    acceptEnter: (side: string) => `${Who(side)} waits in accept() for a connection.`,
    acceptReturn: (socket: string, peer: string | undefined) =>
      `accept() returns a new socket (${socket}) for the connection${peer ? ` from ${peer}` : ''}; the listener keeps listening.`,
    connectEnter: (side: string, endpoint: string | undefined) =>
      `${Who(side)} calls connect()${endpoint ? ` to ${endpoint}` : ''}: its kernel starts the three-way handshake.`,
    connectUdpEnter: (side: string, endpoint: string | undefined) =>
      `${Who(side)} calls connect() on its UDP socket${endpoint ? ` with ${endpoint}` : ''}: the kernel only records the peer's address. No packet is sent; UDP has no handshake.`,
    connectUdpReturn: (local: string | undefined) =>
      `connect() returns 0: the socket now sends to that peer by default and takes datagrams only from it.${local ? ` Its local address is ${local}.` : ''}`,
    connectReturn: (side: string, local: string | undefined) =>
      `connect() returns 0: the handshake is complete and ${who(side)} is ESTABLISHED.${local ? ` The kernel chose its local address ${local}.` : ''}`,
    sendEnter: (side: string, n: number | undefined, preview: string | undefined) =>
      `${Who(side)} calls send()${n === undefined ? '' : ` with ${bytes(n)}`}${quoted(preview)}.`,
    sendReturn: (n: string) =>
      `send() returns ${n}: the kernel has copied the bytes into its send buffer. Sending them is now the kernel's job.`,
    sendtoEnter: (side: string, n: number | undefined, preview: string | undefined, to: string | undefined) =>
      `${Who(side)} calls sendto()${n === undefined ? '' : ` with ${bytes(n)}`}${quoted(preview)}${to ? ` for ${to}` : ''}.`,
    sendtoReturn: (n: string) => `sendto() returns ${n}: the whole datagram is handed to the kernel.`,
    recvEnter: (side: string) => `${Who(side)} calls recv(): it blocks until data arrives.`,
    recvReturn: (n: number, preview: string | undefined) =>
      `recv() returns ${n}: the program reads ${bytes(n)}${quoted(preview)} from the receive buffer.`,
    recvEof: (peer: string | undefined) =>
      `recv() returns 0: end of stream (EOF). ${peer ? `${Who(peer)} sent FIN` : 'The other side sent FIN'}: no more data will come.`,
    writeEnter: (side: string, n: number | undefined, preview: string | undefined) =>
      `${Who(side)} calls write() on the socket's file descriptor${n === undefined ? '' : ` with ${bytes(n)}`}${quoted(preview)}: a socket is a file, and write() on it is send() without flags.`,
    writeReturn: (n: string) => `write() returns ${n}: the kernel has copied the bytes into the socket's send buffer, as send() does.`,
    readEnter: (side: string) =>
      `${Who(side)} calls read() on the socket's file descriptor: a socket is a file, and read() on it is recv() without flags. It blocks until data arrives.`,
    readReturn: (n: number, preview: string | undefined) =>
      `read() returns ${n}: the program reads ${bytes(n)}${quoted(preview)} from the socket's receive buffer.`,
    readEof: 'read() returns 0: end of file. The other side sent FIN: no more data will come.',
    recvfromEnter: (side: string) => `${Who(side)} calls recvfrom(): it blocks until a datagram arrives.`,
    recvfromReturn: (n: number, preview: string | undefined, from: string | undefined) =>
      `recvfrom() returns ${n}: one whole datagram${quoted(preview)}${from ? ` from ${from}` : ''}.`,
    shutdownEnter: (side: string) => `${Who(side)} calls shutdown(): it will send no more data but can still receive.`,
    closeConnection: (side: string, socket: string) => `${Who(side)} calls close() on ${socket}: its kernel will send FIN.`,
    closeAbortive: (side: string, socket: string) =>
      `${Who(side)} calls close() on ${socket} with SO_LINGER 0: its kernel sends RST instead of FIN and discards unsent data.`,
    closeGone: (side: string, socket: string) =>
      `${Who(side)} calls close() on ${socket}: the connection is already gone (CLOSED), so its kernel sends nothing; close() frees the descriptor.`,
    closeFinSent: (side: string, socket: string) =>
      `${Who(side)} calls close() on ${socket}: its FIN is already sent, so close() sends no new one; it frees the descriptor.`,
    closeListener: (side: string, socket: string) =>
      `${Who(side)} closes the listening socket ${socket}: it accepts no new connections.`,
    closeUdp: (side: string, socket: string) =>
      `${Who(side)} closes ${socket}. UDP sends nothing: there is no connection to end.`,
    closeOther: (side: string, socket: string) => `${Who(side)} calls close() on ${socket}.`,
    closeConnectionReturn: (socket: string) =>
      `close() returns 0 at once: the program is done with ${socket}; the kernel finishes the close on its own.`,
    closeReturn: (socket: string) => `close() returns 0: ${socket} is gone.`,
    callEnter: (side: string, fn: string) => `${Who(side)} calls ${fn}().`,
    callReturn: (fn: string, result: string | undefined) =>
      result === undefined ? `${fn}() returns.` : `${fn}() returns ${result}.`,
    refused: (fn: string) => `${fn}() fails with ECONNREFUSED: nothing listens on that port, so the kernel answered RST.`,
    refusedIcmp: (fn: string) =>
      `${fn}() fails with ECONNREFUSED: an earlier datagram was answered with ICMP port unreachable, and the kernel reports that error at the socket's next call.`,
    refusedUnseen: (fn: string) => `${fn}() fails with ECONNREFUSED: the other side refused.`,
    reset: (fn: string) => `${fn}() fails with ECONNRESET: the other side reset the connection (RST).`,
    brokenPipe: (fn: string) => `${fn}() fails with EPIPE: the connection is closed, so nothing more can be sent on it.`,
    addressInUse: (fn: string) => `${fn}() fails with EADDRINUSE: another socket already uses that address and port.`,
    failed: (fn: string, errno: string, message: string | undefined) =>
      `${fn}() fails with ${errno}${message ? `: ${message}` : ''}.`,

    // TCP states
    state: (side: string, socket: string, state: string, meaning: string) =>
      `${Who(side)}'s socket ${socket} is now ${state}: ${meaning}.`,
    stateKernel: (side: string, socket: string, state: string, meaning: string) =>
      `The kernel's table says ${who(side)}'s socket ${socket} is ${state}: ${meaning}.`,
    meanings: {
      'CLOSED': 'no connection exists any more',
      'LISTEN': 'it waits for connection requests (SYN)',
      'SYN-SENT': 'it has sent SYN and waits for the answer',
      'SYN-RECEIVED': 'it has received a SYN, answers with SYN-ACK and waits for the last ACK',
      'ESTABLISHED': 'the connection is open and data can flow both ways',
      'FIN-WAIT-1': 'it has sent FIN and waits for it to be acknowledged',
      'FIN-WAIT-2': "its FIN is acknowledged; it waits for the other side's FIN",
      'CLOSE-WAIT': 'the other side has closed; it waits for its own program to close',
      'CLOSING': 'both sides sent FIN at once; it waits for the ACK of its own',
      'LAST-ACK': 'it has sent its FIN after the other side did and waits for the last ACK',
      'TIME-WAIT': 'it waits twice the maximum segment lifetime so that late segments of this connection die out',
    } satisfies Record<TcpState, string>,

    // kernel socket table
    sockets: (count: number, list: string) =>
      `The kernel's socket table lists ${count} ${count === 1 ? 'socket' : 'sockets'} of this session: ${list}.`,
    socketsNone: "The kernel's socket table lists none of this session's sockets: all are gone.",
    queued: (socket: string, n: number) => `${socket} has ${bytes(n)} waiting to be read.`,
    acceptQueue: (socket: string, n: number) =>
      `${socket} has ${n} ${n === 1 ? 'connection' : 'connections'} waiting for accept().`,
    unsent: (socket: string, n: number) => `${socket} has ${bytes(n)} not yet acknowledged.`,
    drops: (socket: string, n: number) =>
      `${socket} has dropped ${n} ${n === 1 ? 'datagram' : 'datagrams'}: its receive buffer was full.`,

    // notes
    stepStart: (n: number, label: string) => `Step ${n} starts: ${label}.`,
    stepEnd: (n: number, label: string) => `Step ${n} is done: ${label}.`,
    captureOn: 'Packet capture is on: tcpdump records every packet of this session.',
    captureOff: 'Packet capture is off: packets are inferred from the socket calls (drawn dashed).',
    networkOwn: 'This session has a network of its own (a network namespace): its ports, socket tables and counters, such as SYNs dropped at a full accept queue, are its alone.',
    networkShared: 'This session shares the machine\'s network (no network namespace could be made): its ports, socket tables and counters, such as SYNs dropped at a full accept queue, are the machine\'s, so other sessions and programs can show in them.',
    sessionEnd: 'The session is over.',
  },
};

/** The shape every locale's catalogue has: `en`'s, with its strings widened to `string`. */
export type Messages = typeof en;
