/**
 * Actions on the selected resource: configure, stop, start, terminate, create image; copy, share,
 * public/private, deprecate, deregister; delete snapshots and volumes; tag. Loaded with the details
 * panel, once a resource is selected.
 */
import { useState } from 'react';
import type { ImageRecord, InstanceRecord, SnapshotRecord, VolumeRecord } from '../../simulator/index';
import { ACCOUNTS } from '../../simulator/model/accounts';
import { REGIONS } from '../../simulator/model/regions';
import { ActionForm, Field, packageList } from './Forms';
import type { SendFromForm } from './types';
import { isSharedWith } from '../../simulator/model/visibility';

interface InstanceActionsProps {
  readonly instance: InstanceRecord;
  readonly send: SendFromForm;
}

/** Configure, stop, start, terminate, create image. */
export function InstanceActions({ instance, send }: InstanceActionsProps) {
  const [packages, setPackages] = useState('');
  const [imageName, setImageName] = useState('');
  const [noReboot, setNoReboot] = useState(false);
  const ids = { InstanceIds: [instance.id] };
  const region = instance.region;
  return (
    <div className="lab-forms">
      <ActionForm
        title="Configure (install an app)"
        submit="Install"
        onSubmit={() =>
          send(`Configure ${instance.id}`, 'SendCommand', {
            DocumentName: 'AWS-RunShellScript',
            InstanceIds: [instance.id],
            Parameters: { commands: [`dnf install -y ${packageList(packages).join(' ') || '(nothing)'}`] },
          }, region)
        }
      >
        <Field label="Packages to install" hint="Runs dnf install on the instance (Systems Manager Run Command). The instance must be running.">
          {(id) => <input id={id} value={packages} onChange={(event) => setPackages(event.target.value)} placeholder="nginx" />}
        </Field>
      </ActionForm>
      <ActionForm title="Create image" submit="Create image" onSubmit={() => send(`Create an image of ${instance.id}`, 'CreateImage', { InstanceId: instance.id, Name: imageName, ...(noReboot ? { NoReboot: true } : {}) }, region)}>
        <Field label="Image name" hint="3 to 128 characters, unique in your account and Region.">
          {(id) => <input id={id} value={imageName} onChange={(event) => setImageName(event.target.value)} placeholder="web-v1" />}
        </Field>
        <div className="lab-check">
          <input id={`noreboot-${instance.id}`} type="checkbox" checked={noReboot} onChange={(event) => setNoReboot(event.target.checked)} />
          <label htmlFor={`noreboot-${instance.id}`}>No reboot</label>
        </div>
      </ActionForm>
      <div className="lab-button-row" role="group" aria-label={`Instance state of ${instance.id}`}>
        <button type="button" className="lab-button" onClick={() => send(`Stop ${instance.id}`, 'StopInstances', ids, region)}>Stop</button>
        <button type="button" className="lab-button" onClick={() => send(`Start ${instance.id}`, 'StartInstances', ids, region)}>Start</button>
        <button type="button" className="lab-button" onClick={() => send(`Reboot ${instance.id}`, 'RebootInstances', ids, region)}>Reboot</button>
        <button type="button" className="lab-button lab-button-danger" onClick={() => send(`Terminate ${instance.id}`, 'TerminateInstances', ids, region)}>Terminate</button>
      </div>
    </div>
  );
}

interface ImageActionsProps {
  readonly image: ImageRecord;
  readonly accountId: string;
  readonly send: SendFromForm;
  readonly onLaunch: (imageId: string) => void;
  readonly now: number;
}

const PERMISSION_TARGETS = [
  ...ACCOUNTS.map((account) => ({ value: `user:${account.accountId}`, label: `${account.name} (${account.accountId})` })),
  { value: 'org', label: 'Your whole organization' },
  { value: 'ou:partner', label: 'The partners OU' },
];

function permissionFor(target: string, custom: string): Record<string, string> {
  if (target === 'custom') return { UserId: custom.trim() };
  if (target === 'org') return { OrganizationArn: ACCOUNTS[0]?.organizationArn ?? '' };
  if (target === 'ou:partner') return { OrganizationalUnitArn: ACCOUNTS[1]?.organizationalUnitArn ?? '' };
  return { UserId: target.slice(5) };
}

