// The import pipeline: pure (no Node modules), so the page runs the same code in a Web Worker.
export { CaptureImporter, CaptureImportError, importCapture } from './capture-importer.ts';
export type { CaptureImport, CaptureImportOptions, ImportProgress } from './capture-importer.ts';
export { FileImporter, importFile, type ImportedFile } from './file-importer.ts';
