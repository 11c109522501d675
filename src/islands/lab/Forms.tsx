/**
 * The action forms. Each sends one API call (as the account acted as, in the current Region unless
 * the action says otherwise); the lab shows the request and AWS's answer.
 */
import { createContext, useCallback, useContext, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ImageRecord, World } from '../../simulator/index';
import { INSTANCE_TYPES, REGIONS } from '../../simulator/model/regions';
import { encodeBase64 } from '../../simulator/cli/base64';
import { Outcome } from './ResultPanel';
import type { CallRecord, SendFromForm } from './types';
import { launchableImages } from './world-view';

/** What a field's control needs to be described: its id, whether it is required or invalid, and its messages. */
interface FieldA11y {
  readonly id: string;
  readonly 'aria-required'?: true;
  readonly 'aria-invalid'?: true;
  readonly 'aria-describedby'?: string;
}

/** The problems found in a form before sending it, by field name. */
const FormProblems = createContext<Readonly<Record<string, string>>>({});

/**
 * A labelled field. `required` marks it in its label (as the AWS console does); `name` links it to
 * the problem its form found in it, shown beside it. Render the control with `a11y` spread on it.
 */
export function Field({
  label,
  children,
  hint,
  name,
  required,
}: {
  label: string;
  children: (id: string, a11y: FieldA11y) => ReactNode;
  hint?: string;
  name?: string;
  required?: boolean;
}) {
  const id = useId();
  const problem = useContext(FormProblems)[name ?? ''];
  const described = [hint !== undefined ? `${id}-hint` : '', problem !== undefined ? `${id}-problem` : ''].filter((part) => part !== '').join(' ');
  const a11y: FieldA11y = {
    id,
    ...(required === true ? { 'aria-required': true as const } : {}),
    ...(problem !== undefined ? { 'aria-invalid': true as const } : {}),
    ...(described !== '' ? { 'aria-describedby': described } : {}),
  };
  return (
    <div className={problem !== undefined ? 'lab-field lab-field-invalid' : 'lab-field'}>
      <label htmlFor={id}>
        {label}
        {required === true && <span className="lab-required"> (required)</span>}
      </label>
      {children(id, a11y)}
      {problem !== undefined && (
        <small id={`${id}-problem`} className="lab-field-problem">
          <span aria-hidden="true">⚠ </span>
          {problem}
        </small>
      )}
      {hint !== undefined && (
        <small id={`${id}-hint`} className="lab-muted">
          {hint}
        </small>
      )}
    </div>
  );
}

/** The answer to the last call a control made, to show beside it. */
export function useOutcome(): readonly [CallRecord | null, (sent: Promise<CallRecord | null> | undefined) => void] {
  const [call, setCall] = useState<CallRecord | null>(null);
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );
  const track = useCallback((sent: Promise<CallRecord | null> | undefined) => {
    setCall(null);
    sent?.then(
      (record) => {
        if (live.current) setCall(record);
      },
      () => undefined,
    );
  }, []);
  return [call, track];
}

/**
 * An inline "are you sure?" step for a destructive action: the question, a confirm button (focused)
 * and Cancel (which gives focus back to the button that asked).
 */
