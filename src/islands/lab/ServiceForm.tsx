/**
 * One action form described as data: labelled fields, required fields checked before the call
 * (the message beside the field, nothing sent), then the call through the lab's `send` (so it shows
 * in "Last request" like every form's) and its outcome beside the form, announced politely: success,
 * or AWS's error with the lab's tip. Loaded with the service forms, never in the lab's first load.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import { explainError } from '../../simulator/cli/explanations';
import type { ApiResult } from '../../simulator/index';
import type { SendFromForm } from './types';

/** The form's values, by field name; a checkbox is 'true' or '', a zone list is comma-separated. */
export type Values = Readonly<Record<string, string>>;

export interface Option {
  readonly value: string;
  readonly label: string;
}

export interface FieldSpec {
  readonly name: string;
  readonly label: string;
  readonly kind?: 'text' | 'number' | 'select' | 'checkbox' | 'zones';
  /** Choices of a select, or the zones offered; may depend on the other fields. */
  readonly options?: readonly Option[] | ((values: Values) => readonly Option[]);
  readonly required?: boolean;
  readonly hint?: string;
  readonly placeholder?: string;
  readonly initial?: string;
  /** Suggestions offered while typing (a datalist). */
  readonly suggestions?: readonly string[];
}

/** The call a form makes. */
export interface FormCall {
  readonly label: string;
  readonly op: string;
  readonly params: Record<string, unknown>;
  readonly region?: string;
  readonly service?: string;
}

export interface FormSpec {
  readonly title: string;
  readonly submit: string;
  readonly fields: readonly FieldSpec[];
  readonly call: (values: Values) => FormCall;
  /** A sentence about a successful answer (default: the operation succeeded). */
  readonly describe?: (data: unknown, values: Values) => string;
  readonly danger?: boolean;
  /** A second check after "required" (e.g. min ≤ max): a message for a field, or null. */
  readonly check?: (values: Values) => { readonly field: string; readonly message: string } | null;
}

type Outcome =
  | { readonly kind: 'sending' }
  | { readonly kind: 'sent' }
  | { readonly kind: 'ok'; readonly text: string }
  | { readonly kind: 'error'; readonly code: string; readonly message: string; readonly tip: string };

function optionsOf(field: FieldSpec, values: Values): readonly Option[] {
  return typeof field.options === 'function' ? field.options(values) : (field.options ?? []);
}

/** The values as shown: typed ones, else the initial value; a select's value is always one of its options. */
function effectiveValues(fields: readonly FieldSpec[], typed: Values): Values {
  const values: Record<string, string> = {};
  for (const field of fields) {
    let value = typed[field.name] ?? field.initial ?? '';
    if (field.kind === 'select') {
      const options = optionsOf(field, values);
      if (!options.some((option) => option.value === value)) value = options[0]?.value ?? '';
    }
    values[field.name] = value;
  }
  return values;
}

/** A label inside a sentence: "Launch template" → "launch template"; AMI and Auto Scaling keep their capitals. */
function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) && !label.startsWith('Auto Scaling') ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/** Why a field's value cannot be sent, or null. */
function fieldProblem(field: FieldSpec, value: string): string | null {
  if (field.required === true && value.trim() === '') {
    if (field.kind === 'zones') return 'Choose at least one Availability Zone.';
    if (field.kind === 'select') return `There is no ${inSentence(field.label)} to choose here yet.`;
    return `${field.label} is required.`;
  }
  if (field.kind === 'number' && value.trim() !== '' && !/^\d+$/.test(value.trim())) return `${field.label} must be a whole number (0 or more).`;
  return null;
}

/** A whole number typed in a field, or undefined when it is empty. */
export function numberOf(value: string | undefined): number | undefined {
  return value === undefined || value.trim() === '' ? undefined : Number(value.trim());
}

function describeResult(result: ApiResult, spec: FormSpec, op: string, values: Values): Outcome {
  if (result.ok) return { kind: 'ok', text: spec.describe?.(result.data, values) ?? `${op} succeeded.` };
  return { kind: 'error', code: result.error.Code, message: result.error.Message, tip: explainError(result.error.Code).text };
}

