/** Scenario errors that name the file, the field path and what was expected. */
import type { z } from 'zod';

/** One problem in a scenario. */
export interface ScenarioIssue {
  /** Field path, e.g. `dependencies[0].pipeline[1].failureRateThreshold` ('' for the whole file). */
  path: string;
  /** What is wrong and what was expected. */
  message: string;
}

/** Thrown (or returned) when a scenario cannot be used. */
export class ScenarioError extends Error {
  constructor(
    readonly source: string,
    readonly issues: ScenarioIssue[],
  ) {
    super(formatIssues(source, issues));
    this.name = 'ScenarioError';
  }

  /** One line: the first issue, and how many more there are. */
  get oneLine(): string {
    const first = this.issues[0];
    const more = this.issues.length > 1 ? ` (and ${this.issues.length - 1} more)` : '';
    return `${this.source}: ${first.path ? `${first.path}: ` : ''}${first.message}${more}`;
  }
}

function formatIssues(source: string, issues: ScenarioIssue[]): string {
  return issues.map((i) => `${source}: ${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n');
}

/** Renders a path array as `a.b[0].c`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

const describeValue = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object') return 'an object';
  return String(v);
};

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  int: 'a whole number',
};

const quoteList = (values: ReadonlyArray<unknown>): string => values.map((v) => JSON.stringify(v)).join(', ');

/** Edit distance, used to suggest the field the user probably meant. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** The closest candidate to `word`, if it is close enough to be a likely typo. */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const lower = word.toLowerCase();
  // A field written without its suffix ("failureRate" for "failureRateThreshold") is a likely slip too.
  const prefixed = list.filter((c) => lower.length >= 4 && c.toLowerCase().startsWith(lower));
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of list) {
    const d = distance(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Known keys of the object schema at `path`, for typo suggestions. */
export type KnownKeys = (path: ReadonlyArray<PropertyKey>, input: unknown) => string[];

/** Turns zod issues into messages a scenario author can act on. */
export function fromZodIssues(issues: ReadonlyArray<z.core.$ZodIssue>, knownKeys?: KnownKeys): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  for (const issue of issues) {
    const input = (issue as { input?: unknown }).input;
    switch (issue.code) {
      case 'invalid_type': {
        const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
        out.push({
          path: formatPath(issue.path),
          message: input === undefined ? `is required: expected ${expected}` : `expected ${expected}, got ${describeValue(input)}`,
        });
        break;
      }
      case 'too_big':
      case 'too_small': {
        const bound = issue.code === 'too_big' ? issue.maximum : issue.minimum;
        const inclusive = issue.inclusive !== false;
        const isArray = issue.origin === 'array';
        const what = isArray ? 'entries' : issue.origin === 'string' ? 'characters' : '';
        const rel = issue.code === 'too_big' ? (inclusive ? 'at most' : 'less than') : inclusive ? 'at least' : 'more than';
        const got = isArray && Array.isArray(input) ? `${input.length}` : typeof input === 'string' ? `${input.length}` : describeValue(input);
        out.push({ path: formatPath(issue.path), message: `expected ${rel} ${String(bound)}${what ? ` ${what}` : ''}, got ${got}` });
        break;
      }
      case 'invalid_value':
        out.push({
          path: formatPath(issue.path),
          message: `expected ${issue.values.length === 1 ? quoteList(issue.values) : `one of ${quoteList(issue.values)}`}, got ${describeValue(input)}`,
        });
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          const hint = knownKeys ? suggest(key, knownKeys(issue.path, input)) : undefined;
          out.push({
            path: formatPath([...issue.path, key]),
            message: `unknown field${hint ? ` (did you mean "${hint}"?)` : ''}`,
          });
        }
        break;
      case 'invalid_union': {
        const options = (issue as { options?: unknown[] }).options;
        const discriminator = (issue as { discriminator?: string }).discriminator;
        if (options && discriminator !== undefined) {
          const got = input && typeof input === 'object' ? (input as Record<string, unknown>)[discriminator] : undefined;
          out.push({ path: formatPath(issue.path), message: `expected one of ${quoteList(options)}, got ${describeValue(got)}` });
        } else {
          out.push({ path: formatPath(issue.path), message: issue.message });
        }
        break;
      }
      case 'invalid_format':
        out.push({ path: formatPath(issue.path), message: `expected ${issue.message.replace(/^Invalid string: must match pattern .*$/, 'a valid value')}, got ${describeValue(input)}` });
        break;
      default:
        out.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return out;
}
