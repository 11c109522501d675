/**
 * A statechart's drawing, read from the XState machine definition itself: its states, its
 * transitions (event → target) and a layered layout from the initial state.
 */
import type { AnyStateMachine } from 'xstate';

export interface GraphNode {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly final: boolean;
  readonly initial: boolean;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly event: string;
  readonly guarded: boolean;
}

export interface LifecycleGraph {
  readonly id: string;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly width: number;
  readonly height: number;
}

export const NODE_WIDTH = 118;
export const NODE_HEIGHT = 34;
const COLUMN_GAP = 64;
const ROW_GAP = 26;

type TransitionConfig = string | { target?: string | readonly string[]; guard?: unknown } | readonly (string | { target?: string | readonly string[]; guard?: unknown })[];

function targetsOf(config: TransitionConfig, from: string): { to: string; guarded: boolean }[] {
  const list = Array.isArray(config) ? config : [config];
  return (list as (string | { target?: string | readonly string[]; guard?: unknown })[]).flatMap((item) => {
    if (typeof item === 'string') return [{ to: item.replace(/^\./, ''), guarded: false }];
    const target = item.target;
    if (target === undefined) return [{ to: from, guarded: item.guard !== undefined }];
    const targets = Array.isArray(target) ? target : [target];
    return (targets as string[]).map((t) => ({ to: t.replace(/^\./, ''), guarded: item.guard !== undefined }));
  });
}

/** Builds the graph of a machine's top-level states. */
export function lifecycleGraph(machine: AnyStateMachine): LifecycleGraph {
  const config = machine.config as { id?: string; initial?: string; states?: Record<string, { type?: string; on?: Record<string, TransitionConfig> }> };
  const states = config.states ?? {};
  const ids = Object.keys(states);
  const initial = config.initial ?? ids[0] ?? '';
  const edges: GraphEdge[] = [];
  for (const from of ids) {
    for (const [event, transition] of Object.entries(states[from]?.on ?? {})) {
      for (const { to, guarded } of targetsOf(transition, from)) edges.push({ from, to, event, guarded });
    }
  }
  // Layers: breadth-first distance from the initial state; unreachable states go last.
  const depth = new Map<string, number>([[initial, 0]]);
  const queue = [initial];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const edge of edges) {
      if (edge.from === current && !depth.has(edge.to)) {
        depth.set(edge.to, (depth.get(current) ?? 0) + 1);
        queue.push(edge.to);
      }
    }
  }
  const maxDepth = Math.max(0, ...depth.values());
  for (const id of ids) if (!depth.has(id)) depth.set(id, maxDepth + 1);
  const columns = new Map<number, string[]>();
  for (const id of ids) {
    const d = depth.get(id) ?? 0;
    columns.set(d, [...(columns.get(d) ?? []), id]);
  }
  const tallest = Math.max(1, ...[...columns.values()].map((c) => c.length));
  const height = tallest * NODE_HEIGHT + (tallest - 1) * ROW_GAP + 40;
  const nodes: GraphNode[] = [];
  for (const [d, column] of columns) {
    const columnHeight = column.length * NODE_HEIGHT + (column.length - 1) * ROW_GAP;
    column.forEach((id, index) => {
      nodes.push({
        id,
        x: 12 + d * (NODE_WIDTH + COLUMN_GAP),
        y: (height - columnHeight) / 2 + index * (NODE_HEIGHT + ROW_GAP),
        final: states[id]?.type === 'final',
        initial: id === initial,
      });
    });
  }
  const width = 24 + (Math.max(...columns.keys()) + 1) * NODE_WIDTH + Math.max(...columns.keys()) * COLUMN_GAP;
  return { id: config.id ?? 'machine', nodes, edges, width, height };
}
