// The one redaction applied to everything race-rerun publishes.
import { afterEach, describe, expect, it } from 'vitest';
import { addSecret, clearSecrets, redact, redactDeep } from '../../src/publish/secrets.js';

afterEach(() => clearSecrets());

describe('redact', () => {
  it('replaces every registered secret, in every spelling a text can hold it', () => {
    addSecret('ghs_abc"def/ghi');
    expect(redact('token=ghs_abc"def/ghi.')).toBe('token=***.');
    // As JSON.stringify and a URL would write it.
    expect(redact('{"t":"ghs_abc\\"def/ghi"}')).toBe('{"t":"***"}');
    expect(redact('?t=ghs_abc%22def%2Fghi')).toBe('?t=***');
    expect(redact('nothing here')).toBe('nothing here');
  });

  it('masks each line of a multi-line secret, the longest secret first, and ignores tiny values', () => {
    addSecret('-----BEGIN KEY-----\nMIIBOgIBAAJBAKj34\n-----END KEY-----');
    addSecret('MIIB');
    addSecret('abc');
    addSecret('');
    addSecret(undefined);
    expect(redact('printed MIIBOgIBAAJBAKj34 alone')).toBe('printed *** alone');
    expect(redact('MIIB and abc')).toBe('*** and abc');
  });

  it('redacts a report deeply, keys and array items included, and leaves other values alone', () => {
    addSecret('s3cr3tValue');
    const report = { a: ['x s3cr3tValue', 2, null, { s3cr3tValue: true }], n: 1 };
    expect(redactDeep(report)).toEqual({ a: ['x ***', 2, null, { '***': true }], n: 1 });
    expect(report.a[0]).toBe('x s3cr3tValue');
  });
});
