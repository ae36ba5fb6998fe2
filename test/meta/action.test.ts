// action.yml and the workflows against the published schemas (via action-validator's wasm build,
// which works offline), and action.yml against INPUTS/OUTPUTS.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateAction, validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUTS, OUTPUTS } from '../../src/settings/settings.js';

const root = join(import.meta.dirname, '..', '..');
const actionText = readFileSync(join(root, 'action.yml'), 'utf8');
const action = parse(actionText) as {
  name: string;
  description: string;
  branding: unknown;
  inputs: Record<string, { description: string; default?: unknown; required?: boolean }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
};
const workflowsDir = join(root, '.github', 'workflows');
const workflows = readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f));

describe('action.yml', () => {
  it('matches the action schema', () => {
    // action-validator 0.6.0 (the newest) bundles a schema that predates node24; validate the rest
    // of the file with node20 in its place and check `using` separately below.
    const state = validateAction(actionText.replace(/^(\s+using:\s*)node24\s*$/m, '$1node20'));
    expect(state.errors).toEqual([]);
  });

  it('runs the bundled action on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('has a name, a description and branding', () => {
    expect(action.name).toBe('race-rerun');
    expect(action.description.length).toBeGreaterThan(20);
    expect(action.branding).toBeTruthy();
  });

  it('declares exactly INPUTS, with their defaults and descriptions, none required', () => {
    expect(Object.keys(action.inputs)).toEqual(INPUTS.map((i) => i.name));
    for (const input of INPUTS) {
      const declared = action.inputs[input.name];
      expect(declared, input.name).toEqual({
        description: input.description,
        required: false,
        default: input.default,
      });
    }
  });

  it('declares exactly OUTPUTS', () => {
    expect(action.outputs).toEqual(
      Object.fromEntries(OUTPUTS.map((o) => [o.name, { description: o.description }])),
    );
  });
});

describe('workflows', () => {
  it('exist', () => {
    expect(workflows).toContain('ci.yml');
  });

  it.each(workflows)('%s matches the workflow schema', (file) => {
    const state = validateWorkflow(readFileSync(join(workflowsDir, file), 'utf8'));
    expect(state.errors).toEqual([]);
  });

  it('ci.yml self-tests the action on the example and checks its outputs', () => {
    const ci = parse(readFileSync(join(workflowsDir, 'ci.yml'), 'utf8')) as {
      jobs: Record<
        string,
        {
          steps: {
            id?: string;
            uses?: string;
            with?: Record<string, unknown>;
            env?: Record<string, string>;
          }[];
        }
      >;
    };
    expect(Object.keys(ci.jobs)).toEqual(expect.arrayContaining(['check', 'check-dist', 'self-test']));
    const steps = ci.jobs['self-test']?.steps ?? [];
    const self = steps.find((s) => s.uses === './');
    expect(self?.with).toMatchObject({ 'working-directory': 'examples/flaky-daemon', 'fail-on': 'never' });
    const inputNames = INPUTS.map((i) => i.name);
    for (const name of Object.keys(self?.with ?? {})) expect(inputNames).toContain(name);
    // Every output the check step reads is a declared output.
    const outputNames = OUTPUTS.map((o) => o.name);
    const used = steps
      .flatMap((s) => Object.values(s.env ?? {}))
      .flatMap((v) => [...v.matchAll(/steps\.race-rerun\.outputs\.([\w-]+)/g)].map((m) => m[1]));
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(outputNames).toContain(name);
  });
});

describe('the validator', () => {
  it('does reject a broken action and workflow', () => {
    expect(validateAction('name: x\nruns:\n  using: node20\n').errors).not.toEqual([]);
    expect(validateWorkflow('on: push\njobs:\n  a:\n    runs-on: x\n    stepz: []\n').errors).not.toEqual([]);
  });
});