export function ServiceForm({ spec, send }: { readonly spec: FormSpec; readonly send: SendFromForm }) {
  const base = useId();
  const [typed, setTyped] = useState<Values>({});
  const [problems, setProblems] = useState<Readonly<Record<string, string>>>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const values = effectiveValues(spec.fields, typed);
  const set = (name: string, value: string) => {
    setTyped((current) => ({ ...current, [name]: value }));
    if (problems[name] !== undefined) setProblems((current) => Object.fromEntries(Object.entries(current).filter(([key]) => key !== name)));
  };
  const idOf = (name: string) => `${base}-${name}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    for (const field of spec.fields) {
      const problem = fieldProblem(field, values[field.name] ?? '');
      if (problem !== null) found[field.name] = problem;
    }
    if (Object.keys(found).length === 0) {
      const extra = spec.check?.(values) ?? null;
      if (extra !== null) found[extra.field] = extra.message;
    }
    setProblems(found);
    const first = spec.fields.find((field) => found[field.name] !== undefined);
    if (first !== undefined) {
      setOutcome(null);
      formRef.current?.querySelector<HTMLElement>(`[data-field="${first.name}"]`)?.focus();
      return;
    }
    const call = spec.call(values);
    setOutcome({ kind: 'sending' });
    void send(call.label, call.op, call.params, call.region, call.service).then((record) =>
      setOutcome(record === null ? { kind: 'sent' } : describeResult(record.result, spec, call.op, values)),
    );
  };

  return (
    <form ref={formRef} className="lab-form lab-service-form" aria-label={spec.title} onSubmit={submit} noValidate>
      <h3>{spec.title}</h3>
      {spec.fields.map((field) => {
        const id = idOf(field.name);
        const problem = problems[field.name];
        const describedBy = [problem !== undefined ? `${id}-error` : '', field.hint !== undefined ? `${id}-hint` : ''].filter((part) => part !== '').join(' ') || undefined;
        const value = values[field.name] ?? '';
        const common = { id, 'data-field': field.name, 'aria-invalid': problem !== undefined ? true : undefined, 'aria-describedby': describedBy };
        const hint = field.hint !== undefined && (
          <small id={`${id}-hint`} className="lab-muted">
            {field.hint}
          </small>
        );
        const error = problem !== undefined && (
          <small id={`${id}-error`} className="lab-field-error">
            {problem}
          </small>
        );
        if (field.kind === 'checkbox') {
          return (
            <div key={field.name} className="lab-check">
              <input {...common} type="checkbox" checked={value === 'true'} onChange={(event) => set(field.name, event.target.checked ? 'true' : '')} />
              <label htmlFor={id}>{field.label}</label>
              {hint}
            </div>
          );
        }
        if (field.kind === 'zones') {
          const chosen = value === '' ? [] : value.split(',');
          const toggle = (zone: string, on: boolean) => {
            const next = optionsOf(field, values)
              .map((option) => option.value)
              .filter((candidate) => (candidate === zone ? on : chosen.includes(candidate)));
            set(field.name, next.join(','));
          };
          return (
            <fieldset key={field.name} className="lab-zones-field" aria-describedby={describedBy} aria-invalid={problem !== undefined ? true : undefined}>
              <legend>{field.label}</legend>
              {optionsOf(field, values).map((option, index) => (
                <span key={option.value} className="lab-check">
                  <input
                    id={`${id}-${option.value}`}
                    data-field={index === 0 ? field.name : undefined}
                    type="checkbox"
                    checked={chosen.includes(option.value)}
                    onChange={(event) => toggle(option.value, event.target.checked)}
                  />
                  <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
                </span>
              ))}
              {hint}
              {error}
            </fieldset>
          );
        }
        return (
          <div key={field.name} className="lab-field">
            <label htmlFor={id}>
              {field.label}
              {field.required === true && <span className="lab-muted"> (required)</span>}
            </label>
            {field.kind === 'select' ? (
              <select {...common} value={value} onChange={(event) => set(field.name, event.target.value)}>
                {optionsOf(field, values).length === 0 && <option value="">(none in this Region)</option>}
                {optionsOf(field, values).map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...common}
                value={value}
                inputMode={field.kind === 'number' ? 'numeric' : undefined}
                placeholder={field.placeholder}
                spellCheck={false}
                autoComplete="off"
                list={field.suggestions !== undefined ? `${id}-list` : undefined}
                onChange={(event) => set(field.name, event.target.value)}
              />
            )}
            {field.suggestions !== undefined && (
              <datalist id={`${id}-list`}>
                {field.suggestions.map((suggestion) => (
                  <option key={suggestion} value={suggestion} />
                ))}
              </datalist>
            )}
            {hint}
            {error}
          </div>
        );
      })}
      <button type="submit" className={spec.danger === true ? 'lab-button lab-button-danger' : 'lab-button'}>
        {spec.submit}
      </button>
      <div className="lab-outcome" role="status" aria-live="polite">
        {outcome?.kind === 'sending' && <p className="lab-muted">Sending…</p>}
        {outcome?.kind === 'sent' && <p className="lab-muted">Not sent: the lab’s world is not open yet.</p>}
        {outcome?.kind === 'ok' && <p className="lab-outcome-ok">{outcome.text}</p>}
        {outcome?.kind === 'error' && (
          <div className="lab-error">
            <p>
              <strong>{outcome.code}</strong>: {outcome.message}
            </p>
            <p>Tip: {outcome.tip}</p>
          </div>
        )}
      </div>
    </form>
  );
}
