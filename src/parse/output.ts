// Streaming parser for Go test output: plain `go test [-v]`, raw `-test.v=test2json` binary output
// (0x16 framing) and `go test -json` events, detected per line. Memory stays bounded: only the
// current partial line(s) and the reports being assembled are kept, plus per-test bookkeeping.
import type { ParsedOutput, RawFinding, TestAction, TestOutcome } from '../model.js';
import { buildPackageKey, parseBuildOutput } from './build.js';
import { type JsonEvent, parseEvent } from './event.js';
import { type LineContext, LineStream, type StreamSink } from './stream.js';
import { BoundedList, cleanLine, detach, intern, MAX_FINDINGS, MAX_LINE, MAX_RAW } from './util.js';

export interface OutputParserOptions {
  /** Package to use when the text names none (the run's import path). */
  package?: string;
}

export interface OutputParser {
  push(chunk: string): void;
  end(): ParsedOutput;
}

/** One package's `go test -json` output: events carry parts of lines. */
interface JsonPackage {
  stream: LineStream;
  partial: string;
  partialTest: string | undefined;
  partialType: string | undefined;
}

const MAX_BUILD_TEXT = MAX_RAW;

class Parser implements OutputParser, StreamSink {
  // Bounded: a log of thousands of runs repeats the same tests and package lines.
  private readonly tests = new BoundedList<TestOutcome>(
    (t) => `${t.package}\u0000${t.name}\u0000${t.action}`,
  );
  private readonly packages = new BoundedList<ParsedOutput['packages'][number]>(
    (p) => `${p.name}\u0000${p.action}`,
    1000,
  );
  private readonly result: ParsedOutput = {
    tests: this.tests.items,
    findings: [],
    packages: this.packages.items,
    sawGoOutput: false,
  };
  private partial = '';
  private dropping = false;
  private decoder: InstanceType<typeof TextDecoder> | undefined;
  private readonly plain: LineStream;
  private readonly jsonPackages = new Map<string, JsonPackage>();
  /** Plain-text compiler output by `# pkg` key, and test2json `build-output` by package. */
  private readonly buildTexts = new Map<string, string>();
  private readonly buildOutputs = new Map<string, string>();
  private readonly buildReported = new Set<string>();
  private lastBuildKey: string | undefined;
  private ended = false;

  constructor(private readonly opts: OutputParserOptions) {
    this.plain = new LineStream(this, false);
  }

