export { dataDirectory } from './data-dir.ts';
export { NoCaptureError, RecordingNotFoundError, RecordingStore, type SaveOptions, type StoredCapture } from './store.ts';
export { importIntoStore, type StoredImport } from './store-import.ts';