/** Copy, share, public/private, deprecate, deregister. */
export function ImageActions({ image, accountId, send, onLaunch, now }: ImageActionsProps) {
  const otherRegions = REGIONS.map((r) => r.RegionName).filter((r) => r !== image.region);
  const [destination, setDestination] = useState(otherRegions[0] ?? '');
  const [copyName, setCopyName] = useState(image.name);
  const [target, setTarget] = useState(PERMISSION_TARGETS[1]?.value ?? '');
  const [custom, setCustom] = useState('');
  const [deprecateAt, setDeprecateAt] = useState(() => new Date(now + 60 * 60_000).toISOString().slice(0, 16));
  const [deleteSnapshots, setDeleteSnapshots] = useState(false);
  const mine = image.ownerId === accountId;
  const region = image.region;
  const launchPermission = (kind: 'Add' | 'Remove') =>
    send(`${kind === 'Add' ? 'Share' : 'Unshare'} ${image.id}`, 'ModifyImageAttribute', { ImageId: image.id, LaunchPermission: { [kind]: [permissionFor(target, custom)] } }, region);
  return (
    <div className="lab-forms">
      <div className="lab-button-row">
        <button type="button" className="lab-button" onClick={() => onLaunch(image.id)}>
          Launch from this AMI
        </button>
      </div>
      <ActionForm title="Copy image to a Region" submit="Copy image" onSubmit={() => send(`Copy ${image.id} to ${destination}`, 'CopyImage', { SourceRegion: image.region, SourceImageId: image.id, Name: copyName }, destination)}>
        <Field label="Destination Region">
          {(id) => (
            <select id={id} value={destination} onChange={(event) => setDestination(event.target.value)}>
              {[image.region, ...otherRegions].map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Name of the copy">{(id) => <input id={id} value={copyName} onChange={(event) => setCopyName(event.target.value)} />}</Field>
      </ActionForm>
      {mine && (
        <>
          <ActionForm title="Launch permissions" submit="Add launch permission" onSubmit={() => launchPermission('Add')}>
            <Field label="Share with">
              {(id) => (
                <select id={id} value={target} onChange={(event) => setTarget(event.target.value)}>
                  {PERMISSION_TARGETS.map((t) => (
                    <option key={t.value} value={t.value}>
                      {t.label}
                    </option>
                  ))}
                  <option value="custom">Another account ID…</option>
                </select>
              )}
            </Field>
            {target === 'custom' && <Field label="Account ID">{(id) => <input id={id} value={custom} onChange={(event) => setCustom(event.target.value)} inputMode="numeric" />}</Field>}
            <button type="button" className="lab-button" onClick={() => launchPermission('Remove')}>
              Remove launch permission
            </button>
          </ActionForm>
          <div className="lab-button-row" role="group" aria-label={`Visibility of ${image.id}`}>
            <button type="button" className="lab-button" onClick={() => send(`Make ${image.id} public`, 'ModifyImageAttribute', { ImageId: image.id, LaunchPermission: { Add: [{ Group: 'all' }] } }, region)}>
              Make public
            </button>
            <button type="button" className="lab-button" onClick={() => send(`Make ${image.id} private`, 'ModifyImageAttribute', { ImageId: image.id, LaunchPermission: { Remove: [{ Group: 'all' }] } }, region)}>
              Make private
            </button>
          </div>
          <ActionForm title="Deprecate" submit="Deprecate" onSubmit={() => send(`Deprecate ${image.id}`, 'EnableImageDeprecation', { ImageId: image.id, DeprecateAt: `${deprecateAt}:00Z` }, region)}>
            <Field label="Deprecate at (UTC)" hint="Simulated time. Deprecated AMIs still launch by ID.">
              {(id) => <input id={id} type="datetime-local" value={deprecateAt} onChange={(event) => setDeprecateAt(event.target.value)} />}
            </Field>
            <button type="button" className="lab-button" onClick={() => send(`Cancel deprecation of ${image.id}`, 'DisableImageDeprecation', { ImageId: image.id }, region)}>
              Cancel deprecation
            </button>
          </ActionForm>
          <ActionForm title="Deregister" submit="Deregister" danger onSubmit={() => send(`Deregister ${image.id}`, 'DeregisterImage', { ImageId: image.id, ...(deleteSnapshots ? { DeleteAssociatedSnapshots: true } : {}) }, region)}>
            <div className="lab-check">
              <input id={`delsnap-${image.id}`} type="checkbox" checked={deleteSnapshots} onChange={(event) => setDeleteSnapshots(event.target.checked)} />
              <label htmlFor={`delsnap-${image.id}`}>Also delete its snapshots</label>
            </div>
          </ActionForm>
        </>
      )}
      {!mine && isSharedWith(image, accountId) && (
        <div className="lab-button-row">
          <button type="button" className="lab-button" onClick={() => send(`Stop seeing ${image.id}`, 'CancelImageLaunchPermission', { ImageId: image.id }, region)}>
            Remove from my account (cancel launch permission)
          </button>
        </div>
      )}
    </div>
  );
}

/** Delete a snapshot. */
export function SnapshotActions({ snapshot, send }: { readonly snapshot: SnapshotRecord; readonly send: SendFromForm }) {
  return (
    <div className="lab-button-row">
      <button type="button" className="lab-button lab-button-danger" onClick={() => send(`Delete ${snapshot.id}`, 'DeleteSnapshot', { SnapshotId: snapshot.id }, snapshot.region)}>
        Delete snapshot
      </button>
    </div>
  );
}

/** Delete or detach a volume. */
export function VolumeActions({ volume, send }: { readonly volume: VolumeRecord; readonly send: SendFromForm }) {
  return (
    <div className="lab-button-row">
      {volume.attachment !== null && (
        <button type="button" className="lab-button" onClick={() => send(`Detach ${volume.id}`, 'DetachVolume', { VolumeId: volume.id }, volume.region)}>
          Detach volume
        </button>
      )}
      <button type="button" className="lab-button" onClick={() => send(`Snapshot ${volume.id}`, 'CreateSnapshot', { VolumeId: volume.id }, volume.region)}>
        Create snapshot
      </button>
      <button type="button" className="lab-button lab-button-danger" onClick={() => send(`Delete ${volume.id}`, 'DeleteVolume', { VolumeId: volume.id }, volume.region)}>
        Delete volume
      </button>
    </div>
  );
}

/** Tag any resource. */
export function TagForm({ resourceId, region, send }: { readonly resourceId: string; readonly region: string; readonly send: SendFromForm }) {
  const [key, setKey] = useState('Name');
  const [value, setValue] = useState('');
  return (
    <ActionForm title="Tag" submit="Add tag" onSubmit={() => send(`Tag ${resourceId}`, 'CreateTags', { Resources: [resourceId], Tags: [{ Key: key, Value: value }] }, region)}>
      <Field label="Tag key">{(id) => <input id={id} value={key} onChange={(event) => setKey(event.target.value)} />}</Field>
      <Field label="Tag value">{(id) => <input id={id} value={value} onChange={(event) => setValue(event.target.value)} />}</Field>
    </ActionForm>
  );
}

