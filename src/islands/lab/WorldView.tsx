/**
 * The world at a glance for the account acted as: Regions → zones → instances with their volumes;
 * per Region the AMIs with their block device mappings → snapshots; loose snapshots and volumes;
 * in the selected Region the launch templates, Auto Scaling groups and parameters (drawn by a part
 * loaded when there are some). Only Regions in use are drawn open (something of the account's, the
 * scenario's, the selected one); the others are listed by name, grouped by geography.
 * Every resource is a button that selects it; states are shown as text badges.
 */
import { type ReactNode, useEffect } from 'react';
import type { SnapshotRecord, VolumeRecord, World } from '../../simulator/index';
import { count } from './format';
import { downloadFailedText } from '../shared/download-failed';
import { useLoader } from './use-loader';
import { geographyOf, isRegionInUse, optInWords, type RegionView } from './world-view';

interface Props {
  readonly regions: readonly RegionView[];
  readonly currentRegion: string;
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
  /** Regions drawn open even when empty (the scenario's). */
  readonly pinnedRegions?: readonly string[];
  /** Makes a Region the selected one (from the list of Regions not in use). */
  readonly onSelectRegion?: (region: string) => void;
  /** The world and the account, for the launch templates, groups and parameters of the selected Region. */
  readonly world?: Readonly<World>;
  readonly accountId?: string;
}

const loadServicesView = () => import('./AutoScalingView');

/** The selected Region's launch templates, Auto Scaling groups and parameters, loaded when it has some. */
function RegionServices({ world, accountId, region }: { world: Readonly<World>; accountId: string; region: string }) {
  const part = useLoader(loadServicesView, 'services-view');
  const { ensure, state } = part;
  useEffect(() => {
    if (state.status === 'idle') ensure().catch(() => undefined);
  }, [state.status, ensure]);
  if (state.status === 'ready') return <state.value.AutoScalingView world={world} accountId={accountId} region={region} />;
  if (state.status === 'failed') {
    return (
      <div role="alert">
        <p>{downloadFailedText('The view of launch templates, Auto Scaling groups and parameters', state.failures)}</p>
        <button type="button" className="lab-button" onClick={() => void ensure().catch(() => undefined)}>
          Retry
        </button>
      </div>
    );
  }
  return <p className="lab-muted">Loading launch templates, Auto Scaling groups and parameters…</p>;
}

/** The Regions with nothing of the account's, by geography: a name and status each, a button that selects it. */
function OtherRegions({ regions, onSelectRegion }: { regions: readonly RegionView[]; onSelectRegion: ((region: string) => void) | undefined }) {
  const geographies = [...new Set(regions.map((region) => geographyOf(region.region)))];
  return (
    <details className="lab-region lab-other-regions">
      <summary>
        {count(regions.length, 'other Region')} <span className="lab-muted">(nothing of yours there)</span>
      </summary>
      {geographies.map((geography) => (
        <div key={geography} className="lab-other-geography">
          <h3>{geography}</h3>
          <ul aria-label={`Other Regions in ${geography}`}>
            {regions
              .filter((region) => geographyOf(region.region) === geography)
              .map((region) => {
                const words = optInWords(region.optInStatus);
                const label = (
                  <>
                    {region.displayName} <span className="lab-mono">{region.region}</span>
                    {words !== '' && <span className="lab-tag">opt-in: {words}</span>}
                  </>
                );
                return (
                  <li key={region.region}>
                    {onSelectRegion === undefined ? (
                      label
                    ) : (
                      <button type="button" className="lab-resource-button" onClick={() => onSelectRegion(region.region)}>
                        {label}
                      </button>
                    )}
                  </li>
                );
              })}
          </ul>
        </div>
      ))}
    </details>
  );
}

function State({ value }: { readonly value: string }) {
  return <span className={`lab-state lab-state-${value}`}>{value}</span>;
}

