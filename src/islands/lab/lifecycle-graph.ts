/**
 * A lifecycle's drawing, read from the XState machine definition itself: its states, its
 * transitions (event → target) and a layered layout from the initial state; and the plain words
 * the lab shows learners for its states and arrows.
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
  /** `across`: each step from the initial state is a column; `down`: a row (for narrow panels). */
  readonly direction: 'across' | 'down';
  readonly nodeWidth: number;
}

export const NODE_HEIGHT = 34;
const NODE_WIDTH = { across: 118, down: 104 } as const;
const COLUMN_GAP = { across: 64, down: 0 } as const;
/** The gap between rows in the layout going down. */
export const ROW_GAP_DOWN = 20;
const ROW_GAP = { across: 26, down: ROW_GAP_DOWN } as const;

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

/** Builds the graph of a machine's top-level states, laid out across (wide panels) or down (narrow ones). */
export function lifecycleGraph(machine: AnyStateMachine, direction: 'across' | 'down' = 'across'): LifecycleGraph {
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
  const layers = new Map<number, string[]>();
  for (const id of ids) {
    const d = depth.get(id) ?? 0;
    layers.set(d, [...(layers.get(d) ?? []), id]);
  }
  const layerCount = Math.max(...layers.keys()) + 1;
  const widest = Math.max(1, ...[...layers.values()].map((layer) => layer.length));
  const nodeWidth = NODE_WIDTH[direction];
  const gap = COLUMN_GAP[direction];
  const rowGap = ROW_GAP[direction];
  const nodes: GraphNode[] = [];
  if (direction === 'across') {
    const height = widest * NODE_HEIGHT + (widest - 1) * rowGap + 40;
    for (const [d, layer] of layers) {
      const layerHeight = layer.length * NODE_HEIGHT + (layer.length - 1) * rowGap;
      layer.forEach((id, index) => {
        nodes.push({
          id,
          x: 12 + d * (nodeWidth + gap),
          y: (height - layerHeight) / 2 + index * (NODE_HEIGHT + rowGap),
          final: states[id]?.type === 'final',
          initial: id === initial,
        });
      });
    }
    return { id: config.id ?? 'machine', nodes, edges, width: 24 + layerCount * nodeWidth + (layerCount - 1) * gap, height, direction, nodeWidth };
  }
  // Down: one state a row, in the order they are reached; arrows arc out to the right going down
  // and to the left going back up, further out the more rows they span (an arc diagram). It fits a
  // phone's width whatever the number of states, and no arrow crosses a state.
  const order = [...layers.keys()].sort((a, b) => a - b).flatMap((d) => layers.get(d) ?? []);
  const row = new Map(order.map((id, index) => [id, index]));
  // Each side is as wide as its widest arc plus its label (labels sit just outside their arc).
  const room = { left: 30, right: 30 };
  for (const arrow of arrowsOf(edges)) {
    const rows = (row.get(arrow.to) ?? 0) - (row.get(arrow.from) ?? 0);
    const needed = (rows === 0 ? 24 : arcOffset(Math.abs(rows)) + 4) + arrow.label.length * LABEL_CHAR_WIDTH;
    if (rows >= 0) room.right = Math.max(room.right, needed);
    else room.left = Math.max(room.left, needed);
  }
  const width = Math.ceil(room.left + nodeWidth + room.right);
  for (const id of order) {
    nodes.push({ id, x: room.left, y: 24 + (row.get(id) ?? 0) * (NODE_HEIGHT + rowGap), final: states[id]?.type === 'final', initial: id === initial });
  }
  return { id: config.id ?? 'machine', nodes, edges, width, height: 24 + order.length * NODE_HEIGHT + (order.length - 1) * rowGap, direction, nodeWidth };
}

/** The width of a character of an arrow's label (10 px text), to leave room for it. */
const LABEL_CHAR_WIDTH = 5.8;

