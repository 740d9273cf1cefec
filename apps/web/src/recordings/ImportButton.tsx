import { useEffect, useId, useState } from 'react';
import { useMessages } from '../messages.ts';
import { useImportStore } from './import-store.ts';

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') === true;
const startImport = (file: File) => useImportStore.getState().start(file);

/**
 * Chooses a file to import, and takes one dropped anywhere on the page: a pcap or pcapng
 * capture, or a sockscope JSON Lines recording (told apart by their first bytes, not their names).
 */
export function ImportButton() {
  const text = useMessages();
  const hintId = useId();
  const dragging = useDroppedFiles(startImport);
  return (
    <>
      <label className="file-button">
        {text.importing.choose}
        {/* No `accept`: captures come named .pcap, .cap, .dmp or nothing at all; the first bytes say what a file is. */}
        <input
          type="file"
          aria-describedby={hintId}
          onChange={(event) => {
            const file = event.target.files?.[0];
            // Cleared, so that choosing the same file again imports it again.
            event.target.value = '';
            if (file) startImport(file);
          }}
        />
      </label>
      <span id={hintId} className="import-hint">{text.importing.hint}</span>
      {dragging && <div className="drop-overlay" aria-hidden="true"><p>{text.importing.dropHere}</p></div>}
    </>
  );
}

/** Files dropped on the page go to `take`; returns whether one is being dragged over it. */
function useDroppedFiles(take: (file: File) => void): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    // dragenter and dragleave fire for every element crossed: counted, the overlay does not flicker.
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth += 1;
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (event: DragEvent) => {
      if (hasFiles(event)) event.preventDefault();
    };
    const drop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (file) take(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [take]);
  return dragging;
}