function Resource({
  id,
  label,
  state,
  selected,
  onSelect,
  children,
}: {
  id: string;
  label: ReactNode;
  state: string;
  selected: boolean;
  onSelect: (id: string) => void;
  children?: ReactNode;
}) {
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

export function WorldView({ regions, currentRegion, selectedId, onSelect, pinnedRegions = [], onSelectRegion, world, accountId }: Props) {
  const inUse = regions.filter((region) => isRegionInUse(region, currentRegion, pinnedRegions));
  const others = regions.filter((region) => !inUse.includes(region));
  return (
    <section className="lab-panel lab-world" aria-labelledby="lab-world-heading">
      <h2 id="lab-world-heading">Your world</h2>
      {inUse.map((region) => (
        <details key={region.region} className="lab-region" open>
          <summary>
            <span className="lab-region-name">{region.region}</span> <span className="lab-muted">{region.displayName}</span>
            {region.region === currentRegion && <span className="lab-tag">current Region</span>}
            {optInWords(region.optInStatus) !== '' && <span className="lab-tag">opt-in: {optInWords(region.optInStatus)}</span>}
            <span className="lab-muted"> · {count(region.resourceCount + region.serviceCount, 'resource')}</span>
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
                                <VolumeItem
                                  key={volume.id}
                                  volume={volume}
                                  detail={`${volume.attachment?.device ?? ''} · ${volume.size} GiB`}
                                  selectedId={selectedId}
                                  onSelect={onSelect}
                                />
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
            {region.ownImages.length + region.deregisteredImages.length + region.sharedImages.length === 0 && <p className="lab-muted">No AMIs of yours here.</p>}
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
                      mapping.snapshot !== undefined && mapping.listedUnder === null ? (
                        <SnapshotItem
                          key={mapping.deviceName}
                          snapshot={mapping.snapshot}
                          device={mapping.deviceName}
                          detail={`· ${mapping.snapshot.volumeSize} GiB${mapping.alsoUsedBy.length > 0 ? ` · also used by ${mapping.alsoUsedBy.join(', ')}` : ''}`}
                          selectedId={selectedId}
                          onSelect={onSelect}
                        />
                      ) : (
                        <li key={mapping.deviceName} className="lab-muted">
                          {mapping.deviceName} → {mapping.snapshotId ?? 'no snapshot'}
                          {mapping.listedUnder !== null && ` (listed under ${mapping.listedUnder})`}
                        </li>
                      ),
                    )}
                  </ul>
                </Resource>
              ))}
              {region.deregisteredImages.map((view) => (
                // A deregistered AMI: still listed by AWS for a while, with no devices and no actions.
                <Resource
                  key={view.image.id}
                  id={view.image.id}
                  selected={selectedId === view.image.id}
                  onSelect={onSelect}
                  state={view.image.lifecycle.value}
                  label={
                    <>
                      <span aria-hidden="true">◇ </span>
                      <span className="lab-muted">
                        Deregistered: {view.image.name} {view.image.id}
                      </span>
                    </>
                  }
                />
              ))}
            </ul>
            {region.looseSnapshots.length > 0 && (
              <>
                <h3>Snapshots not used by an AMI</h3>
                <ul>
                  {region.looseSnapshots.map(({ snapshot, madeFor, madeForDeregistered }) => (
                    <SnapshotItem
                      key={snapshot.id}
                      snapshot={snapshot}
                      detail={`· ${snapshot.volumeSize} GiB${madeFor !== null ? ` · made for ${madeFor}${madeForDeregistered ? ' (deregistered)' : ''}` : ''}`}
                      selectedId={selectedId}
                      onSelect={onSelect}
                    />
                  ))}
                </ul>
              </>
            )}
            {region.region === currentRegion && region.serviceCount > 0 && world !== undefined && accountId !== undefined && (
              <RegionServices world={world} accountId={accountId} region={region.region} />
            )}
            <details className="lab-catalogue">
              <summary>Public catalogue ({count(region.catalogue.length, 'AMI')})</summary>
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
      {others.length > 0 && <OtherRegions regions={others} onSelectRegion={onSelectRegion} />}
    </section>
  );
}
