// Transpiles the log parser's sources (src/engine/logs.ts, its worker and src/parse/) to plain JavaScript
// in a directory, each file on its own (imports already end in .js): what the parse benchmark
// runs, and what the test of the parallel parse runs its worker threads from (Node cannot run .ts).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Writes the transpiled parser under outDir; returns the file URL of its engine/logs.js. */
export function transpileParser(outDir) {
  const ts = createRequire(import.meta.url)('typescript');
  const files = [
    'engine/logs.ts',
    'engine/logs-worker.ts',
    'model.ts',
    ...readdirSync(join(root, 'src', 'parse')).map((f) => `parse/${f}`),
  ];
  for (const f of files.filter((x) => x.endsWith('.ts'))) {
    const js = ts.transpileModule(readFileSync(join(root, 'src', f), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    mkdirSync(dirname(join(outDir, f)), { recursive: true });
    writeFileSync(join(outDir, f.replace(/\.ts$/, '.js')), js);
  }
  writeFileSync(join(outDir, 'package.json'), '{"type":"module"}\n');
  return pathToFileURL(join(outDir, 'engine', 'logs.js')).href;
}
