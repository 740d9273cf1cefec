import { MAX_BULK_BYTES, OPTIONS_BY_PROTO, SCENARIO_LIMITS, type ScenarioStep, type SendData } from '@sockscope/protocol';
import { useId } from 'react';
import { useMessages, type Messages } from '../messages.ts';
import {
  dataKind, dataOfKind, opsFor, problemField, SIDES, withArg, withCloseSocket, withOp, withSide,
  type DataKind, type DraftStep, type Problem, type Proto,
} from './draft.ts';
import { CheckField, NumberField, SelectField, TextField, type Fault } from './fields.tsx';
import { describeStepProblem, draftStepLabel } from './wording.ts';

type Words = Messages['editor'];

export interface StepEditorProps {
  entry: DraftStep;
  index: number;
  count: number;
  proto: Proto;
  problems: Problem[];
  onChange: (id: number, step: ScenarioStep) => void;
  onMove: (id: number, by: -1 | 1) => void;
  onRemove: (id: number) => void;
}

/** One step: its side, its operation, the arguments that operation takes, and what is wrong with them. */
export function StepEditor({ entry, index, count, proto, problems, onChange, onMove, onRemove }: StepEditorProps) {
  const words = useMessages().editor;
  const nameId = useId();
  const problemsId = useId();
  const { step } = entry;
  const number = index + 1;
  const update = (next: ScenarioStep) => onChange(entry.id, next);
  const fault = (field: string): Fault => ({ describedBy: problems.some((problem) => problemField(problem) === field) ? problemsId : undefined });
  const ops = opsFor(proto, step.side);
  return (
    <li className="step" data-step-id={entry.id}>
      <div role="group" aria-labelledby={nameId} {...(problems.length > 0 && { 'aria-describedby': problemsId })}>
        <div className="step-head">
          <span id={nameId} className="step-number">{words.step(number)}</span>
          <code className="step-label">{draftStepLabel(step, words)}</code>
          <span className="step-buttons">
            <button type="button" className="icon" data-control="up" aria-label={words.moveUp(number)} title={words.moveUp(number)}
              disabled={index === 0} onClick={() => onMove(entry.id, -1)}>↑</button>
            <button type="button" className="icon" data-control="down" aria-label={words.moveDown(number)} title={words.moveDown(number)}
              disabled={index === count - 1} onClick={() => onMove(entry.id, 1)}>↓</button>
            <button type="button" className="icon danger" data-control="remove" aria-label={words.remove(number)} title={words.remove(number)}
              onClick={() => onRemove(entry.id)}>✕</button>
          </span>
        </div>
        <div className="step-fields">
          <SelectField
            label={words.fields.side}
            value={step.side}
            options={SIDES.map((side) => ({ value: side, label: words.sides[side] }))}
            onChange={(side) => update(withSide(step, side, proto))}
            fault={fault('side')}
          />
          <SelectField
            label={words.fields.op}
            control="op"
            value={step.op}
            // A step loaded from a file may hold an op the side's list lacks; it stays selectable so the select tells the truth.
            options={(ops.includes(step.op) ? ops : [...ops, step.op]).map((op) => ({ value: op, label: words.ops[op] }))}
            onChange={(op) => update(withOp(step, op, proto))}
            fault={fault('op')}
          />
          <StepArguments step={step} proto={proto} words={words} update={update} fault={fault} />
        </div>
        {problems.length > 0 && (
          <ul id={problemsId} className="step-problems">
            {problems.map((problem, at) => <li key={at}>{describeStepProblem(problem, words)}</li>)}
          </ul>
        )}
      </div>
    </li>
  );
}

interface ArgumentProps {
  step: ScenarioStep;
  proto: Proto;
  words: Words;
  update: (step: ScenarioStep) => void;
  fault: (field: string) => Fault;
}

