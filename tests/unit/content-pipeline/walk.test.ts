/**
 * The pipeline's tree walk (src/content-pipeline/walk.ts) must behave as `unist-util-visit` does
 * for what our passes use: the same nodes, indexes and parents in the same order, SKIP, EXIT and
 * returned indexes after the visitor edited the tree.
 */
import fc from 'fast-check';
import type { Paragraph, Root } from 'mdast';
import { findAndReplace } from 'mdast-util-find-and-replace';
import type { Node, Parent } from 'unist';
import { CONTINUE as VISIT_CONTINUE, EXIT as VISIT_EXIT, SKIP as VISIT_SKIP, visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { CONTINUE, cloneTree, EXIT, eachTextParent, SKIP, walk } from '../../../src/content-pipeline/walk';

interface TestNode extends Node {
  id: number;
  children?: TestNode[];
}

const leaf = (type: string, id: number): TestNode => ({ type, id });
const parent = (type: string, id: number, children: TestNode[]): TestNode => ({ type, id, children });

/** root(0) → [a(1) → [t(2), t(3)], b(4) → [t(5)], t(6)] */
function sample(): TestNode {
  return parent('root', 0, [parent('a', 1, [leaf('t', 2), leaf('t', 3)]), parent('b', 4, [leaf('t', 5)]), leaf('t', 6)]);
}

/** What each call saw: node id, index, parent id. */
function trace(run: (log: string[]) => void): string[] {
  const log: string[] = [];
  run(log);
  return log;
}

const seen = (log: string[], node: Node, index: number | undefined, up: Parent | undefined) =>
  log.push(`${(node as TestNode).id}@${index ?? '-'}^${(up as TestNode | undefined)?.id ?? '-'}`);

describe('walk', () => {
  it('visits in preorder with each node’s index and parent', () => {
    const log = trace((l) => walk(sample(), (node, index, up) => void seen(l, node, index, up)));
    expect(log).toEqual(['0@-^-', '1@0^0', '2@0^1', '3@1^1', '4@1^0', '5@0^4', '6@2^0']);
  });

  it('calls the visitor only for nodes of the tested type, but enters the others', () => {
    const log = trace((l) => walk(sample(), 't', (node, index, up) => void seen(l, node, index, up)));
    expect(log).toEqual(['2@0^1', '3@1^1', '5@0^4', '6@2^0']);
  });

  it('does not enter a node whose visitor returns SKIP', () => {
    const log = trace((l) =>
      walk(sample(), (node, index, up) => {
        seen(l, node, index, up);
        return (node as TestNode).id === 1 ? SKIP : CONTINUE;
      }),
    );
    expect(log).toEqual(['0@-^-', '1@0^0', '4@1^0', '5@0^4', '6@2^0']);
  });

  it('stops the whole walk at EXIT, also from deep inside', () => {
    const log = trace((l) =>
      walk(sample(), (node, index, up) => {
        seen(l, node, index, up);
        return (node as TestNode).id === 2 ? EXIT : undefined;
      }),
    );
    expect(log).toEqual(['0@-^-', '1@0^0', '2@0^1']);
  });

  it('goes on at the returned index after a sibling was removed', () => {
    const tree = sample();
    const log = trace((l) =>
      walk(tree, (node: Node, index: number | undefined, up: Parent | undefined) => {
        seen(l, node, index, up);
        if ((node as TestNode).id !== 1 || !up || index === undefined) return undefined;
        up.children.splice(index, 1);
        return index;
      }),
    );
    // The removed node's children are still walked (as unist-util-visit does), then its next sibling.
    expect(log).toEqual(['0@-^-', '1@0^0', '2@0^1', '3@1^1', '4@0^0', '5@0^4', '6@1^0']);
    expect((tree as TestNode).children?.map((c) => c.id)).toEqual([4, 6]);
  });

  it('skips replacement nodes when told to go on after them ([SKIP, index])', () => {
    const tree = sample();
    const log = trace((l) =>
      walk(tree, (node: Node, index: number | undefined, up: Parent | undefined) => {
        seen(l, node, index, up);
        if ((node as TestNode).id !== 1 || !up || index === undefined) return undefined;
        up.children.splice(index, 1, leaf('t', 10), leaf('t', 11));
        return [SKIP, index + 2];
      }),
    );
    expect(log).toEqual(['0@-^-', '1@0^0', '4@2^0', '5@0^4', '6@3^0']);
  });

  it('visits replacement nodes when told to go back to them', () => {
    const tree = sample();
    const log = trace((l) =>
      walk(tree, 't', (node: Node, index: number | undefined, up: Parent | undefined) => {
        seen(l, node, index, up);
        if ((node as TestNode).id !== 6 || !up || index === undefined) return undefined;
        up.children.splice(index, 1, leaf('t', 10));
        return index;
      }),
    );
    expect(log).toEqual(['2@0^1', '3@1^1', '5@0^4', '6@2^0', '10@2^0']);
  });

  it('reads children after the visitor: a node given new children is walked through them', () => {
    const log = trace((l) =>
      walk(sample(), (node, index, up) => {
        seen(l, node, index, up);
        if ((node as TestNode).id === 4) (node as TestNode).children = [leaf('t', 20), leaf('t', 21)];
      }),
    );
    expect(log).toEqual(['0@-^-', '1@0^0', '2@0^1', '3@1^1', '4@1^0', '20@0^4', '21@1^4', '6@2^0']);
  });

  it('walks a nested walk independently (a visitor may start another walk)', () => {
    const log = trace((l) =>
      walk(sample(), 'b', (node) => {
        walk(node, (inner, index, up) => {
          seen(l, inner, index, up);
          return EXIT;
        });
        l.push('after inner');
      }),
    );
    expect(log).toEqual(['4@-^-', 'after inner']);
  });
});

/** A random tree of a few node types; every node carries a unique id. */
const treeArbitrary = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constantFrom('t', 'u') }),
    fc.record({ type: fc.constantFrom('a', 'b', 't'), children: fc.array(tie('node'), { maxLength: 4 }) }),
  ),
}));

