/**
 * Actions on the selected resource: configure, stop, start, terminate, create image; copy, share,
 * public/private, deprecate, deregister; delete snapshots and volumes; tag. Loaded with the details
 * panel, once a resource is selected.
 *
 * Each action is offered only when AWS would accept it in the resource's current state (otherwise
 * its button is disabled with the reason), destructive ones ask first, and AWS's answer is shown
 * under the control that made the call.
 */
import { useState } from 'react';
import type { ImageRecord, InstanceRecord, SnapshotRecord, VolumeRecord, World } from '../../simulator/index';
import { ACCOUNTS } from '../../simulator/model/accounts';
import { REGIONS } from '../../simulator/model/regions';
import { isPublic, isSharedWith } from '../../simulator/model/visibility';
import { ActionForm, ConfirmStep, Field, packageList, Unavailable, useOutcome } from './Forms';
import { Outcome } from './ResultPanel';
import type { SendFromForm } from './types';

/** Whether the resource's statechart accepts an event in its current state. */
type CanMove = (event: string) => boolean;

/** The problem of a required field left empty, by field name (none when it is filled in). */
const required = (name: string, value: string, message: string): Record<string, string> => (value.trim() === '' ? { [name]: message } : {});

interface InstanceActionsProps {
  readonly instance: InstanceRecord;
  readonly send: SendFromForm;
  readonly can: CanMove;
}

/** A destructive button that asks first, with AWS's answer under it. */
function DangerButton({ label, question, disabledReason = null, onConfirm }: { label: string; question: string; disabledReason?: string | null; onConfirm: () => void }) {
  const [asking, setAsking] = useState(false);
  return asking ? (
    <ConfirmStep
      question={question}
      confirm={`Yes, ${label.toLowerCase()}`}
      onConfirm={() => {
        setAsking(false);
        onConfirm();
      }}
      onCancel={() => setAsking(false)}
    />
  ) : (
    <>
      <button type="button" className="lab-button lab-button-danger" disabled={disabledReason !== null} onClick={() => setAsking(true)}>
        {label}…
      </button>
      <Unavailable reason={disabledReason} />
    </>
  );
}

