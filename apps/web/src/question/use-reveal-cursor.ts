import { useEffect, useRef } from 'react';
import type { ShownLadder } from '../use-ladders.ts';
import { useViewStore } from '../view-store.ts';
import { rowOfEvent } from './reveal-row.ts';
import { useQuestionStore } from './question-store.ts';

/**
 * On a reveal, every page moves its cursor to the real event (once per question), so everyone
 * reads its explanation; when the reveal stepped the session, that waits for the event to arrive.
 */
export function useRevealCursor(ladders: readonly ShownLadder[]): void {
  const question = useQuestionStore((state) => state.question);
  const revealed = useQuestionStore((state) => state.revealed);
  const moved = useRef<string | null>(null);
  useEffect(() => {
    if (!question || !revealed || moved.current === question.id) return;
    const ladder = ladders.find((candidate) => candidate.sessionId === question.sessionId && !candidate.recorded);
    if (!ladder) return;
    const row = rowOfEvent(ladder.layout.rows, ladder.slot.events, revealed.eventId);
    if (row === undefined) return;
    moved.current = question.id;
    const view = useViewStore.getState();
    view.setFocus(ladder.place);
    view.moveCursor(ladder.sessionId, row, ladder.layout.rows.length);
  }, [question, revealed, ladders]);
}