type Command = 'go' | 'true' | 'skip' | 'exit' | 'remove' | 'replace' | 'replace-skip' | 'insert-before' | 'new-children' | 'back' | 'far' | 'tuple';
const commandArbitrary = fc.constantFrom<Command>(
  'go',
  'go',
  'go',
  'true',
  'skip',
  'exit',
  'remove',
  'replace',
  'replace-skip',
  'insert-before',
  'new-children',
  'back',
  'far',
  'tuple',
);

function withIds(node: { type: string; children?: unknown[] }, next: { id: number }): TestNode {
  const out: TestNode = { type: node.type, id: next.id++ };
  if (node.children) out.children = node.children.map((c) => withIds(c as { type: string }, next));
  return out;
}

/**
 * Runs one walker over a copy of the tree with a visitor that follows the commands in order (one
 * per call, then plain "go on"), editing the tree as told; returns what it saw and the final tree.
 */
function runScript(
  walker: (tree: TestNode, test: string | undefined, visitor: (node: Node, index: number | undefined, up: Parent | undefined) => unknown) => void,
  tree: TestNode,
  test: string | undefined,
  commands: readonly Command[],
  actions: { CONTINUE: true; SKIP: 'skip'; EXIT: false },
): { log: string[]; tree: TestNode } {
  const copy = structuredClone(tree);
  const log: string[] = [];
  let step = 0;
  let nextId = 1000;
  walker(copy, test, (node, index, up) => {
    seen(log, node, index, up);
    const command = commands[step] ?? 'go';
    step += 1;
    const siblings = up?.children as TestNode[] | undefined;
    const at = index ?? 0;
    switch (command) {
      case 'go':
        return undefined;
      case 'true':
        return actions.CONTINUE;
      case 'skip':
        return actions.SKIP;
      case 'exit':
        return actions.EXIT;
      case 'remove':
        if (!siblings) return undefined;
        siblings.splice(at, 1);
        return at;
      case 'replace':
        if (!siblings) return undefined;
        siblings.splice(at, 1, leaf('t', nextId++), parent('a', nextId++, [leaf('t', nextId++)]));
        return at;
      case 'replace-skip':
        if (!siblings) return undefined;
        siblings.splice(at, 1, leaf('u', nextId++));
        return [actions.SKIP, at + 1];
      case 'insert-before':
        if (!siblings) return undefined;
        siblings.splice(at, 0, leaf('t', nextId++));
        return at + 2;
      case 'new-children':
        (node as TestNode).children = [leaf('t', nextId++), leaf('u', nextId++)];
        return undefined;
      case 'back':
        return at - 1;
      case 'far':
        return at + 5;
      case 'tuple':
        return [actions.CONTINUE, at + 1];
    }
  });
  log.push(`steps ${step}`);
  return { log, tree: copy };
}

describe('walk, compared with unist-util-visit', () => {
  it('sees the same nodes, indexes and parents, and leaves the same tree, for random trees and edits', () => {
    fc.assert(
      fc.property(treeArbitrary.node, fc.constantFrom(undefined, 't', 'a', 'u'), fc.array(commandArbitrary, { maxLength: 30 }), (raw, test, commands) => {
        const tree = withIds({ type: 'root', children: [raw] }, { id: 0 });
        const ours = runScript((t, check, visitor) => (check === undefined ? walk(t, visitor as never) : walk(t, check, visitor as never)), tree, test, commands, {
          CONTINUE,
          SKIP,
          EXIT,
        });
        const theirs = runScript((t, check, visitor) => (check === undefined ? visit(t, visitor as never) : visit(t, check, visitor as never)), tree, test, commands, {
          CONTINUE: VISIT_CONTINUE,
          SKIP: VISIT_SKIP,
          EXIT: VISIT_EXIT,
        });
        expect(ours.log).toEqual(theirs.log);
        expect(ours.tree).toEqual(theirs.tree);
      }),
      { numRuns: 500 },
    );
  });
});

