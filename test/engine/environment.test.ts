import { describe, expect, it } from 'vitest';
import { testEnvironment } from '../../src/engine/environment.js';

describe('testEnvironment', () => {
  it('keeps the step env and drops inputs, runner tokens and command files', () => {
    const env = testEnvironment({
      PATH: '/usr/bin',
      GORACE: 'halt_on_error=1',
      GITHUB_TOKEN: 'set-in-step-env',
      GITHUB_WORKSPACE: '/w',
      RUNNER_TEMP: '/t',
      'INPUT_GITHUB-TOKEN': 'ghs_x',
      INPUT_COUNT: '10',
      ACTIONS_RUNTIME_TOKEN: 'r',
      ACTIONS_RUNTIME_URL: 'u',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'o',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'o',
      ACTIONS_RESULTS_URL: 'u',
      ACTIONS_CACHE_URL: 'u',
      GITHUB_OUTPUT: 'f',
      GITHUB_ENV: 'f',
      GITHUB_PATH: 'f',
      GITHUB_STATE: 'f',
      GITHUB_STEP_SUMMARY: 'f',
      UNDEFINED: undefined,
    });
    expect(env).toEqual({
      PATH: '/usr/bin',
      GORACE: 'halt_on_error=1',
      GITHUB_TOKEN: 'set-in-step-env',
      GITHUB_WORKSPACE: '/w',
      RUNNER_TEMP: '/t',
    });
  });
});
