/**
 * The Recycle Bin, Data Lifecycle Manager and EC2 Image Builder as the lab shows them, in the acting
 * account and the selected Region, above their forms: retention rules and the bin's contents (with
 * Restore buttons), lifecycle policies with what their runs made, and Image Builder's resources and
 * builds, the newest build's lifecycle drawn from `builderImageMachine`. Loaded with the service
 * forms when the learner opens one of these groups.
 */
import { useState } from 'react';
import { builderImageMachine } from '../../simulator/machines/imagebuilder-image.machine';
import type { World } from '../../simulator/index';
import type { AutomationGroup } from './AutomationForms';
import { buildBinView, buildBuilderView, buildPoliciesView, buildRulesView, buildSentence, type BinItemView } from './automation-view';
import { count, simulatedTime } from './format';
import { LifecycleDiagram } from './LifecycleDiagram';
import type { SendFromForm } from './types';

interface Props {
  readonly group: AutomationGroup;
  readonly world: Readonly<World>;
  readonly accountId: string;
  readonly region: string;
  readonly send: SendFromForm;
}

const when = (ms: number) => simulatedTime(new Date(ms));

function BinItem({ item, send }: { readonly item: BinItemView; readonly send: SendFromForm }) {
  const [answer, setAnswer] = useState<string | null>(null);
  const restore = () => {
    const image = item.kind === 'image';
    void send(`Restore ${item.id}`, image ? 'RestoreImageFromRecycleBin' : 'RestoreSnapshotFromRecycleBin', image ? { ImageId: item.id } : { SnapshotId: item.id }).then(
      (record) => {
        if (record !== null && !record.result.ok) setAnswer(`${record.result.error.Code}: ${record.result.error.Message}`);
      },
    );
  };
  return (
    <li className="lab-service-item">
      <span aria-hidden="true">{item.kind === 'image' ? '◆ ' : '▣ '}</span>
      <strong className="lab-mono">{item.id}</strong> <span>{item.name}</span>
      <span className="lab-muted">
        {' '}
        · {item.kind === 'image' ? 'AMI' : 'snapshot'} · kept until {when(item.keptUntil)} (rule {item.ruleId})
      </span>{' '}
      <button type="button" className="lab-button" onClick={restore} aria-label={`Restore ${item.id}`}>
        Restore
      </button>
      {answer !== null && (
        <span className="lab-field-error" role="alert">
          {answer}
        </span>
      )}
    </li>
  );
}

