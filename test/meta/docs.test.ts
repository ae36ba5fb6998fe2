// The README's Inputs and Outputs tables list exactly INPUTS and OUTPUTS, with the same defaults.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INPUTS, OUTPUTS } from '../../src/settings/settings.js';

const root = join(import.meta.dirname, '..', '..');
const docFile = 'README.md';
const doc = readFileSync(join(root, docFile), 'utf8');

/** Rows (cells, trimmed) of the first table under the heading named `title`. */
function tableUnder(markdown: string, title: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^#{1,6}\\s+${title}\\s*$`).test(l));
  if (start < 0) throw new Error(`${docFile} has no "${title}" heading`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,6}\s/.test(line)) break;
    if (line.trim().startsWith('|')) {
      rows.push(
        line
          .trim()
          .replace(/^\||\|$/g, '')
          .split(/(?<!\\)\|/)
          .map((c) => c.trim()),
      );
    } else if (rows.length > 0) {
      break;
    }
  }
  // Drop the header and the |---| line.
  return rows.filter((r) => !r.every((c) => /^:?-+:?$/.test(c))).slice(1);
}

/** The first `code` span of a cell, or undefined. */
const code = (cell: string | undefined): string | undefined => /`([^`]*)`/.exec(cell ?? '')?.[1];

describe(`${docFile}`, () => {
  const inputs = tableUnder(doc, 'Inputs');
  const outputs = tableUnder(doc, 'Outputs');

  it('lists every input once, in order', () => {
    expect(inputs.map((r) => code(r[0]))).toEqual(INPUTS.map((i) => i.name));
  });

  it('documents the defaults of INPUTS', () => {
    for (const input of INPUTS) {
      const row = inputs.find((r) => code(r[0]) === input.name);
      // An empty default is described in words (e.g. "number of CPUs"), not as code.
      expect(code(row?.[1]), `default of ${input.name}`).toBe(
        input.default === '' ? undefined : input.default,
      );
    }
  });

  it('describes every input', () => {
    for (const row of inputs) expect((row[2] ?? '').length, code(row[0])).toBeGreaterThan(10);
  });

  it('lists every output once, in order', () => {
    expect(outputs.map((r) => code(r[0]))).toEqual(OUTPUTS.map((o) => o.name));
  });

  it('has a Permissions section and a workflow example', () => {
    expect(doc).toMatch(/^#{1,6}\s+Permissions\s*$/m);
    expect(doc).toContain('pull-requests: write');
    expect(doc).toMatch(/uses: [\w.-]+\/race-rerun@v\d/);
  });
});
