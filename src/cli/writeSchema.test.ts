import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOC_PATH, docWithTable, SCHEMA_PATH, schemaText } from './writeSchema';

describe('generated docs', () => {
  it('docs/scenario.schema.json matches the validator (run `npm run schema` after changing it)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(schemaText());
  });

  it('the knob reference in docs/scenarios.md matches the validator', () => {
    const doc = readFileSync(DOC_PATH, 'utf8');
    expect(doc).toBe(docWithTable(doc));
  });
});
