/**
 * The selected resource's lifecycle, drawn from its XState machine: states, the ways between them,
 * the current state highlighted, and the change it just made animated. It fits its panel: laid out
 * across when there is room, down when the panel is narrow, and scaled by its viewBox. The caption
 * says in plain words what the resource is doing and what can be done with it; every state is
 * focusable and described for screen readers.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { AnyStateMachine } from 'xstate';
import { arcOffset, arrowsOf, eventWords, type GraphNode, ROW_GAP_DOWN, type LifecycleGraph, lifecycleGraph, NODE_HEIGHT, stateSentence } from './lifecycle-graph';

interface Props {
  readonly resourceType: string;
  readonly machine: AnyStateMachine;
  readonly current: string;
  /** The move the resource made last, to animate. */
  readonly lastMove: { readonly from: string | null; readonly to: string | null; readonly event: string } | null;
}

function edgePath(graph: LifecycleGraph, from: GraphNode, to: GraphNode, index: number): { d: string; labelX: number; labelY: number; anchor?: 'start' | 'end' } {
  const w = graph.nodeWidth;
  const h = NODE_HEIGHT;
  if (graph.direction === 'down') {
    const right = from.x + w;
    if (from.id === to.id) {
      // A small loop on the node's top edge, which no arc uses; its label beside it.
      const x = from.x + w / 2;
      const y = from.y;
      return { d: `M ${x - 10} ${y} C ${x - 18} ${y - 22}, ${x + 18} ${y - 22}, ${x + 10} ${y}`, labelX: x + 18, labelY: y - 8, anchor: 'start' };
    }
    // Down on the right, back up on the left; a cubic whose two control points sit at k reaches 3k/4 out.
    const forward = to.y > from.y;
    const rows = Math.round(Math.abs(to.y - from.y) / (h + ROW_GAP_DOWN));
    const out = arcOffset(rows);
    const x = forward ? right : from.x;
    const sign = forward ? 1 : -1;
    const y1 = from.y + h / 2 + sign * 6;
    const y2 = to.y + h / 2 - sign * 6;
    const k = (out / 0.75) * sign;
    return { d: `M ${x} ${y1} C ${x + k} ${y1}, ${x + k} ${y2}, ${x} ${y2}`, labelX: x + sign * (out + 4), labelY: (y1 + y2) / 2 + 4, anchor: forward ? 'start' : 'end' };
  }
  if (from.id === to.id) {
    const x = from.x + w / 2;
    const y = from.y;
    return { d: `M ${x - 16} ${y} C ${x - 30} ${y - 34}, ${x + 30} ${y - 34}, ${x + 16} ${y}`, labelX: x, labelY: y - 30 };
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

/** Every arrow with its path, its label moved down a line while it would overlap one placed before. */
function placeLabels(graph: LifecycleGraph, byId: ReadonlyMap<string, GraphNode>) {
  const placed: { left: number; right: number; y: number }[] = [];
  return arrowsOf(graph.edges).flatMap((arrow, index) => {
    const from = byId.get(arrow.from);
    const to = byId.get(arrow.to);
    if (from === undefined || to === undefined) return [];
    const path = edgePath(graph, from, to, index);
    const width = arrow.label.length * 5.8;
    const left = path.anchor === 'start' ? path.labelX : path.anchor === 'end' ? path.labelX - width : path.labelX - width / 2;
    let labelY = path.labelY;
    while (placed.some((box) => box.left < left + width && left < box.right && Math.abs(box.y - labelY) < 11)) labelY += 11;
    placed.push({ left, right: left + width, y: labelY });
    return [{ arrow, path, labelY }];
  });
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
      {/* biome-ignore lint/a11y/useSemanticElements: SVG has no fieldset; the states inside are a named group of focusable images. */}
      <svg
        viewBox={graph.direction === 'down' ? `0 0 ${graph.width} ${graph.height + 10}` : `0 -30 ${graph.width} ${graph.height + 40}`}
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
        {placeLabels(graph, byId).map(({ arrow, path, labelY }) => {
          const taken = lastMove !== null && lastMove.from === arrow.from && lastMove.to === arrow.to;
          return (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an arrow is not focusable (no tabindex); it is drawing only, each state's description says where it leads.
            <g key={`${arrow.from}-${arrow.to}`} className={taken ? 'lab-edge lab-edge-taken' : 'lab-edge'} aria-hidden="true">
              <path d={path.d} markerEnd={`url(#arrow-${resourceType})`} fill="none" />
              <text x={path.labelX} y={labelY} textAnchor={path.anchor ?? 'middle'}>
                {arrow.label}
              </text>
            </g>
          );
        })}
        {graph.nodes.map((node) => {
          const isCurrent = node.id === current;
          return (
            // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: each state is focusable so keyboard users can read its description.
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