function StepArguments({ step, proto, words, update, fault }: ArgumentProps) {
  const tcp = proto === 'tcp';
  switch (step.op) {
    case 'listen':
      return (
        <>
          <NumberField label={words.fields.backlog} value={step.backlog} optional placeholder={words.defaults.backlog}
            min={0} max={SCENARIO_LIMITS.backlog} onChange={(backlog) => update(withArg(step, 'backlog', backlog))} fault={fault('backlog')} />
          <CheckField label={words.fields.reuseaddr} checked={step.reuseaddr !== false}
            onChange={(reuse) => update(withArg(step, 'reuseaddr', reuse ? undefined : false))} />
        </>
      );
    case 'connect':
      return <TargetField step={step} words={words} update={update} fault={fault} />;
    case 'setsockopt':
      if (!tcp) {
        return (
          <NumberField label={words.fields.value} value={step.value} min={1} max={SCENARIO_LIMITS.recvBufferBytes}
            onChange={(value) => update({ ...step, value: value ?? Number.NaN })} fault={fault('value')} />
        );
      }
      return (
        <>
          <SelectField label={words.fields.option} value={step.option}
            options={OPTIONS_BY_PROTO.tcp.map((option) => ({ value: option, label: option }))}
            onChange={(option) => update({ ...step, option })} fault={fault('option')} />
          <NumberField label={words.fields.onOff} value={step.value} min={0} max={1}
            onChange={(value) => update({ ...step, value: value ?? Number.NaN })} fault={fault('value')} />
          <ConnField step={step} words={words} update={update} fault={fault} />
        </>
      );
    case 'send':
      return (
        <>
          <DataFields data={step.data} words={words} onChange={(data) => update({ ...step, data })} fault={fault} />
          <ConnField step={step} words={words} update={update} fault={fault} />
          <NumberField label={words.fields.count} value={step.count} optional placeholder={words.defaults.count}
            min={1} max={SCENARIO_LIMITS.burst} onChange={(count) => update(withArg(step, 'count', count))} fault={fault('count')} />
          <ViaField step={step} words={words} update={update} />
        </>
      );
    case 'sendto':
      return (
        <>
          <DataFields data={step.data} words={words} onChange={(data) => update({ ...step, data })} fault={fault} />
          <TargetField step={step} words={words} update={update} fault={fault} />
          <NumberField label={words.fields.count} value={step.count} optional placeholder={words.defaults.count}
            min={1} max={SCENARIO_LIMITS.burst} onChange={(count) => update(withArg(step, 'count', count))} fault={fault('count')} />
        </>
      );
    case 'recv':
      return (
        <>
          <ConnField step={step} words={words} update={update} fault={fault} />
          <CheckField label={words.fields.all} checked={step.all === true} onChange={(all) => update(withArg(step, 'all', all || undefined))} />
          <ViaField step={step} words={words} update={update} />
        </>
      );
    case 'shutdown':
      return <ConnField step={step} words={words} update={update} fault={fault} />;
    case 'close': {
      if (!tcp) return null;
      const listener = step.socket === 'listener';
      return (
        <>
          {step.side === 'server' && (
            <SelectField label={words.fields.socket} value={listener ? 'listener' : 'connection'}
              options={(['connection', 'listener'] as const).map((socket) => ({ value: socket, label: words.sockets[socket] }))}
              onChange={(socket) => update(withCloseSocket(step, socket))} fault={fault('socket')} />
          )}
          {!listener && <ConnField step={step} words={words} update={update} fault={fault} />}
          {!listener && (
            <CheckField label={words.fields.linger} checked={step.linger === 0}
              onChange={(linger) => update(withArg(step, 'linger', linger ? 0 : undefined))} />
          )}
        </>
      );
    }
    case 'wait':
      return (
        <NumberField label={words.fields.ms} value={step.ms} min={1} max={SCENARIO_LIMITS.waitMs}
          onChange={(ms) => update({ ...step, ms: ms ?? Number.NaN })} fault={fault('ms')} />
      );
    default:
      return null;
  }
}

type WithConn = Extract<ScenarioStep, { op: 'send' | 'recv' | 'shutdown' | 'close' | 'setsockopt' }>;

/** write()/read() on the socket's descriptor instead of send()/recv(). */
function ViaField({ step, words, update }: { step: Extract<ScenarioStep, { op: 'send' | 'recv' }>; words: Words; update: (step: ScenarioStep) => void }) {
  return <CheckField label={words.fields.viaFd} checked={step.via === 'fd'} onChange={(fd) => update(withArg(step, 'via', fd ? 'fd' : undefined))} />;
}

/** Which of the side's connections: empty means the latest, as in the schema. */
function ConnField({ step, words, update, fault }: { step: WithConn; words: Words; update: (step: ScenarioStep) => void; fault: (field: string) => Fault }) {
  return (
    <NumberField label={words.fields.conn} value={step.conn} optional placeholder={words.defaults.conn}
      min={1} max={SCENARIO_LIMITS.connections} onChange={(conn) => update(withArg(step, 'conn', conn))} fault={fault('conn')} />
  );
}

type WithTarget = Extract<ScenarioStep, { op: 'connect' | 'sendto' }>;

/** The session's server (the default, left out of the file) or a port of its address where nothing listens. */
function TargetField({ step, words, update, fault }: { step: WithTarget; words: Words; update: (step: ScenarioStep) => void; fault: (field: string) => Fault }) {
  return (
    <SelectField label={words.fields.to} value={step.to ?? 'server'}
      options={(['server', 'closed-port'] as const).map((to) => ({ value: to, label: words.targets[to] }))}
      onChange={(to) => update(withArg(step, 'to', to === 'server' ? undefined : to))} fault={fault('to')} />
  );
}

function DataFields({ data, words, onChange, fault }: { data: SendData; words: Words; onChange: (data: SendData) => void; fault: (field: string) => Fault }) {
  const kind = dataKind(data);
  return (
    <>
      <SelectField<DataKind> label={words.fields.data} value={kind}
        options={(['message', 'echo', 'text', 'bytes'] as const).map((value) => ({ value, label: words.dataKinds[value] }))}
        onChange={(next) => onChange(dataOfKind(next))} fault={fault('data')} />
      {typeof data === 'object' && 'text' in data && (
        <TextField label={words.fields.text} value={data.text} onChange={(text) => onChange({ text })} fault={fault('text')} />
      )}
      {typeof data === 'object' && 'bytes' in data && (
        <NumberField label={words.fields.bytes} value={data.bytes} min={1} max={MAX_BULK_BYTES}
          onChange={(bytes) => onChange({ bytes: bytes ?? Number.NaN })} fault={fault('bytes')} />
      )}
    </>
  );
}
