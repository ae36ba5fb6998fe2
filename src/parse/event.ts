// `go test -json` (test2json) events. JSON.parse is used as is: a hand-written scanner of these
// flat objects was measured no faster (V8's JSON.parse is native), and is more code to trust.
// The exception is the parser's narrow fast paths for the two shapes test2json writes most
// (output.ts `outputEvent`, `plainEvent`): they only slice, and hand anything else to this.

export interface JsonEvent {
  Action: string;
  Package?: unknown;
  Test?: unknown;
  Output?: unknown;
  Elapsed?: unknown;
  ImportPath?: unknown;
  FailedBuild?: unknown;
  OutputType?: unknown;
}

/** A test2json line as an event; undefined when the line is not a JSON object with an Action. */
export function parseEvent(line: string): JsonEvent | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const ev = v as JsonEvent;
  return typeof ev.Action === 'string' ? ev : undefined;
}