/** Configure, stop, start, terminate, create image. */
export function InstanceActions({ instance, send, can }: InstanceActionsProps) {
  const [packages, setPackages] = useState('');
  const [imageName, setImageName] = useState('');
  const [noReboot, setNoReboot] = useState(false);
  const [stateCall, trackState] = useOutcome();
  const ids = { InstanceIds: [instance.id] };
  const region = instance.region;
  const state = instance.lifecycle.value;
  const gone = state === 'terminated' || state === 'shutting-down';
  const stateButton = (label: string, event: string, op: string) => (
    <button type="button" className="lab-button" disabled={!can(event)} onClick={() => trackState(send(`${label} ${instance.id}`, op, ids, region))}>
      {label}
    </button>
  );
  return (
    <div className="lab-forms">
      {!gone && (
        <>
          <ActionForm
            title="Configure (install an app)"
            submit="Install"
            unavailable={state === 'running' ? null : `The instance must be running (it is ${state}).`}
            validate={() => required('packages', packageList(packages).join(' '), 'Enter at least one package name, e.g. nginx.')}
            onSubmit={() =>
              send(
                `Configure ${instance.id}`,
                'SendCommand',
                { DocumentName: 'AWS-RunShellScript', InstanceIds: [instance.id], Parameters: { commands: [`dnf install -y ${packageList(packages).join(' ')}`] } },
                region,
              )
            }
          >
            <Field label="Packages to install" name="packages" required hint="Package names, e.g. nginx. Runs dnf install on the instance (Systems Manager Run Command).">
              {(_id, a11y) => <input {...a11y} value={packages} onChange={(event) => setPackages(event.target.value)} spellCheck={false} autoCapitalize="off" />}
            </Field>
          </ActionForm>
          <ActionForm
            title="Create image"
            submit="Create image"
            unavailable={state === 'running' || state === 'stopping' || state === 'stopped' ? null : `The instance must be running or stopped (it is ${state}).`}
            validate={() => required('name', imageName, 'Enter a name for the image, e.g. web-v1.')}
            onSubmit={() => send(`Create an image of ${instance.id}`, 'CreateImage', { InstanceId: instance.id, Name: imageName, ...(noReboot ? { NoReboot: true } : {}) }, region)}
          >
            <Field label="Image name" name="name" required hint="3 to 128 characters, unique in your account and Region, e.g. web-v1.">
              {(_id, a11y) => <input {...a11y} value={imageName} onChange={(event) => setImageName(event.target.value)} spellCheck={false} autoCapitalize="off" />}
            </Field>
            <div className="lab-check">
              <input id={`noreboot-${instance.id}`} type="checkbox" checked={noReboot} onChange={(event) => setNoReboot(event.target.checked)} />
              <label htmlFor={`noreboot-${instance.id}`}>No reboot</label>
            </div>
          </ActionForm>
        </>
      )}
      <div className="lab-form">
        <h4 id={`state-${instance.id}`}>Instance state</h4>
        {/* biome-ignore lint/a11y/useSemanticElements: a named group of buttons; a fieldset's legend would repeat the heading */}
        <div className="lab-button-row" role="group" aria-labelledby={`state-${instance.id}`}>
          {stateButton('Stop', 'instance.stop', 'StopInstances')}
          {stateButton('Start', 'instance.start', 'StartInstances')}
          {stateButton('Reboot', 'instance.reboot', 'RebootInstances')}
          <DangerButton
            label="Terminate"
            question={`Terminate ${instance.id}? It cannot be started again, and volumes marked "delete on termination" are deleted with it.`}
            disabledReason={can('instance.terminate') ? null : gone ? `It is ${state}.` : null}
            onConfirm={() => trackState(send(`Terminate ${instance.id}`, 'TerminateInstances', ids, region))}
          />
        </div>
        <Outcome call={stateCall} />
      </div>
    </div>
  );
}

interface ImageActionsProps {
  readonly image: ImageRecord;
  readonly world: Readonly<World>;
  readonly accountId: string;
  readonly send: SendFromForm;
  readonly onLaunch: (imageId: string) => void;
}

/** Who an AMI can be shared with from an account: the other lab accounts, the organisation, an OU, any ID. */
function permissionTargets(accountId: string) {
  return [
    ...ACCOUNTS.filter((account) => account.accountId !== accountId).map((account) => ({ value: `user:${account.accountId}`, label: `${account.name} (${account.accountId})` })),
    { value: 'org', label: 'Your whole organization' },
    { value: 'ou:partner', label: 'The partners OU' },
  ];
}

function permissionFor(target: string, custom: string): Record<string, string> {
  if (target === 'custom') return { UserId: custom.trim() };
  if (target === 'org') return { OrganizationArn: ACCOUNTS[0]?.organizationArn ?? '' };
  if (target === 'ou:partner') return { OrganizationalUnitArn: ACCOUNTS[1]?.organizationalUnitArn ?? '' };
  return { UserId: target.slice(5) };
}

function hasPermission(image: ImageRecord, wanted: Record<string, string>): boolean {
  const [key, value] = Object.entries(wanted)[0] ?? ['', ''];
  return image.launchPermissions.some((permission) => (permission as Record<string, string>)[key] === value);
}

