import { stepLabel, type ScenarioStep } from '@sockscope/protocol';
import type { Messages } from '../i18n/en.ts';
import { problemField, type Problem } from './draft.ts';

type EditorWords = Messages['editor'];

/**
 * A problem in the reader's words. The checks the editor can name (a value missing, too small,
 * too large) are worded by the catalogue; the schema's own reasons (a text over 4096 bytes,
 * waits adding up to too much) are the schema's words, said by the catalogue in its language.
 */
export function describeProblem(problem: Problem, words: EditorWords): string {
  const { problems } = words;
  switch (problem.code) {
    case 'invalid_type':
      // A cleared number is NaN, a missing one undefined: both are simply not there yet.
      return problem.expected === 'int' ? problems.wholeNumber : problems.required;
    case 'too_small':
      if (problem.origin === 'array') return problems.fewSteps(problem.minimum ?? 1);
      if (problem.origin === 'string') return problem.minimum === 1 ? problems.required : problems.atLeastChars(problem.minimum ?? 1);
      return problems.atLeast(problem.minimum ?? 0);
    case 'too_big':
      if (problem.origin === 'array') return problems.manySteps(problem.maximum ?? 0);
      if (problem.origin === 'string') return problems.atMostChars(problem.maximum ?? 0);
      if (problem.origin === 'request') return problems.requestTooBig(problem.actual ?? 0, problem.maximum ?? 0);
      return problems.atMost(problem.maximum ?? 0);
    case 'invalid_format':
      return problem.path[0] === 'name' ? problems.nameFormat : problems.schema(problem.message);
    default:
      return problems.schema(problem.message);
  }
}

/** The Berkeley label the ladder will show for a step, in the page's language; a cleared number reads "…", not "NaN". */
export function draftStepLabel(step: ScenarioStep, words: EditorWords): string {
  return words.stepLabel(stepLabel(step)).replaceAll('NaN', '…');
}

/** A step's problem with the argument it is about: "Milliseconds: at most 5000". */
export function describeStepProblem(problem: Problem, words: EditorWords): string {
  const field = problemField(problem);
  const label = field !== undefined && field in words.fields ? words.fields[field as keyof EditorWords['fields']] : undefined;
  const reason = describeProblem(problem, words);
  return label ? `${label}: ${reason}` : reason;
}
