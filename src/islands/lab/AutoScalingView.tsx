/**
 * The world view's part for the services beside EC2, in the acting account and the selected
 * Region: launch templates (versions, default and latest, the AMI or resolve:ssm: name), Auto
 * Scaling groups (sizes, instances per Availability Zone, the template version, the instance
 * refresh with its percentage and status) and Parameter Store parameters. Loaded when there is
 * something to show. Group members are listed as text: each is selectable under its zone above.
 */
import type { World } from '../../simulator/index';
import { buildServicesView } from './services-view';

interface Props {
  readonly world: Readonly<World>;
  readonly accountId: string;
  readonly region: string;
}

export function AutoScalingView({ world, accountId, region }: Props) {
  const view = buildServicesView(world, accountId, region);
  return (
    <div className="lab-services-view">
      {view.parameters.length > 0 && (
        <>
          <h3>Parameters (Parameter Store)</h3>
          <ul aria-label={`Parameters in ${region}`}>
            {view.parameters.map((parameter) => (
              <li key={parameter.name} className="lab-service-item">
                <span aria-hidden="true">⚙ </span>
                <strong className="lab-mono">{parameter.name}</strong> <span className="lab-tag">v{parameter.version}</span> <span className="lab-mono">{parameter.value}</span>
                <span className="lab-muted">
                  {' '}
                  · {parameter.type} · {parameter.dataType}
                  {parameter.labels.length > 0 && <> · labels {parameter.labels.join('; ')}</>}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {view.templates.length > 0 && (
        <>
          <h3>Launch templates</h3>
          <ul aria-label={`Launch templates in ${region}`}>
            {view.templates.map((template) => (
              <li key={template.id} className="lab-service-item">
                <span aria-hidden="true">▤ </span>
                <strong>{template.name}</strong> <span className="lab-muted">{template.id}</span>
                <ul aria-label={`Versions of ${template.name}`}>
                  {template.versions.map((version) => (
                    <li key={version.versionNumber}>
                      Version {version.versionNumber}
                      {version.isDefault && <span className="lab-tag">default</span>}
                      {version.isLatest && <span className="lab-tag">latest</span>} <span className="lab-mono">{version.imageId || '(no AMI)'}</span>
                      {version.instanceType !== '' && <span className="lab-muted"> · {version.instanceType}</span>}
                      {version.description !== null && <span className="lab-muted"> · {version.description}</span>}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
      {view.groups.length > 0 && (
        <>
          <h3>Auto Scaling groups</h3>
          <ul aria-label={`Auto Scaling groups in ${region}`}>
            {view.groups.map((group) => (
              <li key={group.name} className="lab-service-item" data-group={group.name}>
                <span aria-hidden="true">▦ </span>
                <strong>{group.name}</strong>
                {group.deleting && <span className="lab-tag">deleting</span>}
                <span className="lab-muted">
                  {' '}
                  · desired {group.desiredCapacity} (min {group.minSize}, max {group.maxSize}) · {group.templateName} version {group.templateVersion}
                </span>
                {group.lastFailure !== null && <p className="lab-field-error">Last launch failed: {group.lastFailure}</p>}
                <ul aria-label={`Instances of ${group.name} per Availability Zone`}>
                  {group.zones.map((zone) => (
                    <li key={zone.zone}>
                      <span className="lab-zone-name">{zone.zone}</span>: {zone.members.length} {zone.members.length === 1 ? 'instance' : 'instances'}
                      {zone.members.length > 0 && (
                        <ul>
                          {zone.members.map((member) => (
                            <li key={member.instanceId}>
                              <span className="lab-mono">{member.instanceId}</span> <span className="lab-muted">v{member.launchTemplateVersion}</span>{' '}
                              <span className={`lab-state lab-state-${member.state}`}>{member.state}</span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                </ul>
                {group.refresh !== null && (
                  <div className="lab-refresh">
                    <span>
                      Instance refresh: <strong>{group.refresh.status}</strong>, {group.refresh.percentage}% complete, {group.refresh.instancesToUpdate} to update (to version{' '}
                      {group.refresh.targetVersion}, min healthy {group.refresh.minHealthyPercentage}%, warmup {group.refresh.instanceWarmupSeconds} s
                      {group.refresh.skipMatching ? ', skip matching' : ''})
                    </span>
                    <progress max={100} value={group.refresh.percentage} aria-label={`Instance refresh of ${group.name}`}>
                      {group.refresh.percentage}%
                    </progress>
                    {group.refresh.statusReason !== null && <span className="lab-muted"> {group.refresh.statusReason}</span>}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