export function ConfirmStep({ question, confirm, onConfirm, onCancel }: { question: string; confirm: string; onConfirm: () => void; onCancel: () => void }) {
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a named pair of buttons inside a form; a fieldset would need a legend and would nest in the form's own
    <div className="lab-confirm lab-confirm-step" role="group" aria-label={`Confirm: ${confirm}`}>
      <p>{question}</p>
      <button type="button" ref={yes} className="lab-button lab-button-danger" onClick={onConfirm}>
        {confirm}
      </button>
      <button type="button" className="lab-button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

/** A button for an action AWS would refuse now: disabled, with the reason beside it. */
export function Unavailable({ reason }: { reason: string | null }) {
  return reason === null ? null : <small className="lab-muted lab-reason">{reason}</small>;
}

interface ActionFormProps {
  readonly title: string;
  readonly submit: string;
  /** Sends the call; return send()'s promise to show AWS's answer beside the button. */
  readonly onSubmit: () => Promise<CallRecord | null> | undefined;
  /** Problems to fix before sending, by field name (empty when the form can be sent). */
  readonly validate?: () => Readonly<Record<string, string>>;
  /** Asks this question first (a destructive action). */
  readonly confirm?: string;
  /** Why AWS would refuse the action now; the button is disabled and the reason shown. */
  readonly unavailable?: string | null;
  readonly children?: ReactNode;
  readonly danger?: boolean;
  readonly level?: 3 | 4;
}

/** One API action as a form: fields checked before sending, an optional confirm step, and AWS's answer under the button. */
export function ActionForm({ title, submit, onSubmit, validate, confirm, unavailable = null, children, danger, level = 4 }: ActionFormProps) {
  const [problems, setProblems] = useState<Readonly<Record<string, string>>>({});
  const [confirming, setConfirming] = useState(false);
  const [call, track] = useOutcome();
  const formRef = useRef<HTMLFormElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const count = Object.keys(problems).length;
  // Each refused submit (a new problems object) takes the learner to the first field to fix.
  useEffect(() => {
    if (Object.keys(problems).length > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [problems]);
  const send = () => {
    setConfirming(false);
    track(onSubmit());
  };
  const handle = (event: FormEvent) => {
    event.preventDefault();
    const found = validate?.() ?? {};
    setProblems(found);
    if (Object.keys(found).length > 0) {
      track(undefined);
      return;
    }
    if (confirm !== undefined) setConfirming(true);
    else send();
  };
  const summary = count === 0 ? null : `Not sent: ${Object.values(problems).join(' ')}`;
  return (
    <form className="lab-form" aria-label={title} onSubmit={handle} noValidate ref={formRef}>
      {level === 3 ? <h3>{title}</h3> : <h4>{title}</h4>}
      <FormProblems.Provider value={problems}>{children}</FormProblems.Provider>
      {confirming && confirm !== undefined ? (
        <ConfirmStep
          question={confirm}
          confirm={`Yes, ${submit.toLowerCase()}`}
          onConfirm={send}
          onCancel={() => {
            setConfirming(false);
            requestAnimationFrame(() => submitRef.current?.focus());
          }}
        />
      ) : (
        <div className="lab-button-row">
          <button type="submit" ref={submitRef} className={danger === true ? 'lab-button lab-button-danger' : 'lab-button'} disabled={unavailable !== null}>
            {submit}
          </button>
          <Unavailable reason={unavailable} />
        </div>
      )}
      <Outcome call={call} problem={summary} />
    </form>
  );
}

/** Splits "nginx, git" or "nginx git" into package names. */
export function packageList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((word) => word.trim())
    .filter((word) => word.length > 0);
}

interface LaunchProps {
  readonly world: Readonly<World>;
  readonly accountId: string;
  readonly region: string;
  readonly send: SendFromForm;
  readonly presetImageId: string | null;
}

/** Launch an instance from an AMI into a chosen zone. */
export function LaunchForm({ world, accountId, region, send, presetImageId }: LaunchProps) {
  const images = launchableImages(world, accountId, region);
  const zones = REGIONS.find((r) => r.RegionName === region)?.AvailabilityZones ?? [];
  const [imageChoice, setImageChoice] = useState<string>('');
  const [otherId, setOtherId] = useState('');
  const [type, setType] = useState('t3.micro');
  const [zone, setZone] = useState('');
  const [name, setName] = useState('');
  const [software, setSoftware] = useState('');
  const preset = presetImageId !== null && images.some((image) => image.id === presetImageId) ? presetImageId : null;
  const chosen = imageChoice !== '' ? imageChoice : (preset ?? images.find((image) => image.ownerId === accountId)?.id ?? images[0]?.id ?? '__other');
  const submit = () => {
    const imageId = chosen === '__other' ? otherId.trim() : chosen;
    const params: Record<string, unknown> = { ImageId: imageId, InstanceType: type, MinCount: 1, MaxCount: 1 };
    if (zone !== '') params['Placement'] = { AvailabilityZone: zone };
    if (name.trim() !== '') params['TagSpecifications'] = [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name.trim() }] }];
    const packages = packageList(software);
    if (packages.length > 0) params['UserData'] = encodeBase64(`#!/bin/bash\ndnf install -y ${packages.join(' ')}\n`);
    return send(`Launch an instance in ${region}`, 'RunInstances', params);
  };
  const validate = (): Record<string, string> => (chosen === '__other' && otherId.trim() === '' ? { otherId: 'Enter the ID of the AMI to launch.' } : {});
  const label = (image: ImageRecord) => `${image.name} (${image.id})${image.ownerId === accountId ? ', yours' : ''}`;
  return (
    <ActionForm title="Launch an instance" submit="Launch" onSubmit={submit} validate={validate} level={3}>
      <Field label="AMI" required>
        {(_id, a11y) => (
          <select {...a11y} value={chosen} onChange={(event) => setImageChoice(event.target.value)}>
            {images.map((image) => (
              <option key={image.id} value={image.id}>
                {label(image)}
              </option>
            ))}
            <option value="__other">Another AMI ID…</option>
          </select>
        )}
      </Field>
      {chosen === '__other' && (
        <Field label="AMI ID" name="otherId" required hint="Any ID, even one from another Region: AWS will tell you what it thinks.">
          {(_id, a11y) => <input {...a11y} value={otherId} onChange={(event) => setOtherId(event.target.value)} placeholder="ami-0123456789abcdef0" spellCheck={false} />}
        </Field>
      )}
      <Field label="Instance type" required>
        {(_id, a11y) => (
          <select {...a11y} value={type} onChange={(event) => setType(event.target.value)}>
            {Object.keys(INSTANCE_TYPES).map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Availability Zone">
        {(id) => (
          <select id={id} value={zone} onChange={(event) => setZone(event.target.value)}>
            <option value="">Any (AWS picks)</option>
            {zones.map((z) => (
              <option key={z.ZoneName} value={z.ZoneName}>
                {z.ZoneName} ({z.ZoneId})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Name tag" hint="Optional, e.g. web-1.">
        {(id) => <input id={id} value={name} onChange={(event) => setName(event.target.value)} />}
      </Field>
      <Field label="Install at first boot (user data)" hint="Package names, e.g. nginx. Leave empty to configure later.">
        {(id) => <input id={id} value={software} onChange={(event) => setSoftware(event.target.value)} />}
      </Field>
    </ActionForm>
  );
}

/** Image block public access for the account in the Region: each button only when it changes something. */
export function BlockPublicAccessForm({
  world,
  accountId,
  region,
  send,
}: {
  readonly world: Readonly<World>;
  readonly accountId: string;
  readonly region: string;
  readonly send: SendFromForm;
}) {
  const setting = world.imageBlockPublicAccess[`${accountId}/${region}`];
  const effective = setting === undefined ? 'unblocked' : setting.effectiveAt <= world.now ? setting.state : setting.previousState;
  const pending = setting !== undefined && setting.effectiveAt > world.now;
  // What was asked last (it may still be applying): asking for it again changes nothing.
  const target = setting?.state ?? 'unblocked';
  const [call, track] = useOutcome();
  return (
    // biome-ignore lint/a11y/useSemanticElements: a named group with a heading; a fieldset's legend would repeat it
    <div className="lab-form" role="group" aria-labelledby="lab-bpa-heading">
      <h3 id="lab-bpa-heading">Block public access for AMIs ({region})</h3>
      <p>
        Now: <strong>{effective === 'unblocked' ? 'off (unblocked)' : 'on (block-new-sharing)'}</strong>
        {pending && setting !== undefined && <> (changing to {setting.state}, takes a few minutes)</>}
      </p>
      <div className="lab-button-row">
        <button
          type="button"
          className="lab-button"
          disabled={target === 'block-new-sharing'}
          onClick={() => track(send('Block public access', 'EnableImageBlockPublicAccess', { ImageBlockPublicAccessState: 'block-new-sharing' }))}
        >
          Turn on
        </button>
        <button type="button" className="lab-button" disabled={target === 'unblocked'} onClick={() => track(send('Allow public access', 'DisableImageBlockPublicAccess', {}))}>
          Turn off
        </button>
        <Unavailable
          reason={
            target === 'block-new-sharing' ? (pending ? 'Turning on: it takes a few minutes.' : 'It is on.') : pending ? 'Turning off: it takes a few minutes.' : 'It is off.'
          }
        />
      </div>
      <Outcome call={call} />
    </div>
  );
}
