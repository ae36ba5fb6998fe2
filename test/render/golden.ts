// Golden files live in test/golden/. To regenerate them after an intended change:
//   UPDATE_GOLDEN=1 npx vitest run test/render
// then review the diff. Tests also assert key lines directly, so a careless regeneration cannot
// hide a regression.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export function expectGolden(name: string, actual: string): void {
  const file = fileURLToPath(new URL(`../golden/${name}`, import.meta.url));
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file))
    throw new Error(`missing golden file ${file}; run UPDATE_GOLDEN=1 npx vitest run test/render`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
