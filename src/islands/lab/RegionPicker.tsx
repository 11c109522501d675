/**
 * The Region picker: every Region grouped by geography with its console name ("Europe (Frankfurt)
 * eu-central-1") and, for opt-in Regions, the account's status. An opt-in Region that is not enabled
 * offers "Enable Region" (the Account API's EnableRegion); enabling takes simulated time, so the
 * picker says ENABLING until the clock has run long enough.
 */
import { useState } from 'react';
import type { World } from '../../simulator/index';
import type { SendFromForm } from './types';
import { regionChoices } from './world-view';
import './services.css';

interface Props {
  readonly world: Readonly<World>;
  readonly accountId: string;
  readonly region: string;
  readonly onChange: (region: string) => void;
  readonly send: SendFromForm;
}

export function RegionPicker({ world, accountId, region, onChange, send }: Props) {
  const groups = regionChoices(world, accountId);
  const chosen = groups.flatMap((group) => group.regions).find((choice) => choice.region.RegionName === region);
  const [problem, setProblem] = useState<{ region: string; text: string } | null>(null);
  const status = chosen?.status ?? 'ENABLED_BY_DEFAULT';
  const enable = () => {
    setProblem(null);
    void send(`Enable Region ${region}`, 'EnableRegion', { RegionName: region }, region, 'account').then((record) => {
      if (record !== null && !record.result.ok) setProblem({ region, text: `${record.result.error.Code}: ${record.result.error.Message}` });
    });
  };
  return (
    <div className="lab-field lab-inline lab-region-picker">
      <label htmlFor="lab-region">Region</label>
      <select id="lab-region" value={region} onChange={(event) => onChange(event.target.value)}>
        {groups.map((group) => (
          <optgroup key={group.geography} label={group.geography}>
            {group.regions.map((choice) => (
              <option key={choice.region.RegionName} value={choice.region.RegionName}>
                {choice.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <span className="lab-region-status" role="status">
        {status === 'DISABLED' && <span className="lab-tag lab-tag-warn">opt-in Region, not enabled</span>}
        {status === 'ENABLING' && <span className="lab-tag lab-tag-warn">ENABLING: takes about 15 simulated minutes; let the clock run</span>}
        {status === 'DISABLING' && <span className="lab-tag lab-tag-warn">DISABLING</span>}
        {status === 'ENABLED' && <span className="lab-tag">opt-in Region, enabled</span>}
        {problem !== null && problem.region === region && <span className="lab-field-error">{problem.text}</span>}
      </span>
      {status === 'DISABLED' && (
        <button type="button" className="lab-button lab-button-small" onClick={enable}>
          Enable Region
        </button>
      )}
    </div>
  );
}
