export * from './events.ts';
export * from './scenario.ts';
export * from './messages.ts';
export * from './validate.ts';
export * from './recording.ts';
export * from './recording-jsonl.ts';
export * from './recordings-api.ts';
export * from './display-text.ts';