describe('eachTextParent', () => {
  const paragraph = (...values: string[]): Paragraph => ({ type: 'paragraph', children: values.map((value) => ({ type: 'text', value })) });

  it('gives the outermost parents of matching text, in order, outside the ignored types', () => {
    const tree: Root = {
      type: 'root',
      children: [
        paragraph('no trigger'),
        {
          type: 'paragraph',
          children: [
            { type: 'text', value: 'x ==' },
            { type: 'emphasis', children: [{ type: 'text', value: '== inside' }] },
          ],
        },
        { type: 'blockquote', children: [paragraph('quoted =='), { type: 'code', value: '==' }] },
        { type: 'paragraph', children: [{ type: 'link', url: '#', children: [{ type: 'text', value: 'link ==' }] }] },
      ],
    };
    const found: string[] = [];
    eachTextParent(tree, '==', ['link', 'code'], (node) => found.push(`${node.type}:${node.children.length}`));
    expect(found).toEqual(['paragraph:2', 'paragraph:1']);
  });

  it('makes the same tree as a find-and-replace over the whole tree', () => {
    const build = (): Root => ({
      type: 'root',
      children: [
        paragraph('a ==b== c', 'plain'),
        { type: 'heading', depth: 2, children: [{ type: 'text', value: '==h==' }] },
        { type: 'list', children: [{ type: 'listItem', children: [paragraph('==x==', 'y ==z==')] }] },
        { type: 'paragraph', children: [{ type: 'emphasis', children: [{ type: 'text', value: '==e==' }] }] },
      ],
    });
    const replace = (tree: Root | Paragraph) => {
      const order: string[] = [];
      const strong = (_match: string, word: string) => {
        order.push(word);
        return { type: 'strong' as const, children: [{ type: 'text' as const, value: word }] };
      };
      findAndReplace(tree as Root, [/==(\w)==/g, strong], { ignore: ['heading'] });
      return order;
    };
    const whole = build();
    const wholeOrder = replace(whole);
    const parts = build();
    const partsOrder: string[] = [];
    eachTextParent(parts, '==', ['heading'], (node) => partsOrder.push(...replace(node as Paragraph)));
    expect(parts).toEqual(whole);
    expect(partsOrder).toEqual(wholeOrder);
    expect(wholeOrder).toEqual(['b', 'x', 'z', 'e']);
  });
});

describe('cloneTree', () => {
  const paragraph = (value: string): Paragraph => ({ type: 'paragraph', children: [{ type: 'text', value }] });

  it('copies an own `__proto__` key as a key, as parsed JSON holds it', () => {
    const parsed = JSON.parse('{"data":{"__proto__":{"id":"x"}}}') as { data: Record<string, unknown> };
    const copy = cloneTree(parsed);
    expect(copy).toEqual(parsed);
    expect(Object.keys(copy.data)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(copy.data)).toBe(Object.prototype);
  });

  it('copies any tree of plain values: equal, and nothing shared with the original', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = cloneTree(value);
        expect(copy).toEqual(value);
        const objects = (v: unknown, into: Set<unknown> = new Set()): Set<unknown> => {
          if (typeof v === 'object' && v !== null) {
            into.add(v);
            for (const child of Object.values(v)) objects(child, into);
          }
          return into;
        };
        const originals = objects(value);
        for (const object of objects(copy)) expect(originals.has(object)).toBe(false);
      }),
    );
  });

  it('leaves the parsed tree as it was when the copy is edited', () => {
    const tree: Root = { type: 'root', children: [paragraph('An AMI is regional.')], data: { hProperties: { id: 'top' } } as Root['data'] };
    const copy = cloneTree(tree);
    (copy.children[0] as Paragraph).children.push({ type: 'text', value: ' Copy it.' });
    (copy.data as { hProperties: { id: string } }).hProperties.id = 'changed';
    expect(tree).toEqual({ type: 'root', children: [paragraph('An AMI is regional.')], data: { hProperties: { id: 'top' } } });
  });

  it('copies what is not a plain object as structuredClone does', () => {
    const blocks = new Map([['^fact', { type: 'text', value: 'x' }]]);
    const copy = cloneTree({ type: 'root', data: { blocks, when: new Date(0) }, value: undefined });
    expect(copy.data.blocks).toEqual(blocks);
    expect(copy.data.blocks).not.toBe(blocks);
    expect(copy.data.when).toBeInstanceOf(Date);
    expect('value' in copy).toBe(true);
  });
});