/** One arrow per pair of states, labelled with every way between them ("stop / image reboot"). */
export function arrowsOf(edges: readonly GraphEdge[]): { from: string; to: string; label: string }[] {
  const arrows = new Map<string, { from: string; to: string; label: string }>();
  for (const edge of edges) {
    const key = `${edge.from}\u0000${edge.to}`;
    const words = eventWords(edge.event);
    const arrow = arrows.get(key);
    arrows.set(key, arrow === undefined ? { from: edge.from, to: edge.to, label: words } : { ...arrow, label: `${arrow.label} / ${words}` });
  }
  return [...arrows.values()];
}

/** How far out an arrow spanning `rows` rows arcs, in the layout going down. */
export function arcOffset(rows: number): number {
  return 12 + 13 * Math.max(1, rows);
}

/** What a learner reads on an arrow: the action or what happens, never the event's name. */
const EVENT_WORDS: Readonly<Record<string, string>> = {
  'instance.ready': 'boots',
  'instance.stop': 'stop',
  'instance.stopped': 'stops',
  'instance.start': 'start',
  'instance.reboot': 'reboot',
  'instance.image-reboot': 'image reboot',
  'instance.restart': 'boots again',
  'instance.terminate': 'terminate',
  'instance.terminated': 'ends',
  'image.ready': 'snapshots done',
  'image.fail': 'fails',
  'image.disable': 'disable',
  'image.enable': 'enable',
  'image.deregister': 'deregister',
  'snapshot.completed': 'done',
  'snapshot.fail': 'fails',
  'volume.created': 'created',
  'volume.attach': 'attach',
  'volume.detach': 'detach',
  'volume.delete': 'delete',
};

/** The words for an arrow (an event), for the diagram and its text. */
export function eventWords(event: string): string {
  return EVENT_WORDS[event] ?? event.replace(/^[a-z]+\./, '').replace(/-/g, ' ');
}

/** A sentence per resource type and state, for learners: what it is doing and what can be done with it. */
const STATE_SENTENCES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  instance: {
    pending: 'The instance is starting: it will be running in a moment. It can already be terminated.',
    running: 'The instance is running. It can be stopped, rebooted or terminated, configured, and an image can be made of it.',
    stopping: 'The instance is shutting down: it will be stopped in a moment (or start again, if it is being imaged).',
    stopped: 'The instance is stopped: you no longer pay for it, only for its volumes. It can be started, imaged or terminated.',
    'shutting-down': 'The instance is being terminated: it will be gone in a moment.',
    terminated: 'The instance is terminated: it cannot be started again. It stays in the list for a while, as in AWS.',
  },
  image: {
    pending: 'The AMI is being created: its snapshots are being taken. It can be launched once it is available.',
    available: 'The AMI is available. It can be launched, copied, shared, made public, deprecated or deregistered.',
    disabled: 'The AMI is disabled: no one can launch it until it is enabled again. It can also be deregistered.',
    failed: 'The AMI could not be created. All that is left to do is deregister it.',
    deregistered: 'The AMI is deregistered: it can no longer be launched, copied or shared, and it never comes back. Its snapshots stay, and are billed, until you delete them.',
  },
  snapshot: {
    pending: 'The snapshot is being taken: it will be completed in a moment.',
    completed: 'The snapshot is complete. It can back an AMI, be copied, or be deleted once no AMI uses it.',
    error: 'The snapshot failed. It can only be deleted.',
  },
  volume: {
    creating: 'The volume is being created.',
    available: 'The volume is not attached to any instance (and still billed). It can be attached, snapshotted or deleted.',
    'in-use': 'The volume is attached to an instance. It must be detached before it can be deleted.',
    deleted: 'The volume is deleted.',
  },
};

/** The plain-words caption of a resource in a state. */
export function stateSentence(resourceType: string, state: string): string {
  return STATE_SENTENCES[resourceType]?.[state] ?? `The ${resourceType} is ${state}.`;
}
