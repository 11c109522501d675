/**
 * Obsidian's inline math: `$…$` is math only when it reads as math, so prices stay text.
 *
 * Obsidian follows Pandoc's `tex_math_dollars` rule: the opening `$` must have a non-space
 * character right after it, the closing `$` a non-space character right before it and no digit
 * right after it. So `$\to$` and `$O(n^2)$` are math, while `$0.05 per GB and $0.10` (no closing
 * `$` with a non-space before it) and `costs $5, or $10` stay text. `$$…$$` is unchanged (remark-math).
 *
 * Why a micromark construct of our own: micromark-extension-math offers only "single dollar on"
 * (any `$…$`, so two prices in one paragraph become math) or "off"; its tokenizer cannot be told
 * about flanking. This construct handles the single-dollar case only, emits the same tokens as
 * micromark-extension-math (`mathText`, `mathTextSequence`, `mathTextData`), so remark-math's
 * mdast handlers build the same `inlineMath` nodes, and runs before it (a `$$` run is left to it).
 */
import type { Processor } from 'unified';

/** micromark's character codes: negative codes are line endings, tabs and virtual spaces. */
type Code = number | null;
const DOLLAR = 36;
const BACKSLASH = 92;
const SPACE = 32;

interface Effects {
  enter(type: string): { type: string };
  exit(type: string): unknown;
  consume(code: Code): void;
}
type State = (code: Code) => State | undefined;
interface TokenizeContext {
  events: Array<[string, { type: string }, unknown]>;
}

const isSpace = (code: Code): boolean => code !== null && (code < 0 || code === SPACE);
const isLineEnding = (code: Code): boolean => code !== null && code < -2;
const isDigit = (code: Code): boolean => code !== null && code >= 48 && code <= 57;

function tokenizeObsidianMathText(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  /** The last character put in the math, to know whether a `$` may close it. */
  let last: Code = null;
  let closing: { type: string } | undefined;

  const start: State = (code) => {
    effects.enter('mathText');
    effects.enter('mathTextSequence');
    effects.consume(code);
    return afterOpen;
  };

  // One `$` only (a `$$` run is remark-math's), then a character that is not a space.
  const afterOpen: State = (code) => {
    if (code === null || code === DOLLAR || isSpace(code)) return nok(code);
    effects.exit('mathTextSequence');
    return content(code);
  };

  const content: State = (code) => {
    if (code === null) return nok(code);
    if (isLineEnding(code)) {
      effects.enter('lineEnding');
      effects.consume(code);
      effects.exit('lineEnding');
      last = code;
      return content;
    }
    if (code === DOLLAR && !isSpace(last)) {
      closing = effects.enter('mathTextSequence');
      effects.consume(code);
      return afterClose;
    }
    effects.enter('mathTextData');
    return data(code);
  };

  const data: State = (code) => {
    if (code === null || isLineEnding(code) || (code === DOLLAR && !isSpace(last))) {
      effects.exit('mathTextData');
      return content(code);
    }
    effects.consume(code);
    last = code;
    if (code === BACKSLASH) return escaped;
    return data;
  };

  // `\$` inside math is TeX's dollar sign, never the end of the math.
  const escaped: State = (code) => {
    if (code === null || isLineEnding(code)) return data(code);
    effects.consume(code);
    last = code;
    return data;
  };

  // A closing `$` followed by a digit, or by another `$`, is part of the math after all.
  const afterClose: State = (code) => {
    if (isDigit(code) || code === DOLLAR) {
      if (closing) closing.type = 'mathTextData';
      last = DOLLAR;
      return data(code);
    }
    effects.exit('mathTextSequence');
    effects.exit('mathText');
    return ok(code);
  };

  return start;
}

/** A `$` right after another `$` cannot open math (as in micromark-extension-math). */
function previous(this: TokenizeContext, code: Code): boolean {
  return code !== DOLLAR || this.events[this.events.length - 1]?.[1].type === 'characterEscape';
}

const obsidianMathText = { name: 'obsidianMathText', tokenize: tokenizeObsidianMathText, previous };

/**
 * Adds Obsidian's single-dollar rule to a processor that already uses remark-math with
 * `singleDollarTextMath: false` (which keeps `$$…$$` and builds the nodes).
 */
export function remarkObsidianInlineMath(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[] };
  data.micromarkExtensions ??= [];
  data.micromarkExtensions.push({ text: { [DOLLAR]: obsidianMathText } });
}
