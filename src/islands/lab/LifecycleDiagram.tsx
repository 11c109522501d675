/**
 * The selected resource's lifecycle, drawn from its XState machine: states, the ways between them,
 * the current state highlighted, and the change it just made animated. It fits its panel: laid out
 * across when there is room, down when the panel is narrow, and scaled by its viewBox. The caption
 * says in plain words what the resource is doing and what can be done with it; every state is
 * focusable and described for screen readers.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { AnyStateMachine } from 'xstate';
import { eventWords, type GraphNode, type LifecycleGraph, lifecycleGraph, NODE_HEIGHT, stateSentence } from './lifecycle-graph';

interface Props {
  readonly resourceType: string;
  readonly machine: AnyStateMachine;
  readonly current: string;
  /** The move the resource made last, to animate. */
  readonly lastMove: { readonly from: string | null; readonly to: string | null; readonly event: string } | null;
}

function edgePath(graph: LifecycleGraph, from: GraphNode, to: GraphNode, index: number): { d: string; labelX: number; labelY: number } {
  const w = graph.nodeWidth;
  const h = NODE_HEIGHT;
  if (from.id === to.id) {
    // A loop on the node's top edge (across) or its right edge (down).
    if (graph.direction === 'down') {
      const x = from.x + w;
      const y = from.y + h / 2;
      return { d: `M ${x} ${y - 8} C ${x + 26} ${y - 26}, ${x + 26} ${y + 26}, ${x} ${y + 8}`, labelX: x + 8, labelY: y - 16 };
    }
    const x = from.x + w / 2;
    const y = from.y;
    return { d: `M ${x - 16} ${y} C ${x - 30} ${y - 34}, ${x + 30} ${y - 34}, ${x + 16} ${y}`, labelX: x, labelY: y - 30 };
  }
  if (graph.direction === 'down') {
    const forward = to.y > from.y;
    const sameRow = to.y === from.y;
    const sx = from.x + w / 2 + (sameRow ? (to.x > from.x ? w / 2 : -w / 2) : 0);
    const sy = sameRow ? from.y + h / 2 : forward ? from.y + h : from.y;
    const tx = to.x + w / 2 + (sameRow ? (to.x > from.x ? -w / 2 : w / 2) : 0);
    const ty = sameRow ? to.y + h / 2 : forward ? to.y : to.y + h;
    // Arrows going back up bend out to the side, away from the arrows going down.
    const bend = forward || sameRow ? 0 : -(36 + index * 6);
    const mx = (sx + tx) / 2 + bend;
    const my = (sy + ty) / 2;
    return { d: `M ${sx} ${sy} Q ${mx + bend} ${my} ${tx} ${ty}`, labelX: mx + (forward ? 4 : 0), labelY: my + 4 };
  }
  const forward = to.x > from.x;
  const sx = forward ? from.x + w : from.x + (to.x === from.x ? w / 2 : 0);
  const sy = from.y + h / 2 + (to.x === from.x ? (to.y > from.y ? h / 2 : -h / 2) : 0);
  const tx = forward ? to.x : to.x + (to.x === from.x ? w / 2 : w);
  const ty = to.y + h / 2 + (to.x === from.x ? (to.y > from.y ? -h / 2 : h / 2) : 0);
  const bend = forward ? 0 : 40 + index * 6;
  const mx = (sx + tx) / 2;
  const my = (sy + ty) / 2 + (forward ? 0 : bend);
  return { d: `M ${sx} ${sy} Q ${mx} ${my + (forward ? 0 : bend)} ${tx} ${ty}`, labelX: mx, labelY: my + (forward ? -4 : bend / 2 + 8) };
}

/** The width the figure has, measured (and followed as the panel resizes). */
function useWidth(): [React.RefObject<HTMLElement | null>, number] {
  const ref = useRef<HTMLElement | null>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) return;
    setWidth(element.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export function LifecycleDiagram({ resourceType, machine, current, lastMove }: Props) {
  const [figureRef, available] = useWidth();
  const across = useMemo(() => lifecycleGraph(machine, 'across'), [machine]);
  const down = useMemo(() => lifecycleGraph(machine, 'down'), [machine]);
  // Across when it fits at full size; down otherwise (a phone, or the Details column beside the world).
  const graph = available >= across.width ? across : down;
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const titleId = `lifecycle-${resourceType}-title`;
  const descriptionOf = (state: string): string => {
    const out = graph.edges.filter((edge) => edge.from === state && edge.to !== state);
    const moves = out.length === 0 ? 'it stays here' : out.map((edge) => `${eventWords(edge.event)} leads to ${edge.to}`).join('; ');
    return `${state}${state === current ? ' (now)' : ''}: ${moves}.`;
  };
  const moved = lastMove !== null && lastMove.from !== null && lastMove.to !== null && lastMove.from !== lastMove.to;
  return (
    <figure className="lab-diagram" aria-labelledby={titleId} ref={figureRef}>
      <figcaption id={titleId}>
        <strong>Lifecycle of this {resourceType}</strong>, now <strong>{current}</strong>. {stateSentence(resourceType, current)}
        {moved && (
          <span className="lab-muted">
            {' '}
            Last change: {lastMove.from} → {lastMove.to}.
          </span>
        )}
      </figcaption>
      <svg
        viewBox={`0 -30 ${graph.width} ${graph.height + 40}`}
        width="100%"
        style={{ maxWidth: `${graph.width}px` }}
        preserveAspectRatio="xMidYMin meet"
        role="group"
        aria-label={`States of the ${resourceType}`}
        data-direction={graph.direction}
      >
        <defs>
          <marker id={`arrow-${resourceType}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" className="lab-arrowhead" />
          </marker>
        </defs>
        {graph.edges.map((edge, index) => {
          const from = byId.get(edge.from);
          const to = byId.get(edge.to);
          if (from === undefined || to === undefined) return null;
          const path = edgePath(graph, from, to, index);
          const taken = lastMove !== null && lastMove.from === edge.from && lastMove.to === edge.to;
          return (
            <g key={`${edge.from}-${edge.event}-${edge.to}`} className={taken ? 'lab-edge lab-edge-taken' : 'lab-edge'} aria-hidden="true">
              <path d={path.d} markerEnd={`url(#arrow-${resourceType})`} fill="none" />
              <text x={path.labelX} y={path.labelY} textAnchor={graph.direction === 'down' && from.id !== to.id ? 'start' : 'middle'}>
                {eventWords(edge.event)}
              </text>
            </g>
          );
        })}
        {graph.nodes.map((node) => {
          const isCurrent = node.id === current;
          return (
            <g
              key={node.id}
              className={`lab-node${isCurrent ? ' lab-node-current' : ''}${node.final ? ' lab-node-final' : ''}`}
              tabIndex={0}
              role="img"
              aria-label={descriptionOf(node.id)}
            >
              <title>{descriptionOf(node.id)}</title>
              <rect x={node.x} y={node.y} width={graph.nodeWidth} height={NODE_HEIGHT} rx={node.final ? 4 : 16} />
              {node.final && <rect x={node.x + 3} y={node.y + 3} width={graph.nodeWidth - 6} height={NODE_HEIGHT - 6} rx={3} className="lab-node-inner" />}
              <text x={node.x + graph.nodeWidth / 2} y={node.y + NODE_HEIGHT / 2 + 4} textAnchor="middle">
                {node.id}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
