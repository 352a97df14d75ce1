/**
 * JSON text → value, with errors that say where (line and column) and name the file. Kept apart
 * from the validator (and zod) so the page can read a file before handing it to the worker.
 */
import { ScenarioError } from './errors';

/** Parses JSON text; a syntax error becomes a ScenarioError naming `source`, the line and the column. */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ScenarioError(source, [{ path: '', message: `not valid JSON: ${describeJsonError(text, err)}` }]);
  }
}

/** The parser's message with "at position N" turned into a line and a column. */
export function describeJsonError(text: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const pos = /position (\d+)/.exec(msg);
  if (!pos) return msg;
  const offset = Number(pos[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${msg.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}
