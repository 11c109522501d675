/**
 * The action forms. Each sends one API call (as the account acted as, in the current Region unless
 * the action says otherwise); the lab shows the request and AWS's answer.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { ImageRecord, World } from '../../simulator/index';
import { INSTANCE_TYPES, REGIONS } from '../../simulator/model/regions';
import { encodeBase64 } from '../../simulator/cli/base64';
import type { SendFromForm } from './types';
import { launchableImages } from './world-view';

export function Field({ label, children, hint }: { label: string; children: (id: string) => ReactNode; hint?: string }) {
  const id = useId();
  return (
    <div className="lab-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint !== undefined && <small className="lab-muted">{hint}</small>}
    </div>
  );
}

export function ActionForm({ title, submit, onSubmit, children, danger, level = 4 }: { title: string; submit: string; onSubmit: () => void; children?: ReactNode; danger?: boolean; level?: 3 | 4 }) {
  const handle = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form className="lab-form" aria-label={title} onSubmit={handle}>
      {level === 3 ? <h3>{title}</h3> : <h4>{title}</h4>}
      {children}
      <button type="submit" className={danger === true ? 'lab-button lab-button-danger' : 'lab-button'}>
        {submit}
      </button>
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
    send(`Launch an instance in ${region}`, 'RunInstances', params);
  };
  const label = (image: ImageRecord) => `${image.name} (${image.id})${image.ownerId === accountId ? ', yours' : ''}`;
  return (
    <ActionForm title="Launch an instance" submit="Launch" onSubmit={submit} level={3}>
      <Field label="AMI">
        {(id) => (
          <select id={id} value={chosen} onChange={(event) => setImageChoice(event.target.value)}>
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
        <Field label="AMI ID" hint="Any ID, even one from another Region: AWS will tell you what it thinks.">
          {(id) => <input id={id} value={otherId} onChange={(event) => setOtherId(event.target.value)} placeholder="ami-0123456789abcdef0" spellCheck={false} />}
        </Field>
      )}
      <Field label="Instance type">
        {(id) => (
          <select id={id} value={type} onChange={(event) => setType(event.target.value)}>
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
      <Field label="Name tag">{(id) => <input id={id} value={name} onChange={(event) => setName(event.target.value)} placeholder="web-1" />}</Field>
      <Field label="Install at first boot (user data)" hint="Package names, e.g. nginx. Leave empty to configure later.">
        {(id) => <input id={id} value={software} onChange={(event) => setSoftware(event.target.value)} />}
      </Field>
    </ActionForm>
  );
}

/** Image block public access for the account in the Region. */
export function BlockPublicAccessForm({ world, accountId, region, send }: { readonly world: Readonly<World>; readonly accountId: string; readonly region: string; readonly send: SendFromForm }) {
  const setting = world.imageBlockPublicAccess[`${accountId}/${region}`];
  const effective = setting === undefined ? 'unblocked' : setting.effectiveAt <= world.now ? setting.state : setting.previousState;
  const pending = setting !== undefined && setting.effectiveAt > world.now;
  return (
    <div className="lab-form" role="group" aria-label="Block public access">
      <h3>Block public access for AMIs ({region})</h3>
      <p>
        Now: <strong>{effective}</strong>
        {pending && setting !== undefined && <> (changing to {setting.state}, takes a few minutes)</>}
      </p>
      <div className="lab-button-row">
        <button type="button" className="lab-button" onClick={() => send('Block public access', 'EnableImageBlockPublicAccess', { ImageBlockPublicAccessState: 'block-new-sharing' })}>
          Turn on
        </button>
        <button type="button" className="lab-button" onClick={() => send('Allow public access', 'DisableImageBlockPublicAccess', {})}>
          Turn off
        </button>
      </div>
    </div>
  );
}
