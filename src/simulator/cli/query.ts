/**
 * `--query`: a JMESPath expression applied to the response, as the CLI does it (after
 * pagination, before the output format). JMESPath itself is `@jmespath-community/jmespath`.
 */
import { compile, type JSONValue, search } from '@jmespath-community/jmespath';
import { toPrintable } from './print.ts';

/** Checks an expression when the line is parsed; returns the CLI's error text, or null. */
export function checkQuery(expression: string): string | null {
  try {
    compile(expression);
    return null;
  } catch (error) {
    return `Bad value for --query ${expression}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Applies `--query` to a response (timestamps as the CLI prints them, so they compare and sort as
 * strings, as in the CLI). Returns the result, or an error message for a failure at run time
 * (a function given the wrong type).
 */
export function applyQuery(expression: string, data: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: search((toPrintable(data) ?? null) as JSONValue, expression) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
