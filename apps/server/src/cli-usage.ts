import { readFileSync } from 'node:fs';

/** The CLI's version: its package's. */
export const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Each command's usage, as `sockscope <command> --help` prints it. */
export const COMMAND_USAGE = {
  scenarios: `sockscope scenarios
  lists the built-in scenarios: name, protocol, what it shows (tab-separated)`,
  record: `sockscope record <scenario> [--message TEXT] [--capture auto|pcap|off] [--program node|python]
                 [--out FILE] [--save] [--hold [--delay MS] [--drop FLAGS]]
  runs the scenario on the kernel and prints its recording (JSON Lines) to stdout or FILE
  --message TEXT    what the scenario sends (1 to 4,096 bytes)
  --capture MODE    auto (default): capture where tcpdump can, infer otherwise; pcap: capture or fail; off: infer
  --program WHO     who makes the calls: node (default; python for a scenario Node cannot run), or python: the scenario as two Python programs
  --out FILE        write the recording to FILE (atomically) instead of stdout
  --save            also save it as a recording (prints "saved <id>" on stderr)
  --hold            hold the wire: each packet waits in the kernel's queue
  --delay MS        how long each held packet waits (default 0, at most 2000)
  --drop FLAGS      drop the first packet of that kind once: "SYN, ACK", UDP, ICMP, DATA`,
  import: `sockscope import <file> [--name NAME]
  saves a pcap, pcapng or JSON Lines file as one recording; prints each broken packet, then "saved <id>"`,
  recordings: `sockscope recordings
  lists the saved recordings, newest first: id, date, name, scenario, events, tracks, pcap (tab-separated)`,
  export: `sockscope export <id> [--format jsonl|pcap|svg|html] [--out FILE]
  writes a saved recording to stdout or FILE (atomically)
  --format svg      the ladder as a picture for slides [--lang en|ko] [--track ID (twice: side by side)]
  --format html     one file that replays the recording offline (a browser, no server)
  --format pcap     the captured packets (to a file or a pipe, never a terminal)`,
  serve: `sockscope serve
  serves the page and the WebSocket; PORT and HOST set where it listens (default localhost:8080)`,
} as const;

export type Command = keyof typeof COMMAND_USAGE;

export const isCommand = (name: string): name is Command => Object.hasOwn(COMMAND_USAGE, name);

export const USAGE = `usage:
${Object.values(COMMAND_USAGE).map((usage) => `  ${usage.split('\n')[0]}`).join('\n')}
  sockscope <command> --help         what a command does and its options
  sockscope --version
recordings are kept in SOCKSCOPE_DATA, else ~/.local/share/sockscope (XDG_DATA_HOME)`;
