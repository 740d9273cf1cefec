/** The Code pane's and the program choice's words (en.ts's `code`). */
export const codeEn = {
  program: {
    label: 'Program',
    python: 'Python',
    node: 'Node',
    /** Why Python is not offered here, from the server's welcome. */
    pythonUnavailable: (reason: string) => `Python cannot run on this server, so sessions run on Node: ${reason}`,
    /** Holding the wire needs Node's calls. */
    noHoldWithPython: 'Holding the wire runs Node: Python programs cannot hold the wire yet.',
  },
  toggle: 'Code',
  label: 'Code: the programs that make the calls',
  side: (side: 'client' | 'server'): string => (side === 'server' ? 'Server program' : 'Client program'),
  /** Spoken after a line's text. */
  currentMark: 'made the event at the cursor',
  lastMark: 'the last call before the event at the cursor',
  nextMark: 'runs next',
  nextTag: 'next',
  /** The line summary above the programs. */
  now: (side: 'client' | 'server', line: number, exact: boolean, code: string) =>
    `${exact ? 'This event was made by' : 'Last call before this event:'} ${side === 'server' ? 'the server' : 'the client'}'s line ${line}: ${code}`,
  nothingYet: 'No line has run yet.',
  next: (side: 'client' | 'server', line: number, code: string) => `Next: ${side === 'server' ? 'the server' : 'the client'}'s line ${line}: ${code}`,
  done: 'Every step has run.',
  /** A line's button: shows its first call on the ladder. */
  showCall: (line: number) => `Line ${line}: show its call on the ladder`,
  node: "This session's calls are made by Node (net and dgram), which has no program text to show: each call names the Node call behind it (its origin, in the detail). Choose Program: Python to see the program's lines.",
  capture: 'An imported capture has no program: its packets were captured on some other machine.',
};
