/**
 * The world at a glance for the account acted as: Regions → zones → instances with their volumes;
 * per Region the AMIs with their block device mappings → snapshots; loose snapshots and volumes.
 * Every resource is a button that selects it; states are shown as text badges.
 */
import type { ReactNode } from 'react';
import type { SnapshotRecord, VolumeRecord } from '../../simulator/index';
import type { RegionView } from './world-view';

interface Props {
  readonly regions: readonly RegionView[];
  readonly currentRegion: string;
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
}

function State({ value }: { readonly value: string }) {
  return <span className={`lab-state lab-state-${value}`}>{value}</span>;
}

function Resource({ id, label, state, selected, onSelect, children }: { id: string; label: ReactNode; state: string; selected: boolean; onSelect: (id: string) => void; children?: ReactNode }) {
  return (
    <li className="lab-resource">
      <button type="button" className="lab-resource-button" aria-pressed={selected} onClick={() => onSelect(id)} data-resource-id={id}>
        <span className="lab-resource-label">{label}</span> <State value={state} />
      </button>
      {children}
    </li>
  );
}

interface ItemProps {
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
  /** Text after the ID, e.g. "· 8 GiB". */
  readonly detail: string;
}

/** A volume, attached (under its instance) or loose (under its zone). */
function VolumeItem({ volume, detail, selectedId, onSelect }: ItemProps & { readonly volume: VolumeRecord }) {
  return (
    <Resource
      id={volume.id}
      selected={selectedId === volume.id}
      onSelect={onSelect}
      state={volume.lifecycle.value}
      label={
        <>
          <span aria-hidden="true">⛁ </span>
          {volume.id} <span className="lab-muted">{detail}</span>
        </>
      }
    />
  );
}

/** A snapshot, under the AMI mapping that uses it (with its device name) or loose. */
function SnapshotItem({ snapshot, device, detail, selectedId, onSelect }: ItemProps & { readonly snapshot: SnapshotRecord; readonly device?: string }) {
  return (
    <Resource
      id={snapshot.id}
      selected={selectedId === snapshot.id}
      onSelect={onSelect}
      state={snapshot.lifecycle.value}
      label={
        <>
          {device !== undefined && <span className="lab-muted">{device} → </span>}
          <span aria-hidden="true">◎ </span>
          {snapshot.id} <span className="lab-muted">{detail}</span>
        </>
      }
    />
  );
}

export function WorldView({ regions, currentRegion, selectedId, onSelect }: Props) {
  return (
    <section className="lab-panel lab-world" aria-labelledby="lab-world-heading">
      <h2 id="lab-world-heading">Your world</h2>
      {regions.map((region) => (
        <details key={region.region} className="lab-region" open={region.region === currentRegion || undefined}>
          <summary>
            <span className="lab-region-name">{region.region}</span>
            {region.region === currentRegion && <span className="lab-tag">current Region</span>}
            <span className="lab-muted"> · {region.resourceCount} resources</span>
          </summary>
          <div className="lab-region-body">
            <h3>Availability Zones</h3>
            <ul className="lab-zones">
              {region.zones.map((zone) => (
                <li key={zone.zone} className={zone.instances.length + zone.looseVolumes.length === 0 ? 'lab-zone lab-zone-empty' : 'lab-zone'}>
                  <span className="lab-zone-name">
                    {zone.zone} <span className="lab-muted">({zone.zoneId})</span>
                  </span>
                  {zone.instances.length + zone.looseVolumes.length > 0 && (
                    <ul>
                      {zone.instances.map(({ instance, name, volumes, installed }) => (
                        <Resource
                          key={instance.id}
                          id={instance.id}
                          selected={selectedId === instance.id}
                          onSelect={onSelect}
                          state={instance.lifecycle.value}
                          label={
                            <>
                              <span aria-hidden="true">▣ </span>
                              {name !== undefined ? <strong>{name}</strong> : null} {instance.id}
                              {installed.length > 0 && <span className="lab-muted"> · {installed.filter((p) => !p.endsWith('-base')).join(', ') || 'base OS'}</span>}
                            </>
                          }
                        >
                          {volumes.length > 0 && (
                            <ul>
                              {volumes.map((volume) => (
                                <VolumeItem key={volume.id} volume={volume} detail={`${volume.attachment?.device ?? ''} · ${volume.size} GiB`} selectedId={selectedId} onSelect={onSelect} />
                              ))}
                            </ul>
                          )}
                        </Resource>
                      ))}
                      {zone.looseVolumes.map((volume) => (
                        <VolumeItem key={volume.id} volume={volume} detail={`· ${volume.size} GiB, not attached`} selectedId={selectedId} onSelect={onSelect} />
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
            <h3>AMIs</h3>
            {region.ownImages.length === 0 && region.sharedImages.length === 0 && <p className="lab-muted">No AMIs of yours here.</p>}
            <ul>
              {[...region.ownImages, ...region.sharedImages].map((view) => (
                <Resource
                  key={view.image.id}
                  id={view.image.id}
                  selected={selectedId === view.image.id}
                  onSelect={onSelect}
                  state={view.image.lifecycle.value}
                  label={
                    <>
                      <span aria-hidden="true">◆ </span>
                      <strong>{view.image.name}</strong> {view.image.id}
                      {view.isPublic && <span className="lab-tag">public</span>}
                      {view.shares > 0 && <span className="lab-tag">shared ×{view.shares}</span>}
                      {view.isDeprecated && <span className="lab-tag">deprecated</span>}
                      {region.sharedImages.includes(view) && <span className="lab-tag">shared with you</span>}
                    </>
                  }
                >
                  <ul aria-label={`Block device mappings of ${view.image.id}`}>
                    {view.mappings.map((mapping) =>
                      mapping.snapshot !== undefined ? (
                        <SnapshotItem
                          key={mapping.deviceName}
                          snapshot={mapping.snapshot}
                          device={mapping.deviceName}
                          detail={`· ${mapping.snapshot.volumeSize} GiB`}
                          selectedId={selectedId}
                          onSelect={onSelect}
                        />
                      ) : (
                        <li key={mapping.deviceName} className="lab-muted">
                          {mapping.deviceName} → {mapping.snapshotId ?? 'no snapshot'}
                        </li>
                      ),
                    )}
                  </ul>
                </Resource>
              ))}
            </ul>
            {region.looseSnapshots.length > 0 && (
              <>
                <h3>Snapshots not used by an AMI</h3>
                <ul>
                  {region.looseSnapshots.map((snapshot) => (
                    <SnapshotItem
                      key={snapshot.id}
                      snapshot={snapshot}
                      detail={`· ${snapshot.volumeSize} GiB${snapshot.createdForImageId !== null ? ` · made for ${snapshot.createdForImageId}` : ''}`}
                      selectedId={selectedId}
                      onSelect={onSelect}
                    />
                  ))}
                </ul>
              </>
            )}
            <details className="lab-catalogue">
              <summary>Public catalogue ({region.catalogue.length} AMIs)</summary>
              <ul>
                {region.catalogue.map((image) => (
                  <Resource
                    key={image.id}
                    id={image.id}
                    selected={selectedId === image.id}
                    onSelect={onSelect}
                    state={image.lifecycle.value}
                    label={
                      <>
                        <span aria-hidden="true">◇ </span>
                        {image.name} <span className="lab-muted">{image.id}</span>
                      </>
                    }
                  />
                ))}
              </ul>
            </details>
          </div>
        </details>
      ))}
    </section>
  );
}