/** Copy, share, public/private, deprecate, deregister. */
export function ImageActions({ image, world, accountId, send, onLaunch }: ImageActionsProps) {
  const otherRegions = REGIONS.map((r) => r.RegionName).filter((r) => r !== image.region);
  const targets = permissionTargets(accountId);
  const [destination, setDestination] = useState(otherRegions[0] ?? '');
  const [copyName, setCopyName] = useState(image.name);
  const [target, setTarget] = useState(targets[0]?.value ?? 'custom');
  const [custom, setCustom] = useState('');
  const [deprecateAt, setDeprecateAt] = useState(() => new Date(world.now + 60 * 60_000).toISOString().slice(0, 16));
  const [deleteSnapshots, setDeleteSnapshots] = useState(false);
  const [removeCall, trackRemove] = useOutcome();
  const [visibilityCall, trackVisibility] = useOutcome();
  const [cancelDeprecationCall, trackCancelDeprecation] = useOutcome();
  const [deregisterCall, trackDeregister] = useOutcome();
  const mine = image.ownerId === accountId;
  const region = image.region;
  const state = image.lifecycle.value;

  const deregister = (
    <ActionForm
      title="Deregister"
      submit="Deregister"
      danger
      confirm={`Deregister ${image.id}? No one can launch it any more, and it cannot be registered again.${deleteSnapshots ? ' Its snapshots are deleted too.' : ' Its snapshots stay, and are billed, until you delete them.'}`}
      onSubmit={() => {
        const sent = send(`Deregister ${image.id}`, 'DeregisterImage', { ImageId: image.id, ...(deleteSnapshots ? { DeleteAssociatedSnapshots: true } : {}) }, region);
        // Kept above the form too: once deregistered, the form is gone and this answer stays.
        trackDeregister(sent);
        return sent;
      }}
    >
      <div className="lab-check">
        <input id={`delsnap-${image.id}`} type="checkbox" checked={deleteSnapshots} onChange={(event) => setDeleteSnapshots(event.target.checked)} />
        <label htmlFor={`delsnap-${image.id}`}>Also delete its snapshots</label>
      </div>
    </ActionForm>
  );

  if (state === 'deregistered') {
    return (
      <div className="lab-forms">
        <p className="lab-note">
          This AMI is <strong>deregistered</strong>: it can no longer be launched, copied, shared or deregistered again, and it never comes back.
          {mine && ' Its snapshots were not deleted with it unless you asked: they stay, and are billed, until you delete them.'}
        </p>
        <Outcome call={deregisterCall} />
      </div>
    );
  }

  const notAvailable = state === 'available' ? null : state === 'pending' ? 'The AMI is still being created (pending): wait until it is available.' : `The AMI is ${state}.`;
  const permission = permissionFor(target, custom);
  const shared = target !== 'custom' && hasPermission(image, permission);
  const bpa = world.imageBlockPublicAccess[`${accountId}/${region}`];
  const blocked = bpa !== undefined && (bpa.effectiveAt <= world.now ? bpa.state : bpa.previousState) === 'block-new-sharing';
  const launchPermission = (kind: 'Add' | 'Remove') =>
    send(`${kind === 'Add' ? 'Share' : 'Unshare'} ${image.id}`, 'ModifyImageAttribute', { ImageId: image.id, LaunchPermission: { [kind]: [permission] } }, region);

  return (
    <div className="lab-forms">
      <div className="lab-button-row">
        <button type="button" className="lab-button" disabled={notAvailable !== null} onClick={() => onLaunch(image.id)}>
          Launch from this AMI
        </button>
        <Unavailable reason={notAvailable} />
      </div>
      <ActionForm
        title="Copy image to a Region"
        submit="Copy image"
        unavailable={notAvailable}
        validate={() => required('copyName', copyName, 'Enter a name for the copy.')}
        onSubmit={() => send(`Copy ${image.id} to ${destination}`, 'CopyImage', { SourceRegion: image.region, SourceImageId: image.id, Name: copyName }, destination)}
      >
        <Field label="Destination Region" required>
          {(_id, a11y) => (
            <select {...a11y} value={destination} onChange={(event) => setDestination(event.target.value)}>
              {[image.region, ...otherRegions].map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Name of the copy" name="copyName" required>
          {(_id, a11y) => <input {...a11y} value={copyName} onChange={(event) => setCopyName(event.target.value)} />}
        </Field>
      </ActionForm>
      {mine && (
        <>
          <ActionForm
            title="Launch permissions"
            submit="Add launch permission"
            unavailable={notAvailable ?? (shared ? 'Already shared with them.' : null)}
            validate={() => (target === 'custom' ? required('custom', custom, 'Enter the 12-digit account ID to share with.') : {})}
            onSubmit={() => launchPermission('Add')}
          >
            <Field label="Share with" required>
              {(_id, a11y) => (
                <select {...a11y} value={target} onChange={(event) => setTarget(event.target.value)}>
                  {targets.map((t) => (
                    <option key={t.value} value={t.value}>
                      {t.label}
                    </option>
                  ))}
                  <option value="custom">Another account ID…</option>
                </select>
              )}
            </Field>
            {target === 'custom' && (
              <Field label="Account ID" name="custom" required>
                {(_id, a11y) => <input {...a11y} value={custom} onChange={(event) => setCustom(event.target.value)} inputMode="numeric" />}
              </Field>
            )}
            <div className="lab-button-row">
              <button
                type="button"
                className="lab-button"
                disabled={notAvailable !== null || (target !== 'custom' && !shared)}
                onClick={() => trackRemove(launchPermission('Remove'))}
              >
                Remove launch permission
              </button>
              <Unavailable reason={notAvailable === null && target !== 'custom' && !shared ? 'Not shared with them.' : null} />
            </div>
            <Outcome call={removeCall} />
          </ActionForm>
          <div className="lab-form">
            <h4 id={`visibility-${image.id}`}>Visibility: {isPublic(image) ? 'public' : 'private'}</h4>
            {/* biome-ignore lint/a11y/useSemanticElements: a named group of buttons; a fieldset's legend would repeat the heading */}
            <div className="lab-button-row" role="group" aria-labelledby={`visibility-${image.id}`}>
              {isPublic(image) ? (
                <button
                  type="button"
                  className="lab-button"
                  disabled={notAvailable !== null}
                  onClick={() =>
                    trackVisibility(send(`Make ${image.id} private`, 'ModifyImageAttribute', { ImageId: image.id, LaunchPermission: { Remove: [{ Group: 'all' }] } }, region))
                  }
                >
                  Make private
                </button>
              ) : (
                <button
                  type="button"
                  className="lab-button"
                  disabled={notAvailable !== null || blocked}
                  onClick={() =>
                    trackVisibility(send(`Make ${image.id} public`, 'ModifyImageAttribute', { ImageId: image.id, LaunchPermission: { Add: [{ Group: 'all' }] } }, region))
                  }
                >
                  Make public
                </button>
              )}
              <Unavailable reason={notAvailable ?? (blocked && !isPublic(image) ? `Block public access is on in ${region}: turn it off first.` : null)} />
            </div>
            <Outcome call={visibilityCall} />
          </div>
          <ActionForm
            title="Deprecate"
            submit="Deprecate"
            unavailable={state === 'available' || state === 'disabled' ? null : notAvailable}
            validate={() => required('deprecateAt', deprecateAt, 'Enter the date and time to deprecate it at.')}
            onSubmit={() => send(`Deprecate ${image.id}`, 'EnableImageDeprecation', { ImageId: image.id, DeprecateAt: `${deprecateAt}:00Z` }, region)}
          >
            <Field label="Deprecate at (UTC)" name="deprecateAt" required hint="Simulated time. Deprecated AMIs still launch by ID.">
              {(_id, a11y) => <input {...a11y} type="datetime-local" value={deprecateAt} onChange={(event) => setDeprecateAt(event.target.value)} />}
            </Field>
            {image.deprecationTime !== null && (
              <>
                <div className="lab-button-row">
                  <button
                    type="button"
                    className="lab-button"
                    onClick={() => trackCancelDeprecation(send(`Cancel deprecation of ${image.id}`, 'DisableImageDeprecation', { ImageId: image.id }, region))}
                  >
                    Cancel deprecation
                  </button>
                </div>
                <Outcome call={cancelDeprecationCall} />
              </>
            )}
          </ActionForm>
          {deregister}
        </>
      )}
      {!mine && isSharedWith(image, accountId) && (
        <div className="lab-form">
          <div className="lab-button-row">
            <button type="button" className="lab-button" onClick={() => trackRemove(send(`Stop seeing ${image.id}`, 'CancelImageLaunchPermission', { ImageId: image.id }, region))}>
              Remove from my account (cancel launch permission)
            </button>
          </div>
          <Outcome call={removeCall} />
        </div>
      )}
    </div>
  );
}

/** Delete a snapshot (not while a registered AMI uses it). */
export function SnapshotActions({ snapshot, send }: { readonly snapshot: SnapshotRecord; readonly send: SendFromForm }) {
  const [call, track] = useOutcome();
  const inUse = snapshot.usedByImageIds.length > 0 ? `Used by ${snapshot.usedByImageIds.join(', ')}: deregister that AMI first.` : null;
  return (
    <div className="lab-form">
      <div className="lab-button-row">
        <DangerButton
          label="Delete snapshot"
          question={`Delete ${snapshot.id}? Its data is gone for good.`}
          disabledReason={inUse}
          onConfirm={() => track(send(`Delete ${snapshot.id}`, 'DeleteSnapshot', { SnapshotId: snapshot.id }, snapshot.region))}
        />
      </div>
      <Outcome call={call} />
    </div>
  );
}

/** Detach, snapshot or delete a volume, each when its state allows it. */
export function VolumeActions({ volume, send, can }: { readonly volume: VolumeRecord; readonly send: SendFromForm; readonly can: CanMove }) {
  const [call, track] = useOutcome();
  const state = volume.lifecycle.value;
  if (state === 'deleted') {
    return (
      <div className="lab-form">
        <p className="lab-note">This volume is deleted: nothing more can be done with it, and it is no longer billed.</p>
        <Outcome call={call} />
      </div>
    );
  }
  return (
    <div className="lab-form">
      <div className="lab-button-row">
        {volume.attachment !== null && (
          <button type="button" className="lab-button" onClick={() => track(send(`Detach ${volume.id}`, 'DetachVolume', { VolumeId: volume.id }, volume.region))}>
            Detach volume
          </button>
        )}
        <button
          type="button"
          className="lab-button"
          disabled={state === 'creating'}
          onClick={() => track(send(`Snapshot ${volume.id}`, 'CreateSnapshot', { VolumeId: volume.id }, volume.region))}
        >
          Create snapshot
        </button>
        <DangerButton
          label="Delete volume"
          question={`Delete ${volume.id}? Its data is gone for good (unless you have a snapshot of it).`}
          disabledReason={can('volume.delete') ? null : volume.attachment !== null ? `Attached to ${volume.attachment.instanceId}: detach it first.` : `It is ${state}.`}
          onConfirm={() => track(send(`Delete ${volume.id}`, 'DeleteVolume', { VolumeId: volume.id }, volume.region))}
        />
      </div>
      <Outcome call={call} />
    </div>
  );
}

/** Tag any resource. */
export function TagForm({ resourceId, region, send }: { readonly resourceId: string; readonly region: string; readonly send: SendFromForm }) {
  const [key, setKey] = useState('Name');
  const [value, setValue] = useState('');
  return (
    <ActionForm
      title="Tag"
      submit="Add tag"
      validate={() => required('key', key, 'Enter a tag key, e.g. Name.')}
      onSubmit={() => send(`Tag ${resourceId}`, 'CreateTags', { Resources: [resourceId], Tags: [{ Key: key, Value: value }] }, region)}
    >
      <Field label="Tag key" name="key" required>
        {(_id, a11y) => <input {...a11y} value={key} onChange={(event) => setKey(event.target.value)} />}
      </Field>
      <Field label="Tag value" hint="May be empty.">
        {(_id, a11y) => <input {...a11y} value={value} onChange={(event) => setValue(event.target.value)} />}
      </Field>
    </ActionForm>
  );
}
