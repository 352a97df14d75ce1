/** The JSON Schema of the scenario format, generated from the zod validator, and a knob reference. */
import { z } from 'zod';
import { ScenarioSchema } from './schema';

/** JSON Schema (draft 2020-12) for editors: defaults, ranges and descriptions included. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $id: 'https://faultline.dev/scenario.schema.json', ...schema };
}

interface Row {
  path: string;
  type: string;
  range: string;
  def: string;
  description: string;
}

type Node = Record<string, unknown>;

function typeOf(n: Node): string {
  if (n.const !== undefined) return JSON.stringify(n.const);
  if (Array.isArray(n.enum)) return n.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (n.type === 'integer') return 'integer';
  if (n.type === 'array') return 'list';
  return String(n.type ?? (n.oneOf || n.anyOf ? 'one of' : ''));
}

function rangeOf(n: Node): string {
  const lo = n.minimum ?? n.exclusiveMinimum;
  const hi = n.maximum ?? n.exclusiveMaximum;
  if (lo === undefined && hi === undefined) return n.maxItems !== undefined ? `≤ ${Number(n.maxItems).toLocaleString('en-US')} entries` : '';
  const f = (x: unknown) => (typeof x === 'number' ? x.toLocaleString('en-US') : '');
  return `${f(lo)} – ${f(hi)}`;
}

/** Flattens the schema into one row per field, for docs/scenarios.md. */
export function knobRows(): Row[] {
  const rows: Row[] = [];
  const visit = (n: Node, path: string): void => {
    if (!n || typeof n !== 'object') return;
    const alts = (n.oneOf ?? n.anyOf) as Node[] | undefined;
    if (alts) {
      for (const alt of alts) {
        const props = (alt.properties ?? {}) as Record<string, Node>;
        const tag = Object.entries(props).filter(([, p]) => p.const !== undefined);
        const label = tag.map(([k, p]) => `${k}=${String(p.const)}`).join(',');
        visit(alt, label ? `${path}{${label}}` : path);
      }
      return;
    }
    if (n.type === 'object' && n.properties) {
      const required = new Set((n.required as string[]) ?? []);
      for (const [key, child] of Object.entries(n.properties as Record<string, Node>)) {
        if (key === '$schema') continue;
        const p = path ? `${path}.${key}` : key;
        const isContainer = (child.type === 'object' && child.properties) || child.oneOf || child.anyOf;
        const items = child.type === 'array' ? (child.items as Node) : undefined;
        const itemIsContainer = items && ((items.type === 'object' && items.properties) || items.oneOf || items.anyOf);
        if (child.const === undefined) {
          rows.push({
            path: p + (items ? '[]' : ''),
            type: typeOf(child),
            range: rangeOf(child),
            def: child.default !== undefined ? JSON.stringify(child.default) : required.has(key) ? 'required' : '',
            description: String(child.description ?? ''),
          });
        }
        if (isContainer) visit(child, p);
        if (itemIsContainer) visit(items, `${p}[]`);
      }
    }
  };
  visit(scenarioJsonSchema(), '');
  return rows;
}

/** The knob reference as a Markdown table. */
export function knobTable(): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = ['| field | type | range | default | meaning |', '|---|---|---|---|---|'];
  for (const r of knobRows()) {
    const def = r.def.length > 60 ? 'see the fields below' : r.def;
    lines.push(`| \`${r.path}\` | ${r.type} | ${r.range} | ${esc(def)} | ${esc(r.description)} |`);
  }
  return lines.join('\n');
}
