/**
 * Starting and restoring worlds for a lab slot (the sandbox or a scenario). Clouds are deferred:
 * the world is drawn at once, and the EC2 API and statecharts load when the learner starts to act
 * (`cloud.ready()`); a save is validated (zod) when one is read.
 */
import type { Cloud } from '../../simulator/cloud-core';
import { createDeferredCloud, restoreBuiltCloud, restoreDeferredCloud } from '../../simulator/deferred';
import type { ScenarioProps } from './types';

/** The slot a page's world is saved under. */
export function slotOf(scenario: ScenarioProps | null): string {
  return scenario === null ? 'sandbox' : scenario.slug;
}

/**
 * A fresh world: the scenario's starting world (built when the site was built, see
 * pages/lab/[scenario].astro, and part of the page, so read back without the save validator), or
 * an empty sandbox.
 */
export async function freshCloud(scenario: ScenarioProps | null, seed: number): Promise<Cloud> {
  if (scenario === null || scenario.startWorld === null) return createDeferredCloud({ seed });
  const restored = restoreBuiltCloud(scenario.startWorld);
  return restored.ok ? restored.cloud : createDeferredCloud({ seed });
}

/** A saved world, or the reason it could not be restored. */
export async function restoreSaved(json: string): Promise<{ ok: true; cloud: Cloud } | { ok: false; message: string }> {
  const restored = await restoreDeferredCloud(json);
  return restored.ok ? { ok: true, cloud: restored.cloud } : { ok: false, message: restored.error.message };
}

/** An ID for this tab, so two tabs on one slot can tell each other apart. */
export function newTabId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `tab-${Date.now()}-${Math.random().toString(16).slice(2)}`;
}
