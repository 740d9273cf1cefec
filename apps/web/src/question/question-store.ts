import type { Choice, Question, ServerMessage } from '@sockscope/protocol';
import { create } from 'zustand';

export type QuestionMessage = Extract<ServerMessage, { type: 'question' | 'tally' | 'revealed' }>;

export interface QuestionData {
  /** The open question of a session this page shows (or the last one revealed), else null. */
  question: Question | null;
  /** This page's answer, pressed among the choices. */
  chosen: number | null;
  /** For the presenter: how many answered, and how many chose each choice. */
  tally: { answers: number; counts: number[] } | null;
  revealed: { right: number | null; answer: Choice; eventId: number } | null;
}

export interface QuestionActions {
  receive(message: QuestionMessage): void;
  /** Records this page's answer; the caller sends it. */
  choose(index: number): void;
  close(): void;
}

export const initialQuestion: QuestionData = { question: null, chosen: null, tally: null, revealed: null };

/** Folds a question, tally or reveal from the server into the state; `state` itself when it is about another question. */
export function applyQuestionMessage<S extends QuestionData>(state: S, message: QuestionMessage): S {
  switch (message.type) {
    case 'question': {
      const { question } = message;
      // The same question again (a resubscription) keeps what the page knows of it.
      if (state.question?.id === question.id) return { ...state, question, chosen: question.chosen ?? state.chosen };
      return { ...state, question, chosen: question.chosen ?? null, tally: null, revealed: null };
    }
    case 'tally':
      return state.question?.id === message.questionId ? { ...state, tally: { answers: message.answers, counts: message.counts } } : state;
    case 'revealed':
      return state.question?.id === message.questionId
        ? { ...state, revealed: { right: message.right, answer: message.answer, eventId: message.eventId } }
        : state;
  }
}

export const useQuestionStore = create<QuestionData & QuestionActions>()((set) => ({
  ...initialQuestion,
  receive: (message) => set((state) => applyQuestionMessage(state, message)),
  choose: (chosen) => set((state) => (state.question && !state.revealed ? { chosen } : state)),
  close: () => set(initialQuestion),
}));

export const selectQuestion = (state: QuestionData) => state.question;
export const selectRevealed = (state: QuestionData) => state.revealed;
/** The question is open: asked and not yet revealed. */
export const selectOpen = (state: QuestionData) => state.question !== null && state.revealed === null;