  push(chunk: string): void {
    if (this.ended) return;
    let text: string;
    if (typeof chunk === 'string') text = chunk;
    else {
      // Defensive: a Buffer from a stream without an encoding; decode keeping split characters.
      this.decoder ??= new TextDecoder('utf-8');
      try {
        text = this.decoder.decode(chunk as unknown as Uint8Array, { stream: true });
      } catch {
        text = String(chunk);
      }
    }
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const piece = text.slice(start, nl);
      const line = this.partial.length > 0 ? this.partial + piece : piece;
      this.partial = '';
      if (this.dropping) this.dropping = false;
      else this.rawLine(line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line);
      start = nl + 1;
    }
    if (start < text.length && !this.dropping) {
      this.partial += text.slice(start);
      if (this.partial.length > MAX_LINE) {
        // An endless line (binary junk): handle what fits and skip the rest of it.
        this.rawLine(this.partial.slice(0, MAX_LINE));
        this.partial = '';
        this.dropping = true;
      }
    }
  }

  end(): ParsedOutput {
    if (this.ended) return this.result;
    if (this.decoder) this.push(this.decoder.decode());
    this.ended = true;
    if (this.partial.length > 0 && !this.dropping) this.rawLine(this.partial);
    this.partial = '';
    this.plain.finishReport(true);
    this.plain.flush(this.opts.package ?? '');
    for (const [pkg, jp] of this.jsonPackages) this.endJsonPackage(pkg, jp);
    return this.result;
  }

  private rawLine(input: string): void {
    const line = cleanLine(input);
    if (line.charCodeAt(0) === 123 && line.charCodeAt(line.length - 1) === 125) {
      const ev = parseEvent(line);
      if (ev) {
        this.event(ev);
        return;
      }
    }
    this.plain.line(line);
  }

  private event(ev: JsonEvent): void {
    this.result.sawGoOutput = true;
    const action = ev.Action;
    if (action === 'build-output' || action === 'build-fail') {
      const key =
        typeof ev.ImportPath === 'string' ? buildPackageKey(ev.ImportPath) : (this.opts.package ?? '');
      if (action === 'build-output' && typeof ev.Output === 'string') {
        appendCapped(this.buildOutputs, key, ev.Output);
      } else if (action === 'build-fail') this.buildFailed(key);
      return;
    }
    const pkg = typeof ev.Package === 'string' ? ev.Package : (this.opts.package ?? '');
    const test = typeof ev.Test === 'string' && ev.Test !== '' ? ev.Test : undefined;
    switch (action) {
      case 'output':
        if (typeof ev.Output === 'string') {
          this.jsonOutput(
            pkg,
            ev.Output,
            test,
            typeof ev.OutputType === 'string' ? ev.OutputType : undefined,
          );
        }
        return;
      case 'run':
        if (test) this.jsonPackage(pkg).stream.started(test);
        return;
      case 'pass':
      case 'fail':
      case 'skip': {
        const jp = this.jsonPackage(pkg);
        if (test) {
          const elapsed = typeof ev.Elapsed === 'number' ? ev.Elapsed : undefined;
          jp.stream.finished(test, action as TestAction, elapsed);
          return;
        }
        this.endJsonPackage(pkg, jp);
        if (pkg !== '') this.addPackage(pkg, action);
        if (typeof ev.FailedBuild === 'string') this.buildFailed(buildPackageKey(ev.FailedBuild));
        return;
      }
      default:
        // start, pause, cont, bench, attr, artifacts: nothing to parse.
        return;
    }
  }

  private jsonPackage(pkg: string): JsonPackage {
    let jp = this.jsonPackages.get(pkg);
    if (!jp) {
      jp = {
        stream: new LineStream(this, true),
        partial: '',
        partialTest: undefined,
        partialType: undefined,
      };
      this.jsonPackages.set(intern(pkg), jp);
    }
    return jp;
  }

  private jsonOutput(
    pkg: string,
    output: string,
    test: string | undefined,
    outputType: string | undefined,
  ): void {
    const jp = this.jsonPackage(pkg);
    let start = 0;
    for (;;) {
      const nl = output.indexOf('\n', start);
      if (nl < 0) break;
      const piece = output.slice(start, nl);
      const ctx: LineContext = {};
      // A line split over events belongs to the test its first part came with.
      const lineTest = jp.partial.length > 0 ? jp.partialTest : test;
      const lineType = jp.partial.length > 0 ? jp.partialType : outputType;
      if (lineTest !== undefined) ctx.test = lineTest;
      if (lineType !== undefined) ctx.outputType = lineType;
      const line = jp.partial.length > 0 ? jp.partial + piece : piece;
      jp.partial = '';
      jp.stream.line(cleanLine(line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line), ctx);
      start = nl + 1;
    }
    if (start < output.length) {
      if (jp.partial.length === 0) {
        jp.partialTest = test;
        jp.partialType = outputType;
      }
      if (jp.partial.length < MAX_LINE) jp.partial += output.slice(start);
    }
  }

  private endJsonPackage(input: string, jp: JsonPackage): void {
    const pkg = intern(input);
    if (jp.partial.length > 0) {
      const ctx: LineContext = {};
      if (jp.partialTest !== undefined) ctx.test = jp.partialTest;
      jp.stream.line(cleanLine(jp.partial), ctx);
      jp.partial = '';
    }
    jp.stream.finishReport(true);
    jp.stream.flush(pkg);
  }

  // StreamSink

  sawGo(): void {
    this.result.sawGoOutput = true;
  }

  emit(findings: RawFinding[], tests: TestOutcome[]): void {
    for (const f of findings) this.pushFinding(f);
    for (const t of tests) this.tests.push(t);
  }

  addPackage(name: string, action: 'pass' | 'fail' | 'skip'): void {
    this.packages.push({ name: intern(name), action });
  }

  buildFailed(pkg: string): void {
    this.result.sawGoOutput = true;
    if (this.buildReported.has(pkg)) return;
    this.buildReported.add(pkg);
    // A broken dependency is printed under its own `# dep` header: fall back to the latest block.
    const text =
      this.buildOutputs.get(pkg) ??
      this.buildTexts.get(pkg) ??
      this.buildTexts.get('') ??
      (this.lastBuildKey !== undefined ? this.buildTexts.get(this.lastBuildKey) : undefined) ??
      '';
    let findings = parseBuildOutput(text, pkg);
    if (findings.length === 0)
      findings = [{ kind: 'build', package: pkg, message: 'build failed', stacks: [], raw: '' }];
    for (const f of findings) this.pushFinding(f);
  }

  private pushFinding(f: RawFinding): void {
    if (this.result.findings.length < MAX_FINDINGS) this.result.findings.push(f);
  }

  buildText(key: string, line: string): void {
    if (key !== '') this.lastBuildKey = key;
    appendCapped(this.buildTexts, key, `${line}\n`);
  }
}

function appendCapped(map: Map<string, string>, key: string, text: string): void {
  const prev = map.get(key) ?? '';
  if (prev.length + text.length <= MAX_BUILD_TEXT) map.set(intern(key), prev + detach(text));
}

export function createOutputParser(opts: OutputParserOptions = {}): OutputParser {
  return new Parser(opts);
}

export function parseOutput(text: string, opts: OutputParserOptions = {}): ParsedOutput {
  const p = createOutputParser(opts);
  p.push(text);
  return p.end();
}
