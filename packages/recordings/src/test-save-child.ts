// Test-only: a process that saves one large recording and says when it starts, so that the
// crash test can kill it (SIGKILL) part way through. Run: node --import tsx test-save-child.ts <root> <events>
import { RecordingStore } from './store.ts';
import { sessionRecording } from './test-recordings.ts';

const [root, count] = process.argv.slice(2);
if (!root || !count) throw new Error('usage: test-save-child.ts <store folder> <events>');
const store = await RecordingStore.open(root);
const recording = sessionRecording('large', Number(count));
const capture = { bytes: new Uint8Array(8 * 1024 * 1024).fill(0xab), format: 'pcap' as const };
process.stdout.write('saving\n');
const saved = await store.save(recording, { capture });
process.stdout.write(`saved ${saved.id}\n`);
