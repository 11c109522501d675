/**
 * A tree walk for our own passes over Markdown (mdast) and HTML (hast) trees, with the semantics
 * of `unist-util-visit` for what the passes use, at a fraction of its cost.
 *
 * Why it exists: rendering a 2,000-note vault spent about 60% of pass 2 inside
 * `unist-util-visit-parents`, which for every node it enters allocates a closure, a copy of the
 * ancestor array and a result tuple, and renames the closure with `Object.defineProperty` (for
 * stack traces). Measured on the benchmark vault (tests/bench, 2,000 notes, 173,000 nodes; medians):
 * a walk with an empty visitor over every note takes 88 ms with `unist-util-visit` and 22 ms here,
 * against 18 ms for a bare recursion; in a build, each of our passes cost 70–125 ms before and
 * 5–25 ms after, and `buildVault` went from 6.2 s to 4.8 s (with `eachTextParent` below). One
 * closure is made per call, none per node, and nothing is allocated per node.
 *
 * What was checked first: `unist-util-visit` 5 / `unist-util-visit-parents` 6 have no option that
 * avoids the per-node work; `estree-walker` walks every object-valued key of a node (so it would
 * enter `position`, `data` and `data.hChildren`) and reports changes through `this.replace()`,
 * not by index; `unist-util-walker` (1.0.0) is unmaintained and built on unist 2 / unified 10.
 *
 * Semantics, as `visit(tree, test?, visitor)` (preorder; the same types, so call sites read the same):
 * - `test` is a node type or omitted (every node). A node that does not match is still entered.
 * - The visitor gets the node, its index in its parent and the parent (both undefined for the root).
 * - It may return nothing or `CONTINUE` (go on), `SKIP` (do not enter this node's children),
 *   `EXIT` (stop the whole walk), an index (after this node's children, go on with the parent's
 *   child at that index: return it after replacing or removing siblings), or `[action, index]`.
 * - Children are read live: after the visitor has replaced `node.children` or spliced a parent's
 *   children, the walk sees the new array and length.
 * No ancestor chain is passed (none of our passes needs one) and there is no `reverse` or exit
 * visitor. The unit test compares it with `unist-util-visit` on random trees and edits.
 */
import type { Nodes, Parents } from 'mdast';
import type { Node, Parent } from 'unist';
import type { BuildVisitor, VisitorResult } from 'unist-util-visit';

export const CONTINUE = true;
export const SKIP = 'skip';
export const EXIT = false;

export function walk<Tree extends Node, Check extends string>(tree: Tree, test: Check, visitor: BuildVisitor<Tree, Check>): void;
export function walk<Tree extends Node>(tree: Tree, visitor: BuildVisitor<Tree>): void;
export function walk(tree: Node, testOrVisitor: string | BuildVisitor, maybeVisitor?: BuildVisitor): void {
  const test = typeof testOrVisitor === 'string' ? testOrVisitor : undefined;
  const visitor = (typeof testOrVisitor === 'string' ? maybeVisitor : testOrVisitor) as (node: Node, index: number | undefined, parent: Parent | undefined) => VisitorResult;
  let exited = false;

  /** Visits a node and its descendants; returns the index to go on with among its siblings, if the visitor chose one. */
  const one = (node: Node, index: number | undefined, parent: Parent | undefined): number | undefined => {
    let skip = false;
    let next: number | undefined;
    if (test === undefined || node.type === test) {
      const result = visitor(node, index, parent);
      if (result !== undefined && result !== null) {
        const action = Array.isArray(result) ? result[0] : typeof result === 'number' ? CONTINUE : result;
        if (action === EXIT) {
          exited = true;
          return undefined;
        }
        skip = action === SKIP;
        const chosen = Array.isArray(result) ? result[1] : result;
        if (typeof chosen === 'number') next = chosen;
      }
    }
    const children = (node as Partial<Parent>).children;
    if (!skip && children) {
      const self = node as Parent;
      let offset = 0;
      while (offset > -1 && offset < self.children.length) {
        const chosen = one(self.children[offset] as Node, offset, self);
        if (exited) return undefined;
        offset = chosen === undefined ? offset + 1 : chosen;
      }
    }
    return next;
  };

  one(tree, undefined, undefined);
}

/**
 * Calls `replace` on each outermost node outside the `ignore`d types that has a text child
 * containing `needle`, in document order, and does not enter that node.
 *
 * For running a find-and-replace pass (`mdast-util-find-and-replace`, which matches within one
 * text node at a time and skips the `ignore`d types) on those nodes rather than on the whole tree:
 * a pattern that needs `needle` changes nothing elsewhere, so with the same `ignore` list the result
 * is the same, replacements made in the same order, while the library's costly walk covers only a
 * few paragraphs, or nothing in the many notes without the trigger.
 */
export function eachTextParent(tree: Nodes, needle: string, ignore: readonly string[], replace: (node: Parents) => void): void {
  walk(tree, (node) => {
    if (ignore.includes(node.type)) return SKIP;
    if (!('children' in node) || !node.children.some((child) => child.type === 'text' && child.value.includes(needle))) return undefined;
    replace(node);
    return SKIP;
  });
}

/**
 * A deep copy of a tree (or of any part of one) for a pass that edits it: the renderer edits a
 * copy of each note's parsed tree, which stays as parsed for the notes that embed it and for the
 * questions. A recursion over plain objects and arrays, as parsers and our passes make them;
 * anything else (a Map, a class instance, should a plugin put one in `data`) is copied by
 * `structuredClone`. Unlike `structuredClone`, an object reached twice is copied twice: no tree we
 * make shares a node or a `data` object between two places.
 *
 * Why not `structuredClone` for the whole tree: it serialises and deserialises, and over the 2,000
 * trees of the benchmark vault it took 360–430 ms a build against 60–90 ms here.
 */
export function cloneTree<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const copy = new Array(value.length);
    for (let i = 0; i < value.length; i += 1) copy[i] = cloneTree(value[i]);
    return copy as T;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = cloneTree((value as Record<string, unknown>)[key]);
    // An own `__proto__` key (JSON.parse and YAML make one) would set the copy's prototype if assigned.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy as T;
}
