import type { ReactElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { XmlTools } from '@sockscope/ladder';

/** The browser's side of a picture: React renders into a node outside the page, the browser's own XML tools. */
export function renderInBrowser(element: ReactElement): string {
  const container = document.createElement('div');
  const root = createRoot(container);
  try {
    flushSync(() => root.render(element));
    const svg = container.firstElementChild;
    if (!svg) throw new Error('the ladder drew nothing');
    return new XMLSerializer().serializeToString(svg);
  } finally {
    root.unmount();
  }
}

export const browserXml: XmlTools<Document> = {
  parse(xml) {
    const document = new DOMParser().parseFromString(xml, 'image/svg+xml');
    const error = document.querySelector('parsererror');
    if (error) throw new Error(`the picture is not well-formed XML: ${error.textContent ?? ''}`);
    return document;
  },
  serialize: (document) => new XMLSerializer().serializeToString(document),
};

/** Chromium's largest canvas side; Firefox and Safari allow about as much. */
const MAX_CANVAS_SIDE = 32_767;

export class TooTallError extends Error {
  constructor(readonly pixels: number) {
    super(`${pixels} pixels is too tall for a PNG`);
  }
}

/** The SVG drawn on a canvas at `scale` (2: sharp on a projector), as a PNG. */
export async function rasterise(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  if (Math.max(width, height) * scale > MAX_CANVAS_SIDE) throw new TooTallError(Math.round(Math.max(width, height) * scale));
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser gives no 2D canvas');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => {
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas made no PNG'))), 'image/png');
    });
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves a file through the browser's download, as a link with `download` does. */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Not revoked at once: some browsers read the blob only after the click has returned.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
