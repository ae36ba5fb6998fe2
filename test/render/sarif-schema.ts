// The SARIF 2.1.0 JSON schema (sarif-2.1.0-rtm.5.json: the OASIS standard's schema, as shipped in
// the npm package @microsoft/jest-sarif) with a JSON-schema validator (ajv, draft-04 build).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvModule from 'ajv-draft-04';
import formatsModule from 'ajv-formats';

// CommonJS packages: their default export is under `default` when imported from ESM.
const Ajv = AjvModule.default;
const addFormats = formatsModule.default;
const require = createRequire(import.meta.url);
const schemaFile = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as object;
// The schema's language pattern is not valid with the u flag, so patterns are compiled without it.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** Where `log` breaks the SARIF 2.1.0 schema; empty when it is valid. */
export function schemaErrors(log: unknown): string[] {
  return validate(log)
    ? []
    : (validate.errors ?? []).map(
        (e: { instancePath: string; message?: string }) => `${e.instancePath} ${e.message}`,
      );
}
