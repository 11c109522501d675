/** Starting and restoring worlds for a lab slot (the sandbox or a scenario). */
import { type Cloud, createCloud, restoreCloud } from '../../simulator/index';
import { buildStartingWorld, startSchema } from '../../simulator/scenarios/index';
import type { ScenarioProps } from './types';

/** The slot a page's world is saved under. */
export function slotOf(scenario: ScenarioProps | null): string {
  return scenario === null ? 'sandbox' : scenario.slug;
}

/** A fresh world: the scenario's starting world, or an empty sandbox. */
export function freshCloud(scenario: ScenarioProps | null, seed: number): Cloud {
  if (scenario === null) return createCloud({ seed });
  const start = startSchema.safeParse(scenario.start);
  const built = start.success ? buildStartingWorld(start.data) : undefined;
  return built?.ok === true ? built.cloud : createCloud({ seed });
}

/** A saved world, or the reason it could not be restored. */
export function restoreSaved(json: string): { ok: true; cloud: Cloud } | { ok: false; message: string } {
  const restored = restoreCloud(json);
  return restored.ok ? { ok: true, cloud: restored.cloud } : { ok: false, message: restored.error.message };
}

/** An ID for this tab, so two tabs on one slot can tell each other apart. */
export function newTabId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `tab-${Date.now()}-${Math.random().toString(16).slice(2)}`;
}
