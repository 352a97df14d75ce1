/**
 * The engine (src/sim) must be deterministic and portable: byte-identical runs in Node and
 * Chromium, no wall clock, no ambient randomness, no UI. This test scans the source text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SIM_DIR = dirname(fileURLToPath(import.meta.url));

/** Every non-test .ts file under src/sim. */
function simSourceFiles(dir = SIM_DIR): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...simSourceFiles(path));
    else if (name.endsWith('.ts') && !/\.(test|spec)\.ts$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/**
 * Blanks comments (and, with `strings`, string and template literal contents) with spaces,
 * keeping line breaks so line numbers survive.
 */
function blank(src: string, strings: boolean): string {
  let out = '';
  let i = 0;
  const keepNewlines = (s: string) => s.replace(/[^\n]/g, ' ');
  while (i < src.length) {
    const c = src[i];
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? src.length : end;
      out += keepNewlines(src.slice(i, stop));
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      out += keepNewlines(src.slice(i, stop));
      i = stop;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\') j++;
        else if (c !== '`' && src[j] === '\n') break; // unterminated: not a string after all
        j++;
      }
      const literal = src.slice(i, j + 1);
      out += strings ? c + keepNewlines(literal.slice(1, -1)) + (literal.length > 1 ? c : '') : literal;
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

interface Rule {
  name: string;
  pattern: RegExp;
  /** Scan with string contents blanked (identifiers) or kept (module specifiers). */
  strings: 'blank' | 'keep';
  /** Lines to ignore although they match (e.g. a method definition that happens to share a name). */
  allow?: (line: string) => boolean;
}

/** A method or function *definition* named setTimeout/setInterval, not a call of the global. */
const isTimerDefinition = (line: string): boolean =>
  /^\s*(?:(?:public|private|protected|static|async|override)\s+)*(?:setTimeout|setInterval)\s*\(\s*(?:[\w$]+\s*\??\s*:|\)\s*[:{])/.test(line) ||
  /\bfunction\s+(?:setTimeout|setInterval)\b/.test(line);

/** Locals named window/document (e.g. `const window = windows[i]`) are not the browser globals. */
const declaresLocal = (code: string, name: string): boolean =>
  new RegExp(`\\b(?:const|let|var)\\s+${name}\\b|[(,]\\s*${name}\\s*[:,)=]`).test(code);

const RULES: Rule[] = [
  // Engine-dependent transcendental functions: use ln / exp / pow from math.ts instead.
  { name: 'Math.log/exp/pow/sin/cos/tan/atan (and their variants)', pattern: /\bMath\s*\.\s*(?:log|exp|pow|sin|cos|tan|atan)\w*\s*\(/, strings: 'blank' },
  { name: 'Math.random', pattern: /\bMath\s*\.\s*random\s*\(/, strings: 'blank' },
  { name: 'Date.now', pattern: /\bDate\s*\.\s*now\s*\(/, strings: 'blank' },
  { name: 'performance.now', pattern: /\bperformance\s*\.\s*now\s*\(/, strings: 'blank' },
  { name: 'global setTimeout/setInterval', pattern: /(?<![.\w$])(?:setTimeout|setInterval)\s*\(|\b(?:globalThis|self|window)\s*\.\s*(?:setTimeout|setInterval)\s*\(/,
    strings: 'blank', allow: isTimerDefinition },
  {
    name: 'UI import (react, react-dom, zustand, recharts, @xstate/react)',
    pattern: /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)['"](?:react|react-dom|zustand|recharts|@xstate\/react)(?:\/[^'"]*)?['"]/,
    strings: 'keep',
  },
];

interface Violation {
  file: string;
  line: number;
  rule: string;
  text: string;
}

/** Violations in one file's source text. */
function scan(file: string, src: string): Violation[] {
  const found: Violation[] = [];
  const views = { blank: blank(src, true), keep: blank(src, false) };
  const original = src.split('\n');
  for (const rule of RULES) {
    const lines = views[rule.strings].split('\n');
    lines.forEach((line, i) => {
      if (rule.pattern.test(line) && !(rule.allow && rule.allow(line))) found.push({ file, line: i + 1, rule: rule.name, text: original[i].trim() });
    });
  }
  // Browser globals: any reference to the identifiers, unless the file declares a local of that name.
  const code = views.blank;
  for (const name of ['window', 'document']) {
    if (declaresLocal(code, name)) continue;
    const ref = new RegExp(`(?<![.\\w$])${name}(?![\\w$])(?!\\s*\\??:)`);
    code.split('\n').forEach((line, i) => {
      if (ref.test(line)) found.push({ file, line: i + 1, rule: `browser global ${name}`, text: original[i].trim() });
    });
  }
  return found;
}

describe('src/sim purity', () => {
  const files = simSourceFiles();

  it('finds the engine sources to scan', () => {
    const rel = files.map((f) => relative(SIM_DIR, f));
    expect(rel).toContain('clock.ts');
    expect(rel).toContain('math.ts');
    expect(rel).toContain(join('recorder', 'histogram.ts'));
    expect(rel.some((f) => f.endsWith('.test.ts'))).toBe(false);
  });

  it('no src/sim source calls non-deterministic or wall-clock APIs, imports UI libraries or touches browser globals', () => {
    const violations = files.flatMap((f) => scan(relative(SIM_DIR, f), readFileSync(f, 'utf8')));
    expect(violations.map((v) => `${v.file}:${v.line} [${v.rule}] ${v.text}`)).toEqual([]);
  });
});

describe('the purity scanner itself', () => {
  const clockSrc = readFileSync(join(SIM_DIR, 'clock.ts'), 'utf8');
  const mathSrc = readFileSync(join(SIM_DIR, 'math.ts'), 'utf8');
  const rules = (src: string) => scan('x.ts', src).map((v) => v.rule);

  it('accepts the real clock.ts, whose setTimeout is a method definition', () => {
    expect(clockSrc).toMatch(/^\s*setTimeout\(/m);
    expect(scan('clock.ts', clockSrc)).toEqual([]);
  });

  it('would fail if Math.log( were added to a src/sim file', () => {
    const tampered = `${mathSrc}\nexport const bad = (x: number) => Math.log(x);\n`;
    const v = scan('math.ts', tampered);
    expect(v).toHaveLength(1);
    expect(v[0].line).toBe(tampered.split('\n').length - 1);
    expect(v[0].text).toContain('Math.log(x)');
  });

  it.each([
    ['Math.log(x)', 'Math.log'],
    ['Math.exp(x)', 'Math.log'],
    ['Math.pow(a, b)', 'Math.log'],
    ['Math.sin(x)', 'Math.log'],
    ['Math.cos(x)', 'Math.log'],
    ['Math.tan(x)', 'Math.log'],
    ['Math.atan(x)', 'Math.log'],
    ['Math.log1p(x)', 'Math.log'],
    ['Math.random()', 'Math.random'],
    ['Date.now()', 'Date.now'],
    ['performance.now()', 'performance.now'],
    ['setTimeout(() => done(), 10)', 'setTimeout'],
    ['setTimeout(cb, 0)', 'setTimeout'],
    ['globalThis.setTimeout(cb, 0)', 'setTimeout'],
    ['setInterval(tick, 1000)', 'setInterval'],
  ])('flags `%s`', (snippet, rule) => {
    const found = rules(`const f = () => {\n  const y = ${snippet};\n};\n`);
    expect(found.some((r) => r.includes(rule))).toBe(true);
  });

  it.each([
    "import { useState } from 'react';",
    "import { createRoot } from 'react-dom/client';",
    'import { create } from "zustand";',
    "import { LineChart } from 'recharts';",
    "import { useMachine } from '@xstate/react';",
    "const r = await import('react');",
    "import 'react';",
  ])('flags the UI import `%s`', (line) => {
    expect(rules(line).some((r) => r.startsWith('UI import'))).toBe(true);
  });

  it.each(['window.innerWidth', 'document.body', 'typeof window', 'const w = window;'])('flags the browser global in `%s`', (line) => {
    expect(rules(`const f = () => ${line};`).some((r) => r.startsWith('browser global'))).toBe(true);
  });

  it.each([
    '// Math.log(x) would differ between engines',
    '/* Date.now() is wall-clock */',
    "const s = 'Math.random() and window.open are mentioned in a string';",
    "import { z } from 'zod';",
    'const x = Math.sqrt(2) + Math.floor(1.5) + Math.imul(3, 4) + Math.max(1, 2);',
    'clock.setTimeout(fn, 10);',
    'const w = windows[0]; const windowMs = 5;',
    'const window = windows[i]; use(window.fromMs);',
    'const o = { window: 3, document: 4 };',
    'this.document?.title;',
  ])('accepts `%s`', (line) => {
    expect(rules(line)).toEqual([]);
  });
});
