/**
 * Where the service forms mount: one collapsed group per service, whose forms download when the
 * learner opens it (a failed download says so, with Retry). Only this shell is in the lab's first
 * load.
 */
import { useState } from 'react';
import type { World } from '../../simulator/index';
import type { FormGroup } from './ServiceForms';
import type { SendFromForm } from './types';
import { downloadFailedText } from '../shared/download-failed';
import { useLoader } from './use-loader';

interface Props {
  readonly world: Readonly<World>;
  readonly accountId: string;
  readonly region: string;
  readonly send: SendFromForm;
}

const GROUPS: readonly (readonly [FormGroup, string])[] = [
  ['regions', 'Regions (enable or disable opt-in Regions)'],
  ['parameters', 'Parameter Store (SSM parameters)'],
  ['templates', 'Launch templates'],
  ['autoscaling', 'Auto Scaling groups and instance refresh'],
  ['images', 'AMIs: protection, disable, register from a snapshot'],
  ['volumes', 'Volumes and snapshots: create, attach, copy, share'],
  ['recyclebin', 'Recycle Bin: retention rules, restore deleted images and snapshots'],
  ['dlm', 'Data Lifecycle Manager: AMI and snapshot policies'],
  ['imagebuilder', 'EC2 Image Builder: components, recipes, pipelines, builds'],
];

const loadForms = () => import('./ServiceForms');

export function ServicesMount({ world, accountId, region, send }: Props) {
  const forms = useLoader(loadForms, 'service-forms');
  const [open, setOpen] = useState<ReadonlySet<FormGroup>>(new Set());
  const toggle = (group: FormGroup, isOpen: boolean) => {
    setOpen((current) => {
      const next = new Set(current);
      if (isOpen) next.add(group);
      else next.delete(group);
      return next;
    });
    if (isOpen) forms.ensure().catch(() => undefined);
  };
  return (
    <section className="lab-panel lab-services" aria-labelledby="lab-services-heading">
      <h2 id="lab-services-heading">More actions in {region}</h2>
      {GROUPS.map(([group, title]) => (
        <details key={group} className="lab-service-group" onToggle={(event) => toggle(group, event.currentTarget.open)}>
          <summary>{title}</summary>
          {open.has(group) &&
            (forms.state.status === 'ready' ? (
              <forms.state.value.ServiceFormGroup key={`${accountId}/${region}`} group={group} world={world} accountId={accountId} region={region} send={send} />
            ) : forms.state.status === 'failed' ? (
              <div role="alert">
                <p>{downloadFailedText('These forms', forms.state.failures)}</p>
                <button type="button" className="lab-button" onClick={() => void forms.ensure().catch(() => undefined)}>
                  Retry
                </button>
              </div>
            ) : (
              <p className="lab-muted" role="status">
                Loading the forms…
              </p>
            ))}
        </details>
      ))}
    </section>
  );
}