function RecycleBinView({ world, accountId, region, send }: Omit<Props, 'group'>) {
  const rules = buildRulesView(world, accountId, region);
  const bin = buildBinView(world, accountId, region);
  return (
    <div className="lab-services-view">
      <h3>Retention rules</h3>
      {rules.length === 0 ? (
        <p className="lab-muted">No retention rule in {region}: a deregistered AMI or deleted snapshot is gone at once.</p>
      ) : (
        <ul aria-label={`Retention rules in ${region}`}>
          {rules.map((rule) => (
            <li key={rule.id} className="lab-service-item">
              <span aria-hidden="true">♻ </span>
              <strong className="lab-mono">{rule.id}</strong> <span className="lab-tag">{rule.status}</span>
              {rule.lock !== null && <span className={rule.lock === 'unlocked' ? 'lab-tag' : 'lab-tag lab-tag-warn'}>{rule.lock.replace('_', ' ')}</span>}
              <span className="lab-muted">
                {' '}
                · {rule.resourceType === 'EC2_IMAGE' ? 'AMIs' : 'snapshots'} kept {count(rule.retentionDays, 'day')} · {rule.scope}
                {rule.tags.length > 0 && (rule.scope === 'tag-level' ? <> · tagged {rule.tags.join(', ')}</> : <> · except tagged {rule.tags.join(', ')}</>)}
                {rule.unlockDelayDays !== null && <> · unlock delay {count(rule.unlockDelayDays, 'day')}</>}
                {rule.unlocksAt !== null && <> · unlocks {when(rule.unlocksAt)}</>}
                {rule.description !== '' && <> · {rule.description}</>}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3>In the Recycle Bin</h3>
      {bin.length === 0 ? (
        <p className="lab-muted">The bin is empty in {region}.</p>
      ) : (
        <ul aria-label={`Recycle Bin in ${region}`}>
          {bin.map((item) => (
            <BinItem key={item.id} item={item} send={send} />
          ))}
        </ul>
      )}
    </div>
  );
}

function PoliciesView({ world, accountId, region }: Omit<Props, 'group' | 'send'>) {
  const policies = buildPoliciesView(world, accountId, region);
  if (policies.length === 0) return <p className="lab-muted">No lifecycle policy in {region}.</p>;
  return (
    <div className="lab-services-view">
      <h3>Lifecycle policies</h3>
      <ul aria-label={`Lifecycle policies in ${region}`}>
        {policies.map((policy) => (
          <li key={policy.id} className="lab-service-item">
            <span aria-hidden="true">⟳ </span>
            <strong className="lab-mono">{policy.id}</strong> <span className="lab-tag">{policy.state}</span> {policy.description}
            <span className="lab-muted">
              {' '}
              · {policy.type} policy for {policy.targets} tagged {policy.targetTags.join(', ')}
              {policy.noReboot !== null && <> · {policy.noReboot ? 'no reboot' : 'reboots the instance'}</>}
              {policy.nextRun !== null && <> · next run {when(policy.nextRun)}</>}
            </span>
            <ul aria-label={`Schedules of ${policy.id}`}>
              {policy.schedules.map((schedule) => (
                <li key={schedule.name}>
                  {schedule.name}: {schedule.when}, {schedule.retain}
                  {schedule.copies.length > 0 && <span className="lab-muted"> · copies to {schedule.copies.join('; ')}</span>}
                </li>
              ))}
            </ul>
            <ul aria-label={`What ${policy.id} made`}>
              {policy.runs.length === 0 ? (
                <li className="lab-muted">Nothing made yet: the first run is at the next scheduled time.</li>
              ) : (
                policy.runs.map((run) => (
                  <li key={run.id}>
                    {run.kind} <span className="lab-mono">{run.id}</span> <span className={`lab-state lab-state-${run.state}`}>{run.state}</span>
                    <span className="lab-muted">
                      {' '}
                      · {run.region}
                      {run.createdAt > 0 && <> · {when(run.createdAt)}</>}
                    </span>
                  </li>
                ))
              )}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}

function BuilderView({ world, accountId, region }: Omit<Props, 'group' | 'send'>) {
  const view = buildBuilderView(world, accountId, region);
  const latest = view.images[0];
  const empty = view.components.length + view.recipes.length + view.infrastructure.length + view.distributions.length + view.pipelines.length + view.images.length === 0;
  if (empty) return <p className="lab-muted">Nothing of Image Builder in {region} yet: a component, a recipe, an infrastructure configuration, then a pipeline.</p>;
  return (
    <div className="lab-services-view">
      {view.images.length > 0 && (
        <>
          <h3>Images (builds)</h3>
          <ul aria-label={`Image Builder images in ${region}`}>
            {view.images.map((image) => (
              <li key={image.arn} className="lab-service-item" data-build={image.arn}>
                <span aria-hidden="true">⚒ </span>
                <strong>
                  {image.name} {image.version}/{image.buildVersion}
                </strong>{' '}
                <span className={`lab-tag lab-build-${image.status.toLowerCase()}`}>{image.status}</span>
                <span className="lab-muted">
                  {image.pipeline !== null && <> · pipeline {image.pipeline}</>} · started {when(image.createdAt)}
                  {image.outputAmis.length > 0 && <> · AMIs {image.outputAmis.join(', ')}</>}
                </span>
                {image.reason !== null && <p className="lab-muted">{image.reason}</p>}
              </li>
            ))}
          </ul>
          {latest !== undefined && (
            <div className="lab-build-lifecycle">
              <p className="lab-build-caption">
                Newest build, {latest.name} {latest.version}/{latest.buildVersion}: <strong>{latest.status}</strong>. {buildSentence(latest.status, latest.reason)}
              </p>
              <LifecycleDiagram resourceType="Image Builder image" machine={builderImageMachine} current={latest.status} lastMove={null} />
            </div>
          )}
        </>
      )}
      {view.pipelines.length > 0 && (
        <>
          <h3>Pipelines</h3>
          <ul aria-label={`Image pipelines in ${region}`}>
            {view.pipelines.map((pipeline) => (
              <li key={pipeline.arn} className="lab-service-item">
                <strong>{pipeline.name}</strong> <span className="lab-tag">{pipeline.status}</span>
                <span className="lab-muted">
                  {' '}
                  · recipe {pipeline.recipe} · {pipeline.schedule}
                  {pipeline.nextRunAt !== null && <> · next run {when(pipeline.nextRunAt)}</>}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {view.recipes.length > 0 && (
        <>
          <h3>Recipes</h3>
          <ul aria-label={`Image recipes in ${region}`}>
            {view.recipes.map((recipe) => (
              <li key={recipe.arn} className="lab-service-item">
                <strong>
                  {recipe.name} {recipe.version}
                </strong>
                <span className="lab-muted">
                  {' '}
                  · parent <span className="lab-mono">{recipe.parentImage}</span> · components {recipe.components.join(', ')}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {view.components.length > 0 && (
        <>
          <h3>Components</h3>
          <ul aria-label={`Build components in ${region}`}>
            {view.components.map((component) => (
              <li key={component.arn} className="lab-service-item">
                <strong>
                  {component.name} {component.version}
                </strong>
                <span className="lab-muted"> · installs {component.packages.length === 0 ? 'nothing' : component.packages.join(', ')}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {view.infrastructure.length + view.distributions.length > 0 && (
        <>
          <h3>Configurations</h3>
          <ul aria-label={`Image Builder configurations in ${region}`}>
            {view.infrastructure.map((item) => (
              <li key={item.arn} className="lab-service-item">
                Infrastructure <strong>{item.name}</strong>
                <span className="lab-muted">
                  {' '}
                  · {item.instanceTypes.join(', ') || 'default instance type'} · profile {item.instanceProfileName}
                </span>
              </li>
            ))}
            {view.distributions.map((item) => (
              <li key={item.arn} className="lab-service-item">
                Distribution <strong>{item.name}</strong>
                <span className="lab-muted"> · to {item.regions.join(', ')}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The view of one automation group, above its forms. */
export function AutomationView({ group, ...rest }: Props) {
  switch (group) {
    case 'recyclebin':
      return <RecycleBinView {...rest} />;
    case 'dlm':
      return <PoliciesView world={rest.world} accountId={rest.accountId} region={rest.region} />;
    case 'imagebuilder':
      return <BuilderView world={rest.world} accountId={rest.accountId} region={rest.region} />;
  }
}
