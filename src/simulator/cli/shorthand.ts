/**
 * The AWS CLI's value syntaxes for structured parameters: JSON (`[{"Key":"a"}]`) and shorthand
 * (`Key=a,Value=b`, `Name=tag:Name,Values=web,db`, `Tags=[{Key=a,Value=b}]`), then coerced to the
 * parameter's shape (numbers, booleans, lists), as the CLI does from the service model.
 */

/** The shape of a parameter value, a small subset of the service model. */
export type Shape = 'string' | 'int' | 'bool' | { readonly list: Shape } | { readonly struct: Readonly<Record<string, Shape>> };

/** A parsed shorthand value before coercion. */
type Raw = string | Raw[] | { [key: string]: Raw };

/** Result of parsing a structured value. */
export type ValueResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

class ShorthandError extends Error {}

/** Parses shorthand syntax (`a=b,c=d`, nested `[...]` and `{...}`, quoted values). */
export function parseShorthand(text: string): Raw {
  let pos = 0;
  const peek = (): string => text.charAt(pos);
  const expect = (char: string): void => {
    if (peek() !== char) throw new ShorthandError(`Expected: '${char}', received: '${peek() || 'EOF'}' for input:\n${text}\n${' '.repeat(pos)}^`);
    pos += 1;
  };
  const skipSpace = (): void => {
    while (peek() === ' ') pos += 1;
  };
  const scalar = (stops: string): string => {
    skipSpace();
    const quote = peek();
    if (quote === '"' || quote === "'") {
      pos += 1;
      let out = '';
      while (pos < text.length && peek() !== quote) {
        if (peek() === '\\' && pos + 1 < text.length) pos += 1;
        out += peek();
        pos += 1;
      }
      expect(quote);
      return out;
    }
    let out = '';
    while (pos < text.length && !stops.includes(peek())) {
      if (peek() === '\\' && pos + 1 < text.length) pos += 1;
      out += peek();
      pos += 1;
    }
    return out.trim();
  };
  const value = (stops: string): Raw => {
    skipSpace();
    if (peek() === '[') return list();
    if (peek() === '{') {
      pos += 1;
      const inner = struct('}');
      expect('}');
      return inner;
    }
    return scalar(stops);
  };
  const list = (): Raw[] => {
    expect('[');
    const items: Raw[] = [];
    skipSpace();
    if (peek() === ']') {
      pos += 1;
      return items;
    }
    for (;;) {
      items.push(value(',]'));
      skipSpace();
      if (peek() === ',') {
        pos += 1;
        continue;
      }
      expect(']');
      return items;
    }
  };
  /** The next comma-separated segment has no `=`: it continues a list value (`Values=a,b`). */
  const nextIsBareValue = (end: string): boolean => {
    let depth = 0;
    for (let i = pos + 1; i < text.length; i += 1) {
      const c = text.charAt(i);
      if (c === '[' || c === '{') depth += 1;
      else if (c === ']' || c === '}') {
        if (depth === 0) return true;
        depth -= 1;
      } else if (depth === 0 && c === ',') return true;
      else if (depth === 0 && c === '=') return false;
      if (end === '' && i === text.length - 1) return true;
    }
    return true;
  };
  const struct = (end: string): { [key: string]: Raw } => {
    const out: { [key: string]: Raw } = {};
    skipSpace();
    if (peek() === end && end !== '') return out;
    for (;;) {
      const key = scalar(`=${end},`);
      if (key === '' || peek() !== '=') throw new ShorthandError(`Expected: '=', received: '${peek() || 'EOF'}' for input:\n${text}\n${' '.repeat(pos)}^`);
      pos += 1;
      let item: Raw = value(`,${end}`);
      while (peek() === ',' && nextIsBareValue(end)) {
        pos += 1;
        const more = value(`,${end}`);
        item = Array.isArray(item) ? [...item, more] : [item, more];
      }
      out[key] = item;
      skipSpace();
      if (peek() === ',') {
        pos += 1;
        continue;
      }
      return out;
    }
  };
  const result = struct('');
  if (pos < text.length) throw new ShorthandError(`Unexpected input: '${text.slice(pos)}' for input:\n${text}`);
  return result;
}

function coerce(shape: Shape, raw: unknown, path: string): unknown {
  if (shape === 'string') {
    if (typeof raw === 'string') return raw;
    if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
    throw new ShorthandError(`Invalid type for parameter ${path}, value: ${JSON.stringify(raw)}, type: ${typeName(raw)}, valid types: <class 'str'>`);
  }
  if (shape === 'int') {
    if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
    if (typeof raw === 'string' && /^-?\d+$/.test(raw.trim())) return Number(raw);
    throw new ShorthandError(`Invalid type for parameter ${path}, value: ${JSON.stringify(raw)}, type: ${typeName(raw)}, valid types: <class 'int'>`);
  }
  if (shape === 'bool') {
    if (typeof raw === 'boolean') return raw;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    throw new ShorthandError(`Invalid type for parameter ${path}, value: ${JSON.stringify(raw)}, type: ${typeName(raw)}, valid types: <class 'bool'>`);
  }
  if ('list' in shape) {
    const items = Array.isArray(raw) ? raw : [raw];
    return items.map((item, index) => coerce(shape.list, item, `${path}[${index}]`));
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ShorthandError(`Invalid type for parameter ${path}, value: ${JSON.stringify(raw)}, type: ${typeName(raw)}, valid types: <class 'dict'>`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const fieldShape = shape.struct[key];
    if (fieldShape === undefined) {
      throw new ShorthandError(`Unknown parameter in ${path}: "${key}", must be one of: ${Object.keys(shape.struct).join(', ')}`);
    }
    out[key] = coerce(fieldShape, value, `${path}.${key}`);
  }
  return out;
}

function typeName(value: unknown): string {
  if (Array.isArray(value)) return "<class 'list'>";
  if (value !== null && typeof value === 'object') return "<class 'dict'>";
  if (typeof value === 'number') return "<class 'int'>";
  if (typeof value === 'boolean') return "<class 'bool'>";
  return "<class 'str'>";
}

/**
 * Reads one structured option value (JSON or shorthand) and coerces it to its shape. `values`
 * are the option's words: several for a list (`--tags Key=a,Value=1 Key=b,Value=2`).
 */
export function readStructured(shape: Shape, values: readonly string[], name: string): ValueResult {
  try {
    const first = values[0] ?? '';
    const trimmed = first.trim();
    if (trimmed.startsWith('[') || trimmed.startsWith('{') || trimmed.startsWith('"')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(values.join(' '));
      } catch (error) {
        return {
          ok: false,
          message: `Error parsing parameter '${name}': Invalid JSON: ${error instanceof Error ? error.message : String(error)}\nJSON received: ${values.join(' ')}`,
        };
      }
      return { ok: true, value: coerce(shape, parsed, name) };
    }
    if (typeof shape === 'object' && 'list' in shape) {
      const itemShape = shape.list;
      const items = values.map((text) => (typeof itemShape === 'object' && 'struct' in itemShape ? parseShorthand(text) : text));
      return { ok: true, value: coerce(shape, items, name) };
    }
    return { ok: true, value: coerce(shape, parseShorthand(values.join(' ')), name) };
  } catch (error) {
    if (error instanceof ShorthandError) return { ok: false, message: `Error parsing parameter '${name}': ${error.message}` };
    throw error;
  }
}
