import { useId, type ReactNode } from 'react';

/** What a control needs to say it is at fault: the id of the problem text that explains why. */
export interface Fault {
  /** Id of the element that words the problem; absent when the field is fine. */
  describedBy?: string | undefined;
}

const faultProps = ({ describedBy }: Fault) =>
  describedBy ? { 'aria-invalid': true as const, 'aria-describedby': describedBy } : {};

/** What every field takes: its label, its value, what to do with a new one, and its fault. */
interface FieldProps<T> {
  label: string;
  value: T;
  onChange: (value: T) => void;
  fault?: Fault;
}

/** A control under its label; the label names it by the id `control` is given. */
function Labelled({ label, className = 'edit-field', control }: { label: string; className?: string; control: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {control(id)}
    </div>
  );
}

export function SelectField<T extends string>({ label, value, options, onChange, fault = {}, control }: FieldProps<T> & {
  options: readonly { value: T; label: string }[];
  /** Names the control for focus moves (`data-control`). */
  control?: string;
}) {
  return (
    <Labelled label={label} control={(id) => (
      <select id={id} value={value} data-control={control} onChange={(event) => onChange(event.target.value as T)} {...faultProps(fault)}>
        {options.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
      </select>
    )} />
  );
}

/**
 * A whole number. Cleared, an optional one goes back to its default (undefined, with the
 * default as placeholder) and a required one becomes NaN, which validation reports as missing.
 */
export function NumberField({ label, value, onChange, min, max, optional = false, placeholder, fault = {} }: FieldProps<number | undefined> & {
  min: number;
  max: number;
  optional?: boolean;
  placeholder?: string;
}) {
  return (
    <Labelled label={label} className="edit-field edit-number" control={(id) => (
      <input
        id={id}
        type="number"
        inputMode="numeric"
        step={1}
        min={min}
        max={max}
        placeholder={placeholder}
        value={typeof value === 'number' && Number.isFinite(value) ? value : ''}
        onChange={(event) => {
          const raw = event.target.value;
          onChange(raw === '' ? (optional ? undefined : Number.NaN) : Number(raw));
        }}
        {...faultProps(fault)}
      />
    )} />
  );
}

/**
 * A text, with its problem and hint shown under it and read with it; or, in a step, `fault`
 * links it to the step's list of problems.
 */
export function TextField({ label, value, onChange, problem, fault = {}, hint, wide = false, multiline = false }: FieldProps<string> & {
  problem?: string | undefined;
  hint?: ReactNode;
  wide?: boolean;
  multiline?: boolean;
}) {
  const id = useId();
  const problemId = useId();
  const hintId = useId();
  const describedBy = [fault.describedBy, problem ? problemId : undefined, hint ? hintId : undefined].filter(Boolean).join(' ');
  const props = {
    id,
    value,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
    ...((problem || fault.describedBy) && { 'aria-invalid': true as const }),
    ...(describedBy && { 'aria-describedby': describedBy }),
  };
  return (
    <div className={`edit-field${wide ? ' edit-wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea rows={2} {...props} /> : <input type="text" {...props} />}
      {problem && <span id={problemId} className="edit-problem">{problem}</span>}
      {hint && <span id={hintId} className="edit-hint">{hint}</span>}
    </div>
  );
}

export function CheckField({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="edit-check">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <span>{label}</span>
    </label>
  );
}
