import { describe, expect, it } from 'vitest';
import { imageMachine } from '../../../../src/simulator/machines/image.machine';
import { instanceMachine } from '../../../../src/simulator/machines/instance.machine';
import { arrowsOf, eventWords, lifecycleGraph, stateSentence } from '../../../../src/islands/lab/lifecycle-graph';

describe('the lifecycle drawing', () => {
  it('lays the instance lifecycle down narrow enough for a phone, one state a row', () => {
    const graph = lifecycleGraph(instanceMachine, 'down');
    // A phone's Details panel is about 340 px wide: the drawing is shown at 85 % of its size or more.
    expect(340 / graph.width).toBeGreaterThanOrEqual(0.85);
    expect(new Set(graph.nodes.map((node) => node.y)).size).toBe(graph.nodes.length);
    expect(new Set(graph.nodes.map((node) => node.x)).size).toBe(1);
  });

  it('is wider across than down (the Details panel picks the one that fits)', () => {
    expect(lifecycleGraph(instanceMachine, 'across').width).toBeGreaterThan(lifecycleGraph(instanceMachine, 'down').width);
  });

  it('draws one arrow per pair of states, naming every way between them', () => {
    const arrows = arrowsOf(lifecycleGraph(instanceMachine).edges);
    expect(arrows.find((arrow) => arrow.from === 'running' && arrow.to === 'stopping')?.label).toBe('stop / image reboot');
  });

  it('speaks plainly: no event names, no statechart words', () => {
    expect(eventWords('instance.ready')).toBe('boots');
    expect(stateSentence('instance', 'running')).toBe('The instance is running. It can be stopped, rebooted or terminated, configured, and an image can be made of it.');
    for (const state of Object.keys(imageMachine.config.states ?? {})) {
      expect(stateSentence('image', state)).not.toMatch(/statechart|image\.|\bevent\b/);
    }
  });
});
