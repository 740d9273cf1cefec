import { MAX_MESSAGE_BYTES, type HoldOptions } from '@sockscope/protocol';
import { useId, useState, type FormEvent } from 'react';
import { blankDraft, copyOf } from '../editor/draft.ts';
import { selectEditorOpen, useEditorStore } from '../editor/editor-store.ts';
import { EDITOR_ID } from '../editor/ScenarioEditor.tsx';
import { viewFromUrl } from '../location.ts';
import { useMessages } from '../messages.ts';
import { selectConnection, selectScenarios, shownSlots, useSessionStore } from '../session-store.ts';
import type { SessionCommands } from '../ws-client.ts';
import { scenarioWords } from '../scenario-words.ts';
import { ProgramChoice, useRuntimeToOpen } from '../code/ProgramChoice.tsx';

interface Draft {
  scenario: string;
  message: string;
}

const COMPARE = ['tcp-echo', 'udp-echo'];
/** The wire choices: off, held until the user decides, or delivered after a delay (ms). */
const WIRE_CHOICES = ['off', 'manual', '250', '500', '1000', '2000'] as const;
type WireChoice = (typeof WIRE_CHOICES)[number];

function holdOf(choice: WireChoice): HoldOptions | undefined {
  if (choice === 'off') return undefined;
  return choice === 'manual' ? {} : { delayMs: Number(choice) };
}

/** Chooses a scenario and the message it sends, and starts a session of it (or TCP and UDP side by side). */
export function ScenarioPicker({ commands }: { commands: SessionCommands }) {
  const text = useMessages();
  const scenarios = useSessionStore(selectScenarios);
  const first = useSessionStore((state) => shownSlots(state)[0]?.info);
  const connected = useSessionStore(selectConnection) === 'open';
  const editing = useEditorStore(selectEditorOpen);
  // Null until the user changes something: until then the form shows the running session.
  const [draft, setDraft] = useState<Draft | null>(null);
  const scenarioId = useId();
  const messageId = useId();
  const wireId = useId();
  const wireNoteId = useId();
  const teachesId = useId();
  const holdAvailability = useSessionStore((state) => state.hold);
  const [wire, setWire] = useState<WireChoice>('off');
  const canHold = holdAvailability?.available === true;
  const hold = canHold ? holdOf(wire) : undefined;
  // Python's programs cannot hold the wire yet (the server refuses it): a held wire runs Node, and the choice says so.
  const program = useRuntimeToOpen(hold !== undefined);

  if (!scenarios) return <p className="picker-loading">{text.picker.loading}</p>;

  // A scenario the user wrote is not in this list: the select then offers the first built-in one.
  const defaultName = [first?.scenario, viewFromUrl(window.location.search)?.scenarios[0]]
    .find((name) => scenarios.some((scenario) => scenario.name === name)) ?? scenarios[0]?.name ?? '';
  const scenarioName = draft?.scenario ?? defaultName;
  const chosen = scenarios.find((scenario) => scenario.name === scenarioName);
  const message = draft?.message ?? (first?.scenario === scenarioName ? first.message : chosen?.message ?? '');
  const canCompare = COMPARE.every((name) => scenarios.some((scenario) => scenario.name === name));

  const start = (event: FormEvent) => {
    event.preventDefault();
    if (chosen) commands.open([chosen.name], message, hold, program);
  };

  return (
    <form className="picker" aria-label={text.picker.label} onSubmit={start}>
      <div className="field">
        <label htmlFor={scenarioId}>{text.picker.scenario}</label>
        <select
          id={scenarioId}
          value={chosen ? scenarioName : ''}
          aria-describedby={chosen ? teachesId : undefined}
          onChange={(event) => {
            const next = scenarios.find((scenario) => scenario.name === event.target.value);
            if (next) setDraft({ scenario: next.name, message: next.message });
          }}
        >
          {!chosen && <option value="" disabled />}
          {scenarios.map((scenario) => (
            <option key={scenario.name} value={scenario.name}>{scenarioWords(text, scenario).title}</option>
          ))}
        </select>
      </div>
      <div className="field field-grow">
        <label htmlFor={messageId}>{text.picker.message}</label>
        <input
          id={messageId}
          type="text"
          value={message}
          maxLength={MAX_MESSAGE_BYTES}
          onChange={(event) => setDraft({ scenario: scenarioName, message: event.target.value })}
        />
      </div>
      <ProgramChoice holding={hold !== undefined} />
      <div className="field">
        <label htmlFor={wireId}>{text.hold.wire}</label>
        <select
          id={wireId}
          value={canHold ? wire : 'off'}
          disabled={!canHold}
          aria-describedby={canHold ? undefined : wireNoteId}
          onChange={(event) => setWire(event.target.value as WireChoice)}
        >
          {WIRE_CHOICES.map((choice) => <option key={choice} value={choice}>{text.hold.choice(choice)}</option>)}
        </select>
        {holdAvailability && !holdAvailability.available && (
          <small id={wireNoteId} className="field-note" title={holdAvailability.reason}>{text.hold.unavailable(holdAvailability.reason)}</small>
        )}
      </div>
      <button type="submit" disabled={!connected || !chosen}>{text.picker.start}</button>
      {canCompare && (
        <button type="button" disabled={!connected} onClick={() => commands.open(COMPARE, message, hold, program)}>{text.compare.open}</button>
      )}
      <span className="picker-editor">
        {chosen?.definition && (
          <button
            type="button"
            aria-label={text.editor.editCopyOf(scenarioWords(text, chosen).title)}
            onClick={() => chosen.definition && useEditorStore.getState().replaceDraft(copyOf(chosen.definition, text.editor.copyTitle(scenarioWords(text, chosen).title)))}
          >
            {text.editor.editCopy}
          </button>
        )}
        <button
          type="button"
          aria-expanded={editing}
          aria-controls={editing ? EDITOR_ID : undefined}
          onClick={() => {
            const editor = useEditorStore.getState();
            if (editing) editor.closeEditor();
            else editor.openEditor(blankDraft(text.editor.untitled));
          }}
        >
          {text.editor.open}
        </button>
      </span>
      {/* What the scenario teaches, before it starts: a class knows what to look for. */}
      {chosen && <p id={teachesId} className="picker-teaches">{scenarioWords(text, chosen).description}</p>}
    </form>
  );
}
