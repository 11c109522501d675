/** Details of the selected resource, what can be done with it, and its lifecycle diagram. */
import type { AnyStateMachine } from 'xstate';
import type { Cloud, CloudLogEntry } from '../../simulator/index';
import { ImageActions, InstanceActions, SnapshotActions, TagForm, VolumeActions } from './ResourceForms';
import { duration, simulatedTime } from './format';
import { LifecycleDiagram } from './LifecycleDiagram';
import { eventWords } from './lifecycle-graph';
import { Outcome } from './ResultPanel';
import type { CallRecord, SendFromForm } from './types';
import { nameOf } from './world-view';

interface Props {
  readonly cloud: Cloud;
  readonly selectedId: string | null;
  readonly accountId: string;
  readonly send: SendFromForm;
  readonly onLaunch: (imageId: string) => void;
  /** The lab's last call: when it removed the selected resource, its answer stays shown here. */
  readonly lastCall?: CallRecord | null;
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function lastMoveOf(log: readonly CloudLogEntry[], id: string): { from: string | null; to: string | null; event: string } | null {
  for (let i = log.length - 1; i >= 0; i -= 1) {
    const entry = log[i];
    if (entry !== undefined && entry.kind === 'state-change' && entry.resourceId === id && entry.from !== entry.to) return { from: entry.from, to: entry.to, event: entry.event };
  }
  return null;
}

export function Details({ cloud, selectedId, accountId, send, onLaunch, lastCall = null }: Props) {
  const world = cloud.world();
  const lifecycle = selectedId === null ? undefined : cloud.lifecycleOf(selectedId);
  if (selectedId === null || lifecycle === undefined) {
    return (
      <section className="lab-panel lab-details" aria-labelledby="lab-details-heading">
        <h2 id="lab-details-heading">Details</h2>
        {/* The same live region in both branches (same place in the tree), so a deletion is announced. */}
        <div role="status" aria-live="polite">
          <p className="lab-muted">
            {selectedId === null
              ? 'Select an instance, volume, AMI or snapshot in the world to see its details, its actions and its lifecycle.'
              : `${selectedId} no longer exists: it was deleted (AWS also stops listing terminated instances and deregistered AMIs after a while). Select another resource in the world.`}
          </p>
        </div>
        {selectedId !== null && lastCall !== null && JSON.stringify(lastCall.request.params ?? {}).includes(`"${selectedId}"`) && <Outcome call={lastCall} />}
      </section>
    );
  }
  const timer = world.timers[selectedId];
  const instance = world.instances[selectedId];
  const image = world.images[selectedId];
  const snapshot = world.snapshots[selectedId];
  const volume = world.volumes[selectedId];
  const record = instance ?? image ?? snapshot ?? volume;
  const owned = record?.ownerId === accountId;
  const region = record?.region ?? '';
  // The statechart decides what the resource accepts now (the same machine the EC2 API steps).
  const machine: AnyStateMachine = lifecycle.machine;
  const resolved = record === undefined ? undefined : machine.resolveState({ value: lifecycle.state, context: record.lifecycle.context });
  const can = (event: string): boolean => resolved?.can({ type: event }) ?? false;
  const ended = ['terminated', 'shutting-down', 'deregistered', 'deleted'].includes(lifecycle.state);
  return (
    <section className="lab-panel lab-details" aria-labelledby="lab-details-heading">
      <h2 id="lab-details-heading">
        Details: <span className="lab-mono">{selectedId}</span>
      </h2>
      <div role="status" aria-live="polite" />
      <dl className="lab-facts">
        <Row label="State">
          <span className={`lab-state lab-state-${lifecycle.state}`}>{lifecycle.state}</span>
          {timer !== undefined && timer.event !== 'purge' && (
            <span className="lab-muted">
              {' '}
              · next: {eventWords(timer.event)} in {duration(timer.at - world.now)}
            </span>
          )}
        </Row>
        {instance !== undefined && (
          <>
            <Row label="Name">{nameOf(instance, accountId) ?? '—'}</Row>
            <Row label="Zone">{instance.availabilityZone}</Row>
            <Row label="Type">{instance.instanceType}</Row>
            <Row label="Launched from">{instance.imageId}</Row>
            <Row label="Installed">{(cloud.installedSoftware(instance.ownerId, instance.id) ?? []).join(', ') || 'nothing yet'}</Row>
            {instance.pendingInstalls.length > 0 && <Row label="Installs at first boot">{instance.pendingInstalls.join(', ')}</Row>}
          </>
        )}
        {image !== undefined && (
          <>
            <Row label="Name">{image.name}</Row>
            <Row label="Owner">{image.ownerAlias ?? image.ownerId}</Row>
            <Row label="Region">{image.region}</Row>
            <Row label="Carries">{image.installed.join(', ') || '—'}</Row>
            <Row label="Created">{simulatedTime(new Date(image.creationDate))}</Row>
            {image.sourceInstanceId !== null && <Row label="Made from">{image.sourceInstanceId}</Row>}
            {image.sourceImageId !== null && <Row label="Copy of">{`${image.sourceImageId} (${image.sourceImageRegion ?? ''})`}</Row>}
            <Row label="Launch permissions">
              {image.launchPermissions.length === 0
                ? 'private'
                : image.launchPermissions.map((p) => ('UserId' in p ? p.UserId : 'Group' in p ? 'everyone (public)' : 'OrganizationArn' in p ? 'organization' : 'OU')).join(', ')}
            </Row>
            <Row label="Deprecation">{image.deprecationTime === null ? 'none' : simulatedTime(new Date(image.deprecationTime))}</Row>
            <Row label={image.lifecycle.value === 'deregistered' ? 'Block devices (when registered)' : 'Block devices'}>
              {image.blockDeviceMappings.map((m) => `${m.DeviceName} → ${m.Ebs?.SnapshotId ?? '—'} (${m.Ebs?.VolumeSize ?? '?'} GiB)`).join('; ')}
            </Row>
          </>
        )}
        {snapshot !== undefined && (
          <>
            <Row label="Size">{snapshot.volumeSize} GiB</Row>
            <Row label="Description">{snapshot.description || '—'}</Row>
            <Row label="Used by AMIs">{snapshot.usedByImageIds.join(', ') || 'none'}</Row>
            <Row label="Carries">{snapshot.installed.join(', ') || '—'}</Row>
          </>
        )}
        {volume !== undefined && (
          <>
            <Row label="Zone">{volume.availabilityZone}</Row>
            <Row label="Size">{`${volume.size} GiB ${volume.volumeType}`}</Row>
            <Row label="Attached to">
              {volume.attachment === null
                ? 'nothing'
                : `${volume.attachment.instanceId} (${volume.attachment.device}, delete on termination: ${volume.attachment.deleteOnTermination ? 'yes' : 'no'})`}
            </Row>
            <Row label="From snapshot">{volume.snapshotId ?? '—'}</Row>
            <Row label="Carries">{volume.installed.join(', ') || '—'}</Row>
          </>
        )}
      </dl>
      <LifecycleDiagram resourceType={lifecycle.resourceType} machine={lifecycle.machine} current={lifecycle.state} lastMove={lastMoveOf(cloud.log(), selectedId)} />
      <h3>Actions</h3>
      {instance !== undefined && owned && <InstanceActions instance={instance} send={send} can={can} />}
      {image !== undefined && <ImageActions image={image} world={world} accountId={accountId} send={send} onLaunch={onLaunch} />}
      {snapshot !== undefined && owned && <SnapshotActions snapshot={snapshot} send={send} />}
      {volume !== undefined && owned && <VolumeActions volume={volume} send={send} can={can} />}
      {(owned || image !== undefined) && !ended && <TagForm resourceId={selectedId} region={region} send={send} />}
    </section>
  );
}
