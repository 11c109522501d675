/**
 * The selected resource's statechart, drawn from its XState machine: states, transitions with
 * their events, the current state highlighted, and the transition it just took animated. Every
 * state is focusable and described for screen readers; the same facts are listed as text.
 */
import { useMemo } from 'react';
import type { AnyStateMachine } from 'xstate';
import { lifecycleGraph, NODE_HEIGHT, NODE_WIDTH, type GraphNode } from './lifecycle-graph';

interface Props {
  readonly resourceType: string;
  readonly machine: AnyStateMachine;
  readonly current: string;
  /** The move the resource made last, to animate. */
  readonly lastMove: { readonly from: string | null; readonly to: string | null; readonly event: string } | null;
}

function edgePath(from: GraphNode, to: GraphNode, index: number): { d: string; labelX: number; labelY: number } {
  if (from.id === to.id) {
    const x = from.x + NODE_WIDTH / 2;
    const y = from.y;
    return { d: `M ${x - 16} ${y} C ${x - 30} ${y - 34}, ${x + 30} ${y - 34}, ${x + 16} ${y}`, labelX: x, labelY: y - 30 };
  }
  const forward = to.x > from.x;
  const sx = forward ? from.x + NODE_WIDTH : from.x + (to.x === from.x ? NODE_WIDTH / 2 : 0);
  const sy = from.y + NODE_HEIGHT / 2 + (to.x === from.x ? (to.y > from.y ? NODE_HEIGHT / 2 : -NODE_HEIGHT / 2) : 0);
  const tx = forward ? to.x : to.x + (to.x === from.x ? NODE_WIDTH / 2 : NODE_WIDTH);
  const ty = to.y + NODE_HEIGHT / 2 + (to.x === from.x ? (to.y > from.y ? -NODE_HEIGHT / 2 : NODE_HEIGHT / 2) : 0);
  const bend = forward ? 0 : 40 + index * 6;
  const mx = (sx + tx) / 2;
  const my = (sy + ty) / 2 + (forward ? 0 : bend);
  return { d: `M ${sx} ${sy} Q ${mx} ${my + (forward ? 0 : bend)} ${tx} ${ty}`, labelX: mx, labelY: my + (forward ? -4 : bend / 2 + 8) };
}

export function LifecycleDiagram({ resourceType, machine, current, lastMove }: Props) {
  const graph = useMemo(() => lifecycleGraph(machine), [machine]);
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const titleId = `lifecycle-${resourceType}-title`;
  const descriptionOf = (state: string): string => {
    const out = graph.edges.filter((edge) => edge.from === state);
    const moves = out.length === 0 ? 'no way out (final)' : out.map((edge) => `${edge.event} leads to ${edge.to}`).join('; ');
    return `${state}${state === current ? ', current state' : ''}. ${moves}.`;
  };
  return (
    <figure className="lab-diagram" aria-labelledby={titleId}>
      <figcaption id={titleId}>
        {resourceType} lifecycle (drawn from the <code>{graph.id}</code> statechart); current state: <strong>{current}</strong>
        {lastMove !== null && lastMove.from !== null && lastMove.to !== null && lastMove.from !== lastMove.to && (
          <>
            , last move: {lastMove.from} → {lastMove.to} ({lastMove.event})
          </>
        )}
      </figcaption>
      <div className="lab-diagram-scroll">
        <svg viewBox={`0 -30 ${graph.width} ${graph.height + 40}`} width={graph.width} height={graph.height + 40} role="group" aria-label={`${resourceType} statechart`}>
          <defs>
            <marker id={`arrow-${resourceType}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" className="lab-arrowhead" />
            </marker>
          </defs>
          {graph.edges.map((edge, index) => {
            const from = byId.get(edge.from);
            const to = byId.get(edge.to);
            if (from === undefined || to === undefined) return null;
            const path = edgePath(from, to, index);
            const taken = lastMove !== null && lastMove.from === edge.from && lastMove.to === edge.to;
            return (
              <g key={`${edge.from}-${edge.event}-${edge.to}`} className={taken ? 'lab-edge lab-edge-taken' : 'lab-edge'} aria-hidden="true">
                <path d={path.d} markerEnd={`url(#arrow-${resourceType})`} fill="none" />
                <text x={path.labelX} y={path.labelY} textAnchor="middle">
                  {edge.event.replace(/^[a-z]+\./, '')}
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
                <rect x={node.x} y={node.y} width={NODE_WIDTH} height={NODE_HEIGHT} rx={node.final ? 4 : 16} />
                {node.final && <rect x={node.x + 3} y={node.y + 3} width={NODE_WIDTH - 6} height={NODE_HEIGHT - 6} rx={3} className="lab-node-inner" />}
                <text x={node.x + NODE_WIDTH / 2} y={node.y + NODE_HEIGHT / 2 + 4} textAnchor="middle">
                  {node.id}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </figure>
  );
}
