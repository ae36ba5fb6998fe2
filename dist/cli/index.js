#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 581:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _cli_commands_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(781);
// The CLI's entry point; the commands are in cli/commands.ts so tests can call main() directly.

process.exitCode = await (0,_cli_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .i)(process.argv.slice(2));
// Interrupted: the report is out; do not wait for anything still pending.
if (process.exitCode >= 128)
    process.exit();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 781:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

// UNUSED EXPORTS: cliWording

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
;// CONCATENATED MODULE: ./src/analysis/hash.ts
// A small stable hash for finding ids: same signature → same id on every machine and version.
/** 32-bit FNV-1a over the UTF-8 bytes, as 8 lower-case hex digits. */
function fnv1a32(text) {
    let h = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(text)) {
        h ^= byte;
        h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(16).padStart(8, '0');
}
/** The value with every object's keys sorted, so equal values give equal JSON. */
function sortKeys(value) {
    if (Array.isArray(value))
        return value.map(sortKeys);
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.keys(value)
            .sort()
            .map((k) => [k, sortKeys(value[k])]));
    }
    return value;
}

;// CONCATENATED MODULE: ./src/model.ts
// The shared data model. Everything between the parts of race-rerun is one of these plain types:
// settings → plan → runs (RunRecord) → Report → renderers. No I/O here.
/**
 * The kinds of finding, also the words accepted by `fail-on` (plus `never`). `overlap`: a test
 * that failed only while other runs overlapped it and passed every time alone.
 */
const model_FINDING_KINDS = ['race', 'panic', 'fatal', 'timeout', 'failure', 'build', 'overlap'];
/** Every StackRole, for validating reports read from files. */
const STACK_ROLES = [
    'current',
    'previous',
    'current-creation',
    'previous-creation',
    'panic',
    'creation',
    'goroutine',
    'failure',
    'build',
];
/** Every LocationRole, for validating reports read from files. */
const LOCATION_ROLES = [
    'current',
    'previous',
    'current-creation',
    'previous-creation',
    'panic',
    'fatal',
    'timeout',
    'failure',
    'build',
];

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./src/parse/util.ts
// Small helpers shared by the parsers: line cleaning, frame lines, test names, caps.

/** Cap on a finding's `raw` text. */
const MAX_RAW = 64 * 1024;
/** Cap on the frames kept per stack (a marker frame is added after it). */
const MAX_FRAMES = 100;
/** Cap on one input line; longer lines are cut (binary junk without newlines must not grow memory). */
const MAX_LINE = 1024 * 1024;
/** A flood of reports (e.g. GORACE=suppress_equal_stacks=0 in a loop) must not exhaust memory. */
const MAX_FINDINGS = 1000;
/**
 * Past MAX_FINDINGS, a report is kept only when it is distinct (by `reportKey`) from every one
 * kept before, its repeats counted on the one kept; at most this many such distinct reports.
 */
const MAX_DISTINCT_FINDINGS = 5000;
/** Text kept of a report past MAX_FINDINGS: its stacks are whole, its sample short. */
const MAX_EXTRA_RAW = 4096;
/** Lines of a report past the cap held until it is known to be a repeat: longer ones are dropped. */
const MAX_REPORT_LINES = 5000;
/** What varies between occurrences of one report's header line (addresses, goroutine ids). */
const VARYING_RE = /0x[0-9a-fA-F]+\??|oroutine \d+|\d+ minutes/g;
/** Longest key text kept as it is; longer ones are hashed (SHA-1) to bound memory. */
const MAX_PLAIN_KEY = 8192;
/** A bucket of more keys than this (a crafted log) is indexed by whole texts instead. */
const MAX_BUCKET = 8;
function reportKey(kind, lines) {
    const parts = [kind];
    if (kind === 'race') {
        // What varies between repeats of a race is on its header lines (addresses, goroutine ids,
        // running or finished), which end with `:`; frame and function lines are the same. One
        // character per line instead of a search: most reports of a huge log are such repeats.
        // Separators are left out: a finding's text starts with one, the lines of a report do not.
        for (const l of lines)
            if (l.charCodeAt(l.length - 1) !== 58 && l !== RACE_SEP)
                parts.push(l);
    }
    else {
        for (const l of lines) {
            if (l.indexOf(' +0x') >= 0)
                parts.push(l);
            else if (l.startsWith('panic: ') || l.startsWith('fatal error: '))
                parts.push(l.replace(VARYING_RE, ''));
        }
    }
    // One flat string: comparing and sampling it is cheap, unlike many slices of a big chunk.
    let text = parts.join('\n');
    if (text.length > MAX_PLAIN_KEY)
        text = `${kind}#${(0,external_node_crypto_namespaceObject.createHash)('sha1').update(text).digest('base64')}`;
    return keyOfText(text);
}
/** A key from its text: 32 characters spread over it make the hash (equal hashes: compared whole). */
function keyOfText(text) {
    const n = text.length;
    const step = n > 32 ? n >> 5 : 1;
    let hash = n;
    for (let i = n - 1; i >= 0; i -= step)
        hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    return { hash, text };
}
/**
 * Values by ReportKey: a small bucket per hash, texts compared; a bucket grown past MAX_BUCKET
 * (texts that differ only where the hash does not look) becomes a Map by text. Key texts are
 * joined or hashed, never slices of a read chunk: they are kept as they are.
 */
class ReportIndex {
    buckets = new Map();
    count = 0;
    get size() {
        return this.count;
    }
    get(key) {
        const bucket = this.buckets.get(key.hash);
        if (bucket === undefined)
            return undefined;
        if (bucket instanceof Map)
            return bucket.get(key.text);
        for (const e of bucket)
            if (e.text === key.text)
                return e.value;
        return undefined;
    }
    /** Stores the value unless the key is there already (then false). */
    add(key, value) {
        if (this.get(key) !== undefined)
            return false;
        const { text } = key;
        const bucket = this.buckets.get(key.hash);
        if (bucket === undefined)
            this.buckets.set(key.hash, [{ text, value }]);
        else if (bucket instanceof Map)
            bucket.set(text, value);
        else if (bucket.length < MAX_BUCKET)
            bucket.push({ text, value });
        else
            this.buckets.set(key.hash, new Map([...bucket.map((e) => [e.text, e.value]), [text, value]]));
        this.count++;
        return true;
    }
}
/** The key of a kept finding, from its text (undefined for failures and build errors). */
function findingKey(f) {
    if (f.kind === 'failure' || f.kind === 'build')
        return undefined;
    if (f.key !== undefined)
        return keyOfText(f.key);
    return reportKey(f.kind === 'race' ? 'race' : 'traceback', f.raw.split('\n'));
}
/** `==================`: opens and closes a race report. */
const RACE_SEP = '==================';
const ANSI_RE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[ -/]*[@-~]`, 'g');
const GH_TIMESTAMP_RE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z(?: |$)/;
/** A line number before a timestamp, as copied from GitHub's web log view: `12  2024-…Z `. */
const LINE_NUMBER_TIMESTAMP_RE = /^ *\d{1,7}\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?/;
/** syslog / journalctl: `Mar 01 12:00:00 host app[123]: `, and `-o short-iso` timestamps. */
const SYSLOG_RE = /^(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:?\d\d|Z)) \S+ [^\s:]+: /;
/** A `name[id]: ` tag before each line (container and process loggers). */
const TAG_RE = /^[\w.\-/@]*\[[\w.\-/@:]*\]$/;
/** Which prefixes a line may carry (see `prefixHints`). */
const PREFIX_TIMESTAMP = 1;
const PREFIX_TAG = 2;
const PREFIX_LINE_NUMBER = 4;
const ALL_PREFIXES = PREFIX_TIMESTAMP | PREFIX_TAG | PREFIX_LINE_NUMBER;
/** Text inside `go test -json` events: no log viewer touched it. */
const NO_PREFIXES = 0;
/**
 * The prefixes a chunk of text may hold on its lines, found by two native searches so that most
 * lines skip the per-line checks (they were a tenth of a huge log's parse): a `name[id]: ` tag
 * needs `]: `, the web view's right-aligned line number a timestamp (ending in `Z`). A line that
 * starts in one chunk and ends in the next is looked at with ALL_PREFIXES.
 */
function prefixHints(text) {
    // Timestamps, syslog and the web view's left-aligned numbers start with cheap checks: always.
    let hints = PREFIX_TIMESTAMP;
    if (text.indexOf(']: ') >= 0)
        hints |= PREFIX_TAG;
    if (text.indexOf('Z') >= 0)
        hints |= PREFIX_LINE_NUMBER;
    return hints;
}
/**
 * Strips what people's copies of a log add around Go's text: `\r` and literal `^M` line ends,
 * trailing padding, GitHub's downloaded-log timestamp (or the web view's line number and
 * timestamp), syslog / journalctl prefixes, a `name[id]: ` tag, and ANSI colour escapes.
 * `hints` (prefixHints, or NO_PREFIXES) says which prefix checks can match.
 */
function cleanLine(input, hints = ALL_PREFIXES) {
    let s = input;
    const last = s.charCodeAt(s.length - 1);
    // Trailing `\r`, spaces, tabs, `^M`: cheap checks on the last character first.
    if (last === 13 || last === 32 || last === 9 || (last === 77 && s.endsWith('^M'))) {
        s = s.replace(/(?:\r|\^M|[ \t])+$/, '');
    }
    // Only a digit, a space or a letter can start a prefix: most lines (tabs, JSON) skip the call.
    const c0 = s.charCodeAt(0);
    const l0 = c0 | 32;
    if (hints !== NO_PREFIXES && ((c0 >= 48 && c0 <= 57) || c0 === 32 || (l0 >= 97 && l0 <= 122))) {
        // Prefixes can stack (a tag inside a journal line, a timestamp before both): a few rounds.
        for (let round = 0; round < 3; round++) {
            const stripped = stripPrefix(s, hints);
            if (stripped === s)
                break;
            s = stripped;
        }
    }
    if (s.indexOf('\x1b') >= 0) {
        s = s.replace(ANSI_RE, '');
        if (s.length > 0 && s.charCodeAt(s.length - 1) === 13)
            s = s.slice(0, -1);
    }
    return s;
}
/** One log-viewer prefix off the line, or the line as it was. */
function stripPrefix(s, hints) {
    const c0 = s.charCodeAt(0);
    // Cheap shape checks (`YYYY-`, a digit, `Mmm `) before the regexes.
    if (c0 >= 48 && c0 <= 57) {
        if ((hints & PREFIX_TIMESTAMP) === 0)
            return s;
        if (s.length >= 20 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && s.charCodeAt(10) === 84) {
            const m = GH_TIMESTAMP_RE.exec(s) ?? SYSLOG_RE.exec(s);
            if (m)
                return s.slice(m[0].length);
        }
        else {
            const m = LINE_NUMBER_TIMESTAMP_RE.exec(s);
            if (m)
                return s.slice(m[0].length);
        }
        return s;
    }
    if (c0 === 32) {
        if ((hints & PREFIX_LINE_NUMBER) === 0)
            return s;
        // The web view right-aligns its line numbers: ` 13043 2024-08-09T01:45:13.2083163Z `.
        let i = 1;
        while (i < 8 && s.charCodeAt(i) === 32)
            i++;
        const c = s.charCodeAt(i);
        if (c >= 48 && c <= 57 && i < 8) {
            const m = LINE_NUMBER_TIMESTAMP_RE.exec(s);
            if (m)
                return s.slice(m[0].length);
        }
        return s;
    }
    if ((hints & PREFIX_TIMESTAMP) !== 0 && c0 <= 90 && s.charCodeAt(3) === 32 && s.charCodeAt(9) === 58) {
        const m = SYSLOG_RE.exec(s);
        if (m)
            return s.slice(m[0].length);
    }
    if ((hints & PREFIX_TAG) === 0)
        return s;
    // `name[id]: ` (a letter first: not frames, JSON, framing or `[signal`). Neither the name nor
    // the tag holds a space, so the first space is the one after `]:`; a blank line's tag, its
    // padding gone, ends the line.
    const sp = s.indexOf(' ');
    const end = sp < 0 ? s.length : sp;
    if (end > 2 &&
        s.charCodeAt(end - 1) === 58 &&
        s.charCodeAt(end - 2) === 93 &&
        TAG_RE.test(s.slice(0, end - 1))) {
        return s.slice(end + 1);
    }
    return s;
}
/**
 * `FILE:LINE +0xOFF`, `FILE:LINE` (inlined) or `FILE:LINE +0xOFF fp=… sp=… pc=…`, already without
 * the leading whitespace. Splits on the LAST colon before the offset: Windows paths are `C:/…`.
 */
function parseFileLine(s) {
    let end = s.indexOf(' +0x');
    if (end < 0)
        end = s.indexOf(' fp=');
    if (end < 0)
        end = s.length;
    const colon = s.lastIndexOf(':', end - 1);
    if (colon <= 0 || colon === end - 1)
        return undefined;
    let line = 0;
    for (let i = colon + 1; i < end; i++) {
        const c = s.charCodeAt(i);
        if (c < 48 || c > 57)
            return undefined;
        line = line * 10 + (c - 48);
    }
    return { file: s.slice(0, colon), line };
}
/** `pkg.F(0x1, {0x2, 0x3})` → `pkg.F`; arguments never hold `(`, so the last `(` starts them. */
function splitFuncArgs(s) {
    const open = s.lastIndexOf('(');
    if (open <= 0 || !s.endsWith(')'))
        return { func: s, args: '' };
    return { func: s.slice(0, open), args: s.slice(open + 1, -1) };
}
/** Go's rule for test function names (`Test`, `TestX`, `Test_x`, not `Testx`), minus TestMain. */
function isTestFuncName(name) {
    for (const prefix of ['Test', 'Benchmark', 'Fuzz', 'Example']) {
        if (!name.startsWith(prefix))
            continue;
        if (name === 'TestMain')
            return false;
        if (name.length === prefix.length)
            return true;
        const c = name.charCodeAt(prefix.length);
        return c < 97 || c > 122;
    }
    return false;
}
/**
 * The test a stack frame belongs to: `example.com/m/pkg.TestX.func2.1` → `TestX`. Dots in an import
 * path's last element are printed as `%2e`, so the first dot after the last slash ends the package.
 * Test functions live only in the test binary's own package (or its _test twin), so no package
 * check is needed.
 */
function testNameFromFunc(fn) {
    const slash = fn.lastIndexOf('/');
    const dot = fn.indexOf('.', slash + 1);
    if (dot < 0)
        return undefined;
    let end = fn.indexOf('.', dot + 1);
    if (end < 0)
        end = fn.length;
    const name = fn.slice(dot + 1, end);
    return isTestFuncName(name) ? name : undefined;
}
/** First test function in the frames of the given stacks, in order. */
function testFromStacks(stacks) {
    for (const s of stacks) {
        for (const f of s.frames) {
            const t = testNameFromFunc(f.func);
            if (t)
                return t;
        }
    }
    return undefined;
}
/**
 * A stack names the top-level test (`TestParent`); the positional context may know the subtest
 * (`TestParent/racy_sub`). Keep the positional name when it is that test or one of its subtests.
 */
function combineTest(stackTest, positional) {
    if (!stackTest)
        return positional;
    if (positional && (positional === stackTest || positional.startsWith(`${stackTest}/`)))
        return positional;
    return stackTest;
}
/**
 * `line.trimStart().startsWith('--- ')` without building the trimmed copy (it ran for every frame
 * line of a report). Spaces and tabs are skipped here; any other leading character that is not
 * plainly visible ASCII (other whitespace trimStart knows) takes the exact slow way.
 */
/** Lines the go command or the test binary print at column 0 after a package's output. */
function isGoCommandLine(line) {
    return (line.startsWith('ok  ') ||
        line.startsWith('FAIL\t') ||
        line === 'FAIL' ||
        line === 'PASS' ||
        line.startsWith('?   \t') ||
        line.startsWith('exit status '));
}
function isResultAfterIndent(line) {
    let i = 0;
    let c = line.charCodeAt(0);
    while (c === 32 || c === 9)
        c = line.charCodeAt(++i);
    if (c > 32 && c < 127) {
        return (c === 45 &&
            line.charCodeAt(i + 1) === 45 &&
            line.charCodeAt(i + 2) === 45 &&
            line.charCodeAt(i + 3) === 32);
    }
    return i < line.length && line.trimStart().startsWith('--- ');
}
/** A frame marking where frames were dropped (by us or by Go). */
function elidedFrame(text) {
    return { func: text, file: '', line: 0 };
}
/** Appends a frame, keeping at most `limit` frames plus one marker. */
function pushFrame(frames, frame, limit = MAX_FRAMES) {
    if (frames.length < limit)
        frames.push(frame);
    else if (frames.length === limit)
        frames.push(elidedFrame('...additional frames elided...'));
}
/** `text` as a RawText of that cap would have kept it line by line. */
function capText(text, max) {
    if (text.length < max)
        return text;
    const r = new RawText(false, max);
    for (const line of text.split('\n'))
        r.add(line);
    return r.text();
}
/** A report's text as printed, capped at MAX_RAW. */
class RawText {
    max;
    parts = [];
    len = 0;
    truncated;
    /** `off`: keeps nothing (the report is over the findings cap and will be dropped). */
    constructor(off = false, max = MAX_RAW) {
        this.max = max;
        this.truncated = off;
    }
    add(line) {
        if (this.truncated)
            return;
        if (this.len + line.length + 1 > this.max) {
            this.truncated = true;
            const room = this.max - this.len;
            if (room > 0)
                this.parts.push(line.slice(0, room));
            this.parts.push('... (truncated)');
            return;
        }
        this.parts.push(line);
        this.len += line.length + 1;
    }
    text() {
        return this.parts.join('\n');
    }
}
/** Function names that are not the user's: the Go runtime, testing, stdlib (no dot in the first path element). */
function isUserFrame(f) {
    if (f.file.endsWith('_testmain.go') || f.file === '')
        return false;
    const slash = f.func.indexOf('/');
    const firstElem = f.func.slice(0, slash >= 0 ? slash : f.func.indexOf('.'));
    if (firstElem === 'main')
        return true;
    return slash >= 0 && firstElem.includes('.');
}
/**
 * Makes a finding that is kept hold copies of its strings, not substrings of input chunks (see
 * `detach`). Done only for findings that are stored: most of a huge log's are over the cap.
 */
function detachFinding(f) {
    f.message = detach(f.message);
    f.raw = detach(f.raw);
    if (f.test !== undefined)
        f.test = intern(f.test);
    if (f.runningTests)
        f.runningTests = f.runningTests.map(intern);
    for (const s of f.stacks) {
        s.header = detach(s.header);
        for (const fr of s.frames) {
            fr.func = intern(fr.func);
            fr.file = intern(fr.file);
        }
    }
}
/** Test outcomes kept verbatim per parse; past it only outcomes not seen yet (name and action). */
const MAX_OUTCOMES = 10_000;
/** Distinct strings kept by `intern` and distinct outcomes past MAX_OUTCOMES. */
const MAX_DISTINCT = 100_000;
/**
 * A copy of `s` that holds no reference to the chunk it was cut from. V8 keeps a whole input
 * chunk alive for any substring of it that is stored; names and frames are stored for the whole
 * parse, so without this the chunks they came from would pile up with the log's size.
 */
function detach(s) {
    return s.length === 0 ? '' : Buffer.from(s, 'utf8').toString('utf8');
}
const interned = new Map();
const RECENT_SLOTS = 512;
const recent = new Array(RECENT_SLOTS).fill(undefined);
/**
 * `detach`, sharing one copy of strings that repeat (test, package, function and file names):
 * a log of a thousand runs names the same few hundred things a thousand times.
 */
function intern(s) {
    // A small direct-mapped cache in front of the map: comparing with one candidate is cheaper than
    // hashing `s` (a fresh slice each time), and the same few names come again and again.
    const n = s.length;
    const slot = (n * 31 + s.charCodeAt(n - 1) * 7 + s.charCodeAt(n >> 1)) & (RECENT_SLOTS - 1);
    const hit = recent[slot];
    if (hit === s)
        return hit;
    let copy = interned.get(s);
    if (copy === undefined) {
        copy = detach(s);
        if (interned.size < MAX_DISTINCT && n <= 1024)
            interned.set(copy, copy);
    }
    if (n <= 1024)
        recent[slot] = copy;
    return copy;
}
/**
 * Items appended for the whole parse (test outcomes, package results): the first `verbatim` as
 * they come, then only those whose key was not seen, so memory stays bounded on huge logs while
 * every test and result still shows up (the report counts runs, not repeats within a run).
 */
class BoundedList {
    key;
    verbatim;
    items = [];
    keys;
    constructor(key, verbatim = MAX_OUTCOMES) {
        this.key = key;
        this.verbatim = verbatim;
    }
    push(item) {
        if (this.items.length < this.verbatim) {
            this.items.push(item);
            return;
        }
        if (!this.keys)
            this.keys = new Set(this.items.map(this.key));
        const k = this.key(item);
        if (this.keys.has(k) || this.keys.size >= MAX_DISTINCT)
            return;
        this.keys.add(k);
        this.items.push(item);
    }
    get length() {
        return this.items.length;
    }
}

;// CONCATENATED MODULE: ./src/analysis/attribution.ts
const attribution_top = (name) => name.split('/')[0] ?? name;
/** `example.com/m/pkg.TestA.func1` → `TestA` when the function belongs to package `pkg`. */
function testOfFunc(func, pkg) {
    for (const prefix of [`${pkg}.`, `${pkg}_test.`]) {
        if (!func.startsWith(prefix))
            continue;
        const name = /^((?:Test|Fuzz|Example)[^.(]*)/.exec(func.slice(prefix.length))?.[1];
        if (name && name !== 'TestMain')
            return name;
    }
    return undefined;
}
// `testing` prints this as a t.Error-style line of the test the race was detected in.
const RACE_NOTICE = /^(?:testing: )?race detected (?:during execution of (?:test|benchmark)|outside of test execution)/;
/**
 * A race printed during test B whose stacks only show test A (a goroutine A started and did not
 * wait for): A. Undefined when the stacks name B itself, or no test.
 */
function testsInStacks(f, pkg) {
    const named = new Set();
    for (const s of f.stacks) {
        for (const fr of s.frames) {
            const t = testOfFunc(fr.func, pkg);
            if (t)
                named.add(t);
        }
    }
    return named;
}
function stackOwner(f, pkg) {
    if (f.kind !== 'race' || !f.test)
        return undefined;
    const named = testsInStacks(f, pkg);
    if (named.size === 0 || named.has(attribution_top(f.test)))
        return undefined;
    return [...named].sort()[0];
}
/**
 * Races of one run made by a goroutine that outlived its test A and reported during a later
 * test B, which it fails. Two shapes: the race is attributed to B and its stacks only name A;
 * or it is attributed to A (from its stacks), A passed, and B failed with no finding of its own
 * (`race detected during execution of test` is all B printed). B is then one the stacks name,
 * or the only such failed test of the run.
 */
function outlivingRaces(run) {
    const out = new Map();
    const pkg = run.package;
    const raws = run.parsed.findings;
    const races = raws.filter((f) => f.kind === 'race');
    const own = (test) => raws.some((f) => !(f.kind === 'failure' && RACE_NOTICE.test(f.message.trim())) &&
        [...(f.test ? [f.test] : []), ...(f.runningTests ?? [])].some((n) => covers(test, n) || covers(n, test)));
    const outcome = (name) => run.parsed.tests.find((t) => t.name === name && (t.package === pkg || !t.package));
    const unexplained = run.parsed.tests
        .filter((t) => t.action === 'fail' && !t.name.includes('/') && !own(t.name))
        .map((t) => t.name)
        .sort();
    for (const r of races) {
        const owner = stackOwner(r, pkg);
        if (owner && r.test) {
            out.set(r, { owner, during: r.test });
            continue;
        }
        if (!r.test || outcome(attribution_top(r.test))?.action !== 'pass')
            continue;
        const named = testsInStacks(r, pkg);
        const during = unexplained.find((t) => named.has(t)) ?? (unexplained.length === 1 ? unexplained[0] : undefined);
        if (during && during !== attribution_top(r.test))
            out.set(r, { owner: attribution_top(r.test), during });
    }
    return out;
}
/** `TestA` is `TestA/sub` or a parent of it. */
function covers(parent, test) {
    return test === parent || test.startsWith(`${parent}/`);
}
/** The tests a raw finding names: its test and, for a timeout, the tests that were running. */
function namedTests(f) {
    return [...(f.test ? [f.test] : []), ...(f.runningTests ?? [])];
}
/**
 * A test fails only because of findings when, in every run it failed, a race, panic, fatal error
 * or timeout named it or one of its subtests, and no t.Error/t.Fatal of its own did. Sets
 * `TestReport.failedBy` and `Finding.failsTests`.
 */
function foldFailedTests(runs, tests, findings) {
    const byTest = new Map();
    for (const { run, findings: raws } of runs) {
        for (const t of run.parsed.tests) {
            if (t.action !== 'fail' && t.action !== 'interrupted')
                continue;
            const key = `${t.package}\u0000${t.name}`;
            const e = byTest.get(key) ?? { ids: new Set(), alone: false };
            byTest.set(key, e);
            const mine = raws.filter((r) => (r.raw.package || run.package) === t.package &&
                [...namedTests(r.raw), ...(r.during ? [r.during] : [])].some((n) => covers(t.name, n)));
            // Its own t.Error (or a collision with other runs) is its own failure, not a finding's.
            const own = (r) => r.raw.kind === 'failure' || r.raw.kind === 'overlap';
            const causes = mine.filter((r) => !own(r) && r.raw.kind !== 'build');
            if (causes.length === 0 || mine.some(own))
                e.alone = true;
            for (const c of causes)
                e.ids.add(c.id);
        }
    }
    const byId = new Map(findings.map((f) => [f.id, f]));
    for (const t of tests) {
        const e = byTest.get(`${t.package}\u0000${t.name}`);
        if (!e || e.alone || e.ids.size === 0)
            continue;
        t.failedBy = [...e.ids].sort();
        for (const id of t.failedBy) {
            const f = byId.get(id);
            if (f)
                f.failsTests = [...(f.failsTests ?? []), t.name].sort();
        }
    }
}
/** Error text that names a resource two processes can fight over. */
const EVIDENCE = /address already in use|database is locked|text file busy|device or resource busy|resource temporarily unavailable|file exists|too many open files|only one usage of each socket address|lock(?:ed)? by another process|already locked/i;
/** The first line of a test's failing output that names a shared resource. */
function evidenceLine(findings) {
    for (const f of findings) {
        for (const line of `${f.message}\n${f.raw}`.split('\n')) {
            if (EVIDENCE.test(line)) {
                const text = line.trim();
                return text.length > 200 ? `${text.slice(0, 199)}…` : text;
            }
        }
    }
    return undefined;
}
/** `bind: address already in use` → `address already in use`. */
function evidencePhrase(line) {
    return EVIDENCE.exec(line)?.[0].toLowerCase();
}
/** Only the innermost of `TestA`, `TestA/sub`, for short lists: the parents fail with them. */
function innermost(tests) {
    return tests.filter((t) => !tests.some((o) => o !== t && o.startsWith(`${t}/`)));
}
/** `TestA`, `TestA, TestB and 2 more`. */
function shortTestList(tests, max = 3) {
    const shown = innermost(tests);
    const head = shown.slice(0, max).join(', ');
    return shown.length > max ? `${head} and ${shown.length - max} more` : head;
}

;// CONCATENATED MODULE: ./src/analysis/names.ts
// Go function names, test names and shell words, shortened or quoted for humans.
/** Everything before the first `(` or `[`: receivers and type arguments may contain `/` or `.`. */
function headEnd(func) {
    const m = /[([]/.exec(func);
    return m ? m.index : func.length;
}
/** Last import-path element: `example.com/m/daemon.(*Daemon).Shutdown` → `daemon.(*Daemon).Shutdown`. */
function names_shortFunc(func) {
    const slash = func.lastIndexOf('/', headEnd(func));
    return func.slice(slash + 1);
}
/** Without the package: `(*Daemon).Shutdown`, `TestRace.func1`. Dots in import paths print as %2e. */
function funcWithoutPackage(func) {
    const short = names_shortFunc(func);
    const dot = short.indexOf('.');
    return dot < 0 ? short : short.slice(dot + 1);
}
/** For titles: the method name alone (`Shutdown`), else the function without package. */
function titleFunc(func) {
    const name = funcWithoutPackage(func);
    const m = /^\(\*?[^)]*\)\.(.+)$/.exec(name);
    return m?.[1] ?? name;
}
/** RE2 metacharacters in a test name, escaped so `-run` matches it literally. */
function quoteMeta(s) {
    return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
/**
 * A `-run` pattern for the given tests: `^TestA$` or `^TestA$/^sub$` for one test, the top-level
 * tests (`^(TestA|TestB)$`) for several. Undefined when there are none.
 */
function testPattern(tests) {
    const unique = [...new Set(tests.filter((t) => t !== ''))].sort();
    if (unique.length === 0)
        return undefined;
    if (unique.length === 1) {
        return (unique[0] ?? '')
            .split('/')
            .map((part) => `^${quoteMeta(part)}$`)
            .join('/');
    }
    const tops = [...new Set(unique.map((t) => t.split('/')[0] ?? t))];
    if (tops.length === 1)
        return `^${quoteMeta(tops[0] ?? '')}$`;
    return `^(${tops.map(quoteMeta).join('|')})$`;
}
/** A word safe to paste into sh. */
function shQuote(word) {
    if (word !== '' && /^[A-Za-z0-9_\-.,/:=@+%]+$/.test(word))
        return word;
    return `'${word.replace(/'/g, `'\\''`)}'`;
}

;// CONCATENATED MODULE: external "node:path/posix"
const posix_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path/posix");
var posix_default = /*#__PURE__*/__nccwpck_require__.n(posix_namespaceObject);
;// CONCATENATED MODULE: ./src/analysis/paths.ts
// Maps file names as Go printed them to repository paths, so findings can be annotated. The one
// place for path and site logic: the mapping is pure; what it needs to know of the disk (does this
// file exist here, what does this directory resolve to) comes through the small `PathDisk`
// interface the caller passes in, so it behaves the same on every OS and for logs captured on
// other machines (parse mode), and tests can give a fake disk.


const DRIVE = /^[A-Za-z]:\//;
/** `\` → `/`, drive letter upper-cased, `.`/`..`/`//` collapsed, no trailing `/`. */
function normalizePath(p) {
    let s = p.trim().replace(/\\/g, '/');
    if (s === '')
        return s;
    if (/^[A-Za-z]:/.test(s))
        s = `${s.charAt(0).toUpperCase()}:${s.slice(2)}`;
    if (/^[A-Z]:$/.test(s))
        return `${s}/`;
    let out;
    if (DRIVE.test(s))
        out = s.slice(0, 2) + posix_default().normalize(s.slice(2));
    else
        out = posix_default().normalize(s);
    if (out.length > 1 && out.endsWith('/') && !/^[A-Z]:\/$/.test(out))
        out = out.slice(0, -1);
    return out;
}
function isAbsolutePath(p) {
    const s = p.replace(/\\/g, '/');
    return s.startsWith('/') || /^[A-Za-z]:\//.test(s);
}
/**
 * A file of this machine as the user named it: relative to `root` when inside it, else absolute
 * (a log from outside the checkout). OS paths, unlike the Go-printed ones the rest of this handles.
 */
function shownPath(file, root) {
    const rel = (0,external_node_path_namespaceObject.relative)(root, file);
    return rel === '' || rel.startsWith('..') ? file : rel;
}
/**
 * Path of `child` relative to `parent` (both normalised), `''` when equal, undefined when not
 * inside. Windows paths compare case-insensitively: the file system does.
 */
function relativeTo(child, parent) {
    const windows = DRIVE.test(parent);
    const c = windows ? child.toLowerCase() : child;
    const p = windows ? parent.toLowerCase() : parent;
    if (c === p)
        return '';
    const prefix = p.endsWith('/') ? p : `${p}/`;
    if (c.startsWith(prefix))
        return child.slice(prefix.length);
    return undefined;
}
// Where Go toolchains live when GOROOT was not passed in (setup-go on every OS, brew, distro
// packages, Windows installs such as D:/Go/src): any `…/src/<std package>/` under a go-ish root.
const GOROOT_HINTS = [
    /\/hostedtoolcache\/(?:windows\/)?go\/[^/]+\/[^/]+\/src\//i,
    /(?:^|\/)(?:go|go-?\d[\w.-]*|golang|golang-\d[\d.]*|libexec|goroot)\/src\/(?:pkg\/)?(?:runtime|testing|internal|sync|time|os|reflect|fmt|net|syscall|io|context|encoding|strings|bytes|sort|errors|log|math|bufio|crypto|database|regexp|strconv|unicode|path|iter|slices|maps|container)\//i,
    /\/sdk\/go[\d.]+\/src\//,
    /\/Cellar\/go\/[^/]+\/libexec\/src\//,
];
const MODCACHE_HINT = /\/pkg\/mod\/.*@v/;
// Top-level directories of the standard library: `-trimpath` prints its files as `testing/testing.go`.
const STD_TOP = new Set(('archive bufio builtin bytes cmd cmp compress container context crypto database debug embed encoding ' +
    'errors expvar flag fmt go hash html image index internal io iter log maps math mime net os path ' +
    'plugin reflect regexp runtime slices sort strconv strings structs sync syscall testing text time ' +
    'unicode unique unsafe vendor weak').split(' '));
/** Everything before the first `(` or `[`: receivers and type arguments may hold `/` or `.`. */
function paths_headEnd(func) {
    const m = /[([]/.exec(func);
    return m ? m.index : func.length;
}
/**
 * The import path of a frame's function: `example.com/m/pkg.(*T).M` → `example.com/m/pkg`,
 * `runtime.closechan` → `runtime`. Dots in the last element print as `%2e`.
 */
function funcImportPath(func) {
    const slash = func.lastIndexOf('/', paths_headEnd(func));
    const dot = func.indexOf('.', slash + 1);
    const path = dot < 0 ? func : func.slice(0, dot);
    return path.replace(/%2e/gi, '.');
}
/**
 * The standard library by the function's package: no dot in the first element and a known
 * top-level package (`runtime.closechan`, `testing.(*common).FailNow`, `internal/race.Read`),
 * whatever GOROOT the file was under. `github.com/org/x/runtime` is user code.
 */
function isStdFunc(func) {
    // `panic(…)`: the runtime's frame for a panic in progress, printed without a package.
    if (func === 'panic')
        return true;
    const path = funcImportPath(func);
    const slash = path.indexOf('/');
    const first = slash < 0 ? path : path.slice(0, slash);
    return first !== '' && !first.includes('.') && STD_TOP.has(first);
}
function isGenerated(file) {
    const base = file.replace(/\\/g, '/').split('/').pop() ?? '';
    return file.startsWith('<') || base === '_testmain.go' || /\/go-build\d+\//.test(file);
}
function hasVendorDir(rel) {
    const segs = rel.split('/');
    return segs.slice(0, -1).includes('vendor');
}
/** A file printed with a suffix shorter than this is not matched by suffix (`x.go` is everywhere). */
const MIN_SUFFIX_SEGMENTS = 2;
/** Lookups remembered per mapper: a report's stacks name a bounded set of files. */
const MAX_CACHED = 10_000;
function createPathMapper(ctx, disk) {
    const repoRoot = normalizePath(ctx.repoRoot);
    const goroot = ctx.goroot ? normalizePath(ctx.goroot) : undefined;
    const gomodcache = ctx.gomodcache ? normalizePath(ctx.gomodcache) : undefined;
    // Longest module path first, so `example.com/m/sub` wins over `example.com/m`.
    const modules = (ctx.modules ?? [])
        .map((m) => ({ path: m.path.replace(/\/+$/, ''), dir: normalizePath(m.dir) }))
        .filter((m) => m.path !== '')
        .sort((a, b) => b.path.length - a.path.length);
    const guessBase = modules.length === 1 && modules[0] ? modules[0].dir : repoRoot;
    const aliases = staticAliases(ctx, disk);
    const cache = new Map();
    const realRoot = disk ? normalizeOr(disk.realpath(repoRoot), repoRoot) : repoRoot;
    const result = (path, origin) => ({ path, origin });
    const isFile = (p) => (disk ? disk.isFile(p) : true);
    /** Inside the repository (or a known alias of a part of it), else undefined. */
    function inRepo(abs, viaAlias) {
        if (goroot && relativeTo(abs, goroot) !== undefined)
            return result(abs, 'goroot');
        if (gomodcache && relativeTo(abs, gomodcache) !== undefined)
            return result(abs, 'modcache');
        if (MODCACHE_HINT.test(abs))
            return result(abs, 'modcache');
        const rel = relativeTo(abs, repoRoot);
        if (rel !== undefined) {
            if (rel === '')
                return result('.', 'repo');
            return result(rel, hasVendorDir(rel) ? 'vendor' : 'repo');
        }
        if (viaAlias)
            return undefined;
        for (const a of aliases) {
            const rest = relativeTo(abs, a.from);
            if (rest === undefined)
                continue;
            const mapped = inRepo(rest === '' ? a.to : normalizePath(`${a.to}/${rest}`), true);
            if (mapped)
                return mapped;
        }
        return viaSymlink(abs);
    }
    /** A symlinked checkout: the printed directory resolves, on this disk, into the repository. */
    function viaSymlink(abs) {
        if (!disk)
            return undefined;
        const slash = abs.lastIndexOf('/');
        if (slash <= 0)
            return undefined;
        const real = disk.realpath(abs.slice(0, slash));
        if (!real)
            return undefined;
        const rel = relativeTo(normalizePath(real), realRoot);
        if (rel === undefined)
            return undefined;
        const to = rel === '' ? repoRoot : `${repoRoot}/${rel}`;
        return inRepo(`${to}/${abs.slice(slash + 1)}`, true);
    }
    const inModule = (pkg) => modules.some((m) => pkg === m.path || pkg.startsWith(`${m.path}/`));
    /** A frame of the main module(s) by its function's import path: `example.com/m/pkg.F` → `pkg/`. */
    function byImportPath(file, func) {
        if (!func)
            return undefined;
        let pkg = funcImportPath(func);
        if (pkg.endsWith('_test'))
            pkg = pkg.slice(0, -5);
        const base = file.slice(file.lastIndexOf('/') + 1);
        for (const m of modules) {
            if (pkg !== m.path && !pkg.startsWith(`${m.path}/`))
                continue;
            const candidate = `${m.dir}${pkg.slice(m.path.length)}/${base}`;
            if (!isFile(candidate))
                return undefined;
            return inRepo(candidate, true);
        }
        return undefined;
    }
    /** The longest suffix of the printed path that is a file of the checkout (needs the disk). */
    function bySuffix(file) {
        if (!disk)
            return undefined;
        const segs = file.split('/').filter((s) => s !== '');
        for (let i = 1; i <= segs.length - MIN_SUFFIX_SEGMENTS; i++) {
            const candidate = `${repoRoot}/${segs.slice(i).join('/')}`;
            if (disk.isFile(candidate))
                return inRepo(candidate, true);
        }
        return undefined;
    }
    /** Not in the checkout as printed: find it here, else say where it is from. */
    function elsewhere(file, func) {
        if (func && isStdFunc(func) && !inModule(funcImportPath(func)))
            return result(file, 'goroot');
        if (GOROOT_HINTS.some((re) => re.test(file)))
            return result(file, 'goroot');
        const found = byImportPath(file, func) ?? bySuffix(file);
        if (found)
            return found;
        return result(file, 'outside');
    }
    function classifyAbsolute(abs, func) {
        if (isGenerated(abs))
            return result(abs, 'generated');
        return inRepo(abs, false) ?? elsewhere(abs, func);
    }
    function mapUncached(printed, baseDir, func) {
        if (printed === '')
            return result('', 'unknown');
        if (isGenerated(printed))
            return result(printed, 'generated');
        const s = normalizePath(printed);
        if (isAbsolutePath(s))
            return classifyAbsolute(s, func);
        const slashed = printed.replace(/\\/g, '/');
        // `./pkg/x.go`, `../x.go` and bare `x_test.go` are relative to where go ran or to the package.
        const explicit = slashed.startsWith('./') || slashed.startsWith('../') || !s.includes('/');
        if (explicit) {
            if (baseDir)
                return map(`${baseDir.replace(/\\/g, '/').replace(/\/+$/, '')}/${s}`, undefined, func);
            // A frame's bare file (`decoder.go:129`, printed relative by some builds): not findable here.
            const found = byImportPath(s, func);
            if (found)
                return found;
            return result(s, func && !isStdFunc(func) ? 'outside' : 'unknown');
        }
        for (const m of modules) {
            if (s.startsWith(`${m.path}/`))
                return classifyAbsolute(normalizePath(`${m.dir}/${s.slice(m.path.length + 1)}`), func);
        }
        const first = s.split('/')[0] ?? '';
        // Compiler messages name files relative to the module dir without `./` (`pkg/x.go`).
        if (baseDir && !first.includes('.'))
            return map(`${baseDir.replace(/\\/g, '/').replace(/\/+$/, '')}/${s}`, undefined, func);
        // `-trimpath`: dependencies print as `module@version/file`, the standard library as `pkg/file`.
        if (/^[^@]+@v[^/]*\//.test(s))
            return result(s, 'modcache');
        if (STD_TOP.has(first))
            return result(s, 'goroot');
        // `GORACE=strip_path_prefix=<module dir>/` leaves `pkg/x.go`: relative to the module, best guess.
        if (!first.includes('.')) {
            // With the disk, only when the file is there: a log from elsewhere names its own layout.
            const guess = normalizePath(`${guessBase}/${s}`);
            if (!disk || disk.isFile(guess))
                return classifyAbsolute(guess, func);
            if (func && isStdFunc(func))
                return result(s, 'goroot');
        }
        return byImportPath(s, func) ?? bySuffix(s) ?? result(s, 'outside');
    }
    function map(file, baseDir, func) {
        const printed = file.trim();
        const key = `${printed}\u0000${baseDir ?? ''}\u0000${func ? funcImportPath(func) : ''}`;
        const hit = cache.get(key);
        if (hit)
            return { ...hit };
        const mapped = mapUncached(printed, baseDir, func);
        if (cache.size < MAX_CACHED)
            cache.set(key, mapped);
        return { ...mapped };
    }
    return { map };
}
function normalizeOr(p, fallback) {
    return p ? normalizePath(p) : fallback;
}
/** The caller's aliases plus, with a disk, the resolved spellings of the root and module dirs. */
function staticAliases(ctx, disk) {
    const out = [...(ctx.aliases ?? [])];
    if (disk) {
        for (const dir of [ctx.repoRoot, ...(ctx.modules ?? []).map((m) => m.dir)]) {
            const real = disk.realpath(dir);
            if (real)
                out.push({ from: real, to: dir });
        }
    }
    // Longest first, so the most specific spelling wins.
    return out
        .map((a) => ({ from: normalizePath(a.from), to: normalizePath(a.to) }))
        .filter((a) => a.from !== '' && a.to !== '' && a.from !== a.to)
        .sort((a, b) => b.from.length - a.from.length);
}
/** `module example.com/m` of a go.mod text. */
function goModModule(text) {
    return /^\s*module\s+"?([^\s"]+)"?/m.exec(text)?.[1];
}
/** The `use` directories of a go.work text (single lines and `use ( … )` blocks). */
function goWorkUses(text) {
    const out = [];
    const noComments = text.replace(/\/\/.*$/gm, '');
    for (const m of noComments.matchAll(/^\s*use\s*\(([^)]*)\)/gm)) {
        for (const w of (m[1] ?? '').split(/\s+/))
            if (w)
                out.push(w.replace(/^"|"$/g, ''));
    }
    for (const m of noComments.matchAll(/^\s*use\s+([^\s(]+)/gm))
        if (m[1])
            out.push(m[1].replace(/^"|"$/g, ''));
    return out;
}
/**
 * The modules of a checkout read from the nearest go.work (else go.mod) at `dir` or above it, up
 * to `root`, for when `go list -m` cannot be asked (no Go here). `read` gives a file's text.
 */
function modulesFromFiles(dir, root, read) {
    const top = normalizePath(root);
    const ups = [];
    for (let d = normalizePath(dir);; d = posix_default().dirname(d)) {
        ups.push(d);
        if (relativeTo(d, top) === '' || relativeTo(d, top) === undefined || d === posix_default().dirname(d))
            break;
    }
    const modOf = (d) => {
        const text = read(`${d}/go.mod`);
        const path = text ? goModModule(text) : undefined;
        return path ? [{ path, dir: d }] : [];
    };
    for (const d of ups) {
        const work = read(`${d}/go.work`);
        if (work)
            return goWorkUses(work).flatMap((u) => modOf(normalizePath(isAbsolutePath(u) ? u : `${d}/${u}`)));
    }
    for (const d of ups) {
        const found = modOf(d);
        if (found.length > 0)
            return found;
    }
    return [];
}

;// CONCATENATED MODULE: ./src/analysis/reproduce.ts


/** `./daemon` for a package in `examples/m/daemon` when the module is `examples/m`. */
function packageArg(pkgDir, workingDirectory, importPath) {
    if (pkgDir === undefined || pkgDir === '')
        return importPath;
    const wd = workingDirectory === '' || workingDirectory === '.' ? undefined : workingDirectory;
    const rel = wd === undefined ? (pkgDir === '.' ? '' : pkgDir) : relativeTo(pkgDir, wd);
    if (rel === undefined)
        return importPath;
    return rel === '' ? '.' : `./${rel}`;
}
function cdPrefix(workingDirectory) {
    return workingDirectory === '' || workingDirectory === '.' ? '' : `cd ${shQuote(workingDirectory)} && `;
}
// Flags the reproduce command sets itself, or that would change the output format.
const OWN_FLAG = /^--?(?:count|race|json|run|v)(?:=|$)/;
function runPattern(i) {
    if (i.kind === 'build')
        return '^$';
    return testPattern(i.tests) ?? i.run;
}
/**
 * `cd examples/m && go test -race -count=1 -run '^TestWriter$' ./daemon`. An `overlap` finding
 * passes alone: its command starts two at once, as race-rerun's parallel runs did.
 */
function reproduceCommand(i) {
    if (i.kind === 'overlap') {
        const one = reproduceCommand({ ...i, kind: 'failure', workingDirectory: '.' });
        return `${cdPrefix(i.workingDirectory)}for i in 1 2; do ${one} & done; wait`;
    }
    const words = ['go', 'test', '-race', '-count=1'];
    words.push(...i.goTestFlags.filter((f) => !OWN_FLAG.test(f)).map(shQuote));
    if (i.kind === 'timeout' && i.timeout)
        words.push(`-timeout=${shQuote(i.timeout)}`);
    const pattern = runPattern(i);
    if (pattern !== undefined)
        words.push('-run', shQuote(pattern));
    words.push(shQuote(i.packageArg));
    return cdPrefix(i.workingDirectory) + words.join(' ');
}
/**
 * How the CLI runs without installing it: the package is not on npm, so from its repository
 * (the README's placeholder; the README says how to install it for good).
 */
const CLI_COMMAND = 'npx --yes github:org/race-rerun';
// Flags the rerun command sets itself or that race-rerun adds to every run.
const RERUN_OWN_FLAG = /^--?(?:race|json|run|v)(?:=|$)/;
/** The better way to check a fix: race-rerun itself, many runs. Undefined for build errors. */
function rerunCommand(i, count) {
    // A count of an overlap would only say again that the runs collide.
    if (i.kind === 'build' || i.kind === 'overlap')
        return undefined;
    const words = [CLI_COMMAND, 'run', '--count', String(count)];
    // The user's flags, as the go test line keeps them (-short, -tags=…).
    const flags = i.goTestFlags.filter((f) => !RERUN_OWN_FLAG.test(f));
    // With '=': parseArgs takes a value that starts with '-' only so.
    if (flags.length > 0)
        words.push(`--go-test-flags=${shQuote(flags.join(' '))}`);
    const pattern = runPattern(i);
    if (pattern !== undefined)
        words.push('--run', shQuote(pattern));
    words.push(shQuote(i.packageArg));
    return cdPrefix(i.workingDirectory) + words.join(' ');
}
/** The inputs above for a finding of a finished report (renderers use this). */
function reproduceInputFor(report, finding) {
    const pkg = report.packages.find((p) => p.importPath === finding.package);
    const input = {
        kind: finding.kind,
        workingDirectory: report.context.workingDirectory,
        packageArg: packageArg(pkg?.dir, report.context.workingDirectory, finding.package),
        tests: finding.tests,
        goTestFlags: report.context.goTestFlags,
        timeout: report.context.timeout,
    };
    if (report.context.run !== undefined)
        input.run = report.context.run;
    return input;
}
/** Runs worth asking for when re-running: at least 30, or as many as this report used. */
function rerunCount(report) {
    return Math.max(30, report.runs);
}

;// CONCATENATED MODULE: ./src/analysis/signature.ts

/** Stacks whose relative file names are relative to a directory (the package's or the module's). */
function usesBaseDir(role) {
    return role === 'failure' || role === 'build';
}
function mapFrame(frame, role, mapper, baseDir) {
    return { frame, mapped: mapper.map(frame.file, usesBaseDir(role) ? baseDir : undefined, frame.func) };
}
/**
 * User code: a repository file, or a file outside this checkout (a log from another machine)
 * whose function is not the standard library's and whose path is not vendored. Never the toolchain,
 * the module cache, `<autogenerated>` or `_testmain.go`.
 */
function isUserSite(k) {
    if (k.mapped.origin === 'repo')
        return true;
    if (k.mapped.origin !== 'outside')
        return false;
    return !isStdFunc(k.frame.func) && !/(?:^|\/)vendor\//.test(k.mapped.path);
}
function findStack(f, role) {
    return f.stacks.find((s) => s.role === role);
}
/** First user-code frame (not vendored: vendored code is someone else's bug site). */
function firstUserFrame(stack, mapper, baseDir) {
    if (!stack)
        return undefined;
    for (const frame of stack.frames) {
        const k = mapFrame(frame, stack.role, mapper, baseDir);
        if (isUserSite(k))
            return k;
    }
    return undefined;
}
/**
 * `func@file:line` with the file's base name only: checkouts and GOROOTs differ between machines
 * (a CI log parsed locally, a pasted report), and the function already names the package, so the
 * same finding gets the same signature whether or not its file could be found here.
 */
function frameKey(k) {
    const file = k.mapped.path.replace(/\\/g, '/').split('/').pop() ?? '';
    return `${k.frame.func}@${file}:${k.frame.line}`;
}
/** A race side: its first repository frame, else its creator's, else its first frame at all. */
function raceSide(f, which, mapper) {
    const access = findStack(f, which);
    const creationRole = which === 'current' ? 'current-creation' : 'previous-creation';
    const creation = findStack(f, creationRole);
    const side = { which, role: which };
    if (access?.access)
        side.access = access.access;
    if (access?.goroutine !== undefined)
        side.goroutine = access.goroutine;
    const user = firstUserFrame(access, mapper);
    if (user)
        return { ...side, key: user };
    const creator = firstUserFrame(creation, mapper);
    if (creator)
        return { ...side, role: creationRole, key: creator };
    const any = firstShown(access, mapper) ?? firstShown(creation, mapper);
    if (any)
        return { ...side, key: any };
    return side;
}
/** No user frame at all: the first frame that is not generated code, else the first frame. */
function firstShown(stack, mapper) {
    if (!stack)
        return undefined;
    const keys = stack.frames.filter((fr) => fr.file !== '').map((fr) => mapFrame(fr, stack.role, mapper));
    return keys.find((k) => k.mapped.origin !== 'generated') ?? keys[0];
}
// Frames that only say "a panic is being handled" and never locate the bug.
const NOISE_FUNC = /^(?:panic|runtime\..*|internal\/runtime\/.*|testing\.tRunner\.func1(?:\.\d+)?|main\.main)$/;
/** The frame a panic, fatal error or timeout is located at. */
function primaryFrame(f, mapper) {
    const panicStack = findStack(f, 'panic');
    const user = firstUserFrame(panicStack, mapper) ?? firstUserFrame(findStack(f, 'creation'), mapper);
    if (user)
        return user;
    if (f.kind === 'timeout') {
        // The stuck test's goroutine is one of the others; find the one running a listed test.
        const tops = new Set((f.runningTests ?? (f.test ? [f.test] : [])).map((t) => t.split('/')[0] ?? t));
        for (const s of f.stacks) {
            if (s.role !== 'goroutine')
                continue;
            const runsTest = s.frames.some((fr) => {
                const m = /\.(Test[^.]*|Benchmark[^.]*|Fuzz[^.]*|Example[^.]*)(?:\.|$)/.exec(fr.func);
                return m?.[1] !== undefined && tops.has(m[1]);
            });
            if (runsTest) {
                const k = firstUserFrame(s, mapper);
                if (k)
                    return k;
            }
        }
    }
    const frame = panicStack?.frames.find((fr) => !NOISE_FUNC.test(fr.func)) ?? panicStack?.frames[0];
    return frame ? mapFrame(frame, 'panic', mapper) : undefined;
}
/** The single frame of a failure (`x_test.go:12`) or build error (`./pkg/x.go:3`). */
function pointFrame(f, mapper, baseDir) {
    const stack = findStack(f, f.kind === 'build' ? 'build' : 'failure');
    const frame = stack?.frames[0];
    return frame && stack ? mapFrame(frame, stack.role, mapper, baseDir) : undefined;
}
/**
 * The kind of a panic or fatal message, without the values that vary between runs:
 * `index out of range [5] with length 3` → `index out of range [#] with length #`.
 */
function normalizeMessage(message) {
    const first = message.split('\n').find((l) => l.trim() !== '') ?? '';
    return first
        .replace(/\s*\[recovered(?:, repanicked)?\]\s*$/, '')
        .replace(/0x[0-9a-fA-F]+/g, '#')
        .replace(/\d+/g, '#')
        .replace(/\s+/g, ' ')
        .trim();
}
/** Test names listed under `running tests:`, without their `(2s)` durations, sorted. */
function runningTests(f) {
    const names = (f.runningTests ?? []).map((t) => t.replace(/\s*\([^)]*\)\s*$/, '').trim()).filter(Boolean);
    return [...new Set(names)].sort();
}
/**
 * `baseDir`: the package directory for failures (whose file is a bare `x_test.go`), the module
 * directory for build errors (whose file is relative to where go ran). Absolute, or an import path.
 */
function findingSignature(f, mapper, pkgDir) {
    switch (f.kind) {
        case 'race': {
            const sides = [raceSide(f, 'current', mapper), raceSide(f, 'previous', mapper)]
                .map((s) => (s.key ? frameKey(s.key) : '?'))
                .sort();
            return `race|${sides.join('|')}`;
        }
        case 'panic':
        case 'fatal': {
            const k = primaryFrame(f, mapper);
            return `${f.kind}|${normalizeMessage(f.message)}|${k ? frameKey(k) : ''}`;
        }
        case 'timeout': {
            const tests = runningTests(f);
            const listed = tests.length > 0 ? tests : f.test ? [f.test] : [];
            return `timeout|${f.package}|${listed.join(',')}`;
        }
        case 'failure': {
            const k = pointFrame(f, mapper, pkgDir);
            return `failure|${f.package}|${f.test ?? ''}|${k ? `${k.mapped.path}:${k.frame.line}` : ''}`;
        }
        case 'build': {
            const k = pointFrame(f, mapper, pkgDir);
            return `build|${f.package}|${k ? `${k.mapped.path}:${k.frame.line}` : ''}|${f.message.trim()}`;
        }
        case 'overlap':
            return `overlap|${f.package}|${f.test ?? ''}`;
    }
}

;// CONCATENATED MODULE: ./src/analysis/stats.ts
/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;
/**
 * Wilson score interval for k successes in n trials. Unlike the normal approximation it stays
 * inside [0, 1] and is sensible at k = 0 and k = n, which is the common case here (a race seen in
 * 0 or all runs).
 */
function wilson(k, n, z = Z95) {
    if (!(n > 0))
        return { low: 0, high: 1 };
    const kk = Math.min(Math.max(k, 0), n);
    const p = kk / n;
    const z2 = z * z;
    const denom = 1 + z2 / n;
    const center = (p + z2 / (2 * n)) / denom;
    const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
    // Exact bounds at the ends avoid 1e-17 noise in the JSON report.
    const low = kk === 0 ? 0 : Math.max(0, center - half);
    const high = kk === n ? 1 : Math.min(1, center + half);
    return { low, high };
}

;// CONCATENATED MODULE: ./src/analysis/report.ts









/** Lines of the first occurrence kept in `Finding.sample`. */
const SAMPLE_LINES = 60;
const KIND_ORDER = Object.fromEntries(model_FINDING_KINDS.map((k, i) => [k, i]));
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/** Every package a run printed something for: one in run mode, maybe several in a parsed log. */
function packagesOfRun(run) {
    const out = new Set();
    if (run.package)
        out.add(run.package);
    for (const p of run.parsed.packages)
        out.add(p.name);
    for (const t of run.parsed.tests)
        out.add(t.package);
    for (const f of run.parsed.findings)
        out.add(f.package || run.package);
    return out;
}
function syntheticTimeout(run, timeout) {
    const pkg = run.package;
    const stuck = run.parsed.tests
        .filter((t) => t.package === pkg && t.action === 'interrupted')
        .map((t) => t.name)
        .sort();
    const message = `run killed after ${timeout}`;
    const f = {
        kind: 'timeout',
        package: pkg,
        message,
        stacks: [],
        raw: `race-rerun: ${message}: the test binary did not stop on its own -test.timeout (run ${run.index}, ${pkg}).`,
        runningTests: stuck,
    };
    if (stuck.length === 1 && stuck[0] !== undefined)
        f.test = stuck[0];
    return f;
}
/**
 * A run that failed with nothing to show for it (log.Fatal, os.Exit(1), t.FailNow without a
 * message, a crash the parser did not recognise) still gets a finding, so `fail-on` sees it.
 */
function syntheticFailure(run, failedTests) {
    const pkg = run.package;
    const leaves = leafTests([...new Set(failedTests)].sort());
    const how = run.signal
        ? `was killed by ${run.signal}`
        : run.exitCode !== null && run.exitCode !== 0
            ? `exited with status ${run.exitCode}`
            : 'failed';
    const message = leaves.length > 0
        ? `${leaves.join(', ')} failed without a message (the test binary ${how})`
        : `the test binary ${how} without reporting a failed test (log.Fatal or os.Exit in a test?)`;
    const f = { kind: 'failure', package: pkg, message, stacks: [], raw: `race-rerun: ${message}` };
    if (leaves.length === 1 && leaves[0] !== undefined)
        f.test = leaves[0];
    // Several silent failures: named through runningTests, which the finding's test list includes.
    else if (leaves.length > 1)
        f.runningTests = leaves;
    return f;
}
/** Only the innermost of `TestA`, `TestA/sub`: the parent is just waiting for it. */
function leafTests(tests) {
    return tests.filter((t) => !tests.some((o) => o !== t && o.startsWith(`${t}/`)));
}
function trimSample(raw) {
    const lines = raw.replace(/\s+$/, '').split('\n');
    while (lines.length > 0 && lines[0]?.trim() === '')
        lines.shift();
    if (lines.length <= SAMPLE_LINES)
        return lines.join('\n');
    return [...lines.slice(0, SAMPLE_LINES), `… (${lines.length - SAMPLE_LINES} more lines)`].join('\n');
}
function truncate(s, max) {
    const one = s.replace(/\s+/g, ' ').trim();
    return one.length <= max ? one : `${one.slice(0, max - 1).trimEnd()}…`;
}
function report_location(k, role, withFunction = true) {
    if (!k || (k.mapped.origin !== 'repo' && !(withFunction && (isUserSite(k) || isLastResort(k)))))
        return undefined;
    const loc = {
        file: k.mapped.path,
        line: k.frame.line,
        function: withFunction ? names_shortFunc(k.frame.func) : '',
        role,
    };
    // Another machine's file that is not in this checkout: shown as printed, never annotated.
    if (k.mapped.origin !== 'repo')
        loc.origin = 'outside';
    return loc;
}
/**
 * A stack with no user frame at all, only a dependency's (a tool run from the module cache): its
 * first such frame is still where the report points, shown as printed.
 */
function isLastResort(k) {
    return k.mapped.origin === 'modcache' && !isStdFunc(k.frame.func);
}
function sideLocation(side) {
    const loc = report_location(side.key, side.role);
    if (loc && side.access)
        loc.access = side.access;
    return loc;
}
function sideTitle(side) {
    const access = side.access ?? 'access';
    if (!side.key)
        return `${access} in unknown code`;
    const name = titleFunc(side.key.frame.func);
    return side.role === side.which ? `${access} in ${name}` : `${access} in goroutine started by ${name}`;
}
function sideText(side) {
    const access = side.access ?? 'access';
    if (!side.key)
        return `${access} (no stack)`;
    const where = `${side.key.mapped.path}:${side.key.frame.line} in ${names_shortFunc(side.key.frame.func)}`;
    // No repository frame in the access stack: the location is where its goroutine was created.
    if (side.role !== side.which)
        return `${access} (stack outside the repository) by a goroutine created at ${where}`;
    return `${access} at ${where}`;
}
function timeoutDuration(message) {
    return /\bafter\s+(\S+)/.exec(message)?.[1];
}
function describe(f, mapper, baseDir, tests) {
    switch (f.kind) {
        case 'race': {
            const cur = raceSide(f, 'current', mapper);
            const prev = raceSide(f, 'previous', mapper);
            const locations = [sideLocation(cur), sideLocation(prev)].filter((l) => l !== undefined);
            return {
                title: `Data race: ${sideTitle(cur)} vs ${sideTitle(prev)}`,
                message: `${sideText(cur)} races with ${sideText(prev)}`.replace(/^./, (c) => c.toUpperCase()),
                locations,
            };
        }
        case 'panic':
        case 'fatal': {
            const message = f.message.replace(/\s*\[recovered(?:, repanicked)?\]\s*$/, '').trim();
            const loc = report_location(primaryFrame(f, mapper), f.kind);
            const head = f.kind === 'panic' ? 'Panic' : 'Fatal error';
            return {
                title: `${head}: ${truncate(message || 'unknown', 80)}`,
                message,
                locations: loc ? [loc] : [],
            };
        }
        case 'timeout': {
            const loc = report_location(primaryFrame(f, mapper), 'timeout');
            const listed = leafTests(tests);
            const who = listed.length > 0 ? listed.join(', ') : f.package || 'the test binary';
            const after = timeoutDuration(f.message);
            return {
                title: `Timeout: ${truncate(who, 80)} did not finish${after ? ` in ${after}` : ''}`,
                message: f.message,
                locations: loc ? [loc] : [],
            };
        }
        case 'failure': {
            const loc = report_location(pointFrame(f, mapper, baseDir), 'failure', false);
            const name = f.test ?? (tests.length > 0 ? truncate(tests.join(', '), 80) : f.package);
            return { title: `Test failure: ${name}`, message: failureMessage(f), locations: loc ? [loc] : [] };
        }
        case 'build': {
            const loc = report_location(pointFrame(f, mapper, baseDir), 'build', false);
            return { title: `Build failed: ${f.package}`, message: f.message, locations: loc ? [loc] : [] };
        }
        case 'overlap': {
            const loc = report_location(pointFrame({ ...f, kind: 'failure' }, mapper, baseDir), 'failure', false);
            const phrase = evidencePhrase(f.message);
            return {
                title: `Fails only when runs overlap: ${f.test ?? f.package}${phrase ? ` (${phrase})` : ''}`,
                message: f.message,
                locations: loc ? [loc] : [],
            };
        }
    }
}
/** Lines and characters of a failure message kept (testify's block is 5 to 10 lines). */
const MESSAGE_LINES = 20;
const MESSAGE_CHARS = 2000;
/**
 * The whole t.Error message, not only its first line: testify prints `file:line: ` and then an
 * `Error Trace:` / `Error:` / `Messages:` block on the lines below. Indentation Go adds is removed.
 */
function failureMessage(f) {
    const first = f.message.trim();
    const lines = f.raw.replace(/\s+$/, '').split('\n');
    const head = lines.findIndex((l) => /^\s*[\w.-]+\.go:\d+: ?/.test(l));
    if (head < 0)
        return f.message;
    const body = [lines[head]?.replace(/^\s*[\w.-]+\.go:\d+: ?/, '') ?? ''];
    const indent = /^\s*/.exec(lines[head] ?? '')?.[0].length ?? 0;
    // Continuation lines are indented deeper than the `file:line:` line; the next report is not.
    for (const l of lines.slice(head + 1)) {
        if (l.trim() !== '' && (/^\s*/.exec(l)?.[0].length ?? 0) <= indent)
            break;
        body.push(l);
    }
    const deeper = body.slice(1).filter((l) => l.trim() !== '');
    const strip = Math.min(...deeper.map((l) => /^ */.exec(l)?.[0].length ?? 0));
    const text = body
        .map((l, i) => (i === 0 ? l : l.slice(Number.isFinite(strip) ? strip : 0)))
        .join('\n')
        .replace(/^\s*\n/, '')
        .replace(/\s+$/, '');
    if (text === '' || !text.includes(first))
        return f.message;
    let kept = text.split('\n');
    if (kept.length > MESSAGE_LINES)
        kept = [...kept.slice(0, MESSAGE_LINES), `… (${kept.length - MESSAGE_LINES} more lines)`];
    const out = kept.join('\n');
    return out.length > MESSAGE_CHARS ? `${out.slice(0, MESSAGE_CHARS - 1)}…` : out;
}
/** What to do about a test that collides with other runs of itself. */
const OVERLAP_FIX = 'parallel 1, or ports from RACE_RERUN_RUN or :0, files in t.TempDir()';
const topTest = (name) => name.split('/')[0] ?? name;
/**
 * A failure in an overlapped run of a test that then passed every time alone becomes an
 * `overlap` finding of that test (one per test, whatever each run's message was).
 */
function asOverlap(f, pkg, confirmed) {
    if (f.kind !== 'failure')
        return undefined;
    const tests = [...(f.test ? [f.test] : []), ...(f.runningTests ?? [])].map(topTest);
    const check = tests.length > 0 ? confirmed.get(`${pkg}\u0000${tests[0]}`) : undefined;
    if (!check || tests.some((t) => t !== check.test))
        return undefined;
    const why = check.evidence ?? 'no line of its output names the shared resource';
    const raw = `${f.raw.replace(/\s+$/, '')}\n(race-rerun: ${check.test} failed in ${report_plural(check.overlappedFailedIn.length, 'run')} that overlapped other runs and passed alone ${check.aloneRuns} of ${check.aloneRuns} times.)\n`;
    const { runningTests: _, ...rest } = f;
    return {
        ...rest,
        kind: 'overlap',
        test: check.test,
        message: `${why}; passed alone ${check.aloneRuns} of ${check.aloneRuns} times; fix: ${OVERLAP_FIX}`,
        raw,
    };
}
function confirmedOverlaps(checks) {
    return new Map((checks ?? [])
        .filter((c) => c.aloneRuns > 0 && c.aloneFailed === 0)
        .map((c) => [`${c.package}\u0000${c.test}`, c]));
}
/** Tests rerun alone: `overlap` when they passed every time, else the alone runs beside the others. */
function markAloneRuns(tests, checks) {
    for (const c of checks ?? []) {
        for (const t of tests) {
            if (t.package !== c.package || topTest(t.name) !== c.test)
                continue;
            if (t.name === c.test)
                t.alone = { runs: c.aloneRuns, failed: c.aloneFailed };
            if (c.aloneFailed === 0 && t.failed > 0)
                t.status = 'overlap';
        }
    }
}
function mapStacks(f, mapper, baseDir) {
    return f.stacks.map((s) => ({
        role: s.role,
        header: s.header,
        frames: s.frames.map((fr) => {
            const k = mapFrame(fr, s.role, mapper, baseDir);
            return { function: fr.func, file: k.mapped.path, line: fr.line, origin: k.mapped.origin };
        }),
    }));
}
/** First meaningful line of compiler output, for a failed build the parser found nothing in. */
function buildMessage(output) {
    const line = output
        .split('\n')
        .map((l) => l.trim())
        .find((l) => l !== '' && !l.startsWith('#') && !/^FAIL\b/.test(l) && !/^ok\b/.test(l));
    return line ?? 'build failed';
}
function report_plural(n, noun) {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
function joinList(parts) {
    if (parts.length <= 1)
        return parts.join('');
    return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
const report_KIND_NOUN = {
    race: 'data race',
    panic: 'panic',
    fatal: 'fatal error',
    timeout: 'timeout',
    failure: 'test failure',
    build: 'build failure',
    overlap: 'test failing only when runs overlap',
};
function buildReport(input) {
    // Oldest first, so "first occurrence" does not depend on which run finished first.
    const runs = [...input.runs].sort((a, b) => a.index - b.index || compare(a.package, b.package));
    const confirmed = confirmedOverlaps(input.overlap);
    const { findingsOf, owners } = collectRunFindings(runs, input.context.timeout, confirmed);
    const runsOf = runsByPackage(runs);
    const { groups, groupOf } = groupFindings(input, runs, findingsOf, runsOf);
    const packages = packageReports(input, runsOf, findingsOf);
    const findings = [];
    const findingOf = new Map();
    for (const g of groups.values()) {
        const finding = groupFinding(g, input, packages, owners, confirmed);
        if (!finding)
            continue;
        findings.push(finding);
        findingOf.set(g, finding);
    }
    findings.sort(compareFindings);
    assignIds(findings);
    addCooccurrence(findings);
    const tests = aggregateTests(runs);
    markAloneRuns(tests, input.overlap);
    const runFindings = runs.map((run) => ({
        run,
        findings: (findingsOf.get(run) ?? []).flatMap((raw) => {
            const f = groupOf.get(raw);
            const id = f ? findingOf.get(f)?.id : undefined;
            const during = owners.get(raw)?.during;
            return id ? [{ raw, id, ...(during ? { during } : {}) }] : [];
        }),
    }));
    foldFailedTests(runFindings, tests, findings);
    return assembleReport(input, runs, findingsOf, packages, findings, tests);
}
/** Each run's findings: race notices dropped, a synthetic timeout or failure added, overlaps marked. */
function collectRunFindings(runs, timeout, confirmed) {
    const findingsOf = new Map();
    const owners = new Map();
    for (const run of runs) {
        // Before the race notices are dropped: they name the test a race was reported during.
        for (const [raw, o] of outlivingRaces(run))
            owners.set(raw, o);
        const list = run.parsed.findings.filter((f) => !(f.kind === 'failure' && RACE_NOTICE.test(f.message.trim())));
        if (run.killed && !list.some((f) => f.kind === 'timeout'))
            list.push(syntheticTimeout(run, timeout));
        const pkg = run.package;
        const own = list.filter((f) => (f.package || pkg) === pkg);
        const failedTests = run.parsed.tests
            .filter((t) => t.package === pkg && (t.action === 'fail' || t.action === 'interrupted'))
            .map((t) => t.name);
        const failed = (run.exitCode !== null && run.exitCode !== 0) ||
            run.signal !== null ||
            run.parsed.packages.some((p) => p.name === pkg && p.action === 'fail') ||
            failedTests.length > 0;
        if (own.length === 0 && failed)
            list.push(syntheticFailure(run, failedTests));
        findingsOf.set(run, run.overlapped ? list.map((f) => asOverlap(f, f.package || pkg, confirmed) ?? f) : list);
    }
    return { findingsOf, owners };
}
/** The runs each package took part in. */
function runsByPackage(runs) {
    const runsOf = new Map();
    for (const run of runs) {
        for (const pkg of packagesOfRun(run)) {
            const list = runsOf.get(pkg) ?? [];
            list.push(run);
            runsOf.set(pkg, list);
        }
    }
    return runsOf;
}
/** Occurrences grouped by scope, package and signature, in first-seen order. */
function groupFindings(input, runs, findingsOf, runsOf) {
    const { mapper } = input;
    const moduleDir = normalizePath(input.moduleDir);
    const info = new Map(input.packages.map((p) => [p.importPath, p]));
    /** Failures print bare file names, relative to the package directory (absolute, or the import path). */
    const pkgDir = (pkg) => info.get(pkg)?.dir ?? (pkg === '' ? undefined : pkg);
    const baseDirFor = (f, pkg) => f.kind === 'build' ? moduleDir : f.kind === 'failure' || f.kind === 'overlap' ? pkgDir(pkg) : undefined;
    const groups = new Map();
    const groupOf = new Map();
    const add = (raw, pkg, runIndex, runCount, scope) => {
        const baseDir = baseDirFor(raw, pkg);
        const signature = findingSignature(raw, mapper, baseDir);
        const key = `${scope}\u0000${pkg}\u0000${signature}`;
        let g = groups.get(key);
        if (!g) {
            g = { kind: raw.kind, pkg, signature, baseDir, runs: runCount, occurrences: [], seenIn: new Set() };
            groups.set(key, g);
        }
        g.occurrences.push({ raw, runIndex });
        groupOf.set(raw, g);
        g.seenIn.add(runIndex);
    };
    for (const run of runs) {
        for (const raw of findingsOf.get(run) ?? []) {
            const pkg = raw.package || run.package;
            add(raw, pkg, run.index, runsOf.get(pkg)?.length ?? 1, 'run');
        }
    }
    for (const raw of buildFailures(input))
        add({ ...raw, kind: 'build' }, raw.package, 1, 1, 'build');
    return { groups, groupOf };
}
/** A failed build is one finding per compiler error, counted as 1 of 1. */
function buildFailures(input) {
    const buildFindings = [...(input.buildFindings ?? [])];
    for (const b of input.builds) {
        if (b.ok || buildFindings.some((f) => f.package === b.package.importPath))
            continue;
        buildFindings.push({
            kind: 'build',
            package: b.package.importPath,
            message: buildMessage(b.output),
            stacks: [],
            raw: b.output,
        });
    }
    return buildFindings;
}
/** Repo-relative directory of a package known only by import path, through the module list. */
function dirOfImportPath(mapper, pkg) {
    if (pkg === '')
        return undefined;
    const mapped = mapper.map(`${pkg}/_`);
    return mapped.origin === 'repo' ? mapped.path.replace(/\/?_$/, '') || '.' : undefined;
}
function isFailedTest(t) {
    return t.action === 'fail' || t.action === 'interrupted';
}
function runFailedFor(run, pkg, findingsOf) {
    return (run.killed ||
        (run.package === pkg && ((run.exitCode !== null && run.exitCode !== 0) || run.signal !== null)) ||
        run.parsed.packages.some((p) => p.name === pkg && p.action === 'fail') ||
        (findingsOf.get(run) ?? []).some((f) => (f.package || run.package) === pkg) ||
        run.parsed.tests.some((t) => t.package === pkg && isFailedTest(t)));
}
function runFailed(run, findingsOf) {
    return (run.killed ||
        (run.exitCode !== null && run.exitCode !== 0) ||
        run.signal !== null ||
        (findingsOf.get(run) ?? []).length > 0 ||
        run.parsed.packages.some((p) => p.action === 'fail') ||
        run.parsed.tests.some(isFailedTest));
}
/** Package reports, needed for the reproduce commands' package arguments. */
function packageReports(input, runsOf, findingsOf) {
    const { mapper } = input;
    const failedRuns = (pr, pkg) => pr.filter((r) => runFailedFor(r, pkg, findingsOf)).length;
    const packages = input.packages.map((p) => {
        const pr = runsOf.get(p.importPath) ?? [];
        return {
            importPath: p.importPath,
            dir: mapper.map(p.dir).path,
            built: p.built,
            runs: pr.length,
            failedRuns: failedRuns(pr, p.importPath),
        };
    });
    // Parse mode: packages only the logs know about. Their directory comes from the module list.
    const known = new Set(input.packages.map((p) => p.importPath));
    for (const [pkg, pr] of [...runsOf].sort((a, b) => compare(a[0], b[0]))) {
        if (known.has(pkg))
            continue;
        const dir = dirOfImportPath(mapper, pkg) ?? '';
        packages.push({ importPath: pkg, dir, built: true, runs: pr.length, failedRuns: failedRuns(pr, pkg) });
    }
    return packages;
}
/** The tests a group's occurrences ran in, and the owner of an outliving goroutine if any. */
function groupTests(g, owners) {
    const tests = new Set();
    let outlived;
    for (const o of g.occurrences) {
        if (o.raw.test)
            tests.add(o.raw.test);
        for (const t of runningTests(o.raw))
            tests.add(t);
        const who = owners.get(o.raw);
        outlived ??= who;
        // Both tests: with the exit sleep off, the owner alone exits before its goroutine races.
        if (who)
            for (const t of [who.owner, who.during])
                tests.add(t);
    }
    // A timeout lists the parents of the stuck test too; the stuck one is what matters.
    const testList = (g.kind === 'timeout' ? leafTests([...tests]) : [...tests]).sort(compare);
    return outlived ? { testList, outlived } : { testList };
}
/** One occurrence that stayed incomplete is worth saying even when others were recovered. */
function groupRecovery(g) {
    return g.occurrences.some((o) => o.raw.stackRecovery === 'unrecovered')
        ? 'unrecovered'
        : g.occurrences.some((o) => o.raw.stackRecovery === 'recovered')
            ? 'recovered'
            : undefined;
}
function groupReproduce(g, input, packages, tests) {
    const ctx = input.context;
    const pr = packages.find((p) => p.importPath === g.pkg);
    const repro = {
        kind: g.kind,
        workingDirectory: ctx.workingDirectory,
        packageArg: packageArg(pr?.dir ?? dirOfImportPath(input.mapper, g.pkg), ctx.workingDirectory, g.pkg),
        tests,
        goTestFlags: ctx.goTestFlags,
        timeout: ctx.timeout,
    };
    if (ctx.run !== undefined)
        repro.run = ctx.run;
    return reproduceCommand(repro);
}
/** The finding a group stands for (id assigned later), or undefined for an empty group. */
function groupFinding(g, input, packages, owners, confirmed) {
    const { mapper } = input;
    const first = g.occurrences[0];
    if (!first)
        return undefined;
    const { testList, outlived } = groupTests(g, owners);
    const d = describe(first.raw, mapper, g.baseDir, testList);
    if (outlived) {
        d.message += `; made by a goroutine of ${outlived.owner}, reported during ${outlived.during}, which it fails`;
    }
    const runsSeen = g.seenIn.size;
    const recovery = groupRecovery(g);
    const finding = {
        id: '',
        kind: g.kind,
        signature: g.signature,
        title: d.title,
        message: d.message,
        package: g.pkg,
        runsSeen,
        runs: g.runs,
        interval: wilson(runsSeen, g.runs),
        seenIn: [...g.seenIn].sort((a, b) => a - b),
        tests: testList,
        locations: d.locations,
        stacks: mapStacks(first.raw, mapper, g.baseDir),
        sample: trimSample(first.raw.raw),
        reproduce: groupReproduce(g, input, packages, testList),
    };
    if (recovery)
        finding.stackRecovery = recovery;
    if (g.occurrences.every((o) => o.raw.truncated))
        finding.truncated = true;
    const repeats = g.occurrences.reduce((n, o) => n + (o.raw.repeats ?? 0), 0);
    if (repeats > 0)
        finding.repeats = repeats;
    if (outlived)
        finding.goroutineOf = outlived.owner;
    if (g.kind === 'overlap') {
        const c = confirmed.get(`${g.pkg}\u0000${first.raw.test ?? ''}`);
        if (c)
            finding.aloneRuns = c.aloneRuns;
    }
    return finding;
}
function assembleReport(input, runs, findingsOf, packages, findings, tests) {
    const totalRuns = runs.length;
    const failedRuns = runs.filter((r) => runFailed(r, findingsOf)).length;
    const verdict = input.errors.length > 0 && totalRuns === 0 ? 'error' : findings.length > 0 ? 'findings' : 'clean';
    const ranCounts = packages.filter((p) => p.runs > 0).map((p) => p.runs);
    return {
        schemaVersion: 1,
        tool: { name: 'race-rerun', version: input.version },
        mode: input.mode,
        runs: input.count,
        totalRuns,
        failedRuns,
        packages,
        findings,
        tests,
        verdict,
        summary: summarize(input, findings, tests, verdict, totalRuns, ranCounts),
        errors: [...input.errors],
        notes: [...input.notes, ...capNotes(runs)],
        context: input.context,
    };
}
/** The report's order of findings: most reproducible first, then by kind, signature, package. */
function compareFindings(a, b) {
    return (b.runsSeen - a.runsSeen ||
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        compare(a.signature, b.signature) ||
        compare(a.package, b.package));
}
/** The id hashes the signature; a signature shared by two packages also hashes the package. */
function assignIds(findings) {
    const sigCount = new Map();
    for (const f of findings)
        sigCount.set(f.signature, (sigCount.get(f.signature) ?? 0) + 1);
    for (const f of findings) {
        f.id = fnv1a32((sigCount.get(f.signature) ?? 0) > 1 ? `${f.package}\n${f.signature}` : f.signature);
    }
}
/** Says when a run printed more reports than are kept one by one, and what became of them. */
function capNotes(runs) {
    const over = runs.filter((r) => r.parsed.beyondCap);
    if (over.length === 0)
        return [];
    const repeats = over.reduce((n, r) => n + (r.parsed.beyondCap?.repeats ?? 0), 0);
    const dropped = over.reduce((n, r) => n + (r.parsed.beyondCap?.dropped ?? 0), 0);
    const which = over.length === 1 ? '1 run' : `${over.length} runs`;
    let text = `${which} printed more than ${MAX_FINDINGS_SHOWN} reports: past that, each distinct report was kept once and ${repeats} repeated ${repeats === 1 ? 'copy was' : 'copies were'} counted, not kept`;
    if (dropped > 0)
        text += `; ${dropped} distinct ${dropped === 1 ? 'report was' : 'reports were'} dropped (more than ${MAX_DISTINCT_SHOWN} distinct reports in a run)`;
    return [`${text}.`];
}
const MAX_FINDINGS_SHOWN = MAX_FINDINGS.toLocaleString('en-US');
const MAX_DISTINCT_SHOWN = MAX_DISTINCT_FINDINGS.toLocaleString('en-US');
/** Races listed as a symptom's likely cause at most. */
const MAX_CAUSES = 5;
/**
 * For every panic, fatal error, timeout and failure, the races of the same package that were
 * reported in the same runs: a race that shows up whenever the panic does is the likely cause.
 * Run indexes are per package, so only races of the same package can share a run.
 */
function addCooccurrence(findings) {
    const races = findings.filter((f) => f.kind === 'race');
    for (const f of findings) {
        if (f.kind === 'race' || f.kind === 'build')
            continue;
        const runs = new Set(f.seenIn);
        const causes = races
            .filter((r) => r.package === f.package)
            .map((r) => ({ id: r.id, runs: r.seenIn.filter((i) => runs.has(i)).length }))
            .filter((c) => c.runs > 0)
            // Stable sort: ties keep the races' report order.
            .sort((a, b) => b.runs - a.runs)
            .slice(0, MAX_CAUSES);
        if (causes.length > 0)
            f.cooccurringRaces = causes;
    }
}
function aggregateTests(runs) {
    const byTest = new Map();
    for (const run of runs) {
        for (const t of run.parsed.tests) {
            const key = `${t.package}\u0000${t.name}`;
            let e = byTest.get(key);
            if (!e) {
                e = { pkg: t.package, name: t.name, ran: new Set(), failed: new Set(), onlySkip: true };
                byTest.set(key, e);
            }
            e.ran.add(run);
            if (t.action === 'fail' || t.action === 'interrupted')
                e.failed.add(run);
            if (t.action !== 'skip')
                e.onlySkip = false;
        }
    }
    const out = [];
    for (const e of byTest.values()) {
        const n = e.ran.size;
        const k = e.failed.size;
        out.push({
            package: e.pkg,
            name: e.name,
            runs: n,
            failed: k,
            status: testStatus(k, n, e.onlySkip),
            interval: wilson(k, n),
        });
    }
    return out.sort(compareTests);
}
function testStatus(failed, runs, onlySkipped) {
    if (failed > 0)
        return failed === runs ? 'failing' : 'flaky';
    return onlySkipped ? 'skipped' : 'passing';
}
/** The report's order of tests: flaky and failing first, most failures first. */
function compareTests(a, b) {
    const bad = (t) => (t.status === 'failing' || t.status === 'flaky' ? 0 : 1);
    return (bad(a) - bad(b) ||
        b.failed - a.failed ||
        (a.status === 'failing' ? 0 : 1) - (b.status === 'failing' ? 0 : 1) ||
        compare(a.package, b.package) ||
        compare(a.name, b.name));
}
function summarize(input, findings, tests, verdict, totalRuns, ranCounts) {
    const ranPackages = ranCounts.length;
    // A test that fails only because of a finding is told with that finding, not counted again.
    const flaky = tests.filter((t) => t.status === 'flaky' && !t.failedBy).length;
    const failing = tests.filter((t) => t.status === 'failing' && !t.failedBy).length;
    const parts = [];
    for (const kind of model_FINDING_KINDS) {
        // Test failures are told through the flaky/failing test counts when there are any.
        if (kind === 'failure' && flaky + failing > 0)
            continue;
        const ofKind = findings.filter((f) => f.kind === kind);
        const n = ofKind.length;
        if (n === 0)
            continue;
        const noun = kind === 'overlap' ? `${n === 1 ? 'test' : 'tests'} failing only when runs overlap` : undefined;
        const fails = ofKind.flatMap((f) => f.failsTests ?? []);
        const failsText = fails.length > 0 ? ` (${n === 1 ? 'fails' : 'fail'} ${shortTestList([...new Set(fails)].sort())})` : '';
        parts.push(`${noun ? `${n} ${noun}` : report_plural(n, report_KIND_NOUN[kind])}${failsText}`);
    }
    if (flaky > 0)
        parts.push(report_plural(flaky, 'flaky test'));
    if (failing > 0)
        parts.push(report_plural(failing, 'failing test'));
    if (verdict === 'error') {
        const why = `Nothing was run: ${input.errors[0] ?? 'unknown error'}`;
        return parts.length > 0 ? `${joinList(parts)}; ${why.charAt(0).toLowerCase()}${why.slice(1)}` : why;
    }
    if (totalRuns === 0) {
        const why = input.errors[0] ? `nothing was run: ${input.errors[0]}` : 'no tests ran';
        return parts.length > 0 ? `${joinList(parts)}; ${why}` : `${why.charAt(0).toUpperCase()}${why.slice(1)}`;
    }
    const unit = input.mode === 'parse' ? 'log' : 'run';
    // Runs per package as they happened: fewer than asked when the engine stopped early.
    const perPackage = [...new Set(ranCounts)];
    const runs = input.mode === 'parse' ? input.count : perPackage.length === 1 ? (perPackage[0] ?? 0) : totalRuns;
    let scope = `in ${report_plural(runs, unit)}`;
    if (ranPackages > 0)
        scope += ` of ${report_plural(ranPackages, 'package')}`;
    if (parts.length === 0)
        return `No data race, panic or failure ${scope}`;
    return `${joinList(parts)} ${scope}`;
}

;// CONCATENATED MODULE: ./src/analysis/merge.ts




/** Reports that cannot be merged: different commits, settings, or shards given twice. */
class MergeError extends Error {
    constructor(message) {
        super(message);
        this.name = 'MergeError';
    }
}
/** The shards a report stands for: its own, those merged into it, or 1 of 1 for one job's report. */
function shardsOf(r) {
    return r.shard ? [r.shard.index] : (r.merged?.shards ?? [1]);
}
function totalOf(r) {
    return r.shard?.total ?? r.merged?.total ?? 1;
}
function describeShards(shards, total) {
    return shards.length === 1 ? `shard ${shards[0]} of ${total}` : `shards ${shards.join(', ')} of ${total}`;
}
const same = (a, b) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
/** Throws a MergeError saying which report differs from the first, and in what. */
function checkCompatible(inputs) {
    const [first, ...rest] = inputs;
    if (!first)
        throw new MergeError('No reports to merge.');
    const f = first.report;
    const fields = [
        ['commit', (r) => r.context.commit],
        ['number of shards', totalOf],
        ['mode', (r) => r.mode],
        ['race-rerun version', (r) => r.tool.version],
        ['schema version', (r) => r.schemaVersion],
        ['pull request', (r) => r.pullRequest?.number],
        ['settings', (r) => ({ ...r.context, commit: undefined })],
    ];
    for (const { name, report } of rest) {
        for (const [what, get] of fields) {
            if (same(get(report), get(f)))
                continue;
            const show = (r) => JSON.stringify(get(r) ?? null);
            throw new MergeError(`Cannot merge ${name} with ${first.name}: their ${what} differ (${show(report)} vs ${show(f)}). Merge only the shards of one run, with the same settings.`);
        }
    }
    const seen = new Map();
    for (const { name, report } of inputs) {
        for (const s of shardsOf(report)) {
            const other = seen.get(s);
            if (other !== undefined)
                throw new MergeError(`Shard ${s} is given twice: in ${other} and in ${name}. Give each shard once (a report of a job without shard counts as shard 1 of 1).`);
            seen.set(s, name);
        }
    }
}
/** Notes or errors with the shard each came from; the merge's own (shard 0) are said anew. */
function mergeTexts(inputs, field) {
    const first = new Map();
    for (const r of inputs) {
        const origin = field === 'notes' ? r.merged?.noteShards : r.merged?.errorShards;
        r[field].forEach((text, i) => {
            const shard = origin ? (origin[i] ?? 0) : (r.shard?.index ?? 0);
            if (shard === 0 || first.has(text))
                return;
            first.set(text, shard);
        });
    }
    // Stable: texts of one shard come from one input, in that shard's order.
    const sorted = [...first].sort((a, b) => a[1] - b[1]);
    return { texts: sorted.map((e) => e[0]), shards: sorted.map((e) => e[1]) };
}
function mergePackages(inputs) {
    const byPath = new Map();
    for (const r of inputs) {
        for (const p of r.packages) {
            const m = byPath.get(p.importPath);
            if (!m)
                byPath.set(p.importPath, { ...p });
            else {
                m.runs += p.runs;
                m.failedRuns += p.failedRuns;
                m.built ||= p.built;
            }
        }
    }
    return [...byPath.values()].sort((a, b) => (a.importPath < b.importPath ? -1 : 1));
}
function merge_findingKey(f) {
    return `${f.kind === 'build' ? 'build' : 'run'}\u0000${f.package}\u0000${f.signature}`;
}
function union(lists) {
    return [...new Set(lists.flatMap((l) => l ?? []))];
}
/** One finding from its occurrences in the inputs (in shard order), counted against `runs`. */
function mergeFinding(parts, runs) {
    // The first occurrence is the one of the lowest run number (ties: the lowest shard).
    const rep = parts.reduce((a, b) => ((b.seenIn[0] ?? 0) < (a.seenIn[0] ?? 0) ? b : a));
    const seenIn = union(parts.map((p) => p.seenIn)).sort((a, b) => a - b);
    const isBuild = rep.kind === 'build';
    const runsSeen = isBuild ? 1 : seenIn.length;
    const total = isBuild ? 1 : runs;
    const merged = {
        ...structuredClone(rep),
        runsSeen,
        runs: total,
        interval: wilson(runsSeen, total),
        seenIn,
        tests: union(parts.map((p) => p.tests)).sort(),
    };
    delete merged.cooccurringRaces;
    const recovery = parts.map((p) => p.stackRecovery);
    if (recovery.includes('unrecovered'))
        merged.stackRecovery = 'unrecovered';
    else if (recovery.includes('recovered'))
        merged.stackRecovery = 'recovered';
    const alone = parts.filter((p) => p.aloneRuns !== undefined);
    if (alone.length > 0)
        merged.aloneRuns = alone.reduce((n, p) => n + (p.aloneRuns ?? 0), 0);
    // Said anew from the merged tests (see foldFailures).
    delete merged.failsTests;
    // A race made by another test's goroutine: said as its first such occurrence says it.
    const owned = parts
        .filter((p) => p.goroutineOf !== undefined)
        .sort((a, b) => (a.seenIn[0] ?? 0) - (b.seenIn[0] ?? 0))[0];
    if (owned && merged.goroutineOf === undefined) {
        merged.goroutineOf = owned.goroutineOf;
        merged.message += /; made by a goroutine of .*$/.exec(owned.message)?.[0] ?? '';
    }
    return merged;
}
function mergeFindings(inputs, packages) {
    const pkgRuns = new Map(packages.map((p) => [p.importPath, p.runs]));
    const groups = new Map();
    const keyOfOld = new Map();
    for (const r of inputs) {
        for (const f of r.findings) {
            const key = merge_findingKey(f);
            keyOfOld.set(f.id, key);
            groups.set(key, [...(groups.get(key) ?? []), f]);
        }
    }
    const findings = [];
    for (const parts of groups.values()) {
        const pkg = parts[0]?.package ?? '';
        // A package the reports do not list (parse mode): its runs are those of the parts.
        const runs = pkgRuns.get(pkg) ?? parts.reduce((n, p) => n + p.runs, 0);
        findings.push(mergeFinding(parts, runs));
    }
    findings.sort(compareFindings);
    assignIds(findings);
    addCooccurrence(findings);
    const idOfKey = new Map(findings.map((f) => [merge_findingKey(f), f.id]));
    const idOf = new Map();
    for (const [old, key] of keyOfOld) {
        const id = idOfKey.get(key);
        if (id)
            idOf.set(old, id);
    }
    return { findings, idOf };
}
function mergeTests(inputs, idOf) {
    // A test failed only because of findings when it did in every shard where it failed.
    const byTest = new Map();
    for (const r of inputs) {
        for (const t of r.tests) {
            const key = `${t.package}\u0000${t.name}`;
            const e = byTest.get(key);
            const failedBy = t.failedBy?.map((id) => idOf.get(id) ?? id);
            const explained = t.failed === 0 || (failedBy !== undefined && failedBy.length > 0);
            if (!e) {
                byTest.set(key, {
                    t: { ...t, ...(t.alone ? { alone: { ...t.alone } } : {}) },
                    skipped: t.status === 'skipped',
                    explained,
                    ...(failedBy ? { failedBy: new Set(failedBy) } : {}),
                });
                continue;
            }
            e.t.runs += t.runs;
            e.t.failed += t.failed;
            if (t.alone) {
                const a = e.t.alone ?? { runs: 0, failed: 0 };
                e.t.alone = { runs: a.runs + t.alone.runs, failed: a.failed + t.alone.failed };
            }
            e.skipped &&= t.status === 'skipped';
            e.explained &&= explained;
            if (failedBy)
                e.failedBy = new Set([...(e.failedBy ?? []), ...failedBy]);
        }
    }
    const tests = [...byTest.values()].map(({ t, skipped, failedBy, explained }) => {
        // As one job says it: rerun alone without a failure, and failed with others running.
        const overlap = t.alone !== undefined && t.alone.failed === 0 && t.failed > 0;
        const { failedBy: _old, ...rest } = t;
        const out = {
            ...rest,
            status: overlap ? 'overlap' : testStatus(t.failed, t.runs, skipped),
            interval: wilson(t.failed, t.runs),
        };
        if (failedBy && failedBy.size > 0 && explained && t.failed > 0)
            out.failedBy = [...failedBy].sort();
        return out;
    });
    return tests.sort(compareTests);
}
/** `Finding.failsTests` from the merged tests' `failedBy`, as one job derives it. */
function foldFailures(findings, tests) {
    const byId = new Map(findings.map((f) => [f.id, f]));
    for (const t of tests) {
        for (const id of t.failedBy ?? []) {
            const f = byId.get(id);
            if (f)
                f.failsTests = [...(f.failsTests ?? []), t.name].sort();
        }
    }
}
/** The merge's own notes: missing shards, and what applied per shard. */
function mergeNotes(base, shards, total) {
    const notes = [];
    const warnings = [];
    const missing = Array.from({ length: total }, (_, i) => i + 1).filter((s) => !shards.includes(s));
    if (missing.length > 0) {
        const w = `Merged ${shards.length} of ${total} shards: ${describeShards(missing, total)} ${missing.length === 1 ? 'is' : 'are'} missing, so fewer runs were counted than one job would have run.`;
        notes.push(w);
        warnings.push(w);
    }
    const perShard = [];
    if (base.context.until)
        perShard.push(`until: ${base.context.until}`);
    if (base.context.maxDuration)
        perShard.push(`max-duration ${base.context.maxDuration}`);
    if (perShard.length > 0) {
        notes.push(`${perShard.join(' and ')} applied per shard: each job stopped on its own, and the runs counted here are what the shards ran.`);
    }
    return { notes, warnings };
}
/** Merges shard reports (or merged ones) into one; throws a MergeError when they do not belong together. */
function mergeReports(named) {
    checkCompatible(named);
    const inputs = named
        .map((n) => n.report)
        .sort((a, b) => Math.min(...shardsOf(a)) - Math.min(...shardsOf(b)));
    const base = inputs[0];
    const total = totalOf(base);
    const shards = inputs.flatMap(shardsOf).sort((a, b) => a - b);
    const packages = mergePackages(inputs);
    const { findings, idOf } = mergeFindings(inputs, packages);
    const tests = mergeTests(inputs, idOf);
    foldFailures(findings, tests);
    const own = mergeNotes(base, shards, total);
    const notes = mergeTexts(inputs, 'notes');
    const errors = mergeTexts(inputs, 'errors');
    const totalRuns = inputs.reduce((n, r) => n + r.totalRuns, 0);
    const allErrors = errors.texts;
    const verdict = allErrors.length > 0 && totalRuns === 0 ? 'error' : findings.length > 0 ? 'findings' : 'clean';
    const jobs = inputs.reduce((n, r) => n + (r.merged?.jobs ?? 1), 0);
    const merged = {
        total,
        shards,
        jobs,
        noteShards: [...own.notes.map(() => 0), ...notes.shards],
        errorShards: errors.shards,
    };
    const ranCounts = packages.filter((p) => p.runs > 0).map((p) => p.runs);
    const summary = summarize({ mode: base.mode, count: base.runs, errors: allErrors }, findings, tests, verdict, totalRuns, ranCounts);
    const report = {
        schemaVersion: 1,
        tool: { ...base.tool },
        mode: base.mode,
        runs: base.runs,
        totalRuns,
        failedRuns: inputs.reduce((n, r) => n + r.failedRuns, 0),
        packages,
        findings,
        tests,
        verdict,
        summary: total > 1 || jobs > 1 ? `${summary} (${merge_mergedText(merged)})` : summary,
        errors: allErrors,
        notes: [...own.notes, ...notes.texts],
        context: structuredClone(base.context),
        merged,
    };
    const job = inputs.find((r) => r.job)?.job;
    if (job) {
        const { matrix: _matrix, ...rest } = job;
        report.job = rest;
    }
    // Said anew from the merged tests and the settings, so the command covers every shard's tests
    // and no report (an untrusted artifact) chooses what a reader is told to run.
    for (const f of findings)
        f.reproduce = reproduceCommand(reproduceInputFor(report, f));
    // only-changed: every shard chose from the same commit, so the first one's choice is everyone's.
    if (base.focus)
        report.focus = structuredClone(base.focus);
    // tests-from: every shard read the same logs and chose the same tests.
    if (base.testsFrom)
        report.testsFrom = structuredClone(base.testsFrom);
    const pr = inputs.find((r) => r.pullRequest)?.pullRequest;
    if (pr)
        report.pullRequest = { ...pr };
    const escaped = inputs.filter((r) => r.escapedProcesses !== undefined);
    if (escaped.length > 0)
        report.escapedProcesses = escaped.reduce((n, r) => n + (r.escapedProcesses ?? 0), 0);
    const cancelled = inputs.filter((r) => r.cancelled);
    if (cancelled.length > 0) {
        report.cancelled = {
            signal: cancelled[0]?.cancelled?.signal ?? '',
            runsDone: cancelled.reduce((n, r) => n + (r.cancelled?.runsDone ?? 0), 0),
            runsPlanned: cancelled.reduce((n, r) => n + (r.cancelled?.runsPlanned ?? 0), 0),
        };
    }
    return { report, warnings: own.warnings };
}
/** `4 jobs, 4 of 4 shards` / `3 jobs, 3 of 4 shards`. */
function merge_mergedText(m) {
    return `merged from ${m.jobs} job${m.jobs === 1 ? '' : 's'}: ${m.shards.length} of ${m.total} shards`;
}
/** The shard's own summary sentence says which shard it is. */
function shardSummary(summary, shard) {
    return `${summary} (shard ${shard.index} of ${shard.total})`;
}

;// CONCATENATED MODULE: ./src/analysis/baseline.ts
/** Lines a location may move and still be the same finding when nothing else matched. */
const NEARBY_LINES = 40;
/** Above this chance of having shown, a finding not seen now is "likely fixed". */
const LIKELY_FIXED = 0.95;
/** Gone findings listed at most (the rest are counted). */
const MAX_GONE = 50;
/** 1 − (1 − p)^n: the chance to see at least once in n runs what showed in k of m runs. */
function chanceToShow(k, m, n) {
    if (m <= 0 || k <= 0 || n <= 0)
        return 0;
    const p = Math.min(1, k / m);
    return 1 - (1 - p) ** n;
}
function fileName(path) {
    return path.slice(path.lastIndexOf('/') + 1);
}
/** The places without their lines: survives code above them moving. */
function placesKey(f) {
    const locs = f.locations.map((l) => `${l.file}|${l.function}|${l.access ?? ''}`).sort();
    const extra = f.kind === 'failure' ? f.tests.join(',') : f.kind === 'build' ? f.message : '';
    return `${f.kind}|${f.package}|${locs.join(';')}|${extra}`;
}
function sameFilesNearby(a, b) {
    if (a.kind !== b.kind || a.package !== b.package || a.locations.length === 0)
        return false;
    if (a.locations.length !== b.locations.length)
        return false;
    const sorted = (f) => [...f.locations].sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line));
    const [xs, ys] = [sorted(a), sorted(b)];
    return xs.every((x, i) => {
        const y = ys[i];
        return x.file === y.file && Math.abs(x.line - y.line) <= NEARBY_LINES;
    });
}
function movedFrom(now, then) {
    // A race's sides swap roles between runs (whichever access the detector saw first).
    const left = [...then.locations];
    const take = (same) => {
        const i = left.findIndex(same);
        return i < 0 ? undefined : left.splice(i, 1)[0];
    };
    const moved = [];
    for (const l of now.locations) {
        const was = take((b) => b.file === l.file && b.function === l.function && b.access === l.access) ??
            take((b) => b.file === l.file && b.access === l.access) ??
            take((b) => b.file === l.file);
        if (was && was.line !== l.line)
            moved.push(`${fileName(was.file)}:${was.line}`);
    }
    return moved.length > 0 ? moved.join(', ') : undefined;
}
/** Which baseline finding each finding of the report is, matched at most once each. */
function matchFindings(now, base) {
    const out = new Map();
    const used = new Set();
    const known = (f, b, match) => {
        used.add(b);
        const k = { id: b.id, runsSeen: b.runsSeen, runs: b.runs, match };
        const moved = match === 'signature' ? undefined : movedFrom(f, b);
        if (moved)
            k.movedFrom = moved;
        out.set(f, k);
    };
    const passes = [
        ['signature', (f, b) => f.kind === b.kind && f.package === b.package && f.signature === b.signature],
        ['functions', (f, b) => f.locations.length > 0 && placesKey(f) === placesKey(b)],
        ['nearby', sameFilesNearby],
    ];
    for (const [match, same] of passes) {
        for (const f of now) {
            if (out.has(f))
                continue;
            const b = base.find((x) => !used.has(x) && same(f, x));
            if (b)
                known(f, b, match);
        }
    }
    return out;
}
/** `main`, `abc1234`, or `the baseline`: what "vs …" names. */
function baselineLabel(base) {
    if (base.context.branch)
        return base.context.branch;
    if (base.context.commit)
        return base.context.commit.slice(0, 7);
    return 'the baseline';
}
/**
 * Marks every finding of `report` new or known and lists the baseline's findings not seen now
 * (only those of packages that ran now: a package left out says nothing about them).
 */
function compareWithBaseline(report, base, source, baseBranch) {
    const matched = matchFindings(report.findings, base.findings);
    for (const f of report.findings) {
        const k = matched.get(f);
        f.baseline = k ? 'known' : 'new';
        if (k)
            f.known = k;
        else
            delete f.known;
    }
    const matchedIds = new Set([...matched.values()].map((k) => k.id));
    const runsNow = new Map(report.packages.map((p) => [p.importPath, p.runs]));
    const gone = [];
    for (const b of base.findings) {
        if (matchedIds.has(b.id) || b.kind === 'build')
            continue;
        const n = runsNow.get(b.package) ?? 0;
        if (n === 0)
            continue;
        const shown = b.locations.slice(0, b.kind === 'race' ? 2 : 1);
        const g = {
            id: b.id,
            kind: b.kind,
            title: b.title,
            package: b.package,
            runsSeen: b.runsSeen,
            runs: b.runs,
            runsNow: n,
            chance: chanceToShow(b.runsSeen, b.runs, n),
        };
        if (shown.length > 0)
            g.where = shown.map((l) => `${l.file}:${l.line}`).join(' ↔ ');
        gone.push(g);
    }
    gone.sort((a, b) => b.chance - a.chance);
    const comparison = {
        source,
        label: base.context.branch || baseBranch || baselineLabel(base),
        gone: gone.slice(0, MAX_GONE),
    };
    if (base.context.commit)
        comparison.commit = base.context.commit;
    report.baseline = comparison;
}
/** Whether a value read from a file looks like a race-rerun report (enough to compare with it). */
function isReport(value) {
    const r = value;
    return (typeof r === 'object' &&
        r !== null &&
        r.tool?.name === 'race-rerun' &&
        Array.isArray(r.findings) &&
        Array.isArray(r.packages) &&
        typeof r.context === 'object' &&
        r.findings.every((f) => typeof f?.id === 'string' && typeof f.signature === 'string' && Array.isArray(f.locations)));
}

;// CONCATENATED MODULE: ./src/engine/baseline.ts
// Reads the `baseline` report: a path or a glob (`reports/*.json`, `**/race-rerun.json`), the
// newest match wins. Missing or unreadable is a warning for the caller, never an error.



/** Files visited at most while expanding a glob (a `**` over a huge tree must not hang). */
const MAX_VISITED = 20_000;
function segmentRegex(segment) {
    const body = segment
        .replace(/[.+^${}()|\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]');
    return new RegExp(`^${body}$`);
}
/** Files matching a glob of `*`, `?` and `**` segments, relative to `cwd` unless absolute. */
function expandGlob(pattern, cwd) {
    const abs = (0,external_node_path_namespaceObject.isAbsolute)(pattern) ? pattern : (0,external_node_path_namespaceObject.resolve)(cwd, pattern);
    const parts = abs.split('/');
    const firstWild = parts.findIndex((p) => /[*?]/.test(p));
    if (firstWild < 0)
        return [abs];
    const root = parts.slice(0, firstWild).join('/') || '/';
    const rest = parts.slice(firstWild);
    const out = [];
    let visited = 0;
    const walk = (dir, segs) => {
        if (visited++ > MAX_VISITED || segs.length === 0)
            return;
        const [head, ...tail] = segs;
        let entries;
        try {
            entries = (0,external_node_fs_namespaceObject.readdirSync)(dir, { withFileTypes: true });
        }
        catch {
            return;
        }
        if (head === '**') {
            walk(dir, tail);
            for (const e of entries)
                if (e.isDirectory() && !e.name.startsWith('.'))
                    walk((0,external_node_path_namespaceObject.join)(dir, e.name), segs);
            return;
        }
        const re = segmentRegex(head);
        for (const e of entries) {
            if (!re.test(e.name))
                continue;
            const path = (0,external_node_path_namespaceObject.join)(dir, e.name);
            if (tail.length === 0) {
                if (e.isFile())
                    out.push(path);
            }
            else if (e.isDirectory())
                walk(path, tail);
        }
    };
    walk(root, rest);
    return [...new Set(out)];
}
function mtime(file) {
    try {
        return (0,external_node_fs_namespaceObject.statSync)(file).mtimeMs;
    }
    catch {
        return 0;
    }
}
/** The newest report matching `pattern`, or a warning that says what to fix. */
function loadBaseline(pattern, cwd) {
    const files = expandGlob(pattern, cwd).sort((a, b) => mtime(b) - mtime(a));
    const hint = 'New and known cannot be told apart; every finding is reported as it is. Restore the base branch report (see the README: actions/cache/restore) before this step.';
    const file = files[0];
    if (!file)
        return { warning: `Baseline ${JSON.stringify(pattern)} matches no file. ${hint}` };
    let text;
    try {
        text = (0,external_node_fs_namespaceObject.readFileSync)(file, 'utf8');
    }
    catch (err) {
        const code = err.code;
        const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${err.message})`;
        return { warning: `Baseline ${file} ${why}. ${hint}` };
    }
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        return { warning: `Baseline ${file} is not JSON. ${hint}` };
    }
    if (!isReport(value))
        return { warning: `Baseline ${file} is not a race-rerun JSON report. ${hint}` };
    return { report: value, file };
}
/**
 * Compares `report` with the baseline `pattern` names (relative to `cwd`). Returns the warning
 * to show when there is none to compare with; the report's notes say it too.
 */
function applyBaseline(report, pattern, cwd, baseBranch) {
    const loaded = loadBaseline(pattern, cwd);
    if ('warning' in loaded) {
        report.notes.push(loaded.warning);
        return loaded.warning;
    }
    compareWithBaseline(report, loaded.report, pattern, baseBranch);
    return undefined;
}

;// CONCATENATED MODULE: external "node:events"
const external_node_events_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");
;// CONCATENATED MODULE: ./src/engine/cancel.ts
// Cancellation: GitHub cancels a job with SIGINT, then SIGTERM ~7.5 s later, then kills it; a user
// presses Ctrl-C. The first signal aborts `signal` (runs stop, what finished is reported); a
// watchdog makes sure the process is gone within EXIT_WITHIN_MS even if reporting gets stuck.

/** The process exits at the latest this long after the first signal. */
const EXIT_WITHIN_MS = 4500;
const SIGNALS = ['SIGINT', 'SIGTERM'];
const SIGNAL_NUMBERS = { SIGINT: 2, SIGTERM: 15 };
/** 128 + the signal's number, as a shell reports a process ended by it (SIGINT: 130). */
function signalExitCode(signal) {
    return 128 + (SIGNAL_NUMBERS[signal] ?? 2);
}
function onCancel(opts = {}) {
    const controller = new AbortController();
    // Every build and run listens to it, as many at once as `parallel` allows: no leak warning.
    (0,external_node_events_namespaceObject.setMaxListeners)(0, controller.signal);
    const within = opts.exitWithinMs ?? EXIT_WITHIN_MS;
    const say = opts.say ?? ((m) => process.stderr.write(`${m}\n`));
    let by;
    let at = 0;
    const handler = (signal) => {
        if (by !== undefined) {
            say(`race-rerun: ${signal} again: still writing the report (at most ${Math.ceil(within / 1000)} s in all).`);
            return;
        }
        by = signal;
        at = Date.now();
        say(`race-rerun: ${signal}: stopping the runs and reporting the ones that finished.`);
        const watchdog = setTimeout(() => {
            say(`race-rerun: could not finish the report within ${within / 1000} s of ${signal}; exiting.`);
            process.exit(signalExitCode(signal));
        }, within);
        watchdog.unref();
        controller.abort(signal);
    };
    for (const s of SIGNALS)
        process.on(s, handler);
    return {
        signal: controller.signal,
        get by() {
            return by;
        },
        remainingMs: () => (by === undefined ? Number.POSITIVE_INFINITY : at + within - Date.now()),
        dispose: () => {
            for (const s of SIGNALS)
                process.off(s, handler);
        },
    };
}

;// CONCATENATED MODULE: ./src/engine/environment.ts
// The environment test processes (and the go commands that build them) get: what a `run: go test`
// step would get. An action's process also holds its inputs (the github-token among them), the
// runner's tokens for the artifact, cache and OIDC services, and the files through which an action
// sets its outputs and summary: test code must see none of them.
/** Exact names an action gets and a `run:` step does not (or that let a test write our outputs). */
const DROPPED = new Set([
    'ACTIONS_RUNTIME_TOKEN',
    'ACTIONS_RUNTIME_URL',
    'ACTIONS_RESULTS_URL',
    'ACTIONS_CACHE_URL',
    'GITHUB_OUTPUT',
    'GITHUB_ENV',
    'GITHUB_PATH',
    'GITHUB_STATE',
    'GITHUB_STEP_SUMMARY',
]);
/** Name prefixes dropped: every action input, and the OIDC token request. */
const DROPPED_PREFIXES = ['INPUT_', 'ACTIONS_ID_TOKEN_REQUEST_'];
/** Whether a variable of this name is kept from the test processes. */
function isWithheld(name) {
    // Windows names are case-insensitive; on Linux nobody spells these in lower case.
    const upper = name.toUpperCase();
    return DROPPED.has(upper) || DROPPED_PREFIXES.some((p) => upper.startsWith(p));
}
/** `parent` without the action's inputs, the runner's tokens and its command files. */
function testEnvironment(parent) {
    const env = {};
    for (const [name, value] of Object.entries(parent)) {
        if (value !== undefined && !isWithheld(name))
            env[name] = value;
    }
    return env;
}

;// CONCATENATED MODULE: ./src/engine/files.ts
// Files race-rerun writes for the user.

/**
 * Writes a file whole or not at all: a full disk leaves no cut (or 0-byte) report behind. Only a
 * regular file is replaced that way: `--json /dev/null`, a FIFO or /dev/stdout is written to as it
 * is (a rename would put a regular file in its place), and a link keeps pointing where it did.
 */
function writeWhole(file, text) {
    let target = file;
    try {
        if (!(0,external_node_fs_namespaceObject.statSync)(file).isFile()) {
            (0,external_node_fs_namespaceObject.writeFileSync)(file, text);
            return;
        }
        target = (0,external_node_fs_namespaceObject.realpathSync)(file);
    }
    catch (err) {
        if (err.code !== 'ENOENT')
            throw err;
    }
    const part = `${target}.${process.pid}.part`;
    try {
        (0,external_node_fs_namespaceObject.writeFileSync)(part, text);
        (0,external_node_fs_namespaceObject.renameSync)(part, target);
    }
    catch (err) {
        (0,external_node_fs_namespaceObject.rmSync)(part, { force: true });
        throw err;
    }
}

;// CONCATENATED MODULE: ./src/engine/go.ts
// The few `go` commands race-rerun needs: go env, go list, go test -race -c, go list -m.


/** A problem the user has to fix (no Go, no go.mod). The message is shown as is. */
class GoError extends Error {
    constructor(message) {
        super(message);
        this.name = 'GoError';
    }
}
/** Splits a stream of concatenated JSON values (what `go list -json` prints) into parsed values. */
function parseJsonStream(text) {
    const values = [];
    let depth = 0;
    let inString = false;
    let escaped = false;
    let start = -1;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c === '\\')
                escaped = true;
            else if (c === '"')
                inString = false;
            continue;
        }
        if (c === '"')
            inString = true;
        else if (c === '{') {
            if (depth === 0)
                start = i;
            depth++;
        }
        else if (c === '}' && depth > 0) {
            depth--;
            if (depth === 0) {
                try {
                    values.push(JSON.parse(text.slice(start, i + 1)));
                }
                catch {
                    // Not JSON after all (stray text); skip it.
                }
            }
        }
    }
    return values;
}
function trimOutput(text, max = 4000) {
    const t = text.trim();
    return t.length > max ? `${t.slice(0, max)}\n…` : t;
}
function noModule(dir) {
    return new GoError(`No Go module in ${dir}: no go.mod found. Set working-directory to the directory that holds go.mod.`);
}
function isNoModuleText(text) {
    return /go: cannot find main module|go\.mod file not found/.test(text);
}
function isDirectory(dir) {
    try {
        return (0,external_node_fs_namespaceObject.statSync)(dir).isDirectory();
    }
    catch {
        return false;
    }
}
/**
 * The file `go test -c -o dir/` writes for a package: the import path's last element (the one
 * before a major version suffix such as `/v2`), plus `.test`. As cmd/go's testBinaryName.
 */
function testBinaryName(importPath) {
    const parts = importPath.split('/');
    let elem = parts.at(-1) ?? importPath;
    if (parts.length > 1 && /^v([2-9]|[1-9]\d+)$/.test(elem))
        elem = parts.at(-2) ?? elem;
    return `${elem}.test`;
}
/** `-name`, `--name` or either with `=value`. */
function isFlag(word, name) {
    const bare = word.replace(/^--?/, '');
    return bare !== word && (bare === name || bare.startsWith(`${name}=`));
}
/** Whether the user sets flag `-name` in the build flags or in GOFLAGS (which the command line overrides). */
function userSets(name, buildFlags, env) {
    return [...buildFlags, ...(env.GOFLAGS ?? '').split(/\s+/)].some((w) => isFlag(w, name));
}
/**
 * The build flags with race-rerun's defaults in front, each only when the user does not set it:
 * - `-ldflags=-w`: DWARF is only for debuggers, and leaving it out makes a race test binary's link
 *   about a quarter faster (0.37 → 0.28 s). Stack traces and race reports come from the pclntab,
 *   which stays: the same race report, line for line.
 * - `-vet=off`: `go test -c` runs vet like `go test` does, which finds no flaky failure (the
 *   usual test step reports vet's findings) and costs ~30 ms a package with a warm cache, ~1 s for
 *   the example module with a cold one.
 */
function buildDefaults(buildFlags, env) {
    const defaults = [];
    if (!userSets('ldflags', buildFlags, env))
        defaults.push('-ldflags=-w');
    if (!userSets('vet', buildFlags, env))
        defaults.push('-vet=off');
    return [...defaults, ...buildFlags];
}
/** cgo on: see buildTest. */
function raceBuildEnv(base) {
    const env = { ...base };
    if (!env.CGO_ENABLED)
        env.CGO_ENABLED = '1';
    return env;
}
function createGoTool(runner, opts = {}) {
    const goBinary = opts.goBinary ?? 'go';
    const baseEnv = () => opts.env ?? process.env;
    /** Runs go; turns "go is not installed" into the GoError every caller would give. */
    async function go(args, cwd, env) {
        if (!isDirectory(cwd)) {
            throw new GoError(`Working directory ${cwd} does not exist. Set working-directory to the directory that holds go.mod.`);
        }
        const result = await runner.run({
            command: goBinary,
            args,
            cwd,
            env: env ?? baseEnv(),
            ...(opts.signal ? { signal: opts.signal } : {}),
        });
        if (result.spawnError !== undefined) {
            if (/ENOENT/.test(result.spawnError)) {
                throw new GoError(`Go toolchain not found: "${goBinary}" is not on PATH. Add actions/setup-go before this step (or install Go).`);
            }
            throw new GoError(`Could not run "${goBinary}": ${result.spawnError}`);
        }
        return result;
    }
    return {
        async env(cwd) {
            const result = await go(['env', '-json', 'GOVERSION', 'GOROOT', 'GOMODCACHE', 'GOMOD', 'GOWORK'], cwd);
            const stdout = result.stdout ?? result.output;
            if (result.exitCode !== 0) {
                if (isNoModuleText(result.output))
                    throw noModule(cwd);
                throw new GoError(`"go env" failed in ${cwd}:\n${trimOutput(result.output)}`);
            }
            const [value] = parseJsonStream(stdout);
            const vars = (value ?? {});
            const gomod = vars.GOMOD ?? '';
            const gowork = vars.GOWORK ?? '';
            const inWorkspace = gowork !== '' && gowork !== 'off';
            // GOMOD is '' with GO111MODULE=off and /dev/null outside a module (a go.work root is fine).
            if ((gomod === '' || gomod === '/dev/null' || gomod === 'NUL') && !inWorkspace)
                throw noModule(cwd);
            const env = {
                version: vars.GOVERSION ?? '',
                goroot: vars.GOROOT ?? '',
                gomodcache: vars.GOMODCACHE ?? '',
                gomod,
            };
            if (inWorkspace)
                env.gowork = gowork;
            return env;
        },
        async listTestPackages(cwd, patterns, buildFlags) {
            const fields = 'ImportPath,Dir,TestGoFiles,XTestGoFiles,Module,Error,Incomplete';
            // -vet is a flag of go test only: go list refuses it.
            const listFlags = buildFlags.filter((f) => !isFlag(f, 'vet'));
            const result = await go(['list', '-e', `-json=${fields}`, ...listFlags, ...patterns], cwd);
            const out = { packages: [], withoutTests: [], errors: [] };
            const stderr = result.stderr ?? '';
            if (isNoModuleText(stderr))
                throw noModule(cwd);
            for (const m of stderr.matchAll(/^go: warning: "(.*)" matched no packages$/gm)) {
                out.errors.push(`Pattern "${m[1]}" matched no packages.`);
            }
            const listed = parseJsonStream(result.stdout ?? result.output);
            for (const p of listed) {
                const importPath = p.ImportPath ?? '';
                const hasTests = (p.TestGoFiles?.length ?? 0) + (p.XTestGoFiles?.length ?? 0) > 0;
                if (hasTests && p.Dir) {
                    // Even with p.Error (e.g. a syntax error): the build reports it with file:line.
                    const module = p.Module?.Path && p.Module.Dir ? { path: p.Module.Path, dir: p.Module.Dir } : undefined;
                    out.packages.push({ importPath, dir: p.Dir, module: module ?? { path: '', dir: p.Dir } });
                }
                else if (p.Error?.Err) {
                    const err = p.Error.Err.trim();
                    out.errors.push(err.includes(importPath) ? err : `${importPath}: ${err}`);
                }
                else if (p.Dir) {
                    out.withoutTests.push(importPath);
                }
            }
            if (result.exitCode !== 0 && listed.length === 0) {
                out.errors.push(`"go list" failed in ${cwd}:\n${trimOutput(stderr || result.output)}`);
            }
            return out;
        },
        async buildTest(pkg, outFile, buildFlags, cwd) {
            const env = raceBuildEnv(baseEnv());
            // The race detector needs cgo on linux/windows. go already enables cgo when a C compiler is
            // on PATH; setting it here only changes the failure without one from "-race requires cgo;
            // set CGO_ENABLED=1" (misleading) to "C compiler "gcc" not found" (says what to install).
            const started = Date.now();
            let result;
            try {
                const flags = buildDefaults(buildFlags, env);
                result = await go(['test', '-race', '-c', '-o', outFile, ...flags, pkg.importPath], cwd, env);
            }
            catch (err) {
                const message = err instanceof Error ? err.message : String(err);
                return { package: pkg, ok: false, output: message, durationMs: Date.now() - started };
            }
            let output = result.output;
            let ok = result.exitCode === 0;
            if (ok && !(0,external_node_fs_namespaceObject.existsSync)(outFile)) {
                ok = false;
                output += `\nrace-rerun: "go test -c" wrote no test binary for ${pkg.importPath}.\n`;
            }
            if (!ok && /requires cgo|C compiler .* not found/.test(output)) {
                output +=
                    '\nrace-rerun: the race detector needs cgo and a C compiler: install gcc and do not set CGO_ENABLED=0.\n';
            }
            const build = { package: pkg, ok, output, durationMs: Date.now() - started };
            if (ok)
                build.binary = outFile;
            return build;
        },
        async buildTests(pkgs, outDir, buildFlags, cwd) {
            const started = Date.now();
            const names = pkgs.map((p) => testBinaryName(p.importPath));
            // Two packages with the same file name make go refuse the whole batch: build those alone.
            const unique = pkgs.filter((_, i) => names.indexOf(names[i] ?? '') === names.lastIndexOf(names[i] ?? ''));
            if (unique.length < 2)
                return [];
            const env = raceBuildEnv(baseEnv());
            const flags = buildDefaults(buildFlags, env);
            try {
                await go(['test', '-race', '-c', '-o', `${outDir}/`, ...flags, ...unique.map((p) => p.importPath)], cwd, env);
            }
            catch {
                return [];
            }
            // go still writes the binaries of the packages that compiled when another one failed.
            const durationMs = Date.now() - started;
            return unique.flatMap((pkg) => {
                const binary = (0,external_node_path_namespaceObject.join)(outDir, testBinaryName(pkg.importPath));
                return (0,external_node_fs_namespaceObject.existsSync)(binary) ? [{ package: pkg, ok: true, binary, output: '', durationMs }] : [];
            });
        },
        async listDependencies(cwd, patterns, buildFlags) {
            const fields = 'ImportPath,Dir,Deps,TestImports,XTestImports,Standard,DepOnly';
            const listFlags = buildFlags.filter((f) => !isFlag(f, 'vet'));
            // -deps lists the dependencies too; only the packages the patterns matched are kept.
            const result = await go(['list', '-e', '-deps', `-json=${fields}`, ...listFlags, ...patterns], cwd);
            const listed = parseJsonStream(result.stdout ?? result.output);
            if (result.exitCode !== 0 && listed.length === 0) {
                throw new GoError(`"go list -deps" failed in ${cwd}:\n${trimOutput(result.stderr || result.output)}`);
            }
            return listed
                .filter((p) => !p.Standard && !p.DepOnly && p.ImportPath && p.Dir)
                .map((p) => ({
                importPath: p.ImportPath ?? '',
                dir: (p.Dir ?? '').replace(/\\/g, '/'),
                deps: p.Deps ?? [],
                testImports: [...(p.TestImports ?? []), ...(p.XTestImports ?? [])],
            }));
        },
        async modules(cwd) {
            try {
                const result = await go(['list', '-m', '-json'], cwd);
                if (result.exitCode !== 0)
                    return [];
                const mods = parseJsonStream(result.stdout ?? result.output);
                // Outside a module go prints `command-line-arguments` without a Dir: not a module.
                return mods.flatMap((m) => (m.Path && m.Dir ? [{ path: m.Path, dir: m.Dir }] : []));
            }
            catch {
                return [];
            }
        },
    };
}

;// CONCATENATED MODULE: ./src/parse/build.ts

const MAX_BUILD_FINDINGS = 20;
const MAX_BUILD_RAW = 4096;
/** `./x.go:12:5: msg`, `x.go:12: msg`, `/abs/x.go:12:5: msg`, `C:\x\y.go:3:1: msg`, `go.mod:5: msg`. */
const ERROR_RE = /^(.+?\.(?:go|s|c|h|cc|cpp|mod|sum|work)):(\d+)(?::(\d+))?: (.*)$/;
/** A line that is a compiler error (cheap pre-check before the regex). */
function isBuildErrorLine(line) {
    const c = line.charCodeAt(0);
    if (c === 32 || c === 9 || line.length === 0)
        return false;
    if (line.indexOf(':') < 0)
        return false;
    return ERROR_RE.test(line.startsWith('vet: ') ? line.slice(5) : line);
}
/**
 * Build package key from a `# pkg` header or a test2json `ImportPath`:
 * `example.com/m/pkg [example.com/m/pkg.test]` → `example.com/m/pkg`, and the external test
 * package `example.com/m/pkg_test [example.com/m/pkg.test]` too.
 */
function buildPackageKey(s) {
    const t = s.trim();
    const open = t.indexOf(' [');
    if (open < 0)
        return t.startsWith('[') && t.endsWith(']') ? stripTest(t.slice(1, -1)) : t;
    const inner = t.slice(open + 2, t.endsWith(']') ? -1 : undefined);
    return inner.endsWith('.test') ? inner.slice(0, -5) : t.slice(0, open);
}
function stripTest(s) {
    return s.endsWith('.test') ? s.slice(0, -5) : s;
}
function isNoise(line) {
    return line.startsWith('# ') || line === 'FAIL' || (line.startsWith('FAIL\t') && line.endsWith(' failed]'));
}
/**
 * One `build` finding per compiler/vet error line (at most 20), each with one frame (file as
 * printed, line). Text with no `file:line:` error at all gives one finding with its first
 * meaningful line as the message and no frames; empty text gives none.
 */
function parseBuildOutput(text, pkg) {
    const findings = [];
    let firstLine;
    let firstAny;
    let last;
    for (const rawLine of text.split('\n')) {
        const line = cleanLine(rawLine);
        if (line.trim() === '')
            continue;
        firstAny ??= line.trim();
        const c = line.charCodeAt(0);
        if (c === 9 || c === 32) {
            // Continuation of the previous error (`\thave (…)`, `\twant (…)`).
            if (last && last.raw.length + line.length < MAX_BUILD_RAW)
                last.raw += `\n${line}`;
            continue;
        }
        last = undefined;
        if (isNoise(line))
            continue;
        firstLine ??= line.trim();
        const body = line.startsWith('vet: ') ? line.slice(5) : line;
        const m = body.indexOf(':') >= 0 ? ERROR_RE.exec(body) : null;
        if (!m || findings.length >= MAX_BUILD_FINDINGS)
            continue;
        const file = m[1] ?? '';
        const lineNo = Number(m[2]);
        const col = m[3];
        last = {
            kind: 'build',
            package: pkg,
            message: (m[4] ?? '').trim(),
            stacks: [
                {
                    role: 'build',
                    header: col ? `${file}:${lineNo}:${col}` : `${file}:${lineNo}`,
                    frames: [{ func: '', file, line: lineNo }],
                },
            ],
            raw: line,
        };
        findings.push(last);
    }
    if (findings.length === 0) {
        const message = firstLine ?? firstAny;
        if (message !== undefined) {
            findings.push({
                kind: 'build',
                package: pkg,
                message,
                stacks: [],
                raw: text.trim().slice(0, MAX_BUILD_RAW),
            });
        }
    }
    return findings;
}

;// CONCATENATED MODULE: ./src/version.ts
// Kept in step with package.json by test/meta/version.test.ts.
const VERSION = '0.1.0';

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: ./src/analysis/focus.ts
const MODULE_FILES = new Set(['go.mod', 'go.sum', 'go.work', 'go.work.sum']);
function dirOf(file) {
    const i = file.lastIndexOf('/');
    return i < 0 ? '' : file.slice(0, i);
}
function baseOf(file) {
    return file.slice(file.lastIndexOf('/') + 1);
}
/** Whether a changed file (absolute) belongs to the package in `dir`. */
function touches(file, dir) {
    if (file.endsWith('.go') && dirOf(file) === dir)
        return true;
    // Test data is read by the tests: changing it changes what they test.
    return file.startsWith(`${dir}/testdata/`);
}
/** A changed module file under `moduleDir`, if any: every package is then affected. */
function changedModuleFile(files, moduleDir) {
    return files.find((f) => MODULE_FILES.has(baseOf(f)) && (dirOf(f) === moduleDir || moduleDir.startsWith(`${dirOf(f)}/`)));
}
/**
 * The packages of `pkgs` the changed files (absolute, `/` separated) touch, each with why:
 * `changed`, or `imports` with the changed package it reaches. In the order of `pkgs`.
 */
function focusPackages(pkgs, files, moduleDir) {
    const moduleFile = changedModuleFile(files, moduleDir);
    if (moduleFile)
        return pkgs.map((p) => ({ importPath: p.importPath, reason: 'changed', via: baseOf(moduleFile) }));
    const changed = new Set(pkgs.filter((p) => files.some((f) => touches(f, p.dir))).map((p) => p.importPath));
    // A changed package each affected one reaches; grows until nothing more is reached.
    const via = new Map([...changed].map((c) => [c, c]));
    for (let grew = true; grew;) {
        grew = false;
        for (const p of pkgs) {
            if (via.has(p.importPath))
                continue;
            const hit = [...p.deps, ...p.testImports].find((d) => via.has(d));
            if (hit === undefined)
                continue;
            via.set(p.importPath, changed.has(hit) ? hit : (via.get(hit) ?? hit));
            grew = true;
        }
    }
    return pkgs.flatMap((p) => {
        if (changed.has(p.importPath))
            return [{ importPath: p.importPath, reason: 'changed' }];
        const through = via.get(p.importPath);
        return through ? [{ importPath: p.importPath, reason: 'imports', via: through }] : [];
    });
}

;// CONCATENATED MODULE: ./src/engine/changed.ts
// `only-changed`: the files a pull request changed (git, behind a small interface) and the test
// packages they touch (go list, through the GoTool). A shallow checkout gets the base commit
// with `git fetch --depth=1 origin <sha>`; when that fails the message says what to set.


class GitError extends (/* unused pure expression or super */ null && (Error)) {
}
function createGitTool(runner, env = process.env) {
    const git = async (args, cwd) => {
        const r = await runner.run({ command: 'git', args, cwd, env: { ...env, GIT_TERMINAL_PROMPT: '0' } });
        if (r.spawnError !== undefined)
            throw new GitError(`git could not be started: ${r.spawnError}`);
        return { ok: r.exitCode === 0, stdout: r.stdout ?? r.output, output: r.output.trim() };
    };
    return {
        async topLevel(cwd) {
            const r = await git(['rev-parse', '--show-toplevel'], cwd);
            if (!r.ok)
                throw new GitError(`${cwd} is not in a git checkout (${r.output.split('\n')[0]})`);
            return r.stdout.trim().replace(/\\/g, '/');
        },
        async hasCommit(sha, cwd) {
            return (await git(['cat-file', '-e', `${sha}^{commit}`], cwd)).ok;
        },
        async fetchCommit(sha, cwd) {
            const r = await git(['fetch', '--no-tags', '--depth=1', 'origin', sha], cwd);
            return r.ok ? undefined : r.output.split('\n').slice(-3).join(' ');
        },
        async changedFiles(base, cwd) {
            // Three dots: what HEAD changed since it forked (on a pull request's merge commit this is
            // the same as two); two when the history to a merge base is not there (a shallow checkout).
            for (const range of [[`${base}...HEAD`], [base, 'HEAD']]) {
                const r = await git(['diff', '--name-only', '--no-renames', '-z', ...range], cwd);
                if (r.ok)
                    return r.stdout.split('\0').filter(Boolean);
            }
            throw new GitError(`git diff against ${base.slice(0, 7)} failed`);
        },
    };
}
const MAX_FILES_KEPT = 100;
function changed_short(sha) {
    return sha.slice(0, 7);
}
/** The base commit, fetched when the checkout is shallow; or why it cannot be had. */
async function ensureBase(base, wd, deps) {
    if (await deps.git.hasCommit(base, wd))
        return undefined;
    deps.log(`only-changed: fetching the base commit ${changed_short(base)} (git fetch --depth=1 origin ${base})`);
    const failed = await deps.git.fetchCommit(base, wd);
    if (failed === undefined && (await deps.git.hasCommit(base, wd)))
        return undefined;
    return `the base commit ${changed_short(base)} is not in the checkout and \`git fetch --depth=1 origin ${base}\` failed (${failed ?? 'no such commit'}). Set \`fetch-depth: 0\` on actions/checkout`;
}
/**
 * The test packages of `listed` that the changes since `base` touch, and the report of why. A
 * problem (no git, no base commit, go list failing) is a note and every package runs: a focus
 * that cannot be computed must not hide a finding.
 */
async function focusOnChanges(base, listed, patterns, buildFlags, wd, deps) {
    const fallback = (why) => ({ note: `only-changed: ${why}; every package was run.` });
    try {
        const problem = await ensureBase(base, wd, deps);
        if (problem)
            return fallback(problem);
        const top = await deps.git.topLevel(wd);
        const files = await deps.git.changedFiles(base, wd);
        if (!deps.go.listDependencies)
            return fallback('this Go tool cannot list dependencies');
        const pkgs = await deps.go.listDependencies(wd, patterns, buildFlags);
        // git names the resolved paths, go the ones it ran under: compare them resolved.
        const real = (p) => {
            try {
                return (0,external_node_fs_namespaceObject.realpathSync)(p).replace(/\\/g, '/');
            }
            catch {
                return p.replace(/\\/g, '/');
            }
        };
        const resolved = pkgs.map((p) => ({ ...p, dir: real(p.dir) }));
        const focused = focusPackages(resolved, files.map((f) => `${real(top)}/${f}`), real(wd));
        const tested = new Set(listed.map((p) => p.importPath));
        const kept = focused.filter((p) => tested.has(p.importPath));
        const names = new Set(kept.map((p) => p.importPath));
        return {
            report: {
                base,
                changedFiles: files.slice(0, MAX_FILES_KEPT),
                changedFileCount: files.length,
                packages: kept,
                skipped: listed.length - kept.length,
            },
            packages: listed.filter((p) => names.has(p.importPath)),
        };
    }
    catch (err) {
        return fallback(err.message);
    }
}

;// CONCATENATED MODULE: ./src/engine/disk.ts
// Whether the file system of the scratch directory is full. A test binary whose output cannot be
// written (ENOSPC) carries on silently, so its log would be cut short and read as a failure
// without a message: a run that ends on a full disk is not counted, and the report says why.

/** Less free space than this after a run: its output may not all have been written. */
const FULL_BELOW_BYTES = 64 * 1024;
async function diskFull(dir) {
    try {
        const s = await (0,promises_namespaceObject.statfs)(dir);
        // root may write into the blocks reserved for it (ext4: 5%); anyone else may not.
        const free = process.getuid?.() === 0 ? s.bfree : s.bavail;
        return free * s.bsize < FULL_BELOW_BYTES;
    }
    catch {
        return false; // no statfs here: only ENOSPC errors tell
    }
}
/** An error message (spawn, write, go build) that says the disk is full. */
function isNoSpace(message) {
    return message !== undefined && /ENOSPC|no space left on device/i.test(message);
}

;// CONCATENATED MODULE: ./src/engine/timers.ts
// Timers for any duration a user can give: setTimeout holds at most 2^31-1 ms (24.8 days); a
// longer delay fires at once, with a TimeoutOverflowWarning. A timeout of 600h must mean 600h.
/** The longest delay setTimeout keeps. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;
/** Calls fn after ms (as setTimeout, chained for delays it cannot hold); Infinity never fires. */
function longTimeout(fn, ms) {
    let timer;
    if (!Number.isFinite(ms))
        return { clear: () => { } };
    const end = Date.now() + ms;
    const arm = () => {
        const left = end - Date.now();
        timer = left > MAX_TIMEOUT_MS ? setTimeout(arm, MAX_TIMEOUT_MS) : setTimeout(fn, Math.max(0, left));
    };
    arm();
    return { clear: () => clearTimeout(timer) };
}

;// CONCATENATED MODULE: ./src/engine/scheduler.ts
// Runs each test binary `count` times, every run its own process: the race detector reports a
// given race once per process and a panic ends the process, so only separate processes can tell
// "fails in 3 of 30 runs". Builds share the same slots, so the first runs start while later
// packages still build; runs of all packages interleave, and the runs can stop early (first
// failure, stable rates, time budget).







/** Go versions before 1.20 have no -test.v=test2json (and no -test.skip). */
function supportsTest2jsonFraming(goVersion) {
    const m = goVersion?.match(/^go1\.(\d+)/);
    return !m || Number(m[1]) >= 20;
}
function testBinaryArgs(opts) {
    const verbose = supportsTest2jsonFraming(opts.goVersion) ? '-test.v=test2json' : '-test.v=true';
    // -test.paniconexit0 as go test passes it: os.Exit(0) in a test is a failure, not a pass.
    const args = [verbose, '-test.paniconexit0', '-test.count=1', `-test.timeout=${opts.timeout}`];
    if (opts.run)
        args.push(`-test.run=${opts.run}`);
    if (opts.skip)
        args.push(`-test.skip=${opts.skip}`);
    return [...args, ...opts.testFlags];
}
/**
 * A file or directory name for an import path: `example.com/m/pkg` → `example.com_m_pkg`.
 * Names that would collide (`a/b_c`, `a_b/c`) get `-2`, `-3` … in input order.
 */
function fileNames(importPaths) {
    const used = new Set();
    return importPaths.map((p) => {
        const base = p.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'package';
        let name = base;
        for (let n = 2; used.has(name); n++)
            name = `${base}-${n}`;
        used.add(name);
        return name;
    });
}
/**
 * What a `go test` run alone would have to itself: its own temporary directory (TMPDIR, and
 * GOTMPDIR for tests that run go), and its global run index (RACE_RERUN_RUN, 1-based) from
 * which tests can pick ports. Runs that share a fixed file name in os.TempDir() then do not
 * collide.
 */
function runEnvironment(base, tmpDir, run) {
    return { ...(base ?? process.env), TMPDIR: tmpDir, GOTMPDIR: tmpDir, RACE_RERUN_RUN: String(run) };
}
/** Creates a run's temporary directory; `release` removes it with whatever the run left there. */
function runTempDir(root, name) {
    const dir = (0,external_node_path_namespaceObject.join)(root, name);
    // Synchronous, so runs start in the order they were picked.
    (0,external_node_fs_namespaceObject.mkdirSync)(dir, { recursive: true });
    return { dir, release: () => (0,promises_namespaceObject.rm)(dir, { recursive: true, force: true, maxRetries: 2 }).catch(() => { }) };
}
/**
 * A rerun while nothing else runs (history, alone): as a counted run, its own TMPDIR and run
 * index, the hard timeout, stopped by the cancellation, escapees reaped.
 */
function rerunAlone(runner, spec, how) {
    const tmp = runTempDir(how.tmpRoot, how.name);
    const timeoutMs = hardTimeoutMs(how.timeoutMs);
    return runner
        .run({
        ...spec,
        env: runEnvironment(spec.env, tmp.dir, how.run),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(how.signal ? { signal: how.signal } : {}),
        reap: true,
    })
        .finally(tmp.release);
}
/** The hard kill: the binary's own -test.timeout normally fires first, with a goroutine dump. */
function hardTimeoutMs(timeoutMs, killGraceMs) {
    if (!(timeoutMs > 0))
        return undefined; // -test.timeout=0: no limit, as with go test
    return timeoutMs + (killGraceMs ?? Math.max(30_000, Math.round(timeoutMs / 10)));
}
function spawnFailed(err) {
    const spawnError = err instanceof Error ? err.message : String(err);
    return { exitCode: null, signal: null, killed: false, durationMs: 0, output: '', spawnError };
}
const EMPTY_PARSE = { tests: [], findings: [], packages: [], sawGoOutput: false };
/** A stopped run's log is read for what it already printed only up to this size (time is short). */
const MAX_STOPPED_LOG = 8 * 1024 * 1024;
const PRINTED_BEFORE_STOP = new Set(['race', 'panic', 'fatal']);
/** A run failed: non-zero exit, killed, a finding, or a failed test. */
function scheduler_runFailed(run) {
    return (run.killed ||
        run.signal !== null ||
        (run.exitCode !== null && run.exitCode !== 0) ||
        run.parsed.findings.length > 0 ||
        run.parsed.tests.some((t) => t.action === 'fail' || t.action === 'interrupted'));
}
/** Half the width of the 95% Wilson interval of k in n. */
function halfWidth(k, n) {
    const { low, high } = wilson(k, n);
    return (high - low) / 2;
}
/**
 * A cheap stand-in for the report's signature, only to count "seen in k runs" for `stable`:
 * kind, test and the top frames of each stack. Frames matter, addresses and goroutine ids do not.
 */
function scheduler_findingKey(f) {
    const tops = f.stacks
        .filter((s) => s.role !== 'goroutine')
        .map((s) => {
        const top = s.frames[0];
        // Which side is "current" depends on scheduling; the pair of sides is what matters.
        const role = s.role.endsWith('creation') ? 'creation' : s.role === 'previous' ? 'current' : s.role;
        return top ? `${role}:${top.func}:${top.line}` : '';
    })
        .sort();
    const message = f.kind === 'race' ? '' : f.message.replace(/0x[0-9a-f]+/gi, '');
    return [f.kind, f.test ?? '', message, ...tops].join('\u0000');
}
/** Every "rate" a run contributes to: the run failing, each finding, each failed test. */
function rateKeys(run) {
    const keys = new Set();
    if (scheduler_runFailed(run))
        keys.add('run');
    for (const f of run.parsed.findings)
        keys.add(`f\u0000${scheduler_findingKey(f)}`);
    for (const t of run.parsed.tests) {
        if (t.action === 'fail' || t.action === 'interrupted')
            keys.add(`t\u0000${t.name}`);
    }
    return keys;
}
/**
 * Builds (when asked) and runs every package. Builds go first, since each unlocks runs; then the
 * next run goes to the package that has used the least run time so far, so under a time budget a
 * slow package gets fewer runs instead of crowding out the others, and without one every package
 * still gets `count`.
 */
async function schedule(jobs, opts, deps) {
    const scheduler = new Scheduler(jobs, opts, deps);
    for (const st of scheduler.states)
        await (0,promises_namespaceObject.mkdir)(st.dir, { recursive: true });
    return scheduler.run();
}
function newState(job, dir) {
    return {
        job,
        dir,
        built: job.build ? undefined : job.binary !== undefined,
        building: false,
        ...(job.binary !== undefined ? { binary: job.binary } : {}),
        started: 0,
        done: 0,
        stopped: 0,
        totalMs: 0,
        inFlight: new Map(),
        seen: new Map(),
        stable: false,
        outOfTime: false,
    };
}
/** Run time a package has used: finished runs plus the running ones so far. */
function used(st, now) {
    let ms = st.totalMs;
    for (const t of st.inFlight.values())
        ms += now - t;
    return ms;
}
/** Keeps up to `parallel` tasks from `pick` running; resolves once none is left and none can start. */
function runSlots(parallel, pick, log) {
    return new Promise((resolveAll) => {
        let active = 0; // slots in use
        let unfinished = 0; // tasks not done, released ones (a log being parsed) included
        const pump = () => {
            while (active < Math.max(1, parallel)) {
                const task = pick();
                if (!task)
                    break;
                active++;
                unfinished++;
                let released = false;
                const release = () => {
                    if (released)
                        return;
                    released = true;
                    active--;
                    pump();
                };
                task(release)
                    .catch((err) => log?.(`race-rerun: ${err.message}`))
                    .finally(() => {
                    unfinished--;
                    if (!released) {
                        released = true;
                        active--;
                    }
                    pump();
                });
            }
            if (active === 0 && unfinished === 0)
                resolveAll();
        };
        pump();
    });
}
/** The state of one schedule call: its packages, its runs so far, and why it stopped. */
class Scheduler {
    opts;
    deps;
    states;
    until;
    precision;
    timeoutMs;
    tmpRoot;
    records = [];
    globalRun = 0;
    /** Runs in flight over all packages, to tell which runs overlapped another. */
    running = new Set();
    abort = new AbortController();
    stop;
    firstFailure;
    done = 0;
    escaped = 0;
    stoppedFindings = [];
    diskFullAfter;
    ended = 0; // runs that ended with room on the disk: all of them are counted
    isFull;
    cancel = () => this.halt('cancelled');
    constructor(jobs, opts, deps) {
        this.opts = opts;
        this.deps = deps;
        this.until = opts.until ?? 'count';
        this.precision = opts.precision ?? 0.1;
        const names = fileNames(jobs.map((j) => j.package.importPath));
        this.states = jobs.map((job, i) => newState(job, (0,external_node_path_namespaceObject.join)(opts.logDir, names[i] ?? 'package')));
        this.timeoutMs = hardTimeoutMs(opts.timeoutMs, opts.killGraceMs);
        this.tmpRoot = opts.tmpRoot ?? (0,external_node_path_namespaceObject.join)(opts.logDir, 'tmp');
        this.isFull = deps.diskFull ?? diskFull;
    }
    async run() {
        const { opts } = this;
        if (opts.signal?.aborted)
            this.cancel();
        else
            opts.signal?.addEventListener('abort', this.cancel, { once: true });
        // Every run listens to `abort`: more than Node's default of 10 at once is expected here.
        (0,external_node_events_namespaceObject.setMaxListeners)(Math.max(10, opts.parallel + 1), this.abort.signal);
        let deadlineTimer;
        if (opts.deadline !== undefined) {
            deadlineTimer = longTimeout(() => this.halt('budget'), Math.max(0, opts.deadline - Date.now()));
        }
        await runSlots(opts.parallel, () => this.pick(Date.now()), this.deps.log);
        deadlineTimer?.clear();
        opts.signal?.removeEventListener('abort', this.cancel);
        return this.result();
    }
    total() {
        return this.states.filter((s) => s.built !== false).length * this.opts.count;
    }
    wantsRuns(st) {
        return st.built === true && !st.stable && !st.outOfTime && st.started < this.opts.count;
    }
    halt(reason) {
        if (this.stop !== undefined)
            return;
        this.stop = reason;
        this.abort.abort();
    }
    async launch(st, logFile, env) {
        try {
            return await this.deps.runner.run({
                command: st.binary ?? '',
                args: st.job.testArgs ?? this.opts.testArgs,
                cwd: st.job.package.dir, // as go test does: tests open testdata/ relative to it
                env,
                timeoutMs: this.timeoutMs,
                logFile,
                signal: this.abort.signal,
                reap: true,
            });
        }
        catch (err) {
            return spawnFailed(err);
        }
    }
    /** One run's process with a TMPDIR of its own; notes whether another run overlapped it. */
    async launchIsolated(st, logFile) {
        const run = ++this.globalRun;
        const me = { overlapped: this.running.size > 0 };
        for (const other of this.running)
            other.overlapped = true;
        this.running.add(me);
        let tmp;
        try {
            // In the try: a directory that cannot be made (a full disk) is this run's spawn error.
            tmp = runTempDir(this.tmpRoot, `run-${run}`);
            const result = await this.launch(st, logFile, runEnvironment(this.opts.env, tmp.dir, run));
            return { result, overlapped: me.overlapped };
        }
        catch (err) {
            return { result: spawnFailed(err), overlapped: me.overlapped };
        }
        finally {
            this.running.delete(me);
            await tmp?.release();
        }
    }
    /** A run that ended on a full disk: its output may be cut, so it is not counted and all stop. */
    async outOfSpace(st, result) {
        if (!isNoSpace(result.spawnError) && !(await this.isFull(st.dir)))
            return false;
        if (this.stop === undefined)
            this.diskFullAfter = this.ended;
        this.halt('disk');
        return true;
    }
    async parseLog(logFile, importPath) {
        try {
            return await this.deps.parse(logFile, importPath);
        }
        catch (err) {
            this.deps.log?.(`Could not parse ${logFile}: ${err instanceof Error ? err.message : String(err)}`);
            return structuredClone(EMPTY_PARSE);
        }
    }
    /** What a stopped run had already printed that the stop cannot have caused: a race, a panic. */
    async printedBeforeStop(logFile, importPath) {
        const size = await (0,promises_namespaceObject.stat)(logFile).then((s) => s.size, () => 0);
        if (size === 0 || size > MAX_STOPPED_LOG)
            return [];
        const parsed = await this.parseLog(logFile, importPath);
        return parsed.findings.filter((f) => PRINTED_BEFORE_STOP.has(f.kind));
    }
    /** `exited` is called once the process has ended, before its log is parsed. */
    async runOne(st, index, exited) {
        const { opts } = this;
        const importPath = st.job.package.importPath;
        const logFile = (0,external_node_path_namespaceObject.join)(st.dir, `run-${index}.log`);
        const { result, overlapped } = await this.launchIsolated(st, logFile);
        this.escaped += result.escaped ?? 0;
        const drop = () => (opts.keepLogs ? Promise.resolve() : (0,promises_namespaceObject.rm)(logFile, { force: true }).catch(() => { }));
        // Stopped half way: neither a pass nor a failure, so it is not counted.
        if (result.aborted || (await this.outOfSpace(st, result))) {
            if (result.aborted)
                this.stoppedFindings.push(...(await this.printedBeforeStop(logFile, importPath)));
            await drop();
            return undefined;
        }
        this.ended++;
        exited?.();
        if (result.spawnError !== undefined) {
            await (0,promises_namespaceObject.writeFile)(logFile, `race-rerun: could not run ${st.binary}: ${result.spawnError}\n`).catch(() => { });
        }
        const parsed = await this.parseLog(logFile, importPath);
        await drop();
        return {
            package: importPath,
            index,
            exitCode: result.exitCode,
            signal: result.signal,
            killed: result.killed,
            durationMs: result.durationMs,
            ...(opts.keepLogs ? { logFile } : {}),
            ...(result.escaped ? { escaped: result.escaped } : {}),
            parsed,
            overlapped,
        };
    }
    finished(st, record) {
        this.records.push(record);
        st.done++;
        st.totalMs += record.durationMs;
        for (const key of rateKeys(record))
            st.seen.set(key, (st.seen.get(key) ?? 0) + 1);
        this.done++;
        try {
            this.deps.onRun?.(record, this.done, this.total());
        }
        catch {
            // A progress callback must not stop the runs.
        }
        if (this.until === 'first' && scheduler_runFailed(record) && this.stop === undefined) {
            this.firstFailure = record;
            this.halt('first');
        }
        if (this.until === 'stable' && !st.stable) {
            const n = st.done;
            // A key never seen has k = 0 in all n runs: that is the `run` key when nothing failed.
            const ks = st.seen.has('run') ? [...st.seen.values()] : [0, ...st.seen.values()];
            if (ks.every((k) => halfWidth(k, n) <= this.precision))
                st.stable = true;
        }
    }
    /** The next thing to start, or undefined when nothing can start now. */
    pick(now) {
        if (this.stop !== undefined)
            return undefined;
        return this.pickBuild() ?? this.pickRun(now);
    }
    pickBuild() {
        const toBuild = this.states.find((st) => st.built === undefined && !st.building);
        if (!toBuild?.job.build)
            return undefined;
        const build = toBuild.job.build;
        toBuild.building = true;
        return async () => {
            let binary;
            try {
                binary = await build();
            }
            catch (err) {
                this.deps.log?.(`Build of ${toBuild.job.package.importPath} failed: ${err.message}`);
            }
            toBuild.building = false;
            toBuild.built = binary !== undefined;
            if (binary !== undefined)
                toBuild.binary = binary;
        };
    }
    /** The package that has used the least run time, of those that want a run and have time for it. */
    nextPackage(now) {
        const { opts } = this;
        let best;
        let bestUsed = 0;
        for (const st of this.states) {
            if (!this.wantsRuns(st))
                continue;
            if (opts.deadline !== undefined && st.done > 0) {
                // Do not start a run that would, by this package's average, end after the deadline.
                if (now + st.totalMs / st.done > opts.deadline) {
                    st.outOfTime = true;
                    continue;
                }
            }
            const u = used(st, now);
            if (!best || u < bestUsed || (u === bestUsed && st.started < best.started)) {
                best = st;
                bestUsed = u;
            }
        }
        return best;
    }
    pickRun(now) {
        const st = this.nextPackage(now);
        if (!st)
            return undefined;
        const index = (this.opts.firstRun ?? 1) - 1 + ++st.started;
        st.inFlight.set(index, now);
        // With `count` nothing waits on what a run found, so the next process starts while this
        // run's log is parsed: the cores keep running tests instead of waiting on the parser.
        // (`first` and `stable` decide from the parse whether to start another run.)
        return async (release) => {
            const record = await this.runOne(st, index, this.until === 'count' ? release : undefined);
            st.inFlight.delete(index);
            if (record)
                this.finished(st, record);
            else
                st.stopped++;
        };
    }
    /** Why the runs ended when nothing stopped them early. */
    endReason() {
        const ran = this.states.filter((st) => st.built === true);
        if (this.until === 'stable' && ran.length > 0 && ran.every((st) => st.stable))
            return 'stable';
        if (ran.some((st) => st.outOfTime && !st.stable && st.started < this.opts.count))
            return 'budget';
        return 'count';
    }
    result() {
        this.stop ??= this.endReason();
        const result = {
            records: this.records.sort((a, b) => a.package < b.package ? -1 : a.package > b.package ? 1 : a.index - b.index),
            stop: this.stop,
            packages: this.states.map((st) => ({
                importPath: st.job.package.importPath,
                built: st.built === true,
                runs: st.done,
                stopped: st.stopped,
                stable: st.stable,
                meanMs: st.done > 0 ? st.totalMs / st.done : 0,
            })),
            escaped: this.escaped,
            stoppedFindings: this.stoppedFindings,
        };
        if (this.firstFailure)
            result.firstFailure = this.firstFailure;
        if (this.diskFullAfter !== undefined)
            result.diskFullAfter = this.diskFullAfter;
        return result;
    }
}
/** Runs every job `count` times (see schedule); the counted runs by package then index. */
async function runAll(jobs, opts, deps) {
    return (await schedule(jobs, opts, deps)).records;
}

;// CONCATENATED MODULE: external "node:buffer"
const external_node_buffer_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: ./src/parse/merge.ts

function newTestList() {
    return new BoundedList((t) => `${t.package}\u0000${t.name}\u0000${t.action}`);
}
function newPackageList() {
    return new BoundedList((p) => `${p.name}\u0000${p.action}`, 1000);
}
/**
 * The chunks of consecutive parts of a log, each started where the parser before it was quiet
 * (so it behaved as a new parser would), as one result: items are appended as one parser would
 * have appended them, with its caps, and a build failure reported earlier is not reported again.
 */
function mergeChunks(chunks) {
    if (chunks.length === 1 && chunks[0])
        return chunks[0].output;
    const tests = newTestList();
    const packages = newPackageList();
    const findings = new KeptFindings();
    const reported = new Set();
    let sawGoOutput = false;
    for (const { output, buildReported } of chunks) {
        for (const f of output.findings) {
            if (f.kind === 'build' && reported.has(f.package))
                continue;
            findings.add(f);
        }
        if (output.beyondCap)
            findings.beyond(output.beyondCap);
        for (const t of output.tests)
            tests.push(t);
        for (const p of output.packages)
            packages.push(p);
        for (const r of buildReported)
            reported.add(r);
        sawGoOutput ||= output.sawGoOutput;
    }
    const out = {
        tests: tests.items,
        findings: findings.items,
        packages: packages.items,
        sawGoOutput,
    };
    if (findings.beyondCap)
        out.beyondCap = findings.beyondCap;
    return out;
}
/**
 * The findings of consecutive chunks kept as one parser keeps them: the first MAX_FINDINGS as
 * they come, then only reports distinct from every one kept (by `findingKey`), their repeats
 * counted on the one kept, at most MAX_DISTINCT_FINDINGS of them.
 */
class KeptFindings {
    items = [];
    beyondCap;
    keys = new ReportIndex();
    extras = 0;
    add(f) {
        const extra = f.repeats !== undefined && this.items.length >= MAX_FINDINGS;
        if (this.items.length < MAX_FINDINGS && !extra) {
            this.items.push(f);
            const k = findingKey(f);
            if (k === undefined)
                return;
            const holder = this.keys.get(k);
            if (!holder)
                this.keys.add(k, f);
            else if (f.repeats) {
                // Later copies that f's part counted on f are, for one parser, repeats of the first one.
                holder.repeats = (holder.repeats ?? 0) + f.repeats;
                delete f.repeats;
            }
            return;
        }
        const k = findingKey(f);
        if (k === undefined)
            return;
        this.beyondCap ??= { repeats: 0, dropped: 0 };
        const beyond = this.beyondCap;
        const copies = 1 + (f.repeats ?? 0);
        const holder = this.keys.get(k);
        if (holder) {
            holder.repeats = (holder.repeats ?? 0) + copies;
            beyond.repeats++;
        }
        else if (this.extras < MAX_DISTINCT_FINDINGS) {
            this.extras++;
            if (f.repeats === undefined) {
                // Kept in full by its part; one parser keeps a report past the cap with a short text.
                f.repeats = 0;
                f.key = k.text;
                f.raw = capText(f.raw, MAX_EXTRA_RAW);
            }
            this.keys.add(k, f);
            this.items.push(f);
        }
        else
            beyond.dropped += copies;
    }
    beyond(b) {
        this.beyondCap ??= { repeats: 0, dropped: 0 };
        const mine = this.beyondCap;
        mine.repeats += b.repeats;
        mine.dropped += b.dropped;
    }
}
/**
 * Joins the parts of a log parsed side by side (in order; the first from the log's start, the
 * last to its end). Part i+1 takes over at the first offset where both it and part i were quiet;
 * undefined when some pair has no such offset (then only one parser reading it all is exact).
 */
function stitch(segments) {
    const first = segments[0];
    if (first?.start !== 0)
        return undefined;
    const used = [];
    let seg = first;
    let from = 0;
    for (const next of segments.slice(1)) {
        // Where next's chunks start: its own start (a new parser), and each of its quiet points.
        const starts = new Map([[next.start, 0]]);
        next.boundaries.forEach((b, j) => {
            starts.set(b, j + 1);
        });
        let join = -1;
        for (let j = from; j < seg.boundaries.length; j++) {
            const b = seg.boundaries[j];
            if (b >= next.start && starts.has(b)) {
                join = j;
                break;
            }
        }
        if (join < 0)
            return undefined;
        used.push(...seg.chunks.slice(from, join + 1));
        from = starts.get(seg.boundaries[join]);
        seg = next;
    }
    if (!seg.complete)
        return undefined;
    used.push(...seg.chunks.slice(from));
    return mergeChunks(used);
}

;// CONCATENATED MODULE: ./src/parse/event.ts
// `go test -json` (test2json) events. JSON.parse is used as is: a hand-written scanner of these
// flat objects was measured no faster (V8's JSON.parse is native), and is more code to trust.
// The exception is the parser's narrow fast paths for the two shapes test2json writes most
// (output.ts `outputEvent`, `plainEvent`): they only slice, and hand anything else to this.
/** A test2json line as an event; undefined when the line is not a JSON object with an Action. */
function parseEvent(line) {
    let v;
    try {
        v = JSON.parse(line);
    }
    catch {
        return undefined;
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v))
        return undefined;
    const ev = v;
    return typeof ev.Action === 'string' ? ev : undefined;
}

;// CONCATENATED MODULE: ./src/parse/race.ts

/** A report has 2 accesses and up to 2 creation stacks; more is junk, not worth memory. */
const MAX_STACKS = 8;
/**
 * `Read at 0x… by goroutine 7:`, `Previous write at 0x… by main goroutine:`, atomic variants, and
 * the address-less `Write by goroutine 56:` of old race runtimes (golang/go#10661).
 */
const ACCESS_RE = /^(Previous )?(?:[Aa]tomic )?([Rr]ead|[Ww]rite)(?: of size \d+)?(?: at (0x[0-9a-fA-F]+))? by (?:goroutine (\d+)|(main goroutine)|thread T\d+)\s*:$/;
const CREATION_RE = /^Goroutine (\d+) \((?:running|finished)\) created at:$/;
/** Lines that cannot be inside a race report: the report was cut off (crash, interleaving). */
function endsRaceReport(line) {
    const c = line.charCodeAt(0);
    if (c === 32 || c === 9)
        return line.includes('race detected during execution of');
    return (line.startsWith('panic: ') ||
        line.startsWith('fatal error: ') ||
        isGoCommandLine(line) ||
        line === 'WARNING: DATA RACE');
}
/** Shared by lite assemblers, which never add to them. */
const NO_RAW = new RawText(true);
const NO_STACKS = [];
class RaceAssembler {
    withSep;
    lite;
    cutAtStart;
    raw;
    stacks;
    cur;
    pendingFunc;
    currentId;
    previousId;
    sawWarning = false;
    /** Ended by its closing separator (else cut: a crash, the end of a paste). */
    complete = false;
    /**
     * `lite`: the report is over the findings cap, so only where it ends matters (same feed results),
     * not its stacks or text: most reports of a huge log are dropped.
     */
    constructor(withSep, lite = false, 
    /** Started at an access line: the paste began after `WARNING: DATA RACE`. */
    cutAtStart = false, rawMax) {
        this.withSep = withSep;
        this.lite = lite;
        this.cutAtStart = cutAtStart;
        this.raw = lite ? NO_RAW : new RawText(false, rawMax);
        this.stacks = lite ? NO_STACKS : [];
        if (withSep)
            this.raw.add(RACE_SEP);
    }
    feed(line) {
        if (this.cutAtStart && !this.sawWarning)
            this.sawWarning = true;
        if (line === RACE_SEP) {
            // A separator before the WARNING line belongs to the opening; after it, it closes.
            this.raw.add(line);
            if (this.sawWarning)
                this.complete = true;
            return this.sawWarning ? 'done' : 'more';
        }
        if (line === 'WARNING: DATA RACE' && !this.sawWarning) {
            this.sawWarning = true;
            this.raw.add(line);
            return 'more';
        }
        // The report goes to stderr, test framing to stdout: with parallel tests they can interleave.
        if (line.startsWith('=== ') || isResultAfterIndent(line))
            return 'pass';
        if (endsRaceReport(line))
            return 'reject';
        if (this.lite)
            return 'more';
        this.raw.add(line);
        if (line.length === 0) {
            this.endStack();
            return 'more';
        }
        // Told by content, not indentation: pasted reports have frames indented with tabs, other
        // widths or not at all. Frames: `  FUNC()` then `      FILE:LINE +0xOFF`.
        const c0 = line.charCodeAt(0);
        const t = c0 === 32 || c0 === 9 ? line.trim() : line;
        if (this.cur) {
            const loc = t.endsWith(')') ? undefined : parseFileLine(t);
            if (loc) {
                if (this.pendingFunc !== undefined) {
                    pushFrame(this.cur.frames, { func: this.pendingFunc, file: loc.file, line: loc.line });
                }
                this.pendingFunc = undefined;
                return 'more';
            }
            if (t.startsWith('[')) {
                // `[failed to restore the stack]` leaves the stack empty.
                this.pendingFunc = undefined;
                return 'more';
            }
            if (t.endsWith(')') && !t.endsWith(':')) {
                this.pendingFunc = splitFuncArgs(t).func;
                return 'more';
            }
        }
        else if (c0 === 32 || c0 === 9) {
            if (!ACCESS_RE.test(t) && !CREATION_RE.test(t))
                return 'more';
        }
        this.endStack();
        if (this.stacks.length >= MAX_STACKS)
            return 'more';
        const access = ACCESS_RE.exec(t);
        if (access) {
            const previous = access[1] !== undefined;
            const id = access[5] ? 'main' : Number(access[4] ?? 0);
            if (previous)
                this.previousId = id;
            else
                this.currentId = id;
            this.cur = {
                role: previous ? 'previous' : 'current',
                header: t.slice(0, -1).trimEnd(),
                access: access[2]?.toLowerCase() === 'write' ? 'write' : 'read',
                goroutine: id,
                frames: [],
            };
            this.stacks.push(this.cur);
            return 'more';
        }
        const creation = CREATION_RE.exec(t);
        if (creation) {
            this.cur = {
                role: 'creation',
                header: t.slice(0, -1),
                goroutine: Number(creation[1]),
                frames: [],
            };
            this.stacks.push(this.cur);
        }
        // Anything else (`Heap block …`, `Mutex M created at:`) starts a section we do not keep.
        return 'more';
    }
    endStack() {
        this.cur = undefined;
        this.pendingFunc = undefined;
    }
    /** Stacks with creation roles matched to the access goroutines. */
    finish() {
        let haveCurrentCreation = false;
        let havePreviousCreation = false;
        for (const s of this.stacks) {
            if (s.role !== 'creation')
                continue;
            if (!haveCurrentCreation && s.goroutine === this.currentId) {
                s.role = 'current-creation';
                haveCurrentCreation = true;
            }
            else if (!havePreviousCreation && s.goroutine === this.previousId) {
                s.role = 'previous-creation';
                havePreviousCreation = true;
            }
        }
        return this.stacks;
    }
}

;// CONCATENATED MODULE: ./src/parse/traceback.ts

const MAX_HEADER_LINES = 200;
const MAX_CANDIDATE_BLOCKS = 50;
const MAX_OTHER_BLOCKS = 10;
const MAX_MESSAGE = 1000;
const RECOVERED_RE = / \[recovered(?:, [a-z]+)*\]$/;
/** `goroutine 8 [running]:`, `goroutine 1 gp=0x… m=0 mp=0x… [running]:`, `… [running] {labels}:`. */
function parseGoroutineHeader(line) {
    if (!line.startsWith('goroutine ') || !line.endsWith(':'))
        return undefined;
    let i = 10;
    let id = 0;
    while (i < line.length) {
        const c = line.charCodeAt(i);
        if (c < 48 || c > 57)
            break;
        id = id * 10 + (c - 48);
        i++;
    }
    if (i === 10 || line.charCodeAt(i) !== 32 || line.indexOf('[', i) < 0)
        return undefined;
    return id;
}
/**
 * What a line inside a goroutine block is, by content, whatever its indentation (pastes turn the
 * tab before file lines into spaces, or drop it): `FILE:LINE +0xOFF`, `created by …`, Go's
 * `...N frames elided...`, a function call `pkg.F(…)`, or anything else (which ends the report).
 */
function blockLine(line) {
    const c0 = line.charCodeAt(0);
    if (c0 === 9)
        return 'file';
    const indented = c0 === 32;
    const t = indented ? line.trimStart() : line;
    if (t.startsWith('created by '))
        return 'created';
    if (t.startsWith('...') && t.endsWith('...') && t.includes('elided'))
        return 'elided';
    if (t.endsWith(')')) {
        // `--- FAIL: TestX (0.00s)` and `=== RUN` are test framing, not calls; indented calls are
        // a t.Log's text (a uniformly indented paste is unindented before it gets here).
        if (indented || t.startsWith('--- ') || t.startsWith('=== ') || t.indexOf('(') <= 0)
            return 'other';
        return 'func';
    }
    // `.go:`, and the runtime's `.s:`, `.c:` and `.goc:` files of old toolchains.
    if (t.indexOf(':') > 0 && parseFileLine(t))
        return 'file';
    return 'other';
}
/** Column-0 lines that end a traceback's header part: Go framing, package lines, the go command. */
function endsTracebackHeader(line) {
    return (line.startsWith('=== ') ||
        isResultAfterIndent(line) ||
        isGoCommandLine(line) ||
        line === RACE_SEP ||
        line === 'WARNING: DATA RACE');
}
/** The block a lite assembler is in: only whether there is one matters. */
const LITE_BLOCK = {
    header: '',
    goroutine: 0,
    frames: [],
    skip: true,
    hasTestFrame: false,
    hasUserFrame: false,
    goMarkers: 0,
};
/** Shared by lite assemblers, which never add to them: most reports of a huge log are lite. */
const NO_LINES = [];
const NO_BLOCKS = [];
const traceback_NO_RAW = new RawText(true);
class TracebackAssembler {
    lite;
    cutAtStart;
    raw;
    header;
    headerCount = 0;
    inBlocks = false;
    cur;
    first;
    candidates;
    others;
    pendingFunc;
    pendingCreated;
    /**
     * `lite`: the report is over the findings cap, so only where it ends matters (same feed results),
     * not its blocks or text: most reports of a huge log are dropped.
     */
    constructor(lite = false, 
    /** Started at a goroutine header: the paste began after the `panic:` line. */
    cutAtStart = false, rawMax) {
        this.lite = lite;
        this.cutAtStart = cutAtStart;
        this.raw = lite ? traceback_NO_RAW : new RawText(false, rawMax);
        this.header = lite ? NO_LINES : [];
        this.candidates = lite ? NO_BLOCKS : [];
        this.others = lite ? NO_BLOCKS : [];
    }
    feed(line) {
        if (!this.inBlocks) {
            if (line === 'runtime stack:' || parseGoroutineHeader(line) !== undefined) {
                this.inBlocks = true;
                this.startBlock(line);
                return 'more';
            }
            if (endsTracebackHeader(line) || this.headerCount >= MAX_HEADER_LINES)
                return 'reject';
            this.headerCount++;
            if (this.lite)
                return 'more';
            this.header.push(line);
            this.raw.add(line);
            return 'more';
        }
        if (line.length === 0) {
            this.endBlock();
            this.raw.add(line);
            return 'more';
        }
        if (line === 'runtime stack:' || parseGoroutineHeader(line) !== undefined) {
            this.endBlock();
            this.startBlock(line);
            return 'more';
        }
        const b = this.cur;
        if (!b)
            return 'reject';
        const kind = blockLine(line);
        if (kind === 'other')
            return 'reject';
        if (this.lite)
            return 'more';
        this.raw.add(line);
        if (kind === 'file') {
            const loc = parseFileLine(line.trim());
            if (loc) {
                if (this.pendingCreated !== undefined) {
                    b.createdBy = { func: this.pendingCreated, file: loc.file, line: loc.line };
                }
                else if (this.pendingFunc) {
                    const f = { func: this.pendingFunc.func, file: loc.file, line: loc.line };
                    if (this.pendingFunc.inlined)
                        f.inlined = true;
                    pushFrame(b.frames, f, MAX_FRAMES + b.goMarkers);
                    this.noteFrame(b, f);
                }
            }
            this.pendingFunc = undefined;
            this.pendingCreated = undefined;
            return 'more';
        }
        const t = line.trimStart();
        if (kind === 'created') {
            b.createdHeader = t;
            const rest = t.slice(11);
            const inG = rest.indexOf(' in goroutine ');
            this.pendingCreated = inG >= 0 ? rest.slice(0, inG) : rest;
            this.pendingFunc = undefined;
            return 'more';
        }
        if (kind === 'elided') {
            if (b.frames.length < MAX_FRAMES + b.goMarkers) {
                b.frames.push(elidedFrame(t));
                b.goMarkers++;
            }
            return 'more';
        }
        const { func, args } = splitFuncArgs(t);
        this.pendingFunc = { func, inlined: args === '...' };
        this.pendingCreated = undefined;
        return 'more';
    }
    startBlock(line) {
        if (this.lite) {
            this.cur = LITE_BLOCK;
            return;
        }
        this.raw.add(line);
        const id = parseGoroutineHeader(line);
        this.cur = {
            header: line.endsWith(':') ? line.slice(0, -1) : line,
            goroutine: id ?? 0,
            frames: [],
            skip: id === undefined,
            hasTestFrame: false,
            hasUserFrame: false,
            goMarkers: 0,
        };
        this.pendingFunc = undefined;
        this.pendingCreated = undefined;
    }
    noteFrame(b, f) {
        if (!b.hasTestFrame && testNameFromFunc(f.func))
            b.hasTestFrame = true;
        if (!b.hasUserFrame && isUserFrame(f))
            b.hasUserFrame = true;
    }
    endBlock() {
        const b = this.cur;
        this.cur = undefined;
        this.pendingFunc = undefined;
        this.pendingCreated = undefined;
        if (!b || b.skip || this.lite)
            return;
        // Keep only what can be chosen or shown: memory must not grow with the goroutine count.
        if (!this.first)
            this.first = b;
        else if (b.hasTestFrame && this.candidates.length < MAX_CANDIDATE_BLOCKS)
            this.candidates.push(b);
        else if (b.hasUserFrame && this.others.length < MAX_OTHER_BLOCKS)
            this.others.push(b);
    }
    /**
     * The finished traceback, or undefined when it was only a `panic: …`-looking line with no
     * goroutine dump that did not end the process (some program printing the word).
     */
    finish(processEnded) {
        this.endBlock();
        if (!this.first && !processEnded)
            return undefined;
        const h = parseHeader(this.header);
        let kind = h.fatal ? 'fatal' : 'panic';
        if (!h.fatal && h.message.startsWith('test timed out after '))
            kind = 'timeout';
        const all = [];
        if (this.first)
            all.push(this.first);
        all.push(...this.candidates, ...this.others);
        let chosen = this.first;
        if (kind === 'timeout' || (kind === 'fatal' && h.message.startsWith('all goroutines are asleep'))) {
            // The first goroutine is the alarm (or main for a deadlock): pick the test's own goroutine.
            chosen = pickTestBlock(all, h.running[0]?.split('/')[0]) ?? this.first;
        }
        else if (kind === 'panic' && h.message.startsWith('deadlock: ')) {
            // testing/synctest: the panic is raised in synctest.Test's caller; the bug is where a
            // goroutine of the bubble is blocked (`[chan receive (durable), synctest bubble 1]`).
            chosen = all.find((b) => b.hasUserFrame && b.header.includes('synctest bubble')) ?? this.first;
        }
        const stacks = [];
        if (chosen) {
            stacks.push({
                role: 'panic',
                header: chosen.header,
                goroutine: chosen.goroutine,
                frames: chosen.frames,
            });
            if (chosen.createdBy) {
                stacks.push({
                    role: 'creation',
                    header: chosen.createdHeader ?? `created by ${chosen.createdBy.func}`,
                    goroutine: chosen.goroutine,
                    frames: [chosen.createdBy],
                });
            }
        }
        const stackTest = testFromStacks(stacks);
        if (kind !== 'panic') {
            for (const b of all) {
                if (b === chosen || !b.hasUserFrame || stacks.length >= MAX_OTHER_BLOCKS + 2)
                    continue;
                stacks.push({ role: 'goroutine', header: b.header, goroutine: b.goroutine, frames: b.frames });
            }
        }
        const out = { kind, message: h.message, stacks, raw: this.raw.text() };
        if (this.cutAtStart || !this.first)
            out.truncated = true;
        if (stackTest)
            out.stackTest = stackTest;
        if (kind === 'timeout')
            out.runningTests = h.running;
        return out;
    }
}
/** The last goroutine running the test's code under `testing.(*T).Run`: the deepest subtest body. */
function pickTestBlock(blocks, test) {
    const matches = blocks.filter((b) => b.hasTestFrame && (!test || b.frames.some((f) => testNameFromFunc(f.func) === test)));
    const underRun = matches.filter((b) => b.createdBy?.func === 'testing.(*T).Run');
    return underRun[underRun.length - 1] ?? matches[0];
}
/**
 * `panic: V [recovered]` + tab-indented nested `panic:` lines (≤1.24), `[recovered, repanicked]`
 * (≥1.25), `[signal …]`, continuation lines of multi-line values (tab-indented from 1.23), and the
 * timeout's `running tests:` list (indented from 1.23). The message is the first (original) value.
 */
function parseHeader(lines) {
    const entries = [];
    const running = [];
    let fatal = false;
    let inRunning = false;
    for (const l of lines) {
        if (inRunning) {
            const c = l.charCodeAt(0);
            if (c === 9 || c === 32) {
                const t = l.trim();
                if (t) {
                    const paren = t.lastIndexOf(' (');
                    running.push(paren > 0 ? t.slice(0, paren) : t);
                }
                continue;
            }
            inRunning = false;
        }
        const t = l.charCodeAt(0) === 9 ? l.slice(1) : l;
        if (t === 'running tests:') {
            inRunning = true;
            continue;
        }
        if (t.startsWith('panic: ')) {
            entries.push([t.slice(7)]);
            continue;
        }
        if (l.startsWith('fatal error: ')) {
            if (entries.length === 0)
                fatal = true;
            entries.push([l.slice(13)]);
            continue;
        }
        if (l.startsWith('[signal ') || l.trim() === '')
            continue;
        entries[entries.length - 1]?.push(t);
    }
    const first = entries[0] ?? [lines[0] ?? ''];
    let message = first
        .map((s) => s.trim())
        .filter((s) => s)
        .join(' ');
    message = message.replace(RECOVERED_RE, '');
    if (message.length > MAX_MESSAGE)
        message = `${message.slice(0, MAX_MESSAGE)}…`;
    return { fatal, message, running };
}

;// CONCATENATED MODULE: ./src/parse/stream.ts




// `s`: a message may hold a lone `\r`, which `.` would not match.
const ERROR_LINE_RE = /^([^\s:]+\.go):(\d+): ?(.*)$/s;
const ELAPSED_RE = /\((\d+(?:\.\d+)?)s\)$/;
const MAX_ERROR_RAW = 4096;
/** A package's outcomes until its end: `-count=100000` in one process must not grow memory. */
function newOutcomes() {
    return new BoundedList((t) => `${t.name}\u0000${t.action}`);
}
function parentOf(name) {
    const slash = name.lastIndexOf('/');
    return slash > 0 ? name.slice(0, slash) : undefined;
}
const ACCESS_START_RE = /^(?:Previous )?(?:[Aa]tomic )?(?:[Rr]ead|[Ww]rite)(?: of size \d+)?(?: at 0x[0-9a-fA-F]+)? by (?:goroutine \d+|main goroutine)\s*:$/;
/**
 * Where a report header starts in a line that is not Go output at column 0, or -1: after a
 * prefix that is only whitespace, markdown quoting or punctuation (no letter or digit: progress
 * dots, a backtick), or that ends like a shell prompt (`$ `, `# `, `% `, `> `). Also an access
 * line (a paste cut before `WARNING: DATA RACE`), at any indentation.
 */
function headerAt(line) {
    // Past an indent or quoting, a letter or digit: the header can only start right there (a
    // t.Log line `    x_test.go:12: panic: …` is not one), so no search through the line.
    let i = 0;
    let c = line.charCodeAt(0);
    while (c === 32 || c === 9 || c === 62)
        c = line.charCodeAt(++i);
    const lower = c | 32;
    if ((lower >= 97 && lower <= 122) || (c >= 48 && c <= 57)) {
        if (i === 0 && !line.endsWith(':'))
            return -1;
        if (i > 0 &&
            (line.startsWith('panic: ', i) ||
                line.startsWith('fatal error: ', i) ||
                (line.startsWith('WARNING: DATA RACE', i) && line.length === i + 18)))
            return i;
        if (!line.endsWith(':'))
            return -1;
        const t = line.slice(i);
        return ACCESS_START_RE.test(t) || parseGoroutineHeader(t) !== undefined ? i : -1;
    }
    const colon = line.indexOf(': ');
    let at = -1;
    if (colon >= 0) {
        const w = line.indexOf('WARNING: DATA RACE');
        if (w >= 0 && line.length === w + 18)
            at = w;
        else {
            const p = line.indexOf('panic: ');
            const f = line.indexOf('fatal error: ');
            at = p >= 0 && (f < 0 || p < f) ? p : f;
        }
    }
    else if (line.endsWith(RACE_SEP)) {
        at = line.indexOf(RACE_SEP);
        if (line.length !== at + RACE_SEP.length)
            at = -1;
    }
    else if (line.endsWith(':')) {
        // Only an indent or markdown quoting before it: an access line is recognised by its shape.
        const t = line.replace(/^[\s>]+/, '');
        if (ACCESS_START_RE.test(t) || parseGoroutineHeader(t) !== undefined)
            return line.length - t.length;
    }
    if (at <= 0)
        return -1;
    const prefix = line.slice(0, at);
    if (!/[\p{L}\p{N}]/u.test(prefix) || /[$#%>] ?$/.test(prefix))
        return at;
    return -1;
}
class LineStream {
    sink;
    json;
    race;
    traceback;
    /** Positional context captured when the current report started. */
    reportPositional;
    reportLastFail;
    pendingSep = false;
    /**
     * What stood before the header of the report being assembled (a uniform indent, a markdown
     * `> `): taken off its later lines too. Undefined for reports at column 0.
     */
    reportPrefix;
    sepPrefix;
    /** A report just ended: a goroutine block right after it is more of its dump, not a new report. */
    afterReport = false;
    /** The lines a lite assembler took, to tell a repeat from a new report (then replayed). */
    liteLines = [];
    /** This stream's pending findings were given to the sink's `remember` (once over the cap). */
    registered = false;
    /** The key of the report being replayed: its finding is kept past the cap. */
    replayKey;
    /** Test named by the last `=== RUN/CONT/NAME` (or the JSON `Test`). */
    current;
    /** Last `--- FAIL` since the last other framing line: a panic right after it is that test's. */
    lastFail;
    /** Saw 0x16 framing: `-test.v=test2json` output, where t.Error lines precede `--- FAIL`. */
    framed = false;
    /** Non-verbose output: t.Error lines follow `--- FAIL`, indented one level deeper than it. */
    resultByLevel = [];
    lastWasResult = false;
    lastError;
    buildKey;
    running = new Map();
    tests = newOutcomes();
    findings = [];
    failed = new Set();
    errors = new Map();
    withFinding = new Set();
    constructor(sink, 
    /** JSON streams get outcomes and package results from events, not from text lines. */
    json) {
        this.sink = sink;
        this.json = json;
    }
    /**
     * One line of output. For JSON streams, `test` is the event's `Test` (the positional test
     * test2json computed) and `outputType` its 1.27 `OutputType` (`error` marks t.Error lines, so
     * logs can be told apart); plain values, not an object: this runs for every line.
     */
    line(input, test, outputType) {
        let line = input;
        const x16 = line.indexOf('\x16');
        if (x16 > 0) {
            // Framing glued to unterminated test output: handle the two parts as lines.
            this.line(line.slice(0, x16), test, outputType);
            line = line.slice(x16);
        }
        if (x16 >= 0) {
            line = line.slice(1);
            this.framed = true;
        }
        if (this.json)
            this.current = test;
        const p = this.reportPrefix;
        let stripped;
        if (p !== undefined && (this.race || this.traceback)) {
            if (line.startsWith(p)) {
                line = line.slice(p.length);
                stripped = p;
            }
            else if (line === p.trimEnd())
                line = ''; // a quoted blank line: `>`
        }
        if (this.race) {
            const r = this.race.feed(line);
            if (this.race.lite && (r === 'more' || r === 'done'))
                this.keepLiteLine(line);
            if (r === 'more')
                return;
            if (r === 'pass') {
                this.recognise(line, outputType);
                return;
            }
            if (r === 'done') {
                this.finishReport(false);
                return;
            }
            this.finishReport(false);
        }
        else if (this.traceback) {
            const r = this.traceback.feed(line);
            if (r === 'more') {
                if (this.traceback.lite)
                    this.keepLiteLine(line);
                return;
            }
            this.finishReport(this.endsProcess(line));
        }
        this.idle(line, outputType);
        // The line that ended a quoted report starts the next one (`> WARNING: DATA RACE` right
        // after a report whose closing separator was lost): it is quoted the same way.
        if (stripped !== undefined && (this.race || this.traceback))
            this.reportPrefix ??= stripped;
    }
    keepLiteLine(line) {
        if (this.liteLines.length <= MAX_REPORT_LINES)
            this.liteLines.push(line);
    }
    endsProcess(line) {
        return line.startsWith('exit status ') || line.startsWith('FAIL\t') || line.startsWith('ok  \t');
    }
    idle(line, outputType) {
        if (line.length === 0) {
            this.pendingSep = false;
            this.buildKey = undefined;
            this.lastError = undefined;
            return;
        }
        if (this.pendingSep) {
            this.pendingSep = false;
            const sp = this.sepPrefix ?? '';
            if (line.length === sp.length + 18 && line.startsWith(sp) && line.endsWith('WARNING: DATA RACE')) {
                this.startRace(true, line.slice(sp.length), sp || undefined);
                return;
            }
        }
        this.sepPrefix = undefined;
        if (!this.recognise(line, outputType)) {
            if (this.shiftedHeader(line))
                return;
            // Not Go test output: maybe compiler output, or an error message's continuation line.
            const c = line.charCodeAt(0);
            if (this.buildKey !== undefined && !this.json) {
                this.sink.buildText(this.buildKey, line);
            }
            else if (c !== 32 && c !== 9 && !this.json && line.includes('.go:') && isBuildErrorLine(line)) {
                this.sink.buildText('', line);
            }
            return;
        }
        this.buildKey = undefined;
    }
    /** Handles a line if it is recognisably Go output; false otherwise. */
    recognise(line, outputType) {
        const c = line.charCodeAt(0);
        // Only deeper-indented lines continue a t.Error message.
        if (c !== 32)
            this.lastError = undefined;
        switch (c) {
            case 61: // '='
                if (line === RACE_SEP) {
                    this.pendingSep = true;
                    return true;
                }
                if (line.startsWith('=== ')) {
                    this.framing(line);
                    return true;
                }
                return false;
            case 87: // 'W'
                if (line === 'WARNING: DATA RACE') {
                    this.startRace(false, line);
                    return true;
                }
                return false;
            case 45: // '-'
                return line.startsWith('--- ') && this.result(line, 0);
            case 32: {
                // Indented: a subtest result, or a t.Error/t.Log line.
                let indent = 0;
                while (line.charCodeAt(indent) === 32)
                    indent++;
                // Char checks before slicing: most indented lines are frames or messages, not results.
                if (line.charCodeAt(indent) === 45 &&
                    line.charCodeAt(indent + 1) === 45 &&
                    line.charCodeAt(indent + 2) === 45 &&
                    line.charCodeAt(indent + 3) === 32) {
                    return this.result(line.slice(indent), indent);
                }
                if (indent >= 4 && !this.overCap())
                    this.errorLine(line.slice(indent), indent, outputType);
                return false;
            }
            case 112: // 'p'
                if (line.startsWith('panic: ')) {
                    this.startTraceback(line);
                    return true;
                }
                return false;
            case 102: // 'f'
                if (line.startsWith('fatal error: ')) {
                    this.startTraceback(line);
                    return true;
                }
                return false;
            case 111: // 'o'
                if (line.startsWith('ok  \t') || line.startsWith('ok\t')) {
                    this.packageLine(line.slice(2), 'pass');
                    return true;
                }
                return false;
            case 70: // 'F'
                if (line === 'FAIL') {
                    this.bare();
                    return true;
                }
                if (line.startsWith('FAIL\t')) {
                    this.packageLine(line.slice(4), 'fail');
                    return true;
                }
                if (line.startsWith('Found ') && line.includes(' data race')) {
                    this.sink.sawGo();
                    return true;
                }
                return false;
            case 80: // 'P'
                if (line === 'PASS') {
                    this.bare();
                    return true;
                }
                return false;
            case 63: // '?'
                if (line.startsWith('?   \t')) {
                    this.packageLine(line.slice(1), 'skip');
                    return true;
                }
                return false;
            case 103: // 'g'
                if (parseGoroutineHeader(line) !== undefined) {
                    this.sink.sawGo();
                    // A paste that starts at the goroutine dump: the `panic:` line was cut off.
                    if (!this.afterReport)
                        this.startTraceback(line, undefined, true);
                    return true;
                }
                return false;
            case 35: // '#'
                if (line.startsWith('# ') && !this.json) {
                    const rest = line.slice(2).trim();
                    // `# [pkg]` (vet) continues the block its `# pkg` line opened.
                    if (!(rest.startsWith('[') && this.buildKey !== undefined))
                        this.buildKey = buildPackageKey(rest);
                    this.sink.buildText(this.buildKey ?? '', line);
                    return false;
                }
                return false;
            default:
                return false;
        }
    }
    framing(line) {
        this.sink.sawGo();
        this.afterReport = false;
        const rest = line.slice(4);
        const sp = rest.indexOf(' ');
        const verb = sp >= 0 ? rest.slice(0, sp) : rest;
        const name = sp >= 0 ? rest.slice(sp + 1).trim() : '';
        this.lastWasResult = false;
        this.lastFail = undefined;
        this.lastError = undefined;
        switch (verb) {
            case 'RUN':
                if (!name)
                    return;
                this.current = name;
                // A new run of the test (-count): forget the previous run's messages.
                this.errors.delete(name);
                if (!this.json)
                    this.started(name);
                return;
            case 'CONT':
            case 'NAME':
                if (!this.json)
                    this.current = name || undefined;
                return;
            default:
                return;
        }
    }
    result(line, indent) {
        // `--- FAIL: TestX (0.00s)`; `--- BENCH:` is not a result.
        const word = line.slice(4, 8);
        if (line.charCodeAt(8) !== 58)
            return false;
        let action;
        if (word === 'PASS')
            action = 'pass';
        else if (word === 'FAIL')
            action = 'fail';
        else if (word === 'SKIP')
            action = 'skip';
        else
            return false;
        const rest = line.slice(9).trim();
        const sp = rest.indexOf(' ');
        const name = sp >= 0 ? rest.slice(0, sp) : rest;
        if (!name)
            return false;
        this.sink.sawGo();
        const m = ELAPSED_RE.exec(rest);
        if (!this.json)
            this.finished(name, action, m ? Number(m[1]) : undefined);
        else if (action === 'fail')
            this.failed.add(intern(name));
        if (action === 'fail')
            this.lastFail = name;
        if (!this.json && this.current && (this.current === name || this.current.startsWith(`${name}/`))) {
            this.current = parentOf(name);
        }
        const level = Math.floor(indent / 4);
        this.resultByLevel.length = level;
        this.resultByLevel[level] = name;
        this.lastWasResult = true;
        this.lastError = undefined;
        return true;
    }
    /**
     * `    file_test.go:31: message` (t.Error, t.Fatal, or t.Log: text cannot tell them apart).
     * Not called over the cap: messages only feed `failure` findings, and Go output was seen already.
     */
    errorLine(rest, indent, outputType) {
        const last = this.lastError;
        if (last && indent > last.indent) {
            // Continuation of a multi-line message (testify's `Error Trace:` / `Error:` blocks).
            const t = rest.trim();
            if (last.info.raw.length < MAX_ERROR_RAW)
                last.info.raw += detach(`\n${' '.repeat(indent)}${rest}`);
            if (last.info.message === '' && t && !t.startsWith('Error Trace:')) {
                last.info.message = detach((t.startsWith('Error:') ? t.slice(6) : t).trim());
            }
            return;
        }
        this.lastError = undefined;
        if (!rest.includes('.go:'))
            return;
        const m = ERROR_LINE_RE.exec(rest);
        if (!m)
            return;
        this.sink.sawGo();
        const message = (m[3] ?? '').trim();
        if (message.startsWith('race detected during execution of'))
            return;
        if (outputType !== undefined && outputType !== 'error')
            return;
        let test;
        if (this.json || this.framed || !this.lastWasResult)
            test = this.current;
        else
            test = this.resultByLevel[Math.floor(indent / 4) - 1];
        if (!test)
            return;
        const existing = this.errors.get(test);
        if (existing) {
            if (existing.raw.length < MAX_ERROR_RAW)
                existing.raw += detach(`\n${' '.repeat(indent)}${rest}`);
            this.lastError = { info: existing, indent };
            if (existing.message === '' && message)
                existing.message = detach(message);
            return;
        }
        const info = {
            message: detach(message),
            file: intern(m[1] ?? ''),
            line: Number(m[2]),
            raw: detach(`${' '.repeat(indent)}${rest}`),
        };
        this.errors.set(test, info);
        this.lastError = { info, indent };
    }
    bare() {
        this.sink.sawGo();
        this.current = undefined;
        this.lastFail = undefined;
        this.lastWasResult = false;
    }
    /** `ok  \tpkg\t0.1s`, `FAIL\tpkg\t0.02s`, `FAIL\tpkg [build failed]`, `?   \tpkg\t[no test files]`. */
    packageLine(rest, action) {
        this.sink.sawGo();
        const body = rest.trim();
        // Import paths hold no whitespace; Go separates the fields with tabs (logs may show spaces).
        let end = 0;
        while (end < body.length && body.charCodeAt(end) !== 9 && body.charCodeAt(end) !== 32)
            end++;
        const pkg = body.slice(0, end);
        const failedBuild = body.endsWith(' [build failed]') || body.endsWith(' [setup failed]');
        if (!pkg)
            return;
        if (!this.json) {
            this.sink.addPackage(pkg, action);
            this.flush(pkg);
        }
        if (failedBuild)
            this.sink.buildFailed(pkg);
        if (!this.json)
            this.sink.packageEnded(pkg);
    }
    startRace(withSep, line, prefix, cutAtStart = false) {
        this.sink.sawGo();
        this.race = new RaceAssembler(withSep, this.overCap(), cutAtStart);
        this.liteLines = [];
        if (this.race.feed(line) !== 'reject' && this.race.lite)
            this.keepLiteLine(line);
        this.reportPrefix = prefix;
        this.reportPositional = this.current;
        this.reportLastFail = this.lastFail;
    }
    startTraceback(line, prefix, cutAtStart = false) {
        this.sink.sawGo();
        this.traceback = new TracebackAssembler(this.overCap(), cutAtStart);
        this.liteLines = [];
        if (this.traceback.feed(line) === 'more' && this.traceback.lite)
            this.keepLiteLine(line);
        this.reportPrefix = prefix;
        this.reportPositional = this.current;
        this.reportLastFail = this.lastFail;
    }
    /**
     * A report header that does not start at column 0: a uniformly indented or quoted report
     * (markdown `> `, t.Log's indent), junk glued before it (progress dots, a fence's backtick, a
     * shell prompt), or a paste that starts at an access stack (`Read at 0x… by goroutine 7:`).
     */
    shiftedHeader(line) {
        const at = headerAt(line);
        if (at < 0)
            return false;
        const prefix = line.slice(0, at);
        const rest = line.slice(at);
        // The indent or quoting part of the prefix is on every line of the report; junk is not.
        const lead = /^[\s>]*/.exec(prefix)?.[0] ?? '';
        const whole = lead === '' ? undefined : lead;
        if (rest === RACE_SEP) {
            this.pendingSep = true;
            this.sepPrefix = prefix;
            this.sink.sawGo();
        }
        else if (rest === 'WARNING: DATA RACE')
            this.startRace(false, rest, whole);
        else if (rest.startsWith('panic: ') || rest.startsWith('fatal error: '))
            this.startTraceback(rest, whole);
        else if (rest.startsWith('goroutine ')) {
            if (this.afterReport)
                return false;
            this.startTraceback(rest, whole, true);
        }
        else
            this.startRace(false, rest, whole, true);
        return true;
    }
    /**
     * A finding made now would be dropped: this stream's findings go out after those kept so far,
     * its `failure` findings after its own, and the kept count only grows. Then reports are only
     * delimited (lite assemblers) and t.Error messages not collected.
     */
    overCap() {
        return this.findings.length + this.sink.findingCount() >= MAX_FINDINGS;
    }
    /** Ends the report being assembled (cut off or complete) and records its finding. */
    finishReport(processEnded) {
        this.reportPrefix = undefined;
        if (this.race || this.traceback)
            this.afterReport = true;
        if (this.race?.lite || this.traceback?.lite) {
            if (!this.replay()) {
                this.race = undefined;
                this.traceback = undefined;
                return;
            }
        }
        if (this.race) {
            const race = this.race;
            this.race = undefined;
            const stacks = race.finish();
            const order = ['current', 'previous', 'current-creation', 'previous-creation', 'creation'];
            const sorted = [...stacks].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
            const test = combineTest(testFromStacks(sorted), this.reportPositional);
            const f = { kind: 'race', package: '', message: '', stacks, raw: race.raw.text() };
            if (race.cutAtStart || !race.complete)
                f.truncated = true;
            this.addFinding(f, test);
        }
        else if (this.traceback) {
            const tb = this.traceback.finish(processEnded);
            this.traceback = undefined;
            if (!tb)
                return;
            let test;
            if (tb.kind === 'timeout' && tb.runningTests?.[0])
                test = tb.runningTests[0];
            else
                test = combineTest(tb.stackTest, this.reportPositional ?? this.reportLastFail);
            const f = {
                kind: tb.kind,
                package: '',
                message: tb.message,
                stacks: tb.stacks,
                raw: tb.raw,
            };
            if (tb.runningTests)
                f.runningTests = tb.runningTests;
            if (tb.truncated)
                f.truncated = true;
            this.addFinding(f, test);
        }
        this.replayKey = undefined;
    }
    /**
     * A report past the cap just ended (assembled lite): a repeat is counted on the one kept; a
     * distinct one is assembled again in full from its lines (true: finish it as usual).
     */
    replay() {
        const lines = this.liteLines;
        this.liteLines = [];
        if (lines.length > MAX_REPORT_LINES)
            return false;
        if (!this.registered) {
            this.registered = true;
            for (const f of this.findings) {
                const k = findingKey(f);
                if (k)
                    this.sink.remember(k, f);
            }
        }
        const race = this.race;
        const tb = this.traceback;
        const key = reportKey(race ? 'race' : 'traceback', lines);
        this.replayKey = key;
        if (this.sink.seen(key) !== 'new')
            return false;
        if (race) {
            const full = new RaceAssembler(race.withSep, false, race.cutAtStart, MAX_EXTRA_RAW);
            for (const l of lines)
                full.feed(l);
            if (race.complete)
                full.complete = true;
            this.race = full;
        }
        else if (tb) {
            const full = new TracebackAssembler(false, tb.cutAtStart, MAX_EXTRA_RAW);
            for (const l of lines)
                full.feed(l);
            this.traceback = full;
        }
        return true;
    }
    addFinding(f, test) {
        if (test) {
            f.test = intern(test);
            this.withFinding.add(f.test);
        }
        const key = this.replayKey;
        this.replayKey = undefined;
        if (key !== undefined) {
            f.repeats = 0;
            f.key = key.text;
            detachFinding(f);
            this.findings.push(f);
            this.sink.remember(key, f);
            return;
        }
        if (this.findings.length >= MAX_FINDINGS)
            return;
        detachFinding(f);
        this.findings.push(f);
    }
    /** A test started (`=== RUN` or a JSON `run` event). */
    started(input) {
        const name = intern(input);
        this.running.set(name, (this.running.get(name) ?? 0) + 1);
        this.errors.delete(name);
    }
    /** A test's result (`--- X:` line or a JSON pass/fail/skip event). */
    finished(input, action, elapsed) {
        const name = intern(input);
        const n = this.running.get(name);
        if (n !== undefined) {
            if (n <= 1)
                this.running.delete(name);
            else
                this.running.set(name, n - 1);
        }
        if (action === 'fail')
            this.failed.add(name);
        const t = { package: '', name, action };
        if (elapsed !== undefined && Number.isFinite(elapsed))
            t.elapsed = elapsed;
        this.tests.push(t);
    }
    /**
     * The package's output ended: tests still running were interrupted, failed tests get their
     * `failure` findings, and everything collected goes out under `pkg`.
     */
    flush(input) {
        const pkg = intern(input);
        for (const [name, n] of this.running) {
            for (let i = 0; i < n; i++)
                this.tests.push({ package: '', name, action: 'interrupted' });
        }
        for (const name of this.failed) {
            const info = this.errors.get(name);
            if (!info || this.withFinding.has(name) || this.hasFailedSubtest(name))
                continue;
            this.findings.push({
                kind: 'failure',
                package: '',
                test: name,
                message: info.message,
                stacks: [
                    {
                        role: 'failure',
                        header: `${info.file}:${info.line}`,
                        frames: [{ func: '', file: info.file, line: info.line }],
                    },
                ],
                raw: info.raw.slice(0, MAX_RAW),
            });
        }
        for (const f of this.findings)
            f.package = pkg;
        for (const t of this.tests.items)
            t.package = pkg;
        if (this.findings.length > 0 || this.tests.length > 0)
            this.sink.emit(this.findings, this.tests.items);
        this.findings = [];
        this.tests = newOutcomes();
        // clear() allocates a new table even when empty, and most packages leave these empty.
        if (this.running.size > 0)
            this.running.clear();
        if (this.failed.size > 0)
            this.failed.clear();
        if (this.errors.size > 0)
            this.errors.clear();
        if (this.withFinding.size > 0)
            this.withFinding.clear();
        this.current = undefined;
        this.lastFail = undefined;
        this.resultByLevel = [];
        this.lastWasResult = false;
        this.lastError = undefined;
        this.pendingSep = false;
        this.afterReport = false;
        this.registered = false;
        // Framing is per test process: the next package's output says again whether it is framed.
        this.framed = false;
    }
    /**
     * Nothing is pending: from here on this stream behaves exactly as a new one would (the parallel
     * parse joins segments only at such points).
     */
    isQuiet() {
        return (this.race === undefined &&
            this.traceback === undefined &&
            !this.pendingSep &&
            this.current === undefined &&
            this.lastFail === undefined &&
            !this.framed &&
            this.resultByLevel.length === 0 &&
            !this.lastWasResult &&
            this.lastError === undefined &&
            this.buildKey === undefined &&
            this.running.size === 0 &&
            this.tests.length === 0 &&
            this.findings.length === 0 &&
            this.failed.size === 0 &&
            this.errors.size === 0 &&
            this.withFinding.size === 0);
    }
    /** A parent that failed because a subtest failed: the subtest carries the story. */
    hasFailedSubtest(name) {
        const prefix = `${name}/`;
        for (const f of this.failed)
            if (f.startsWith(prefix))
                return true;
        return false;
    }
}

;// CONCATENATED MODULE: ./src/parse/output.ts





const MAX_BUILD_TEXT = MAX_RAW;
/** Nothing but line-end debris: `\r`, a literal `^M`, padding. */
const LINE_END_RE = /^(?:\r|\^M|[ \t])*$/;
/** An indented `file.go:LINE: ` (t.Error, t.Log) at the start of a line. */
const MESSAGE_START_RE = /^(?: {4,}|\t+)[^\s:]+\.go:\d+: /;
const TIME_PREFIX = '{"Time":"';
const ACTION_OUTPUT = '","Action":"output","Package":"';
const TEST_KEY = '","Test":"';
const OUTPUT_KEY = '","Output":"';
/** JSON strings cannot hold raw control characters: JSON.parse rejects such a line. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_RE = /[\u0000-\u001f]/;
/** An escape or a raw control character. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const ESCAPE_OR_CONTROL_RE = /[\\\u0000-\u001f]/;
/** More JSON packages than this and the parser is never called quiet (checking would cost too much). */
const MAX_QUIET_PACKAGES = 10_000;
class Parser {
    opts;
    // Bounded: a log of thousands of runs repeats the same tests and package lines.
    tests = newTestList();
    packages = newPackageList();
    result = {
        tests: this.tests.items,
        findings: [],
        packages: this.packages.items,
        sawGoOutput: false,
    };
    buildReported = new Set();
    /** Past the findings cap: the kept reports by `reportKey`. */
    keys = new ReportIndex();
    /** Distinct reports kept past the cap (bounded by MAX_DISTINCT_FINDINGS). */
    extras = 0;
    quietListener;
    maybeQuiet = false;
    partial = '';
    dropping = false;
    decoder;
    plain;
    jsonPackages = new Map();
    lastPkg;
    lastJp;
    /** Plain-text compiler output by `# pkg` key, and test2json `build-output` by package. */
    buildTexts = new Map();
    buildOutputs = new Map();
    lastBuildKey;
    ended = false;
    /** The carried partial line holds a `\r`. */
    partialCR = false;
    constructor(opts) {
        this.opts = opts;
        this.plain = new LineStream(this, false);
    }
    push(chunk) {
        if (this.ended)
            return;
        let text;
        if (typeof chunk === 'string')
            text = chunk;
        else {
            // Defensive: a Buffer from a stream without an encoding; decode keeping split characters.
            this.decoder ??= new TextDecoder('utf-8');
            try {
                text = this.decoder.decode(chunk, { stream: true });
            }
            catch {
                text = String(chunk);
            }
        }
        let start = 0;
        // The next `\r` of the chunk: a line is searched for lone `\r` line ends only if it holds one.
        let cr = text.indexOf('\r');
        const hints = prefixHints(text);
        for (;;) {
            const nl = text.indexOf('\n', start);
            if (nl < 0)
                break;
            if (cr >= 0 && cr < start)
                cr = text.indexOf('\r', start);
            const piece = text.slice(start, nl);
            // A line begun in an earlier chunk is looked at for every prefix.
            const joined = this.partial.length > 0;
            const line = joined ? this.partial + piece : piece;
            const lineCR = (cr >= 0 && cr < nl) || (joined && this.partialCR);
            this.partial = '';
            this.partialCR = false;
            if (this.dropping)
                this.dropping = false;
            else
                this.rawLine(line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line, joined ? ALL_PREFIXES : hints, lineCR);
            start = nl + 1;
            if (this.maybeQuiet) {
                this.maybeQuiet = false;
                if (this.quietListener && this.isQuiet())
                    this.quietListener(start);
            }
        }
        if (start < text.length && !this.dropping) {
            this.partial += text.slice(start);
            if (text.indexOf('\r', start) >= 0)
                this.partialCR = true;
            if (this.partial.length > MAX_LINE) {
                // An endless line (binary junk): handle what fits and skip the rest of it.
                this.rawLine(this.partial.slice(0, MAX_LINE));
                this.partial = '';
                this.dropping = true;
            }
        }
    }
    end() {
        if (this.ended)
            return this.result;
        if (this.decoder)
            this.push(this.decoder.decode());
        this.ended = true;
        if (this.partial.length > 0 && !this.dropping)
            this.rawLine(this.partial);
        this.partial = '';
        this.plain.finishReport(true);
        this.plain.flush(this.opts.package ?? '');
        for (const [pkg, jp] of this.jsonPackages)
            this.endJsonPackage(pkg, jp);
        return this.result;
    }
    onQuiet(listener) {
        this.quietListener = listener;
    }
    takeChunk() {
        const chunk = { output: this.result, buildReported: [...this.buildReported] };
        this.tests = newTestList();
        this.packages = newPackageList();
        this.result = {
            tests: this.tests.items,
            findings: [],
            packages: this.packages.items,
            sawGoOutput: false,
        };
        this.buildReported = new Set();
        this.keys = new ReportIndex();
        this.extras = 0;
        return chunk;
    }
    isQuiet() {
        if (this.partial.length > 0 || this.dropping || this.buildOutputs.size > 0 || this.buildTexts.size > 0) {
            return false;
        }
        if (!this.plain.isQuiet() || this.jsonPackages.size > MAX_QUIET_PACKAGES)
            return false;
        for (const jp of this.jsonPackages.values()) {
            if (jp.partial.length > 0 || !jp.stream.isQuiet())
                return false;
        }
        return true;
    }
    /** One line: `hints` says which prefixes it may carry, `mayHaveCR` whether to look for a `\r`. */
    rawLine(input, hints = ALL_PREFIXES, mayHaveCR = true) {
        // `\r` alone as the line end (old Mac pastes, progress output): each part is a line. Not
        // one `\r` inside a t.Error message (`    x_test.go:12: a\rb`): Go printed it as one line,
        // and `go test -json` keeps it as one.
        const cr = mayHaveCR ? input.indexOf('\r') : -1;
        if (cr >= 0 &&
            cr < input.length - 1 &&
            input.charCodeAt(0) !== 123 &&
            !LINE_END_RE.test(input.slice(cr)) &&
            !this.crInMessage(input, cr)) {
            for (const part of input.split('\r'))
                if (!LINE_END_RE.test(part))
                    this.rawLine(part, hints, false);
            return;
        }
        const line = cleanLine(input, hints);
        if (line.charCodeAt(0) === 123 && line.charCodeAt(line.length - 1) === 125) {
            if (this.outputEvent(line))
                return;
            const ev = plainEvent(line) ?? parseEvent(line);
            if (ev) {
                this.event(ev);
                return;
            }
        }
        this.plain.line(line);
    }
    /** The line is a t.Error message with one `\r` in it (besides a CRLF's). */
    crInMessage(input, cr) {
        const next = input.indexOf('\r', cr + 1);
        return (next < 0 || next === input.length - 1) && MESSAGE_START_RE.test(input.slice(0, cr));
    }
    /**
     * Fast path for the bulk of `go test -json`, handled as `event` would handle its JSON.parse:
     * `{"Time":"…","Action":"output","Package":"…"[,"Test":"…"],"Output":"…"}` exactly as test2json
     * writes it (JSON.parse was half the time of a JSON log). False for anything else (other actions,
     * keys or order, an escape or control character outside Output): then JSON.parse judges it.
     */
    outputEvent(line) {
        if (!line.startsWith(TIME_PREFIX))
            return false;
        const timeEnd = line.indexOf('"', TIME_PREFIX.length);
        if (timeEnd < 0 || !hasAt(line, ACTION_OUTPUT, timeEnd))
            return false;
        const pkgStart = timeEnd + ACTION_OUTPUT.length;
        const pkgEnd = line.indexOf('"', pkgStart);
        if (pkgEnd < 0)
            return false;
        let at = pkgEnd;
        let test;
        if (hasAt(line, TEST_KEY, at)) {
            const testStart = at + TEST_KEY.length;
            at = line.indexOf('"', testStart);
            if (at < 0)
                return false;
            if (at > testStart)
                test = line.slice(testStart, at);
        }
        if (!hasAt(line, OUTPUT_KEY, at))
            return false;
        const outStart = at + OUTPUT_KEY.length;
        const outEnd = line.length - 2; // the closing quote, before the final `}`
        if (outEnd < outStart || line.charCodeAt(outEnd) !== 34)
            return false;
        // Time, Package and Test are taken verbatim: they must hold no escape (nor control character).
        const bs = line.indexOf('\\');
        if ((bs >= 0 && bs < outStart) || CONTROL_RE.test(line))
            return false;
        const pkg = line.slice(pkgStart, pkgEnd);
        if (bs < 0 || (bs === outEnd - 2 && line.charCodeAt(outEnd - 1) === 110)) {
            // No escape but maybe a final `\n` (most events: one line of output): the text is verbatim.
            if (line.indexOf('"', outStart) !== outEnd)
                return false;
            const newline = bs >= 0;
            const text = line.slice(outStart, newline ? outEnd - 2 : outEnd);
            this.result.sawGoOutput = true;
            const jp = this.jsonPackage(pkg);
            if (newline)
                this.jsonLine(jp, text, test, undefined);
            else if (text.length > 0)
                this.jsonPartial(jp, text, test, undefined);
            return true;
        }
        // Other escapes: JSON.parse decodes the string exactly (and rejects anything after it).
        let output;
        try {
            output = JSON.parse(line.slice(outStart - 1, outEnd + 1));
        }
        catch {
            return false;
        }
        if (typeof output !== 'string')
            return false;
        this.result.sawGoOutput = true;
        this.jsonOutput(pkg, output, test, undefined);
        return true;
    }
    event(ev) {
        this.result.sawGoOutput = true;
        const action = ev.Action;
        if (action === 'build-output' || action === 'build-fail') {
            const key = typeof ev.ImportPath === 'string' ? buildPackageKey(ev.ImportPath) : (this.opts.package ?? '');
            if (action === 'build-output' && typeof ev.Output === 'string') {
                appendCapped(this.buildOutputs, key, ev.Output);
            }
            else if (action === 'build-fail')
                this.buildFailed(key);
            return;
        }
        const pkg = typeof ev.Package === 'string' ? ev.Package : (this.opts.package ?? '');
        const test = typeof ev.Test === 'string' && ev.Test !== '' ? ev.Test : undefined;
        switch (action) {
            case 'output':
                if (typeof ev.Output === 'string') {
                    this.jsonOutput(pkg, ev.Output, test, typeof ev.OutputType === 'string' ? ev.OutputType : undefined);
                }
                return;
            case 'run':
                if (test)
                    this.jsonPackage(pkg).stream.started(test);
                return;
            case 'pass':
            case 'fail':
            case 'skip': {
                const jp = this.jsonPackage(pkg);
                if (test) {
                    const elapsed = typeof ev.Elapsed === 'number' ? ev.Elapsed : undefined;
                    jp.stream.finished(test, action, elapsed);
                    return;
                }
                this.endJsonPackage(pkg, jp);
                if (pkg !== '')
                    this.addPackage(pkg, action);
                if (typeof ev.FailedBuild === 'string')
                    this.buildFailed(buildPackageKey(ev.FailedBuild));
                // The package built (or its failure was reported): its build output is used up.
                this.buildOutputs.delete(pkg);
                this.maybeQuiet = true;
                return;
            }
            default:
                // start, pause, cont, bench, attr, artifacts: nothing to parse.
                return;
        }
    }
    jsonPackage(pkg) {
        // Consecutive events are mostly of one package: skip hashing its name again.
        if (pkg === this.lastPkg && this.lastJp)
            return this.lastJp;
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
        this.lastPkg = intern(pkg);
        this.lastJp = jp;
        return jp;
    }
    jsonOutput(pkg, output, test, outputType) {
        const jp = this.jsonPackage(pkg);
        let start = 0;
        for (;;) {
            const nl = output.indexOf('\n', start);
            if (nl < 0)
                break;
            this.jsonLine(jp, output.slice(start, nl), test, outputType);
            start = nl + 1;
        }
        if (start < output.length)
            this.jsonPartial(jp, output.slice(start), test, outputType);
    }
    /** A piece of output that ends a line. */
    jsonLine(jp, piece, test, outputType) {
        // A line split over events belongs to the test its first part came with.
        if (jp.partial.length > 0) {
            const line = jp.partial + piece;
            jp.partial = '';
            jp.stream.line(cleanLine(line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line, NO_PREFIXES), jp.partialTest, jp.partialType);
        }
        else {
            jp.stream.line(cleanLine(piece.length > MAX_LINE ? piece.slice(0, MAX_LINE) : piece, NO_PREFIXES), test, outputType);
        }
    }
    /** A non-empty piece of output with no newline: the start (or more) of a line. */
    jsonPartial(jp, piece, test, outputType) {
        if (jp.partial.length === 0) {
            jp.partialTest = test;
            jp.partialType = outputType;
        }
        if (jp.partial.length < MAX_LINE)
            jp.partial += piece;
    }
    endJsonPackage(input, jp) {
        const pkg = intern(input);
        if (jp.partial.length > 0) {
            jp.stream.line(cleanLine(jp.partial, NO_PREFIXES), jp.partialTest);
            jp.partial = '';
        }
        jp.stream.finishReport(true);
        jp.stream.flush(pkg);
    }
    // StreamSink
    sawGo() {
        this.result.sawGoOutput = true;
    }
    findingCount() {
        return this.result.findings.length;
    }
    emit(findings, tests) {
        for (const f of findings)
            this.pushFinding(f);
        for (const t of tests)
            this.tests.push(t);
    }
    addPackage(name, action) {
        this.packages.push({ name: intern(name), action });
    }
    buildFailed(pkg) {
        this.result.sawGoOutput = true;
        // A broken dependency is printed under its own `# dep` header: fall back to the latest block
        // (kept: other packages that import it fail with it).
        const text = this.buildOutputs.get(pkg) ??
            this.buildTexts.get(pkg) ??
            this.buildTexts.get('') ??
            (this.lastBuildKey !== undefined ? this.buildTexts.get(this.lastBuildKey) : undefined) ??
            '';
        // The package's own output is used up: a log of many runs prints it again for every run.
        this.buildOutputs.delete(pkg);
        this.buildTexts.delete(pkg);
        if (this.buildReported.has(pkg))
            return;
        this.buildReported.add(pkg);
        let findings = parseBuildOutput(text, pkg);
        if (findings.length === 0)
            findings = [{ kind: 'build', package: pkg, message: 'build failed', stacks: [], raw: '' }];
        for (const f of findings)
            this.pushFinding(f);
    }
    pushFinding(f) {
        const n = this.result.findings.length;
        // Past the cap only the distinct reports the streams chose to keep (they carry `repeats`).
        if (n < MAX_FINDINGS || (f.repeats !== undefined && n < MAX_FINDINGS + MAX_DISTINCT_FINDINGS))
            this.result.findings.push(f);
    }
    seen(key) {
        if (this.keys.size === 0) {
            // First report past the cap: the findings already handed over are what repeats would be of.
            for (const f of this.result.findings) {
                const k = findingKey(f);
                if (k)
                    this.remember(k, f);
            }
        }
        const kept = this.keys.get(key);
        this.result.beyondCap ??= { repeats: 0, dropped: 0 };
        const beyond = this.result.beyondCap;
        if (kept) {
            kept.repeats = (kept.repeats ?? 0) + 1;
            beyond.repeats++;
            return 'repeat';
        }
        if (this.extras >= MAX_DISTINCT_FINDINGS) {
            beyond.dropped++;
            return 'full';
        }
        return 'new';
    }
    remember(key, f) {
        if (this.keys.add(key, f) && f.repeats === 0)
            this.extras++;
    }
    packageEnded(pkg) {
        // Its result line: its own compiler output (reported with its build failure, or warnings of a
        // build that worked) and the unkeyed lines before that line are not a later failure's.
        this.buildTexts.delete(pkg);
        this.buildTexts.delete('');
        this.maybeQuiet = true;
    }
    buildText(key, line) {
        if (key !== '')
            this.lastBuildKey = key;
        appendCapped(this.buildTexts, key, `${line}\n`);
    }
}
const ACTION_KEY = '","Action":"';
const PACKAGE_KEY = '","Package":"';
const ELAPSED_KEY = '","Elapsed":';
const JSON_NUMBER_RE = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/**
 * Fast path for the other frequent events (`run`, `pass`, `fail`, `start`, …):
 * `{"Time":"…","Action":"…","Package":"…"[,"Test":"…"][,"Elapsed":N]}` with no escape or control
 * character, as test2json writes them. Gives the event JSON.parse would give (these keys only,
 * in this order, so none repeats); undefined for anything else, then JSON.parse judges the line.
 */
function plainEvent(line) {
    if (!line.startsWith(TIME_PREFIX) || ESCAPE_OR_CONTROL_RE.test(line))
        return undefined;
    const timeEnd = line.indexOf('"', TIME_PREFIX.length);
    if (timeEnd < 0 || !hasAt(line, ACTION_KEY, timeEnd))
        return undefined;
    const actionStart = timeEnd + ACTION_KEY.length;
    const actionEnd = line.indexOf('"', actionStart);
    if (actionEnd < 0 || !hasAt(line, PACKAGE_KEY, actionEnd))
        return undefined;
    const pkgStart = actionEnd + PACKAGE_KEY.length;
    let at = line.indexOf('"', pkgStart);
    if (at < 0)
        return undefined;
    const ev = { Action: line.slice(actionStart, actionEnd), Package: line.slice(pkgStart, at) };
    if (hasAt(line, TEST_KEY, at)) {
        const testStart = at + TEST_KEY.length;
        at = line.indexOf('"', testStart);
        if (at < 0)
            return undefined;
        ev.Test = line.slice(testStart, at);
    }
    const last = line.length - 1; // the final `}`
    if (at === last - 1)
        return ev;
    if (!hasAt(line, ELAPSED_KEY, at))
        return undefined;
    const num = line.slice(at + ELAPSED_KEY.length, last);
    if (!JSON_NUMBER_RE.test(num))
        return undefined;
    ev.Elapsed = Number(num);
    return ev;
}
/** `line.startsWith(lit, pos)`, which was measured several times slower with a position. */
function hasAt(line, lit, pos) {
    return line.slice(pos, pos + lit.length) === lit;
}
function appendCapped(map, key, text) {
    const prev = map.get(key) ?? '';
    if (prev.length + text.length <= MAX_BUILD_TEXT)
        map.set(intern(key), prev + detach(text));
}
function createOutputParser(opts = {}) {
    return new Parser(opts);
}
function parseOutput(text, opts = {}) {
    const p = createOutputParser(opts);
    p.push(text);
    return p.end();
}

;// CONCATENATED MODULE: ./src/engine/logs.ts
// Reading logs from disk into the streaming parser: the one place parsing meets I/O. A huge file
// is parsed in parts side by side (worker threads), joined where the parsers were quiet.









/** Parses a stream chunk by chunk, so memory does not grow with the log. */
async function parseStream(stream, pkg) {
    const parser = createOutputParser(pkg ? { package: pkg } : {});
    stream.setEncoding('utf8');
    for await (const chunk of stream)
        parser.push(chunk);
    return parser.end();
}
// 1 MiB reads instead of 64 KiB: measured ~14% faster on a 100 MB log, memory unchanged.
const READ_CHUNK = 1 << 20;
const TEXT_CHUNK = 64 * 1024;
/** Below this a second thread costs more (start-up, ~40-80 ms) than it saves. */
const PARALLEL_MIN_BYTES = 32 << 20;
/** How far past its part a parser reads to meet the next one at a common quiet point. */
const OVERLAP_BYTES = 4 << 20;
/** At most one join point per this many bytes (each hands over a chunk of results). */
const JOIN_STRIDE = 64 * 1024;
/** Each thread is a V8 heap of its own: two keep a huge parse under 200 MB. */
const MAX_THREADS = 2;
/** Beside logs.js in src/ (transpiled) and in each bundle in dist/. */
const WORKER_FILE = (0,external_node_path_namespaceObject.join)((0,external_node_path_namespaceObject.dirname)((0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url)), 'logs-worker.js');
/**
 * Parses a log file; one of more than 32 MiB in parts side by side. The result is exactly what
 * one parser reading the whole file gives: where the parts cannot be joined exactly (no common
 * quiet point, e.g. one package's output over the whole file), the first part's parser reads on
 * to the end.
 */
async function parseLogFile(file, pkg, opts = {}) {
    const info = await (0,promises_namespaceObject.stat)(file);
    // A pipe, FIFO, /dev/stdin or a terminal cannot be read at offsets (ESPIPE): read it as a stream.
    if (!info.isFile() && !info.isDirectory())
        return parseStream((0,external_node_fs_namespaceObject.createReadStream)(file), pkg);
    const { size } = info;
    const threads = Math.min(opts.threads ?? defaultThreads(), MAX_THREADS, Math.floor(size / PARALLEL_MIN_BYTES));
    const oneThread = async () => {
        opts.observe?.({ threads: 1, joined: false });
        return mergeChunks((await parseRange(file, { start: 0, end: size, last: true, ...pkgOf(pkg) })).chunks);
    };
    if (threads < 2 || !(0,external_node_fs_namespaceObject.existsSync)(WORKER_FILE))
        return oneThread();
    const starts = [0];
    for (let i = 1; i < threads; i++) {
        const at = await lineStartAfter(file, Math.floor((size * i) / threads));
        if (at > (starts.at(-1) ?? 0) && at < size)
            starts.push(at);
    }
    const requests = starts.map((start, i) => ({
        start,
        end: starts[i + 1] ?? size,
        last: i === starts.length - 1,
        ...pkgOf(pkg),
    }));
    // Every part in a thread of its own, this one only waits: its heap stays small (a thread gets
    // an 8 MB young generation; this one has V8's default, ~30 MB more at the peak).
    const parts = [];
    try {
        for (const [i, r] of requests.entries())
            parts.push(new PartThread(file, r, i === 0));
        const segments = await Promise.all(parts.map((p) => p.result));
        const joined = stitch(segments);
        opts.observe?.({ threads: requests.length, joined: joined !== undefined });
        if (joined)
            return joined;
        // Nowhere to join: the first part's parser goes on to the end.
        return mergeChunks(await parts[0].rest());
    }
    catch {
        // A thread failed: one parser here reads it all.
        return oneThread();
    }
    finally {
        for (const p of parts)
            p.stop();
    }
}
function pkgOf(pkg) {
    return pkg ? { package: pkg } : {};
}
function defaultThreads() {
    // Tuning knob for tests and benchmarks: RACE_RERUN_PARSE_THREADS=1 parses on one thread.
    const env = Number(process.env.RACE_RERUN_PARSE_THREADS);
    return Number.isInteger(env) && env > 0 ? env : (0,external_node_os_namespaceObject.availableParallelism)();
}
/**
 * One part parsed in a worker thread (logs-worker.ts). The first part's thread can then be asked
 * to read on to the end of the file (rest()), when the parts cannot be joined.
 */
class PartThread {
    result;
    worker;
    messages = [];
    constructor(file, range, resumable) {
        // A young generation of 8 MB instead of V8's default: ~25 MB less memory, as fast. No flags
        // from our own command line: some (--input-type) make a worker fail to start.
        this.worker = new external_node_worker_threads_namespaceObject.Worker(WORKER_FILE, {
            workerData: { file, range, resumable },
            execArgv: [],
            resourceLimits: { maxYoungGenerationSizeMb: 8 },
        });
        const failed = new Promise((_, reject) => {
            this.worker.once('error', reject);
            this.worker.once('exit', (code) => reject(new Error(`log parser thread exited with code ${code}`)));
        });
        failed.catch(() => { });
        this.worker.on('message', (m) => this.messages.shift()?.(m));
        const next = () => Promise.race([new Promise((resolve) => this.messages.push(resolve)), failed]);
        this.result = next();
        this.rest = async () => {
            const chunks = next();
            this.worker.postMessage('rest');
            return chunks;
        };
    }
    /** The chunks of this part's parser read on to the end of the file. */
    rest;
    stop() {
        this.worker.terminate().catch(() => { });
    }
}
/** The offset just past the first newline at or after `from` (the file's size if none). */
async function lineStartAfter(file, from) {
    const fh = await (0,promises_namespaceObject.open)(file, 'r');
    try {
        const buf = Buffer.allocUnsafe(64 * 1024);
        for (let pos = from;;) {
            const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
            if (bytesRead === 0)
                return pos;
            const nl = buf.subarray(0, bytesRead).indexOf(10);
            if (nl >= 0)
                return pos + nl + 1;
            pos += bytesRead;
        }
    }
    finally {
        await fh.close();
    }
}
/**
 * Parses one part of a file: from `start` to `end`, then on into the next part (at most
 * OVERLAP_BYTES) to record where this parser was quiet there; near its own start it records its
 * quiet points too, so the part before can join it at one of them.
 */
async function parseRange(file, range) {
    const rp = new RangeParser(file, range);
    try {
        await rp.readPart();
        return rp.result;
    }
    finally {
        rp.close();
    }
}
/**
 * The parser of one part, which can also read on to the end of the file. Where it was quiet
 * near either end of its part it records the point and hands over its results there: at most one
 * point per JOIN_STRIDE bytes, the first quiet one at or after each multiple of it, so two parsers
 * whose states have become the same record the same points.
 */
class RangeParser {
    range;
    result;
    parser;
    fd;
    buf = Buffer.allocUnsafe(READ_CHUNK);
    carry = 0;
    pos;
    text = '';
    piece = Buffer.alloc(0);
    textAt;
    ascii = true;
    /** Where byteOffset() got to in the text (just past a newline) and in its piece. */
    scanChar = 0;
    scanByte = 0;
    nextMark = 0;
    recording = true;
    headEnd;
    tailStart;
    constructor(file, range) {
        this.range = range;
        this.parser = createOutputParser(range.package ? { package: range.package } : {});
        this.result = { start: range.start, boundaries: [], chunks: [], complete: false };
        this.fd = (0,external_node_fs_namespaceObject.openSync)(file, 'r');
        this.pos = range.start;
        this.textAt = range.start;
        this.headEnd = range.start > 0 ? range.start + OVERLAP_BYTES : range.start;
        this.tailStart = range.last ? Number.POSITIVE_INFINITY : range.end;
    }
    /** The part, and for all but the last part the overlap into the next one. */
    async readPart() {
        await this.read(this.range.last ? Number.POSITIVE_INFINITY : this.range.end + OVERLAP_BYTES);
    }
    /** On to the end of the file, recording nothing more. */
    async readRest() {
        this.recording = false;
        await this.read(Number.POSITIVE_INFINITY);
    }
    close() {
        this.parser.onQuiet(undefined);
        (0,external_node_fs_namespaceObject.closeSync)(this.fd);
    }
    listener = (index) => {
        const at = this.textAt + (this.ascii ? index : this.byteOffset(index));
        const near = at < this.headEnd || (at >= this.tailStart && at < this.tailStart + OVERLAP_BYTES);
        // The part's own end is a point too: the next part's parser starts there as a new one.
        if (!near || (at < this.nextMark && at !== this.range.end))
            return;
        this.nextMark = (Math.floor(at / JOIN_STRIDE) + 1) * JOIN_STRIDE;
        this.result.boundaries.push(at);
        this.result.chunks.push(this.parser.takeChunk());
    };
    /**
     * `index` is just past a newline in the text being pushed: the byte offset in its piece just past
     * the same newline (each newline is one byte, kept as is by decoding, even next to invalid
     * bytes). Goes on from the previous call's line, so a text is scanned once however many calls.
     */
    byteOffset(index) {
        for (let i = this.text.indexOf('\n', this.scanChar); i >= 0 && i < index; i = this.text.indexOf('\n', i + 1)) {
            this.scanByte = this.piece.indexOf(10, this.scanByte) + 1;
            this.scanChar = i + 1;
        }
        return this.scanByte;
    }
    /** Reads whole lines up to `limit` (all that is left at the end of the file). */
    async read(limit) {
        const { buf, parser } = this;
        for (let n = 1; this.pos < limit; n++) {
            // Synchronous reads (a trip through the thread pool per MiB was ~5% of the time), with a
            // turn of the event loop now and then: the engine parses run logs while tests run.
            if (n % 4 === 0)
                await new Promise((resolve) => setImmediate(resolve));
            const bytesRead = (0,external_node_fs_namespaceObject.readSync)(this.fd, buf, this.carry, buf.length - this.carry, this.pos);
            this.pos += bytesRead;
            const len = this.carry + bytesRead;
            // Whole lines only (a cut inside a character would garble it); all that is left at the end.
            const cut = bytesRead === 0 ? len : textEnd(buf, 0, len);
            // Pushed as texts of at most ~64 KiB: V8 puts a string of more than 128 KiB in its large
            // object space, freed only by a full collection (1 MiB texts cost ~60 MB of peak memory).
            for (let from = 0; from < cut;) {
                const to = cut - from <= TEXT_CHUNK ? cut : textEnd(buf, from, from + TEXT_CHUNK);
                this.piece = buf.subarray(from, to);
                this.ascii = (0,external_node_buffer_namespaceObject.isAscii)(this.piece);
                this.text = this.piece.toString(this.ascii ? 'latin1' : 'utf8');
                this.scanChar = 0;
                this.scanByte = 0;
                // Quiet points matter only near the ends of the part (checking them elsewhere costs).
                const end = this.textAt + this.piece.length;
                const near = this.textAt < this.headEnd ||
                    (end >= this.tailStart && this.textAt < this.tailStart + OVERLAP_BYTES);
                parser.onQuiet(this.recording && near ? this.listener : undefined);
                parser.push(this.text);
                this.textAt = end;
                from = to;
            }
            this.carry = len - cut;
            if (this.carry > 0)
                buf.copy(buf, 0, cut, len);
            if (bytesRead === 0) {
                parser.end();
                this.result.chunks.push(parser.takeChunk());
                this.result.complete = true;
                return;
            }
        }
    }
}
/**
 * Where to cut buf[from, end): after its last newline, or (a line longer than that) at the start of
 * a character.
 */
function textEnd(buf, from, end) {
    const nl = buf.subarray(from, end).lastIndexOf(10);
    if (nl >= 0)
        return from + nl + 1;
    let cut = end;
    // Back off over UTF-8 continuation bytes (10xxxxxx) to the start of the last character.
    while (cut > end - 4 && cut > from && (buf[cut - 1] & 0xc0) === 0x80)
        cut--;
    if (cut > from && buf[cut - 1] >= 0xc0)
        cut--;
    return cut === from ? end : cut;
}

;// CONCATENATED MODULE: ./src/engine/logruns.ts

/** Parses each log (`parse` reads a file; by default parseLogFile) into runs. */
async function readLogRuns(logs, parse = (f) => parseLogFile(f)) {
    const runs = [];
    const outcomes = [];
    for (const [i, log] of logs.entries()) {
        let parsed;
        try {
            parsed = await ('file' in log ? parse(log.file) : parseStream(log.open()));
        }
        catch (err) {
            outcomes.push({ name: log.name, error: err.message });
            continue;
        }
        if (!parsed.sawGoOutput) {
            outcomes.push({ name: log.name, notGo: true });
            continue;
        }
        outcomes.push({ name: log.name, parsed, index: i + 1 });
        runs.push(...runsOfLog(parsed, i + 1));
    }
    addImpliedPasses(runs);
    return { runs, logs: outcomes };
}
/** Splits one log's parse into one run per package, so k/N is counted per package as in run mode. */
function runsOfLog(parsed, index) {
    const byPackage = new Map();
    const get = (pkg) => {
        let out = byPackage.get(pkg);
        if (!out) {
            out = { tests: [], findings: [], packages: [], sawGoOutput: true };
            byPackage.set(pkg, out);
        }
        return out;
    };
    for (const t of parsed.tests)
        get(t.package).tests.push(t);
    for (const f of parsed.findings)
        get(f.package).findings.push(f);
    for (const p of parsed.packages)
        get(p.name).packages.push(p);
    return [...byPackage].map(([pkg, out]) => {
        const failed = out.findings.length > 0 ||
            out.packages.some((p) => p.action === 'fail') ||
            out.tests.some((t) => t.action === 'fail' || t.action === 'interrupted');
        return {
            package: pkg,
            index,
            exitCode: failed ? 1 : 0,
            signal: null,
            killed: false,
            durationMs: 0,
            parsed: out,
        };
    });
}
/**
 * Plain (non `-v`) logs print nothing for a test that passed: such a log is a passing run of
 * every test the other logs name in that package that it does not name itself, so 2 failures in
 * 5 logs read 2/5, not 2/2, also when the package failed in another log because of other tests.
 * Only runs that name no passing test (a `-v` log names what it ran, and an absent test did not
 * run) and that ran to the end: a panic, fatal error, timeout or build failure stops the tests
 * after it.
 */
function addImpliedPasses(runs) {
    const testsOf = new Map();
    for (const r of runs) {
        for (const t of r.parsed.tests) {
            const set = testsOf.get(t.package) ?? new Set();
            testsOf.set(t.package, set);
            set.add(t.name);
        }
    }
    for (const r of runs) {
        if (!ranToTheEnd(r))
            continue;
        const named = new Set(r.parsed.tests.filter((t) => t.package === r.package).map((t) => t.name));
        for (const name of testsOf.get(r.package) ?? []) {
            if (!named.has(name) && !hasNamedSubtest(named, name))
                r.parsed.tests.push({ package: r.package, name, action: 'pass' });
        }
    }
}
/** A plain log of this package that printed its result line after every test had run. */
function ranToTheEnd(r) {
    const { packages, tests, findings } = r.parsed;
    if (!packages.some((p) => p.name === r.package && (p.action === 'pass' || p.action === 'fail')))
        return false;
    if (tests.some((t) => t.package === r.package && t.action !== 'fail'))
        return false;
    return !findings.some((f) => f.kind === 'panic' || f.kind === 'fatal' || f.kind === 'timeout' || f.kind === 'build');
}
/** `TestA` is named through a failed `TestA/sub`: its own line may be cut, it did not pass. */
function hasNamedSubtest(named, name) {
    for (const n of named)
        if (n.startsWith(`${name}/`))
            return true;
    return false;
}

;// CONCATENATED MODULE: ./src/engine/testsfrom.ts
// `tests-from`: which tests failed in earlier logs, and a -test.run that selects exactly those.


/**
 * Reads the tests-from logs as readLogRuns reads `parse LOG...`. Every log that cannot be read or
 * holds no test results is an error naming it (none is skipped: a rerun chosen from fewer logs
 * than given would look complete).
 */
async function readTestsFrom(files, repoRoot, parse) {
    const logs = files.map((file) => ({ name: shownPath(file, repoRoot), file }));
    const { runs, logs: outcomes } = await readLogRuns(logs, parse);
    const errors = [];
    const parsed = [];
    for (const o of outcomes) {
        if ('error' in o)
            errors.push(`Cannot read tests-from ${o.name}: ${o.error}`);
        else if ('notGo' in o || !hasResults(o.parsed))
            errors.push(`tests-from ${o.name} is not a go test log: it has no test results. Give the output of go test -json or go test -v.`);
        else
            parsed.push(o.parsed);
    }
    if (errors.length > 0)
        return { errors };
    const selection = failedInLogs(parsed, runs);
    return { ...selection, report: { logs: logs.map((l) => l.name), tests: selection.tests } };
}
function hasResults(parsed) {
    return parsed.tests.length > 0 || parsed.packages.length > 0 || parsed.findings.length > 0;
}
/**
 * Failed tests per package in a parsed log. A package that failed with no test to name (a crash
 * in TestMain or init, a build failure) maps to an empty list: rerun all of it. Tests the log does
 * not tie to a package are under ''.
 */
function failedInLog(parsed) {
    const failed = new Map();
    const add = (pkg, test) => {
        let set = failed.get(pkg);
        if (!set) {
            set = new Set();
            failed.set(pkg, set);
        }
        if (test)
            set.add(test);
    };
    for (const t of parsed.tests) {
        if (t.action === 'fail' || t.action === 'interrupted')
            add(t.package, t.name);
    }
    for (const f of parsed.findings) {
        add(f.package, f.test);
        for (const t of f.runningTests ?? [])
            add(f.package, t);
    }
    for (const p of parsed.packages)
        if (p.action === 'fail')
            add(p.name);
    return new Map([...failed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([p, s]) => [p, leaves([...s])]));
}
/**
 * The union of what failed in each log (`logs[i]` is the log of run index i + 1; `runs` are the
 * logs' runs with implied passes, see readLogRuns). A package that failed without a test to name
 * in any log reruns whole; a test that failed on its own in one log covers the subtests that
 * failed in another. Each rerun test says in how many logs it failed and in how many it ran.
 */
function failedInLogs(logs, runs) {
    const perLog = logs.map(failedInLog);
    const union = new Map();
    for (const failed of perLog) {
        for (const [pkg, tests] of failed) {
            const set = union.get(pkg) ?? new Set();
            union.set(pkg, tests.length === 0 || set === 'all' ? 'all' : new Set([...set, ...tests]));
        }
    }
    const failed = new Map();
    const tests = [];
    for (const [pkg, set] of [...union].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const chosen = set === 'all' ? [] : covering([...set]);
        failed.set(pkg, chosen);
        const pkgRuns = runs.filter((r) => r.package === pkg);
        if (chosen.length === 0) {
            const failedLogs = perLog.filter((f) => f.has(pkg)).length;
            tests.push({ package: pkg, failed: failedLogs, logs: pkgRuns.length });
            continue;
        }
        for (const test of chosen) {
            const covers = (name) => name === test || name.startsWith(`${test}/`);
            const failedIn = new Set(perLog.flatMap((f, i) => ((f.get(pkg) ?? []).some(covers) ? [i + 1] : [])));
            const ranIn = new Set([
                ...failedIn,
                ...pkgRuns.filter((r) => r.parsed.tests.some((t) => covers(t.name))).map((r) => r.index),
            ]);
            tests.push({ package: pkg, test, failed: failedIn.size, logs: ranIn.size });
        }
    }
    return { failed, tests };
}
/** Drops a subtest when its parent is rerun whole: the parent's pattern selects it anyway. */
function covering(tests) {
    return tests.filter((t) => !tests.some((o) => t.startsWith(`${o}/`))).sort();
}
/** Drops `TestA` when `TestA/sub` failed too: selecting the subtest runs its parent anyway. */
function leaves(tests) {
    return tests.filter((t) => !tests.some((o) => o.startsWith(`${t}/`))).sort();
}
/** Go's regexp.QuoteMeta. */
function testsfrom_quoteMeta(s) {
    return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
/**
 * A -test.run pattern that selects exactly these tests. Go splits -run on `/` (one pattern per
 * subtest level) and on `|` outside parentheses (alternatives, each split by `/`), so top-level
 * tests share one `^(A|B)$` and each subtest is its own alternative `^A$/^sub$`, which does not
 * also select A's other subtests or `sub` under another parent.
 */
function testsfrom_runPattern(tests) {
    const top = tests.filter((t) => !t.includes('/'));
    const subs = tests.filter((t) => t.includes('/'));
    const alts = [];
    if (top.length === 1)
        alts.push(`^${testsfrom_quoteMeta(top[0] ?? '')}$`);
    else if (top.length > 1)
        alts.push(`^(${top.map(testsfrom_quoteMeta).join('|')})$`);
    for (const t of subs)
        alts.push(t
            .split('/')
            .map((level) => `^${testsfrom_quoteMeta(level)}$`)
            .join('/'));
    return alts.join('|');
}

;// CONCATENATED MODULE: ./src/engine/overlap.ts
// Confirms a failure before calling it flaky: a test that failed while other runs overlapped it
// may only collide with them (a fixed port, a file name in a shared directory, a database). It
// is rerun alone, nothing else running, a few times within a bounded budget.





/** Alone runs per test. */
const ALONE_RUNS = 3;
/** Tests confirmed at most (those that failed in the most overlapped runs first). */
const MAX_OVERLAP_TESTS = 5;
/** The confirmation budget: this, or a quarter of the main runs' time when that is longer. */
const MIN_OVERLAP_BUDGET_MS = 30_000;
const overlap_top = (name) => name.split('/')[0] ?? name;
/** Findings a run's failed test can be blamed on that no other run causes: races, crashes. */
function crashedIn(run, test) {
    return run.parsed.findings.some((f) => f.kind !== 'failure' && (f.test === undefined || overlap_top(f.test) === test));
}
/**
 * Top-level tests that failed (by t.Error/t.Fatal, not a race or crash) in an overlapped run,
 * never in a run that had the machine to itself, and passed in some run.
 */
function overlapCandidates(runs) {
    const byTest = new Map();
    const failedOf = (run) => new Set(run.parsed.tests
        .filter((t) => t.package === run.package && t.action === 'fail')
        .map((t) => overlap_top(t.name)));
    // A test that already failed in a run that had the machine to itself needs no confirmation.
    const failedAlone = new Set(runs.filter((r) => !r.overlapped).flatMap((r) => [...failedOf(r)].map((t) => `${r.package}\u0000${t}`)));
    // Runs that collide have a winner: a test that failed in every run is not colliding.
    const passed = new Set(runs.flatMap((r) => r.parsed.tests.filter((t) => t.action === 'pass').map((t) => `${t.package}\u0000${overlap_top(t.name)}`)));
    for (const run of runs) {
        if (!run.overlapped || run.killed)
            continue;
        for (const test of failedOf(run)) {
            const key = `${run.package}\u0000${test}`;
            if (failedAlone.has(key) || !passed.has(key))
                continue;
            if (crashedIn(run, test))
                continue;
            const e = byTest.get(key) ?? { pkg: run.package, test, runs: [] };
            e.runs.push(run.index);
            byTest.set(key, e);
        }
    }
    return [...byTest.values()].sort((a, b) => b.runs.length - a.runs.length).slice(0, MAX_OVERLAP_TESTS);
}
function aloneFailed(parsed, test, exitCode) {
    const own = parsed?.tests.filter((t) => overlap_top(t.name) === test) ?? [];
    return exitCode !== 0 || own.some((t) => t.action === 'fail' || t.action === 'interrupted');
}
async function confirmOverlaps(runs, settings, plan, deps) {
    const candidates = overlapCandidates(runs);
    if (candidates.length === 0)
        return [];
    const logDir = (0,external_node_path_namespaceObject.join)(deps.workDir, 'logs', 'alone');
    await (0,promises_namespaceObject.mkdir)(logDir, { recursive: true });
    const started = Date.now();
    const outOfTime = () => Date.now() - started >= plan.budgetMs ||
        (plan.deadline !== undefined && Date.now() >= plan.deadline) ||
        deps.signal?.aborted === true;
    const checks = [];
    let run = plan.firstRun;
    for (const c of candidates) {
        const binary = plan.binaries.get(c.pkg);
        const dir = plan.dirs.get(c.pkg);
        if (!binary || !dir || outOfTime())
            continue;
        const failedRuns = runs.filter((r) => r.package === c.pkg && c.runs.includes(r.index));
        const evidence = evidenceLine(failedRuns.flatMap((r) => r.parsed.findings.filter((f) => f.test && overlap_top(f.test) === c.test)));
        const args = [
            ...plan.argsOf(c.pkg).filter((a) => !a.startsWith('-test.run=')),
            `-test.run=${testsfrom_runPattern([c.test])}`,
        ];
        const t0 = Date.now();
        let n = 0;
        let failed = 0;
        for (; n < ALONE_RUNS && !outOfTime(); n++) {
            const logFile = (0,external_node_path_namespaceObject.join)(logDir, `${fileNames([c.pkg])[0]}-${c.test}-${n + 1}.log`);
            const res = await rerunAlone(deps.runner, { command: binary, args, cwd: dir, env: plan.env, logFile }, {
                tmpRoot: (0,external_node_path_namespaceObject.join)(deps.workDir, 'tmp'),
                name: `alone-${run}`,
                run: run++,
                timeoutMs: settings.timeoutMs,
                signal: deps.signal,
            });
            // Stopped by the cancellation: neither a pass nor a failure.
            if (res.aborted)
                break;
            const parsed = await deps.parse(logFile, c.pkg).catch(() => undefined);
            if (aloneFailed(parsed, c.test, res.exitCode))
                failed++;
        }
        if (n === 0)
            continue;
        const check = {
            package: c.pkg,
            test: c.test,
            overlappedFailedIn: c.runs,
            aloneRuns: n,
            aloneFailed: failed,
            durationMs: Date.now() - t0,
        };
        if (evidence)
            check.evidence = evidence;
        checks.push(check);
        const took = ` (${n} alone run${n === 1 ? '' : 's'} in ${(check.durationMs / 1000).toFixed(1)}s)`;
        deps.log(failed === 0
            ? `${c.test} (${c.pkg}) failed in ${c.runs.length} overlapping run${c.runs.length === 1 ? '' : 's'} but passed alone ${n} of ${n} times: it fails only when runs overlap${evidence ? ` (${evidence})` : ''}${took}.`
            : `${c.test} (${c.pkg}) also failed alone: ${failed} of ${n} runs${took}.`);
    }
    return checks;
}

;// CONCATENATED MODULE: ./src/engine/patterns.ts
/**
 * The elements of a -test.run/-test.skip pattern as testing's splitRegexp finds them: split at
 * `/` and `|` outside brackets and parentheses (a backslash escapes the next character).
 */
function splitPattern(s) {
    const elements = [];
    let brackets = 0;
    let parens = 0;
    let start = 0;
    for (let i = 0; i < s.length; i++) {
        const c = s[i];
        if (c === '[')
            brackets++;
        else if (c === ']')
            brackets = Math.max(0, brackets - 1);
        else if (c === '(' && brackets === 0)
            parens++;
        else if (c === ')' && brackets === 0)
            parens--;
        else if (c === '\\')
            i++;
        else if ((c === '/' || c === '|') && brackets === 0 && parens === 0) {
            elements.push(s.slice(start, i));
            start = i + 1;
        }
    }
    elements.push(s.slice(start));
    return elements;
}
/** Arguments that make testing check run and skip and then run nothing. */
function probeArgs(run, skip) {
    const args = [`-test.run=^$${run ? `/${splitPattern(run).join('/')}` : ''}`];
    if (skip)
        args.push(`-test.skip=${skip}`);
    return args;
}
const INVALID = /^testing: invalid regexp for element \d+ of -test\.(run|skip) \((".*")\): (.*)$/m;
/** The input error for testing's "invalid regexp" message in `output`, if there is one. */
function patternProblem(output, inputs) {
    const m = INVALID.exec(output);
    if (!m)
        return undefined;
    const name = m[1] === 'skip' ? 'skip' : 'run';
    const given = inputs[name] ?? '';
    let element = m[2] ?? '';
    try {
        element = JSON.parse(element);
    }
    catch {
        // Go's %q escapes that JSON lacks: show it quoted as Go did.
    }
    const why = (m[3] ?? '').replace(/^error parsing regexp: /, '');
    const what = element === given || splitPattern(given).length === 1
        ? `${JSON.stringify(given)} is not a valid Go regular expression (RE2 syntax): ${why}`
        : `${JSON.stringify(given)} has a part that is not a valid Go regular expression (RE2 syntax; go test splits the pattern at / and |): ${JSON.stringify(element)}: ${why}`;
    return `Input "${name}": ${what}.`;
}
/** Asks a built test binary whether testing accepts run and skip; the input error if not. */
async function checkPatterns(runner, spec, inputs) {
    if (!inputs.run && !inputs.skip)
        return undefined;
    const result = await runner.run({
        command: spec.binary,
        args: probeArgs(inputs.run, inputs.skip),
        cwd: spec.cwd,
        env: spec.env,
        timeoutMs: 60_000,
        reap: true,
        ...(spec.signal ? { signal: spec.signal } : {}),
    });
    return patternProblem(result.output, inputs);
}

;// CONCATENATED MODULE: ./src/engine/shard.ts
/** Runs `first..last` (1-based, inclusive) of `count` that shard `index` of `total` gets. */
function runRange(count, index, total) {
    return {
        first: Math.floor(((index - 1) * count) / total) + 1,
        last: Math.floor((index * count) / total),
    };
}
function shareOf(packages, count, shard) {
    const { index, total } = shard;
    if (packages.length >= total) {
        const sorted = [...packages].sort((a, b) => (a.importPath < b.importPath ? -1 : 1));
        const mine = sorted.filter((_, i) => i % total === index - 1);
        return {
            packages: mine,
            count,
            firstRun: 1,
            info: { index, total, split: 'packages', packages: mine.map((p) => p.importPath) },
        };
    }
    const { first, last } = runRange(count, index, total);
    return {
        packages: [...packages],
        count: Math.max(0, last - first + 1),
        firstRun: first,
        info: { index, total, split: 'runs', firstRun: first, lastRun: last },
    };
}
/** How a shard's share reads in notes and the summary. */
function shareText(info, count) {
    if (info.split === 'runs') {
        const runs = (info.lastRun ?? 0) < (info.firstRun ?? 1)
            ? 'no runs (fewer runs than shards)'
            : `runs ${info.firstRun}–${info.lastRun} of ${count} of every package`;
        return `Shard ${info.index} of ${info.total}: ${runs}.`;
    }
    const n = info.packages?.length ?? 0;
    return `Shard ${info.index} of ${info.total}: all ${count} runs of ${n} package${n === 1 ? '' : 's'} (packages dealt out over the shards).`;
}

;// CONCATENATED MODULE: ./src/engine/engine.ts
// Orchestration: go env → go list → build each test binary once with -race → run each `count`
// times (or until the answer is known). Problems the user caused end up in `errors` with what was
// done so far; nothing throws.











/**
 * GORACE options race-rerun adds before the user's own (TSan applies them in order, so the
 * user's win). atexit_sleep_ms=0: a passing race binary otherwise sleeps 1 s at exit, which
 * for fast tests is most of the run (see the README's Performance section).
 */
const DEFAULT_GORACE = ['atexit_sleep_ms=0'];
/** The most runs at once (see cappedParallel). */
const MAX_PARALLEL = 64;
/** The largest history the race runtime keeps (GORACE history_size, 0–7). */
const MAX_HISTORY_SIZE = 7;
/** Reruns tried per race whose stack could not be restored. */
const HISTORY_RERUNS = 3;
/** Races with a missing stack rerun at most (each one rerun up to HISTORY_RERUNS times). */
const MAX_HISTORY_GROUPS = 5;
function withGorace(env, before, after = []) {
    const gorace = [...before, env.GORACE ?? '', ...after].map((s) => s.trim()).filter(Boolean);
    return { ...env, GORACE: gorace.join(' ') };
}
function seconds(ms) {
    return `${(ms / 1000).toFixed(1)}s`;
}
function engine_plural(n, word, many = `${word}s`) {
    return `${n} ${n === 1 ? word : many}`;
}
function goMinor(version) {
    const m = version?.match(/^go1\.(\d+)/);
    return m ? Number(m[1]) : undefined;
}
/** Test iterations per run from -test.count and -test.cpu (each listed CPU count repeats the tests). */
function iterationsPerRun(testFlags) {
    let count = 1;
    let cpus = 1;
    for (const f of testFlags) {
        const m = /^-test\.(count|cpu)=(.*)$/.exec(f);
        if (m?.[1] === 'count')
            count = Number(m[2]) || 1;
        if (m?.[1] === 'cpu')
            cpus = (m[2] ?? '').split(',').filter((c) => c.trim() !== '').length || 1;
    }
    return count * cpus;
}
/** `only-changed`: the packages the pull request touches (all of them when that cannot be told). */
async function focusIfAsked(settings, listed, deps, result) {
    if (!settings.onlyChanged)
        return listed;
    if (!settings.changedSince || !deps.git) {
        result.notes.push('only-changed applies to pull requests (it needs their base commit): every package was run.');
        return listed;
    }
    const { buildFlags, packages: patterns, workingDirectory: wd } = settings;
    const focus = await focusOnChanges(settings.changedSince, listed, patterns, buildFlags, wd, {
        ...deps,
        git: deps.git,
    });
    if ('note' in focus) {
        result.notes.push(focus.note);
        deps.log(focus.note);
        return listed;
    }
    result.focus = focus.report;
    const base = settings.changedSince.slice(0, 7);
    const n = focus.packages.length;
    if (n === 0) {
        const note = `only-changed: no Go code of the tested packages changed since ${base} (${engine_plural(focus.report.changedFileCount, 'file')} changed): nothing was run.`;
        result.notes.push(note);
        deps.log(note);
    }
    else {
        deps.log(`only-changed: ${engine_plural(n, 'package')} of ${listed.length} touched since ${base}`);
    }
    return focus.packages;
}
async function execute(settings, deps) {
    const result = {
        modules: [],
        packages: [],
        builds: [],
        runs: [],
        errors: [],
        notes: [],
        overlap: [],
    };
    const started = Date.now();
    try {
        await executeSteps(settings, deps, result, started);
    }
    catch (err) {
        // A go command killed by the cancellation fails: that is the cancellation, said below.
        if (deps.signal?.aborted)
            cancelledNote(settings, undefined, result, String(deps.signal.reason));
        else if (err instanceof GoError)
            result.errors.push(err.message);
        else {
            const message = err instanceof Error ? err.message : String(err);
            result.errors.push(`race-rerun failed unexpectedly: ${message}`);
        }
    }
    finally {
        // The report holds what it needs (each finding's first occurrence): logs and binaries go.
        if (!deps.keepFiles)
            await removeScratch(deps.workDir);
    }
    return result;
}
/** Logs, binaries and the TMPDIRs of the history and alone reruns (each removed after its run; this is their root). */
async function removeScratch(workDir) {
    for (const dir of ['bin', 'logs', 'tmp']) {
        await (0,promises_namespaceObject.rm)((0,external_node_path_namespaceObject.join)(workDir, dir), { recursive: true, force: true }).catch(() => { });
    }
}
/** The steps of execute, in order; a step that ends the work early returns with result filled in. */
async function executeSteps(settings, deps, result, started) {
    const deadline = settings.maxDurationMs !== undefined ? started + settings.maxDurationMs : undefined;
    // tests-from first: a bad log should fail before anything is built.
    const failed = await testsFromFailures(settings, deps, result);
    if (failed === 'stop')
        return;
    const go = await goCommands(settings, deps, result);
    if (!go)
        return;
    const plan = await planPackages(settings, deps, result, go.listed, go.goEnv, failed);
    if (!plan)
        return;
    const env = withGorace(testEnvironment(deps.env ?? process.env), DEFAULT_GORACE);
    const built = await buildJobs(settings, deps, result, plan, go.goEnv, env, failed, started);
    const sched = await runJobs(settings, deps, result, plan, built.jobs, env, deadline);
    recordRuns(deps, result, plan.packages, built.builds, sched, started);
    if (deps.signal?.aborted) {
        cancelledNote(settings, sched, result, String(deps.signal.reason));
        stoppedFindingsNote(sched, result);
        escapedNote(result);
        return;
    }
    stopNotes(settings, sched, result, built.lastBuildEnd() - started);
    stoppedFindingsNote(sched, result);
    lostIterationNotes(settings, result);
    const mainMs = Date.now() - started;
    await recoverStacks(settings, deps, result, plan.argsOf, plan.testArgs, env, deadline);
    result.overlap = await confirmOverlaps(result.runs, settings, {
        binaries: builtBinaries(result),
        dirs: new Map(result.packages.map((p) => [p.importPath, p.dir])),
        argsOf: (pkg) => plan.argsOf.get(pkg) ?? plan.testArgs,
        env,
        firstRun: result.runs.length + 1,
        budgetMs: Math.max(MIN_OVERLAP_BUDGET_MS, mainMs / 4),
        ...(deadline !== undefined ? { deadline } : {}),
    }, deps).catch((err) => {
        // The main runs are measured already: a failed confirmation must not lose them.
        result.notes.push(`Could not rerun the tests that failed while runs overlapped alone: ${err.message}`);
        return [];
    });
    escapedNote(result);
}
/** tests-from: the failed tests per package, undefined to run as usual, 'stop' when nothing is to run. */
async function testsFromFailures(settings, deps, result) {
    if (settings.testsFrom === undefined)
        return undefined;
    const read = await readTestsFrom(settings.testsFrom, settings.repoRoot, (f) => deps.parse(f, ''));
    if ('errors' in read) {
        result.errors.push(...read.errors);
        return 'stop';
    }
    result.testsFrom = read.report;
    const where = logsText(read.report.logs);
    if (read.failed.size === 0 && !settings.run) {
        result.notes.push(`No test failed in ${where}: nothing to rerun.`);
        deps.log(`No test failed in ${where}: nothing to rerun.`);
        return 'stop';
    }
    if (read.failed.size === 0) {
        result.notes.push(`No test failed in ${where}: running the tests that match run instead.`);
        return undefined;
    }
    return read.failed;
}
/** report.testsFrom names what is rerun: tests of packages not run here are in a note. */
function keepRerunTests(result, packages) {
    const t = result.testsFrom;
    if (!t)
        return;
    const chosen = new Set(packages.map((p) => p.importPath));
    t.tests = t.tests.filter((x) => x.package === '' || chosen.has(x.package));
}
/** `a.log`, or `3 logs (a.log, b.log, c.log)`: the tests-from logs in a sentence. */
function logsText(logs) {
    if (logs.length === 1)
        return logs[0] ?? '';
    const more = logs.length > 3 ? ` and ${logs.length - 3} more` : '';
    return `${logs.length} logs (${logs.slice(0, 3).join(', ')}${more})`;
}
/** go env, the module list and the test packages; undefined (with an error) when no package matches. */
async function goCommands(settings, deps, result) {
    const wd = settings.workingDirectory;
    // The three go commands do not depend on each other: start them together (each one is a
    // go process start-up plus module loading). Awaited in order, so errors read as before.
    const envP = deps.go.env(wd);
    const modulesP = deps.go.modules(wd);
    const listedP = deps.go.listTestPackages(wd, settings.packages, settings.buildFlags);
    // When an earlier one throws, a later rejection must not go unhandled.
    modulesP.catch(() => { });
    listedP.catch(() => { });
    const goEnv = await envP;
    result.goEnv = goEnv;
    deps.log(`Using ${goEnv.version || 'go'} in ${wd}`);
    const minor = goMinor(goEnv.version);
    if (minor !== undefined && minor < 20 && settings.skip) {
        result.notes.push(`${goEnv.version} has no -test.skip (added in Go 1.20): the skip input will fail the runs.`);
    }
    result.modules = await modulesP;
    const listed = await listedP;
    result.errors.push(...listed.errors);
    if (listed.withoutTests.length > 0) {
        const shown = listed.withoutTests.slice(0, 10).join(', ');
        const more = listed.withoutTests.length > 10 ? ` and ${listed.withoutTests.length - 10} more` : '';
        result.notes.push(`${engine_plural(listed.withoutTests.length, 'package')} without test files: ${shown}${more}.`);
    }
    if (listed.packages.length === 0) {
        result.errors.push(`No test packages match ${settings.packages.join(' ')} in ${wd}: check the packages input.`);
        return undefined;
    }
    return { goEnv, listed: listed.packages };
}
/** The packages to run (only-changed, tests-from, shard) and their test binary arguments. */
async function planPackages(settings, deps, result, listed, goEnv, failed) {
    const baseArgs = {
        timeout: settings.timeout,
        skip: settings.skip,
        testFlags: settings.testFlags,
        goVersion: goEnv.version,
    };
    const argsOf = new Map();
    let packages = await focusIfAsked(settings, listed, deps, result);
    if (packages.length === 0)
        return undefined;
    if (failed !== undefined) {
        packages = selectFailed(packages, failed, settings, result);
        for (const p of packages) {
            const tests = failed.get(p.importPath) ?? failed.get('') ?? [];
            // An empty list: the package failed without a test to name, so all of it runs.
            argsOf.set(p.importPath, testBinaryArgs({ ...baseArgs, run: tests.length > 0 ? testsfrom_runPattern(tests) : undefined }));
        }
        if (packages.length === 0) {
            result.errors.push(`None of the packages that failed in ${logsText(result.testsFrom?.logs ?? [])} is among ${settings.packages.join(' ')} in ${settings.workingDirectory}.`);
            return undefined;
        }
        keepRerunTests(result, packages);
    }
    const share = settings.shard ? shareOf(packages, settings.count, settings.shard) : undefined;
    if (share) {
        packages = share.packages;
        result.shard = share.info;
        result.notes.push(shareText(share.info, settings.count));
    }
    result.packages = packages;
    const testArgs = testBinaryArgs({ ...baseArgs, run: settings.run });
    return share ? { packages, argsOf, testArgs, share } : { packages, argsOf, testArgs };
}
/** One job per package; its build runs in a run slot, and is recorded in `builds`. */
async function buildJobs(settings, deps, result, plan, goEnv, env, failed, started) {
    const { packages, argsOf } = plan;
    const wd = settings.workingDirectory;
    const binDir = (0,external_node_path_namespaceObject.join)(deps.workDir, 'bin');
    await (0,promises_namespaceObject.mkdir)(binDir, { recursive: true });
    const names = fileNames(packages.map((p) => p.importPath));
    const builds = new Map();
    let lastBuildEnd = started;
    const batch = batchBuilder(packages, settings, deps, goEnv, binDir);
    // tests-from chooses the tests itself: then only skip is the user's pattern.
    const patterns = {
        ...(failed === undefined && settings.run ? { run: settings.run } : {}),
        ...(settings.skip ? { skip: settings.skip } : {}),
    };
    const patternsOk = patternGate(patterns, deps, env, result);
    const jobs = packages.map((pkg, i) => {
        const job = {
            package: pkg,
            // One build per package, in a run slot: the first runs start while later packages build.
            // With several packages, one go command builds them all (the first slot starts it, the
            // others wait for it); a package it could not build is built alone, for its own output.
            build: async () => {
                const build = (await batch?.())?.get(pkg.importPath) ??
                    (await deps.go.buildTest(pkg, (0,external_node_path_namespaceObject.join)(binDir, `${names[i]}.test`), settings.buildFlags, wd));
                // A build stopped by cancellation is not a build failure: it is left out.
                if (!build.ok && deps.signal?.aborted)
                    return undefined;
                if (!build.ok && isNoSpace(build.output)) {
                    noSpace(result, deps, 0, `the test binary of ${pkg.importPath} could not be written`);
                    return undefined;
                }
                builds.set(pkg.importPath, build);
                lastBuildEnd = Date.now();
                if (!build.ok)
                    deps.log(`Build failed: ${pkg.importPath}`);
                if (!build.ok || build.binary === undefined)
                    return undefined;
                return (await patternsOk(build.binary, pkg.dir)) ? build.binary : undefined;
            },
        };
        const args = argsOf.get(pkg.importPath);
        if (args)
            job.testArgs = args;
        return job;
    });
    return { jobs, builds, lastBuildEnd: () => lastBuildEnd };
}
/** Says what will run, then builds and runs through the scheduler. */
async function runJobs(settings, deps, result, plan, jobs, env, deadline) {
    const { share } = plan;
    const parallel = cappedParallel(settings.parallel, result.notes);
    const until = settings.until ?? 'count';
    const precision = settings.precision ?? 0.1;
    deps.log(`Building ${engine_plural(plan.packages.length, 'test binary', 'test binaries')} with -race and running each ` +
        `${untilText(settings)}, at most ${parallel} at once (timeout ${settings.timeout} per run` +
        `${settings.maxDuration ? `, ${settings.maxDuration} in all` : ''})`);
    return schedule(jobs, {
        count: share?.count ?? settings.count,
        ...(share ? { firstRun: share.firstRun } : {}),
        parallel,
        timeout: settings.timeout,
        timeoutMs: settings.timeoutMs,
        testArgs: plan.testArgs,
        logDir: (0,external_node_path_namespaceObject.join)(deps.workDir, 'logs'),
        tmpRoot: (0,external_node_path_namespaceObject.join)(deps.workDir, 'tmp'),
        env,
        until,
        precision,
        ...(deadline !== undefined ? { deadline } : {}),
        ...(deps.signal ? { signal: deps.signal } : {}),
        ...(deps.keepFiles ? { keepLogs: true } : {}),
    }, { runner: deps.runner, parse: deps.parse, onRun: deps.onRun, log: deps.log });
}
/** The builds and runs into the result, and one log line saying what was done. */
function recordRuns(deps, result, packages, builds, sched, started) {
    result.builds = packages.flatMap((p) => {
        const b = builds.get(p.importPath);
        return b ? [b] : [];
    });
    result.runs = sched.records;
    result.escaped = sched.escaped;
    if (sched.diskFullAfter !== undefined) {
        noSpace(result, deps, sched.diskFullAfter, "a run's output could not all be written");
    }
    const builtCount = result.builds.filter((b) => b.ok).length;
    const failedBuilds = result.builds.length - builtCount;
    const killed = result.runs.filter((r) => r.killed).length;
    deps.log(`Built ${engine_plural(builtCount, 'test binary', 'test binaries')}${failedBuilds > 0 ? ` (${failedBuilds} failed)` : ''}; ` +
        `ran ${engine_plural(result.runs.length, 'test process', 'test processes')} in ${seconds(Date.now() - started)}` +
        (killed > 0 ? ` (${killed} killed after the timeout)` : ''));
}
/** The error for a full disk: said once, with how many runs had finished. */
function noSpace(result, deps, runs, what) {
    if (result.errors.some((e) => e.startsWith('No space left')))
        return;
    result.errors.push(`No space left in ${deps.workDirLabel ?? deps.workDir} after ${engine_plural(runs, 'run')}: ${what} (${deps.workDir}). ` +
        'Free space there; the runs that ended on the full disk are not counted (their output may be cut).');
}
/** "2 processes outlived their test run", with what that means. */
function escapedNote(result) {
    const escaped = result.escaped ?? 0;
    if (escaped === 0) {
        delete result.escaped;
        return;
    }
    result.notes.push(`${engine_plural(escaped, 'process', 'processes')} outlived their test run and ${escaped === 1 ? 'was' : 'were'} killed: ` +
        'they had left its process group (setsid, a daemon). A test should stop what it starts.');
}
/**
 * One `go test -race -c -o dir/ pkg…` for all packages, started on first call and shared: one go
 * start-up and package load instead of one per package, and go links them in parallel (measured
 * on the bench's 8 small packages: 2.1 s, against 2.8 s for the eight builds one after another,
 * with one core busy elsewhere). Go 1.21+ only.
 */
function batchBuilder(packages, settings, deps, goEnv, binDir) {
    const buildTests = deps.go.buildTests?.bind(deps.go);
    const minor = goMinor(goEnv.version);
    if (!buildTests || packages.length < 2 || minor === undefined || minor < 21)
        return undefined;
    let pending;
    return () => {
        pending ??= (async () => {
            try {
                const dir = await (0,promises_namespaceObject.mkdtemp)((0,external_node_path_namespaceObject.join)(binDir, 'all-'));
                const built = await buildTests(packages, dir, settings.buildFlags, settings.workingDirectory);
                return new Map(built.map((b) => [b.package.importPath, b]));
            }
            catch {
                return new Map(); // every package is then built on its own
            }
        })();
        return pending;
    };
}
function untilText(settings) {
    switch (settings.until) {
        case 'first':
            return `up to ${engine_plural(settings.count, 'time')} until the first failure`;
        case 'stable':
            return `up to ${engine_plural(settings.count, 'time')} until every rate is known to ±${points(settings.precision)} points`;
        default:
            return engine_plural(settings.count, 'time');
    }
}
function points(precision) {
    return String(Math.round((precision ?? 0.1) * 1000) / 10);
}
/** The listed packages that failed in the logs; says which failed ones are not listed. */
function selectFailed(listed, failed, settings, result) {
    const unknown = failed.get('');
    const logs = result.testsFrom?.logs ?? [];
    const where = logsText(logs);
    // Tests the log does not tie to a package (plain output cut short): look for them everywhere.
    const chosen = unknown !== undefined ? listed : listed.filter((p) => failed.has(p.importPath));
    const names = new Set(listed.map((p) => p.importPath));
    const missing = [...failed.keys()].filter((p) => p !== '' && !names.has(p));
    if (missing.length > 0) {
        result.notes.push(`Failed in ${where} but not among the packages (${settings.packages.join(' ')}): ${missing.join(', ')}.`);
    }
    const described = chosen.map((p) => {
        const tests = failed.get(p.importPath) ?? unknown ?? [];
        return `${p.importPath} (${tests.length > 0 ? tests.join(', ') : 'all tests: the package failed without a failed test'})`;
    });
    if (described.length > 0) {
        result.notes.push(`Rerunning only what failed in ${where}: ${described.join('; ')}.` +
            (settings.run
                ? ` The run input is not used: the ${logs.length === 1 ? 'log' : 'logs'} chose the tests.`
                : ''));
    }
    return chosen;
}
/** Why the runs stopped and which packages got fewer runs, for the summary. */
function stopNotes(settings, sched, result, buildMs) {
    const built = sched.packages.filter((p) => p.built);
    const short = (p) => p;
    const stopped = sched.packages.reduce((n, p) => n + p.stopped, 0);
    const stoppedText = stopped > 0
        ? ` ${engine_plural(stopped, 'run')} still running then ${stopped === 1 ? 'was' : 'were'} stopped and not counted.`
        : '';
    if (result.runs.length === 0 && sched.stop === 'budget') {
        result.errors.push(`max-duration ${settings.maxDuration} was too short for even one run (building took ${seconds(buildMs)}): nothing was measured. Raise max-duration.`);
        return;
    }
    if (built.length === 0)
        return;
    const counts = built.map((p) => `${short(p.importPath)} ${p.runs}`).join(', ');
    switch (sched.stop) {
        case 'first': {
            const r = sched.firstFailure;
            result.notes.push(`Stopped at the first failing run (until: first): run ${r?.index} of ${r?.package}, after ${engine_plural(result.runs.length, 'run')} in all.${stoppedText}`);
            break;
        }
        case 'stable':
            result.notes.push(`Stopped once every finding and test was known to ±${points(settings.precision)} points at 95% (until: stable). Runs per package: ${counts}.`);
            break;
        case 'budget':
            result.notes.push(`Stopped at max-duration ${settings.maxDuration} before all ${settings.count} runs. Runs per package: ${counts}.${stoppedText}`);
            break;
        case 'count':
            if (settings.until === 'stable') {
                const unstable = built.filter((p) => !p.stable).map((p) => p.importPath);
                result.notes.push(`Reached count (${settings.count} runs) before every rate was known to ±${points(settings.precision)} points` +
                    ` in ${unstable.join(', ')}: raise count for a narrower interval.`);
            }
            else if (settings.until === 'first') {
                result.notes.push(`No run failed in ${settings.count} runs of each package (until: first).`);
            }
            break;
    }
    if (sched.stop === 'budget' || sched.stop === 'stable') {
        // Say it rather than hide it: a slow package's rate rests on fewer runs.
        const most = Math.max(...built.map((p) => p.runs));
        for (const p of built) {
            if (p.runs < most && !(sched.stop === 'stable' && p.stable)) {
                result.notes.push(`${p.importPath} got fewer runs under the budget: ${p.runs} of ${settings.count}` +
                    (p.runs > 0 ? ` (its runs take ${seconds(p.meanMs)} each)` : '') +
                    '; its rates are less certain.');
            }
        }
    }
}
/**
 * Checks run and skip with the first binary built (see patterns.ts), once for all packages: a bad
 * pattern is an input error and nothing runs, instead of every run failing as a "test failure".
 */
function patternGate(patterns, deps, env, result) {
    let verdict;
    return (binary, cwd) => {
        verdict ??= checkPatterns(deps.runner, { binary, cwd, env, ...(deps.signal ? { signal: deps.signal } : {}) }, patterns)
            .catch(() => undefined) // could not ask: the runs will tell
            .then((problem) => {
            if (problem)
                result.errors.push(problem);
            return problem === undefined;
        });
        return verdict;
    };
}
/**
 * Runs at once, at most MAX_PARALLEL: every race-enabled test process takes memory and a core of
 * its own, and more at once than that slows each run rather than the whole.
 */
function cappedParallel(parallel, notes) {
    if (parallel <= MAX_PARALLEL)
        return parallel;
    notes.push(`parallel ${parallel} is more than race-rerun runs at once: ran at most ${MAX_PARALLEL} at a time (each race-enabled test process needs its own memory and core).`);
    return MAX_PARALLEL;
}
/** `daemon.go:88 in (*Daemon).Shutdown`: where a raw finding's first stack starts. */
function firstFrameText(f) {
    const fr = f.stacks[0]?.frames[0];
    if (!fr)
        return '';
    const file = fr.file.split(/[\\/]/).pop() ?? fr.file;
    const fn = fr.func.slice(fr.func.lastIndexOf('/') + 1);
    return ` at ${file}:${fr.line} in ${fn}`;
}
/**
 * Runs stopped half way are not counted (the stop could have caused a failure), but a race or a
 * panic they had already printed is real: said in a note, so that stopping never hides one.
 */
function stoppedFindingsNote(sched, result) {
    const seen = new Set();
    const items = [];
    for (const f of sched.stoppedFindings) {
        const text = `${f.kind === 'race' ? 'a data race' : f.kind === 'panic' ? 'a panic' : 'a fatal error'}${firstFrameText(f)} (${f.package})`;
        if (seen.has(text))
            continue;
        seen.add(text);
        items.push(text);
    }
    if (items.length === 0)
        return;
    const shown = items.slice(0, 5).join('; ');
    const more = items.length > 5 ? ` and ${items.length - 5} more` : '';
    result.notes.push(`Runs stopped before they finished had already printed ${shown}${more}: not counted, since a stopped run is neither a pass nor a failure.`);
}
/** The report's note and `cancelled` field: k of N runs finished before the signal. */
function cancelledNote(settings, sched, result, signal) {
    const failedBuilds = result.builds.filter((b) => !b.ok).length;
    const runsPlanned = Math.max(0, result.packages.length - failedBuilds) * settings.count;
    const runsDone = result.runs.length;
    result.cancelled = { signal, runsDone, runsPlanned };
    const stopped = sched?.packages.reduce((n, p) => n + p.stopped, 0) ?? 0;
    result.notes.push(`Cancelled (${signal}) after ${runsDone} of ${engine_plural(runsPlanned, 'run')}: the report covers the runs that finished.` +
        (stopped > 0
            ? ` ${engine_plural(stopped, 'run')} still running ${stopped === 1 ? 'was' : 'were'} stopped and not counted.`
            : ''));
}
/** With -count=K (or a -cpu list) a panic ends the process, so the iterations after it never ran. */
function lostIterationNotes(settings, result) {
    const k = iterationsPerRun(settings.testFlags);
    if (k <= 1)
        return;
    const byPkg = new Map();
    for (const r of result.runs)
        byPkg.set(r.package, [...(byPkg.get(r.package) ?? []), r]);
    for (const [pkg, runs] of byPkg) {
        const topLevel = new Set(runs.flatMap((r) => r.parsed.tests.filter((t) => !t.name.includes('/')).map((t) => t.name)));
        let lost = 0;
        let cut = 0;
        for (const r of runs) {
            const ended = r.parsed.tests.filter((t) => !t.name.includes('/') && t.action !== 'interrupted' && t.package === pkg).length;
            const missing = Math.max(0, k * topLevel.size - ended);
            if (missing > 0 && (r.exitCode !== 0 || r.killed)) {
                lost += missing;
                cut++;
            }
        }
        if (lost > 0) {
            result.notes.push(`${pkg}: ${engine_plural(cut, 'run')} ended early (a panic, fatal error or timeout ends the process), so ` +
                `${engine_plural(lost, 'test iteration')} of the ${k} per test in a run never ran. Each run counts once, failed if any iteration failed.`);
        }
    }
}
// ---------------------------------------------------------------------------------------------
// Races whose stack the detector could not restore: rerun with the largest history.
const ACCESS = new Set(['current', 'previous']);
function missingStack(f) {
    return f.kind === 'race' && f.stacks.some((s) => ACCESS.has(s.role) && s.frames.length === 0);
}
function accessTops(f) {
    return f.stacks
        .filter((s) => ACCESS.has(s.role) && s.frames.length > 0)
        .map((s) => `${s.frames[0]?.func}:${s.frames[0]?.line}`);
}
function builtBinaries(result) {
    return new Map(result.builds.flatMap((b) => (b.ok && b.binary ? [[b.package.importPath, b.binary]] : [])));
}
async function recoverStacks(settings, deps, result, argsOf, testArgs, env, deadline) {
    const groups = new Map();
    for (const run of result.runs) {
        for (const f of run.parsed.findings) {
            if (!missingStack(f))
                continue;
            const pkg = f.package || run.package;
            const tops = accessTops(f);
            const key = [pkg, f.test ?? '', ...tops].join('\u0000');
            const g = groups.get(key) ?? { pkg, ...(f.test ? { test: f.test } : {}), tops, findings: [] };
            g.findings.push(f);
            groups.set(key, g);
        }
    }
    if (groups.size === 0)
        return;
    const binaries = builtBinaries(result);
    const dirs = new Map(result.packages.map((p) => [p.importPath, p.dir]));
    const historyEnv = withGorace(env, [], [`history_size=${MAX_HISTORY_SIZE}`]);
    let tried = 0;
    for (const g of groups.values()) {
        const binary = binaries.get(g.pkg);
        const dir = dirs.get(g.pkg);
        let found;
        let tries = 0;
        const outOfTime = () => (deadline !== undefined && Date.now() >= deadline) || deps.signal?.aborted === true;
        if (binary && dir && tried < MAX_HISTORY_GROUPS && !outOfTime()) {
            tried++;
            const base = (argsOf.get(g.pkg) ?? testArgs).filter((a) => !a.startsWith('-test.run='));
            const args = g.test ? [...base, `-test.run=${testsfrom_runPattern([g.test])}`] : (argsOf.get(g.pkg) ?? testArgs);
            const logDir = (0,external_node_path_namespaceObject.join)(deps.workDir, 'logs', 'history');
            await (0,promises_namespaceObject.mkdir)(logDir, { recursive: true });
            for (; tries < HISTORY_RERUNS && !found && !outOfTime();) {
                tries++;
                const logFile = (0,external_node_path_namespaceObject.join)(logDir, `${fileNames([g.pkg])[0]}-${tried}-${tries}.log`);
                // Nothing else runs now: any run index is free.
                const rerun = await rerunAlone(deps.runner, { command: binary, args, cwd: dir, env: historyEnv, logFile }, {
                    tmpRoot: (0,external_node_path_namespaceObject.join)(deps.workDir, 'tmp'),
                    name: `history-${tried}-${tries}`,
                    run: result.runs.length + tries,
                    timeoutMs: settings.timeoutMs,
                    signal: deps.signal,
                });
                result.escaped = (result.escaped ?? 0) + (rerun.escaped ?? 0);
                const parsed = await deps.parse(logFile, g.pkg).catch(() => undefined);
                if (!deps.keepFiles)
                    await (0,promises_namespaceObject.rm)(logFile, { force: true }).catch(() => { });
                found = parsed?.findings.find((f) => {
                    if (f.kind !== 'race' || missingStack(f))
                        return false;
                    const tops = new Set(accessTops(f));
                    return g.tops.every((t) => tops.has(t));
                });
            }
        }
        const who = g.test ? `${g.test} in ${g.pkg}` : g.pkg;
        for (const f of g.findings) {
            if (found) {
                f.stacks = structuredClone(found.stacks);
                f.raw = `${found.raw.replace(/\s+$/, '')}\n(race-rerun: this report comes from a rerun of ${who} with GORACE=history_size=${MAX_HISTORY_SIZE}; the original run's report had [failed to restore the stack].)\n`;
                f.stackRecovery = 'recovered';
            }
            else {
                f.stackRecovery = 'unrecovered';
                f.raw = `${f.raw.replace(/\s+$/, '')}\n(race-rerun: a stack of this race could not be restored${tries > 0 ? `, not even in ${engine_plural(tries, 'rerun')} with GORACE=history_size=${MAX_HISTORY_SIZE}` : ''}.)\n`;
            }
        }
        if (found) {
            result.notes.push(`A race in ${who} had [failed to restore the stack]; a rerun with GORACE=history_size=${MAX_HISTORY_SIZE} gave the full report, used for its annotations.`);
        }
        else {
            result.notes.push(`A race in ${who} had [failed to restore the stack] and ` +
                (tries > 0
                    ? `${engine_plural(tries, 'rerun')} with GORACE=history_size=${MAX_HISTORY_SIZE} did not restore it: one side of it is unknown.`
                    : 'there was no time (or binary) left to rerun it: one side of it is unknown.'));
        }
    }
}

;// CONCATENATED MODULE: ./src/engine/pipeline.ts
// Wires engine → parser → analysis into a Report. Shared by the action and the CLI, which only
// differ in where settings come from and how the report is shown.









/** This machine's file system, for the path mapper: symlinked checkouts, files of other machines' logs. */
const nodePathDisk = {
    realpath(p) {
        try {
            return (0,external_node_fs_namespaceObject.realpathSync)(p);
        }
        catch {
            return undefined;
        }
    },
    isFile(p) {
        try {
            return (0,external_node_fs_namespaceObject.statSync)(p).isFile();
        }
        catch {
            return false;
        }
    },
};
function readText(p) {
    try {
        return (0,external_node_fs_namespaceObject.readFileSync)(p, 'utf8');
    }
    catch {
        return undefined;
    }
}
/** The path mapper for these runs, looking things up on this machine's disk. */
function mapperFor(ctx, disk = nodePathDisk) {
    return createPathMapper(ctx, disk);
}
function repoRelative(repoRoot, dir) {
    const rel = relativeTo(normalizePath(dir), normalizePath(repoRoot));
    if (rel === undefined)
        return dir;
    return rel === '' ? '.' : rel;
}
function reportContext(settings, goVersion, commit) {
    return {
        workingDirectory: repoRelative(settings.repoRoot, settings.workingDirectory),
        packages: settings.packages,
        count: settings.count,
        ...(settings.run ? { run: settings.run } : {}),
        ...(settings.skip ? { skip: settings.skip } : {}),
        timeout: settings.timeout,
        goTestFlags: settings.goTestFlags,
        ...(goVersion ? { goVersion } : {}),
        ...(commit ? { commit } : {}),
        ...(settings.until === 'first' || settings.until === 'stable' ? { until: settings.until } : {}),
        ...(settings.until === 'stable' && settings.precision !== undefined
            ? { precision: settings.precision }
            : {}),
        ...(settings.maxDuration ? { maxDuration: settings.maxDuration } : {}),
    };
}
/** Runs the tests as the settings say and reports. Never throws for user-caused problems. */
async function runAndReport(settings, deps, commit) {
    const result = await execute(settings, { ...deps, parse: parseLogFile });
    const buildFindings = result.builds
        .filter((b) => !b.ok)
        .flatMap((b) => parseBuildOutput(b.output, b.package.importPath));
    const mapper = mapperFor({
        repoRoot: settings.repoRoot,
        ...(result.goEnv ? { goroot: result.goEnv.goroot, gomodcache: result.goEnv.gomodcache } : {}),
        modules: result.modules,
    });
    const built = new Set(result.builds.filter((b) => b.ok).map((b) => b.package.importPath));
    const input = {
        mode: 'run',
        version: VERSION,
        context: reportContext(settings, result.goEnv?.version, commit),
        count: settings.count,
        packages: result.packages.map((p) => ({
            importPath: p.importPath,
            dir: p.dir,
            built: built.has(p.importPath),
        })),
        moduleDir: settings.workingDirectory,
        builds: result.builds,
        runs: result.runs,
        buildFindings,
        mapper,
        errors: result.errors,
        notes: result.notes,
        ...(result.overlap.length > 0 ? { overlap: result.overlap } : {}),
    };
    const report = buildReport(input);
    if (result.cancelled)
        report.cancelled = result.cancelled;
    if (result.escaped)
        report.escapedProcesses = result.escaped;
    if (result.focus)
        report.focus = result.focus;
    if (result.testsFrom)
        report.testsFrom = result.testsFrom;
    // Even a shard that stopped before its share was known says which shard it is, for the merge.
    const shard = result.shard ?? (settings.shard && { ...settings.shard, split: 'packages', packages: [] });
    if (shard) {
        report.shard = shard;
        report.summary = shardSummary(report.summary, shard);
    }
    return report;
}
/** A report for when nothing could be run (bad settings): still written, so users see why. */
function errorReport(message, repoRoot, context) {
    return buildReport({
        mode: 'run',
        version: VERSION,
        context: context ?? {
            workingDirectory: '.',
            packages: [],
            count: 0,
            timeout: '',
            goTestFlags: [],
        },
        count: 0,
        packages: [],
        moduleDir: repoRoot,
        builds: [],
        runs: [],
        buildFindings: [],
        mapper: createPathMapper({ repoRoot }),
        errors: typeof message === 'string' ? [message] : message,
        notes: [],
    });
}
/** A package's directory from the module it belongs to (longest module path prefix). */
function packageDir(importPath, modules, fallback) {
    let best;
    for (const m of modules) {
        const inside = importPath === m.path || importPath.startsWith(`${m.path}/`);
        if (inside && (!best || m.path.length > best.path.length))
            best = m;
    }
    if (!best)
        return fallback;
    const rest = importPath.slice(best.path.length);
    return rest ? `${best.dir}${rest}` : best.dir;
}
/** Reads existing logs (plain `go test` output or `go test -json`); each log counts as one run. */
async function parseLogsToReport(logs, opts) {
    const { runs, logs: outcomes } = await readLogRuns(logs);
    const errors = [];
    const notes = [];
    for (const o of outcomes) {
        if ('error' in o)
            errors.push(`Cannot read ${o.name}: ${o.error}`);
        else if ('notGo' in o)
            notes.push(`${o.name} holds no Go test output (no test results, race reports or panics were found in it).`);
    }
    const unreadable = errors.length;
    const withGoOutput = outcomes.filter((o) => 'parsed' in o).length;
    if (withGoOutput === 0 && logs.length > 0 && errors.length === 0) {
        // Said once, as the error, rather than once more per log as a note.
        notes.length = 0;
        errors.push(logs.length === 1
            ? `${logs[0]?.name} is not Go test output: give the output of go test (plain or -json).`
            : 'None of the logs holds Go test output: give the output of go test (plain or -json).');
    }
    const packages = [...new Set(runs.map((r) => r.package))].sort();
    // Without Go here (`go list -m` gave nothing), the checkout's go.work / go.mod still name the modules.
    const modules = opts.modules && opts.modules.length > 0
        ? opts.modules
        : modulesFromFiles(opts.moduleDir ?? opts.repoRoot, opts.repoRoot, readText);
    const mapper = mapperFor({
        repoRoot: opts.repoRoot,
        ...(opts.goroot ? { goroot: opts.goroot } : {}),
        ...(opts.gomodcache ? { gomodcache: opts.gomodcache } : {}),
        modules,
        ...(opts.aliases ? { aliases: opts.aliases } : {}),
    }, opts.disk);
    const report = buildReport({
        mode: 'parse',
        version: VERSION,
        context: { workingDirectory: '.', packages, count: logs.length, timeout: '', goTestFlags: [] },
        count: logs.length,
        packages: packages.map((p) => ({
            importPath: p,
            dir: packageDir(p, modules, opts.repoRoot),
            built: true,
        })),
        moduleDir: opts.moduleDir ?? opts.repoRoot,
        builds: [],
        runs,
        buildFindings: [],
        mapper,
        errors,
        notes,
    });
    return { report, unreadable };
}

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: ./src/engine/escapees.ts
// Processes that outlive their test run by leaving its process group (setsid, a daemon's double
// fork): the group kill misses them. Each run's processes inherit a marker variable; on Linux,
// /proc/<pid>/environ tells which live processes carry it. Elsewhere they cannot be found.


/** The variable every process of a run inherits (unless it clears its environment). */
const MARKER_VAR = 'RACE_RERUN_PROCESS';
const nonce = (0,external_node_crypto_namespaceObject.randomBytes)(6).toString('hex');
let serial = 0;
/** A marker value no other run (of this or another race-rerun) has. */
function newMarker() {
    serial++;
    return `${nonce}-${process.pid}-${serial}`;
}
/** Scans per kill pass; a process forking as fast as it is killed is not chased further. */
const PASSES = 3;
/** Process group and start time (clock ticks since boot) of a live process, from /proc/<pid>/stat. */
function statOf(pid) {
    try {
        const stat = (0,external_node_fs_namespaceObject.readFileSync)(`/proc/${pid}/stat`, 'latin1');
        // pid (comm) state ppid pgrp … starttime (field 22); comm may hold spaces and parentheses.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (fields[0] === 'Z')
            return undefined;
        return { group: Number(fields[2]), started: Number(fields[19]) };
    }
    catch {
        return undefined;
    }
}
/** When a process started, in /proc's clock ticks; 0 where that cannot be told. */
function startTicks(pid) {
    return statOf(pid)?.started ?? 0;
}
function carries(pid, needle) {
    try {
        const environ = (0,external_node_fs_namespaceObject.readFileSync)(`/proc/${pid}/environ`);
        return environ.indexOf(needle) >= 0;
    }
    catch {
        return false; // gone, or another user's process
    }
}
/**
 * Live processes outside group `pgid` that carry `marker`; [] where there is no /proc. Only those
 * started at `since` (startTicks of the run's process) or later can be the run's: the environment
 * of older ones is not read.
 */
function findEscapees(marker, pgid, since = 0) {
    let entries;
    try {
        entries = (0,external_node_fs_namespaceObject.readdirSync)('/proc');
    }
    catch {
        return [];
    }
    const needle = Buffer.from(`${MARKER_VAR}=${marker}\0`);
    const found = [];
    for (const pid of entries) {
        if (!/^\d+$/.test(pid) || Number(pid) === process.pid)
            continue;
        const st = statOf(pid);
        if (st === undefined || st.group === pgid || st.started < since)
            continue;
        if (carries(pid, needle))
            found.push(Number(pid));
    }
    return found;
}
/** Kills the escapees of a run (see findEscapees); how many there were. */
function killEscapees(marker, pgid, since = 0) {
    if (process.platform !== 'linux')
        return 0;
    const killed = new Set();
    for (let pass = 0; pass < PASSES; pass++) {
        const found = findEscapees(marker, pgid, since).filter((p) => !killed.has(p));
        if (found.length === 0)
            break;
        for (const pid of found) {
            killed.add(pid);
            try {
                // Its own group too: whatever it started since (and kept in its group) goes with it.
                process.kill(-pid, 'SIGKILL');
            }
            catch {
                // Not a group leader.
            }
            try {
                process.kill(pid, 'SIGKILL');
            }
            catch {
                // Gone already.
            }
        }
    }
    return killed.size;
}

;// CONCATENATED MODULE: ./src/engine/process.ts
// Runs one child process. Every child gets its own process group so that a timeout (or our own
// SIGINT/SIGTERM) can kill the test binary *and* whatever it started: a test that spawns
// `sleep 300` must not outlive its run.




/** Captured output beyond this is dropped (go list/go build output is small; this is a guard). */
const CAPTURE_LIMIT = 8 * 1024 * 1024;
/** After the leader exits, how long to wait for pipes held by leftover processes to close. */
const CLOSE_WAIT_MS = 2000;
// ---------------------------------------------------------------------------------------------
// Process groups alive right now, killed if we are interrupted.
const liveGroups = new Set();
let handlersInstalled = false;
function killGroup(pid) {
    try {
        process.kill(-pid, 'SIGKILL');
    }
    catch {
        // ESRCH: the group is already gone.
    }
}
function onSignal(signal) {
    for (const pid of liveGroups)
        killGroup(pid);
    liveGroups.clear();
    uninstallHandlers();
    // Our listener replaced Node's default action (exit); restore it unless someone else listens.
    if (process.listenerCount(signal) === 0)
        process.kill(process.pid, signal);
}
function onExit() {
    for (const pid of liveGroups)
        killGroup(pid);
}
function installHandlers() {
    if (handlersInstalled)
        return;
    handlersInstalled = true;
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('exit', onExit);
}
function uninstallHandlers() {
    if (!handlersInstalled)
        return;
    handlersInstalled = false;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', onExit);
}
function track(pid) {
    liveGroups.add(pid);
    installHandlers();
}
function untrack(pid) {
    liveGroups.delete(pid);
    if (liveGroups.size === 0)
        uninstallHandlers();
}
// ---------------------------------------------------------------------------------------------
function errorMessage(err) {
    return err instanceof Error ? err.message : String(err);
}
class Capture {
    chunks = [];
    size = 0;
    truncated = false;
    add(chunk) {
        if (this.size >= CAPTURE_LIMIT) {
            this.truncated = true;
            return;
        }
        const room = CAPTURE_LIMIT - this.size;
        const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
        if (part.length < chunk.length)
            this.truncated = true;
        this.chunks.push(part);
        this.size += part.length;
    }
    text() {
        const s = Buffer.concat(this.chunks).toString('utf8');
        return this.truncated ? `${s}\n[race-rerun: output truncated at ${CAPTURE_LIMIT} bytes]\n` : s;
    }
}
async function runProcess(spec) {
    const start = Date.now();
    const elapsed = () => Date.now() - start;
    let fileHandle;
    if (spec.logFile !== undefined) {
        try {
            // Synchronous: an open is a few microseconds, a trip through the thread pool is not, and
            // it sits between one run's end and the next one's start.
            const fd = (0,external_node_fs_namespaceObject.openSync)(spec.logFile, 'w');
            fileHandle = { fd, close: async () => (0,external_node_fs_namespaceObject.closeSync)(fd) };
        }
        catch (err) {
            return failed(`cannot open log file ${spec.logFile}: ${errorMessage(err)}`, elapsed());
        }
    }
    const marker = spec.reap ? newMarker() : undefined;
    const env = spec.env ?? process.env;
    let child;
    try {
        child = (0,external_node_child_process_namespaceObject.spawn)(spec.command, spec.args, {
            cwd: spec.cwd,
            env: marker ? { ...env, [MARKER_VAR]: marker } : env,
            // Own process group (setsid): kill(-pid) reaches the binary's children too.
            detached: true,
            stdio: fileHandle ? ['ignore', fileHandle.fd, fileHandle.fd] : ['ignore', 'pipe', 'pipe'],
        });
    }
    catch (err) {
        await fileHandle?.close();
        return failed(errorMessage(err), elapsed());
    }
    // The child has its own copy of the fd now. Not awaited: the listeners below must be attached
    // before the event loop turns, or a child that exits at once (in under a millisecond) has
    // its 'exit' and 'close' emitted to nobody and the run never ends.
    fileHandle?.close().catch(() => { });
    return new Promise((resolve) => {
        const out = new Capture();
        const err = new Capture();
        const merged = new Capture();
        child.stdout?.on('data', (chunk) => {
            out.add(chunk);
            merged.add(chunk);
        });
        child.stderr?.on('data', (chunk) => {
            err.add(chunk);
            merged.add(chunk);
        });
        const pid = child.pid;
        if (pid !== undefined)
            track(pid);
        const since = marker && pid !== undefined && process.platform === 'linux' ? startTicks(pid) : 0;
        let killed = false;
        let aborted = false;
        let exited = false;
        const onAbort = () => {
            if (pid === undefined || exited)
                return;
            aborted = true;
            killGroup(pid);
        };
        if (spec.signal?.aborted)
            onAbort();
        else
            spec.signal?.addEventListener('abort', onAbort, { once: true });
        let timer;
        if (pid !== undefined && spec.timeoutMs !== undefined && spec.timeoutMs > 0) {
            timer = longTimeout(() => {
                if (aborted)
                    return;
                killed = true;
                killGroup(pid);
            }, spec.timeoutMs);
        }
        let exitCode = null;
        let exitSignal = null;
        let escaped = 0;
        let settled = false;
        let closeTimer;
        const finish = (spawnError) => {
            if (settled)
                return;
            settled = true;
            timer?.clear();
            if (closeTimer)
                clearTimeout(closeTimer);
            if (pid !== undefined)
                untrack(pid);
            spec.signal?.removeEventListener('abort', onAbort);
            const result = {
                exitCode,
                signal: exitSignal,
                killed,
                durationMs: elapsed(),
                output: fileHandle ? '' : merged.text(),
            };
            if (!fileHandle) {
                result.stdout = out.text();
                result.stderr = err.text();
            }
            if (spawnError !== undefined)
                result.spawnError = spawnError;
            if (aborted)
                result.aborted = true;
            if (marker)
                result.escaped = escaped;
            resolve(result);
        };
        child.on('error', (e) => {
            // Spawn failures (no 'exit' follows). Errors after a successful spawn (kill failing) are
            // not fatal: 'exit'/'close' still come.
            if (pid === undefined)
                finish(describeSpawnError(e, spec));
        });
        child.on('exit', (code, signal) => {
            if (pid === undefined)
                return;
            exitCode = code;
            exitSignal = signal;
            exited = true;
            // It ended before the timeout: a kill now would not be a timeout kill.
            timer?.clear();
            // Leftovers in the group (a server the test started and never stopped) die with the run;
            // otherwise they would outlive it, hold our pipes open, and disturb the next run.
            killGroup(pid);
            if (marker)
                escaped = killEscapees(marker, pid, since);
            // 'close' waits for the pipes; a process that escaped the group could hold them forever.
            closeTimer = setTimeout(() => {
                child.stdout?.destroy();
                child.stderr?.destroy();
                finish();
            }, CLOSE_WAIT_MS);
        });
        child.on('close', () => {
            if (pid !== undefined)
                finish();
        });
    });
}
/** Node says `spawn go ENOENT` for a missing cwd too; say which of the two is missing. */
function describeSpawnError(err, spec) {
    if (err.code === 'ENOENT' && !(0,external_node_fs_namespaceObject.existsSync)(spec.cwd)) {
        return `cannot run ${spec.command}: directory ${spec.cwd} does not exist`;
    }
    return errorMessage(err);
}
function failed(message, durationMs) {
    return { exitCode: null, signal: null, killed: false, durationMs, output: '', spawnError: message };
}
const nodeProcessRunner = { run: runProcess };

;// CONCATENATED MODULE: ./src/publish/secrets.ts
// Secrets never leave the process in what race-rerun publishes. GitHub masks registered secrets
// in the log only; the comment, the job summary, the JSON report, annotations and outputs are
// written by us, and a test can print anything it can read (its environment, a file). Every text
// published goes through redact(), and every secret the action knows is registered here.
/** Shorter values are not masked: replacing every `1` or `abc` would garble the report. */
const MIN_LENGTH = 4;
const secrets = new Set();
let patterns = [];
/** The spellings a secret can take in published text: as it is, JSON-escaped, URL-encoded, per line. */
function spellings(value) {
    const out = [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)];
    for (const line of value.split(/\r?\n/))
        out.push(line.trim());
    return out.filter((s) => s.length >= MIN_LENGTH);
}
/** Registers a value to be replaced by `***` (what core.setSecret tells the runner). */
function addSecret(value) {
    if (!value || value.trim().length < MIN_LENGTH || secrets.has(value))
        return;
    secrets.add(value);
    // Longest first, so that a secret containing another is replaced whole.
    patterns = [...new Set([...patterns, ...spellings(value)])].sort((a, b) => b.length - a.length);
}
/** Tokens an environment holds by these names: the runner's own, and the usual GitHub token variables. */
const ENV_SECRETS = [
    'ACTIONS_RUNTIME_TOKEN',
    'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
    'GITHUB_TOKEN',
    'GH_TOKEN',
];
/** Registers the tokens of ENV_SECRETS found in env. */
function addEnvSecrets(env) {
    for (const name of ENV_SECRETS)
        addSecret(env[name]);
}
/** The text with every registered secret replaced by `***`. */
function redact(text) {
    let out = text;
    for (const p of patterns)
        if (out.includes(p))
            out = out.split(p).join('***');
    return out;
}
/** A copy of a JSON-like value (the report) with every string redacted, keys included. */
function redactDeep(value) {
    if (patterns.length === 0)
        return value;
    const walk = (v) => {
        if (typeof v === 'string')
            return redact(v);
        if (Array.isArray(v))
            return v.map(walk);
        if (v !== null && typeof v === 'object')
            return Object.fromEntries(Object.entries(v).map(([k, x]) => [redact(k), walk(x)]));
        return v;
    };
    return walk(value);
}
/** Tests start from nothing registered. */
function clearSecrets() {
    secrets.clear();
    patterns = [];
}

;// CONCATENATED MODULE: ./src/render/outcome.ts
function failingFindings(report, failOn, onlyNew = false) {
    const kinds = new Set(failOn);
    return report.findings.filter((f) => kinds.has(f.kind) && !(onlyNew && f.baseline === 'known'));
}

;// CONCATENATED MODULE: ./src/render/progress.ts
const NOUN = { fatal: 'fatal error', build: 'build failure' };
function describeRun(run) {
    if (run.killed)
        return 'killed: did not finish within the timeout';
    const kinds = new Map();
    for (const f of run.parsed.findings)
        kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
    if (kinds.size === 0)
        return run.exitCode === 0 ? 'ok' : `FAIL (exit ${run.exitCode ?? run.signal})`;
    return `FAIL: ${[...kinds].map(([k, n]) => `${n} ${NOUN[k] ?? k}${n === 1 ? '' : 's'}`).join(', ')}`;
}

;// CONCATENATED MODULE: ./src/render/format.ts
// Wording shared by the renderers, so the annotation, the job summary and the terminal agree.



const format_KIND_LABEL = {
    race: 'Data race',
    panic: 'Panic',
    fatal: 'Fatal error',
    timeout: 'Timeout',
    failure: 'Test failure',
    build: 'Build failed',
    overlap: 'Fails only when runs overlap',
};
/** The title without its `Data race: ` prefix: `write in Shutdown vs read in write`. */
function format_titleRest(f) {
    const prefix = `${format_KIND_LABEL[f.kind]}: `;
    return f.title.startsWith(prefix) ? f.title.slice(prefix.length) : f.title;
}
/** `Data race (7/30 runs): write in Shutdown vs read in write`; a build error has no count. */
function countedTitle(f, rest = format_titleRest(f)) {
    if (f.kind === 'build')
        return `${format_KIND_LABEL.build}: ${rest}`;
    return `${format_KIND_LABEL[f.kind]} (${f.runsSeen}/${f.runs} runs): ${rest}`;
}
const KIND_RANK = {
    race: 0,
    panic: 1,
    fatal: 2,
    timeout: 3,
    failure: 4,
    build: 5,
    overlap: 6,
};
/**
 * Most important first: how reproducible (share of runs), then kind. A build failure counts as
 * 1 of 1: nothing of its package ran. Stable, so ties keep the report's order.
 */
function rankFindings(findings) {
    const share = (f) => (f.runs > 0 ? f.runsSeen / f.runs : 0);
    return [...findings].sort((a, b) => share(b) - share(a) || KIND_RANK[a.kind] - KIND_RANK[b.kind]);
}
/** What a history_size rerun did for a race whose stack the detector had lost, or undefined. */
function format_stackRecoveryText(f) {
    if (f.stackRecovery === 'recovered')
        return 'stack recovered with a longer race history';
    if (f.stackRecovery === 'unrecovered')
        return 'one stack could not be recovered';
    return undefined;
}
function percent(x) {
    return `${Math.round(x * 100)}%`;
}
/** `7/30 (23%, 95% CI 12–41%)` */
function seenText(f) {
    const share = f.runs > 0 ? f.runsSeen / f.runs : 0;
    const ci = `${Math.round(f.interval.low * 100)}–${percent(f.interval.high)}`;
    return `${f.runsSeen}/${f.runs} (${percent(share)}, 95% CI ${ci})`;
}
/** `3, 7, 9`, or the first ten and `… (25 runs)`. */
function runList(seenIn, max = 10) {
    if (seenIn.length <= max)
        return seenIn.join(', ');
    return `${seenIn.slice(0, max).join(', ')}, … (${seenIn.length} runs)`;
}
/** Repository frames, plus the frame that called into them or that they called (`panic`, `runtime.mapassign`). */
function trimFrames(frames) {
    const firstUser = frames.findIndex((f) => f.origin === 'repo');
    if (firstUser < 0)
        return frames.slice(0, 3);
    const out = [];
    frames.forEach((f, i) => {
        if (f.origin === 'repo' || i === firstUser - 1)
            out.push(f);
    });
    return out;
}
const PRIMARY = new Set(['current', 'previous', 'panic', 'failure', 'build']);
/**
 * The stacks worth showing: the access/panic stacks, creation stacks that reach the repository
 * (`created by testing.(*T).Run` says nothing), and for a timeout the stuck tests' goroutines.
 */
function shownStacks(f) {
    const main = f.stacks.filter((s) => s.role !== 'goroutine' &&
        s.frames.length > 0 &&
        (PRIMARY.has(s.role) || s.frames.some((fr) => fr.origin === 'repo')));
    if (f.kind !== 'timeout')
        return main;
    const stuck = f.stacks.filter((s) => s.role === 'goroutine' && s.frames.some((fr) => fr.origin === 'repo'));
    return [...main, ...stuck.slice(0, 4)];
}
/** Toolchain and module cache files from where the interesting part starts: `runtime/panic.go`. */
function displayFile(frame) {
    if (frame.origin === 'goroot') {
        const i = frame.file.lastIndexOf('/src/');
        return i >= 0 ? frame.file.slice(i + 5) : frame.file;
    }
    if (frame.origin === 'modcache') {
        const i = frame.file.lastIndexOf('/pkg/mod/');
        return i >= 0 ? frame.file.slice(i + 9) : frame.file;
    }
    return frame.file;
}
function frameLines(frame, indent) {
    const where = `${displayFile(frame)}:${frame.line}`;
    if (!frame.function)
        return [`${indent}${where}`];
    return [`${indent}${shortFunc(frame.function)}`, `${indent}    ${where}`];
}
/** Trimmed stacks as text: header, then `function` / `    file:line` per frame. */
function stackText(f, indent = '') {
    const lines = [];
    for (const s of shownStacks(f)) {
        if (lines.length > 0)
            lines.push('');
        lines.push(`${indent}${(s.header || s.role).replace(/:?\s*$/, ':')}`);
        const frames = s.frames;
        const kept = trimFrames(frames);
        for (const fr of kept)
            lines.push(...frameLines(fr, `${indent}  `));
        const more = frames.length - kept.length;
        if (more > 0)
            lines.push(`${indent}  … ${more} more frame${more === 1 ? '' : 's'}`);
    }
    return lines;
}
/** Where a finding is, for tables: `file:line`, or the first frame outside the repository. */
function format_whereTexts(f) {
    const race = f.kind === 'race';
    const locs = race ? f.locations.slice(0, 2) : f.locations.slice(0, 1);
    if (locs.length > 0)
        return locs.map((l) => `${l.file}:${l.line}`);
    const frame = shownStacks(f)[0]?.frames[0];
    return frame ? [`${displayFile(frame)}:${frame.line}`] : [];
}
function raceSides(f) {
    const out = {};
    const cur = f.locations.find((l) => l.role === 'current' || l.role === 'current-creation');
    const prev = f.locations.find((l) => l.role === 'previous' || l.role === 'previous-creation');
    if (cur)
        out.current = cur;
    if (prev)
        out.previous = prev;
    return out;
}
/** `write`, or `write (in a goroutine started here)` when located at the goroutine's creation. */
function accessWords(l) {
    const access = l.access ?? 'access';
    return l.role.endsWith('-creation') ? `${access} (in a goroutine started here)` : access;
}
function rerunFor(report, f) {
    return rerunCommand(reproduceInputFor(report, f), rerunCount(report));
}
/** Control characters (ANSI escapes, CR) from test output must not reach a terminal or a log. */
function clean(s) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    return s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}
/** A chance for humans: `89%`, `over 99.9%`, `under 1%`. */
function chanceText(x) {
    if (x >= 1)
        return '100%';
    if (x >= 0.9995)
        return 'over 99.9%';
    if (x > 0 && x < 0.005)
        return 'under 1%';
    return percent(x);
}
/** `known: 12/30 on main (moved from daemon.go:76)`, or `new`; undefined without a baseline. */
function format_baselineText(f, label, withMoved = true) {
    if (f.baseline === 'new')
        return 'new';
    if (f.baseline !== 'known' || !f.known)
        return undefined;
    const moved = withMoved && f.known.movedFrom ? ` (moved from ${f.known.movedFrom})` : '';
    return `known: ${f.known.runsSeen}/${f.known.runs} on ${label}${moved}`;
}
/**
 * `not seen in 30 runs (at its earlier 7% it would have shown with 89% probability)`, and
 * `: likely fixed` only when that chance is over 95%.
 */
function format_notSeenText(g) {
    const runs = `${g.runsNow} run${g.runsNow === 1 ? '' : 's'}`;
    const rate = percent(g.runs > 0 ? g.runsSeen / g.runs : 0);
    const text = `not seen in ${runs} (at its earlier ${rate} it would have shown with ${chanceText(g.chance)} probability)`;
    return g.chance > LIKELY_FIXED ? `${text}: likely fixed` : text;
}

;// CONCATENATED MODULE: ./src/render/sarif.ts
// The report as SARIF 2.1.0, for GitHub code scanning (github/codeql-action/upload-sarif): one
// rule per kind of finding, one result per finding at its current access or panic frame, the other
// side and the goroutine creation sites as related locations, the trimmed stacks as SARIF stacks,
// and a fingerprint from the signature so code scanning knows the same race on a later push.
// Within GitHub's limits (25,000 results per run, 1,000 locations per result). Pure.




/** GitHub code scanning: results per run, and locations (all kinds together here) per result. */
const SARIF_MAX_RESULTS = 25_000;
const SARIF_MAX_LOCATIONS = 1_000;
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The key of `partialFingerprints`; bump the version when signatures change meaning. */
const FINGERPRINT_KEY = 'raceRerunSignature/v1';
const RULE_HELP = {
    race: {
        short: 'Data race detected by the Go race detector',
        help: 'Two goroutines accessed the same memory at the same time, at least one of them writing, without synchronisation. The result is at the current access; the related locations are the other access and where the goroutines were started. Protect the shared state with a mutex, a channel or sync/atomic, and rerun with race-rerun to see the rate drop to 0.',
    },
    panic: {
        short: 'Test binary panicked',
        help: "A goroutine panicked and ended the test binary. The result is at the panicking frame of the repository; the stack shows how it got there. Panics that happen only in some runs usually come from a race (see the report's likely causes) or from test order.",
    },
    fatal: {
        short: 'Go runtime fatal error',
        help: 'The Go runtime stopped the test binary (for example "concurrent map writes"). These cannot be recovered; the usual cause is unsynchronised access to a map.',
    },
    timeout: {
        short: 'Test timed out',
        help: 'The test binary did not finish within its timeout; the result is where the stuck test was waiting. Look for a missing unlock, a channel nobody sends on, or a WaitGroup that never reaches zero.',
    },
    failure: {
        short: 'Test failed',
        help: 'A test failed (t.Error, t.Fatal, or a failure without a message). When it fails only in some runs it is flaky: the rate says how often.',
    },
    overlap: {
        short: 'Test fails only when runs overlap',
        help: 'The test failed only in runs that overlapped other runs of race-rerun and passed every time it was rerun alone: a collision between concurrent test processes (a fixed port, a shared file or directory), not a flaky test. Give each run its own resources (t.TempDir, port 0) or set parallel: 1.',
    },
    build: {
        short: 'Test binary did not build',
        help: "go test -race -c could not build the package's test binary, so none of its tests ran.",
    },
};
function rules() {
    return model_FINDING_KINDS.map((kind) => ({
        id: `race-rerun/${kind}`,
        name: format_KIND_LABEL[kind].replace(/\s+(\w)/g, (_, c) => c.toUpperCase()),
        shortDescription: { text: RULE_HELP[kind].short },
        fullDescription: { text: RULE_HELP[kind].help },
        help: { text: RULE_HELP[kind].help, markdown: `**${format_KIND_LABEL[kind]}.** ${RULE_HELP[kind].help}` },
        defaultConfiguration: { level: 'error' },
        properties: {
            tags: ['go', 'concurrency', 'flaky-test'],
            precision: 'very-high',
            'problem.severity': 'error',
        },
    }));
}
function physical(file, line) {
    return {
        artifactLocation: { uri: file, uriBaseId: '%SRCROOT%' },
        region: { startLine: Math.max(1, line) },
    };
}
function sarifLocation(l, id) {
    const fn = l.function || 'unknown code';
    const creation = l.role.endsWith('creation');
    const text = l.access
        ? `${l.access}${creation ? ' by a goroutine created here' : ''} in ${fn}`
        : creation
            ? `goroutine created in ${fn}`
            : `${l.role}${l.function ? ` in ${l.function}` : ''}`;
    return {
        ...(id !== undefined ? { id } : {}),
        physicalLocation: physical(l.file, l.line),
        message: { text: clean(text) },
    };
}
/** Creation sites in the repository that are not already a location. */
function creationSites(f) {
    const out = [];
    for (const s of f.stacks) {
        if (s.role !== 'current-creation' && s.role !== 'previous-creation' && s.role !== 'creation')
            continue;
        const fr = s.frames.find((x) => x.origin === 'repo');
        if (!fr)
            continue;
        const dup = [...f.locations, ...out].some((l) => l.file === fr.file && l.line === fr.line);
        if (!dup)
            out.push({ file: fr.file, line: fr.line, function: names_shortFunc(fr.function), role: 'current-creation' });
    }
    return out;
}
function stackFrame(fr) {
    const inRepo = fr.origin === 'repo' || fr.origin === 'vendor';
    const location = {
        ...(inRepo ? { physicalLocation: physical(fr.file, fr.line) } : {}),
        message: { text: clean(`${displayFile(fr)}:${fr.line}`) },
        ...(fr.function
            ? { logicalLocations: [{ fullyQualifiedName: clean(fr.function), kind: 'function' }] }
            : {}),
    };
    return { location };
}
function stacks(f, budget) {
    const out = [];
    let left = budget;
    let cut = 0;
    for (const s of shownStacks(f)) {
        const frames = trimFrames(s.frames);
        const kept = frames.slice(0, Math.max(0, left));
        cut += frames.length - kept.length;
        left -= kept.length;
        if (kept.length > 0)
            out.push({ message: { text: clean(s.header || s.role) }, frames: kept.map(stackFrame) });
    }
    return { stacks: out, cut };
}
function fingerprint(f) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha256').update(`${f.kind}\n${f.package}\n${f.signature}`).digest('hex').slice(0, 32);
}
function resultOf(f, failOn) {
    const [primary, ...others] = f.locations;
    const related = [...others, ...creationSites(f)].slice(0, SARIF_MAX_LOCATIONS - 1);
    const { stacks: st, cut } = stacks(f, SARIF_MAX_LOCATIONS - 1 - related.length);
    const share = seenText(f).replace(/^\S+\s*/, ' ');
    const seen = f.kind === 'build' ? '' : ` Seen in ${f.runsSeen} of ${f.runs} runs${share}.`;
    const tests = f.tests.length > 0
        ? ` Tests: ${f.tests.slice(0, 20).join(', ')}${f.tests.length > 20 ? ', …' : ''}.`
        : '';
    const detail = f.message && f.kind !== 'race' && !f.title.endsWith(f.message) ? ` ${f.message}` : '';
    const cutText = cut > 0
        ? ` (${cut} stack frames left out: GitHub takes at most ${SARIF_MAX_LOCATIONS} locations per result.)`
        : '';
    const result = {
        ruleId: `race-rerun/${f.kind}`,
        ruleIndex: model_FINDING_KINDS.indexOf(f.kind),
        level: failOn === undefined || failOn.has(f.kind) ? 'error' : 'warning',
        message: { text: clean(`${f.title}.${seen}${detail}${tests} Reproduce: ${f.reproduce}${cutText}`) },
        locations: primary ? [sarifLocation(primary)] : [],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f) },
        properties: {
            id: f.id,
            package: f.package,
            runsSeen: f.runsSeen,
            runs: f.runs,
            interval: { low: f.interval.low, high: f.interval.high },
            tests: f.tests.slice(0, 100),
        },
    };
    if (related.length > 0)
        result.relatedLocations = related.map((l, i) => sarifLocation(l, i + 1));
    if (st.length > 0)
        result.stacks = st;
    return result;
}
function renderSarif(report, opts = {}) {
    const ranked = rankFindings(report.findings);
    const kept = ranked.slice(0, SARIF_MAX_RESULTS);
    const failOn = opts.failOn ? new Set(opts.failOn) : undefined;
    const notes = [];
    if (ranked.length > kept.length) {
        notes.push({
            level: 'warning',
            message: {
                text: `${ranked.length - kept.length} of ${ranked.length} findings left out: GitHub code scanning takes at most ${SARIF_MAX_RESULTS} results per run. The JSON report has them all.`,
            },
        });
    }
    const run = {
        tool: {
            driver: {
                name: 'race-rerun',
                version: report.tool.version,
                semanticVersion: report.tool.version,
                rules: rules(),
            },
        },
        invocations: [
            {
                executionSuccessful: report.verdict !== 'error',
                ...(notes.length > 0 ? { toolExecutionNotifications: notes } : {}),
            },
        ],
        columnKind: 'utf16CodeUnits',
        results: kept.map((f) => resultOf(f, failOn)),
        properties: { summary: clean(report.summary), totalRuns: report.totalRuns },
    };
    const commit = report.context.commit;
    if (opts.repoUrl && commit)
        run.versionControlProvenance = [{ repositoryUri: opts.repoUrl, revisionId: commit }];
    return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

;// CONCATENATED MODULE: ./src/render/escape.ts
// Making text from test output safe in GitHub-flavoured markdown: entities for HTML, backslashes
// for markdown punctuation, code spans and fences that nothing inside can close, and no
// mentions, references or autolinks.
// Word joiner: breaks mentions, references and autolinks without changing what is read, and
// (unlike a zero-width space) without letting a line break inside the word.
const escape_WJ = '\u2060';
function defuse(s) {
    return s
        .replace(/@(?=\w)/g, `@${escape_WJ}`)
        .replace(/#(?=\d)/g, `#${escape_WJ}`)
        .replace(/:\/\//g, `:${escape_WJ}//`)
        .replace(/www\./gi, (m) => `${m.slice(0, 3)}${escape_WJ}.`);
}
/** Text for markdown and HTML: entities for `& < >`, `\` before markdown punctuation, no mentions. */
function escape_escapeMarkdown(s) {
    return defuse(s
        .replace(/[\r\n]+/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/([\\`*_[\]|~])/g, '\\$1'));
}
/** For HTML (`<summary>`): markdown does not apply there, mentions and autolinks still do. */
function escapeHtml(s) {
    return (defuse(s
        .replace(/[\r\n]+/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;'))
        // Literal in HTML anyway; entities keep them so should a renderer read markdown there.
        // After defuse, whose `#` rule would break `&#96;`.
        .replace(/[`[\]]/g, (c) => `&#${c.charCodeAt(0)};`));
}
/**
 * Control characters from test output (NUL, ESC, BEL, a lone CR, C1) shown as escapes such as
 * `\x1b`, so that what a test printed is seen, not acted on by whatever displays the markdown.
 * Newlines and tabs stay; CRLF becomes LF.
 */
function showControls(s) {
    return (s
        .replace(/\r\n/g, '\n')
        // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
        .replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) => c === '\r' ? '\\r' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}
function escape_shorten(s, max) {
    return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
/** An inline code span that survives backticks in the text and `|` in a table cell. */
function escape_code(s, inTable = true) {
    const text = s.replace(/[\r\n]+/g, ' ');
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
    const fence = '`'.repeat(longest + 1);
    const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
    const body = inTable ? text.replace(/\|/g, '\\|') : text;
    return `${fence}${pad}${body}${pad}${fence}`;
}
/** A fenced block whose fence is longer than any backtick run inside. */
function block(text, lang) {
    const longest = Math.max(0, ...(text.match(/`{3,}/g) ?? []).map((r) => r.length));
    const fence = '`'.repeat(Math.max(3, longest + 1));
    return `${fence}${lang}\n${text}\n${fence}`;
}
/** A URL from the environment, made safe inside `(…)`. */
function escape_safeUrl(url) {
    return url.replace(/[()\s<>]/g, encodeURIComponent);
}
function escape_plural(n, noun, many = `${noun}s`) {
    return `${n} ${n === 1 ? noun : many}`;
}

;// CONCATENATED MODULE: ./src/render/table.ts
// The findings table of the job summary and the comment: one row per finding saying what it is
// (kind, short title, new or known, the tests it fails, what follows it), where (links whose text
// leaves out the directory every row shares) and how often (k/N, the 95% interval, and a strip of
// the runs it was seen in, so rate and co-occurrence show at a glance).



/** One mark per run up to this many runs; above, one mark per group of runs. */
const STRIP_MARKS = 30;
// Bars on a baseline, like a sparkline: a bar per run it was seen in, with a gap between bars.
const SEEN_MARK = '▌';
const UNSEEN_MARK = '▁';
const MAX_TITLE = 120;
const MAX_LINK_TEXT = 40;
const MAX_TESTS = 3;
const MAX_FOLLOWERS = 3;
const NBSP = '\u00a0';
function table_kindNoun(kind) {
    return KIND_NOUN[kind];
}
/** `https://github.com/o/r/blob/<sha>/` + path + `#L<line>`, each path segment encoded. */
function lineUrl(blobUrl, file, line) {
    return `${blobUrl}${file.split('/').map(encodeURIComponent).join('/')}#L${line}`;
}
/** Both sides of a race (once when they are the same line), else the first location. */
function shownLocations(f) {
    if (f.kind !== 'race')
        return f.locations.slice(0, 1);
    const [a, b] = f.locations;
    if (a && b && a.file === b.file && a.line === b.line)
        return [a];
    return f.locations.slice(0, 2);
}
/** `examples/flaky-daemon/daemon/`: the directory all shown files are in, or ''. */
function commonDir(findings) {
    const dirs = findings.flatMap((f) => shownLocations(f).map((l) => l.file.split('/').slice(0, -1)));
    const first = dirs[0];
    if (!first)
        return '';
    let n = Math.min(...dirs.map((d) => d.length));
    for (let i = 0; i < n; i++) {
        if (!dirs.every((d) => d[i] === first[i]))
            n = i;
    }
    return n === 0 ? '' : `${first.slice(0, n).join('/')}/`;
}
/** The path without the shared directory; a long rest keeps its last two parts. */
function shortPath(file, common) {
    const rest = common && file.startsWith(common) ? file.slice(common.length) : file;
    if (rest.length <= MAX_LINK_TEXT)
        return rest;
    return `…/${rest.split('/').slice(-2).join('/')}`;
}
function placeText(l, common) {
    return `${shortPath(l.file, common)}:${l.line}`;
}
function baseName(file) {
    return file.slice(file.lastIndexOf('/') + 1);
}
function table_link(l, common, blobUrl, short = false) {
    const text = code(short ? `${baseName(l.file)}:${l.line}` : placeText(l, common));
    return blobUrl ? `[${text}](${lineUrl(blobUrl, l.file, l.line)})` : text;
}
/** `daemon.go:51 ↔ daemon.go:31`, linked to the lines at the head commit when the URL is known. */
function whereCell(f, common, blobUrl) {
    const locs = shownLocations(f);
    if (locs.length === 0) {
        const where = whereTexts(f).map((w) => code(w));
        return where.length > 0 ? where.join(' ↔ ') : code(f.package || '?');
    }
    // The other side in the same file: its directory once is enough.
    const cell = locs.map((l, i) => table_link(l, common, blobUrl, i > 0 && l.file === locs[0]?.file)).join(' ↔ ');
    return f.kind === 'race' && locs.length === 1 && f.locations.length > 1 ? `${cell} (both sides)` : cell;
}
/** Which of its runs a finding was seen in: `▌▁▌▌▁…`, one mark per run or per group of runs. */
function runStrip(f) {
    if (f.runs <= 1)
        return '';
    const seen = new Set(f.seenIn);
    const per = Math.ceil(f.runs / STRIP_MARKS);
    let strip = '';
    for (let start = 1; start <= f.runs; start += per) {
        let hit = false;
        for (let i = start; i < start + per && i <= f.runs; i++)
            if (seen.has(i))
                hit = true;
        strip += hit ? SEEN_MARK : UNSEEN_MARK;
    }
    return strip;
}
/** Runs per mark of the strip (1 up to STRIP_MARKS runs). */
function runsPerMark(runs) {
    return Math.max(1, Math.ceil(runs / STRIP_MARKS));
}
/** `**9/30**`, the interval in a `<sub>` that does not break inside the range, and the strip. */
function seenCell(f) {
    if (f.kind === 'build')
        return 'build';
    const low = Math.round(f.interval.low * 100);
    const high = Math.round(f.interval.high * 100);
    const ci = `<sub>95%${NBSP}CI${NBSP}${low}–${WJ}${high}%</sub>`;
    const strip = runStrip(f);
    return `**${f.runsSeen}/${f.runs}**${NBSP}${ci}${strip ? `<br>${code(strip)}` : ''}`;
}
function testList(tests) {
    const shown = tests.slice(0, MAX_TESTS).map((t) => code(shorten(t, 80)));
    const more = tests.length > MAX_TESTS ? ` and ${tests.length - MAX_TESTS} more` : '';
    return `${shown.join(', ')}${more}`;
}
function share(part, whole) {
    return part === whole && whole === 2 ? 'both runs' : `${part} of ${whole} runs`;
}
/** Where a finding is, in words for a note: `config.go:22`. */
function placeOf(f, common) {
    const l = f.locations[0];
    return code(l ? placeText(l, common) : (whereTexts(f)[0] ?? f.package));
}
/** The tests it fails, what follows it (for a race) or what likely causes it (for the others). */
function rowNotes(report, f, common) {
    const notes = [];
    if (f.known?.movedFrom)
        notes.push(`moved from ${code(f.known.movedFrom)}`);
    if (f.failsTests && f.failsTests.length > 0)
        notes.push(`fails ${testList(f.failsTests)}`);
    else if (f.tests.length > 0 && f.kind !== 'failure')
        notes.push(`in ${testList(f.tests)}`);
    if (f.kind === 'race') {
        const followers = report.findings
            .map((s) => ({ s, c: s.cooccurringRaces?.find((c) => c.id === f.id) }))
            .filter((x) => x.c !== undefined)
            .slice(0, MAX_FOLLOWERS);
        for (const { s, c } of followers) {
            notes.push(`${KIND_NOUN[s.kind]} at ${placeOf(s, common)} follows it in ${share(c.runs, s.runsSeen)}`);
        }
    }
    else {
        const cause = f.cooccurringRaces?.[0];
        const race = cause && report.findings.find((r) => r.id === cause.id);
        if (cause && race) {
            notes.push(`likely cause: the data race at ${placeOf(race, common)} (in ${share(cause.runs, f.runsSeen)})`);
        }
    }
    const recovery = stackRecoveryText(f);
    if (recovery)
        notes.push(recovery);
    return notes;
}
function findingCell(report, f, common, opts) {
    const tag = opts.baselineLabel ? baselineText(f, opts.baselineLabel, false) : undefined;
    const status = tag === 'new' ? ' · **new**' : tag ? ` · ${escapeMarkdown(tag)}` : '';
    const notes = rowNotes(report, f, common);
    const sub = notes.length > 0 ? `<br><sub>${notes.join('; ')}</sub>` : '';
    return `**${KIND_LABEL[f.kind]}**${status}<br>${escapeMarkdown(shorten(titleRest(f), MAX_TITLE))}${sub}`;
}
/** Rows shown before the fold; the others are in a collapsed table under the top command. */
const OPEN_ROWS = 5;
function tableLines(report, findings, common, opts) {
    const lines = ['| Finding | Where | Seen |', '| --- | --- | --- |'];
    for (const f of findings) {
        lines.push(`| ${findingCell(report, f, common, opts)} | ${whereCell(f, common, opts.blobUrl)} | ${seenCell(f)} |`);
    }
    return lines;
}
function legend(findings, common) {
    const parts = [];
    if (common)
        parts.push(`Files in ${code(common)}.`);
    const counted = findings.filter((f) => f.kind !== 'build' && f.runs > 1);
    const grouped = Math.max(0, ...counted.map((f) => runsPerMark(f.runs)));
    if (counted.length > 0) {
        const per = grouped > 1 ? ` (a mark stands for up to ${grouped} runs)` : '';
        parts.push(`Runs in order: ${code(SEEN_MARK)} seen, ${code(UNSEEN_MARK)} not seen${per}.`);
    }
    return parts.length > 0 ? ['', `<sub>${parts.join(' ')}</sub>`] : [];
}
/**
 * The table of the first OPEN_ROWS findings with its legend (`open`), and the rest in a
 * collapsed table (`more`, empty when there is no rest). Both drop the same shared directory.
 */
function findingsTable(report, findings, opts = {}) {
    const common = commonDir(findings);
    const first = findings.slice(0, OPEN_ROWS);
    const rest = findings.slice(OPEN_ROWS);
    const open = [...tableLines(report, first, common, opts), ...legend(findings, common)];
    if (rest.length === 0)
        return { open, more: [] };
    return {
        open,
        more: [
            `<details><summary>${rest.length} more finding${rest.length === 1 ? '' : 's'}</summary>`,
            '',
            ...tableLines(report, rest, common, opts),
            '',
            '</details>',
        ],
    };
}

;// CONCATENATED MODULE: ./src/render/headline.ts
// The first lines of the summary and the comment: counts (new and known against the baseline),
// runs, commit and deltas on one line; what only-changed focused on; what the baseline had that
// was not seen now. Run counts are worded by one function for the verdict and the footer alike.





const MAX_GONE_SHOWN = 10;
const MAX_FOCUS_SHOWN = 15;
const key = (pkg, name) => `${pkg}\u0000${name}`;
/** Tests that failed because of a finding: counted with the finding, not again as flaky tests. */
function explainedTests(report) {
    const out = new Set();
    for (const f of report.findings) {
        for (const t of f.failsTests ?? [])
            out.add(key(f.package, t));
        // A test failure finding is the failing test itself.
        if (f.kind === 'failure')
            for (const t of f.tests)
                out.add(key(f.package, t));
    }
    for (const t of report.tests)
        if (t.failedBy && t.failedBy.length > 0)
            out.add(key(t.package, t.name));
    return out;
}
/** Flaky and failing tests that no finding explains. */
function unexplainedTests(report) {
    const explained = explainedTests(report);
    return report.tests.filter((t) => (t.status === 'flaky' || t.status === 'failing') && !explained.has(key(t.package, t.name)));
}
/** `30 runs`, `30 runs of each of 3 packages`, `75 runs over 3 packages`, `4 logs`. */
function runsPhrase(report) {
    if (report.mode === 'parse')
        return plural(report.runs, 'log');
    const ran = report.packages.filter((p) => p.runs > 0);
    const per = [...new Set(ran.map((p) => p.runs))];
    if (ran.length <= 1)
        return plural(ran[0]?.runs ?? report.totalRuns, 'run');
    if (per.length === 1)
        return `${plural(per[0] ?? 0, 'run')} of each of ${ran.length} packages`;
    return `${plural(report.totalRuns, 'run')} over ${ran.length} packages`;
}
function countParts(report) {
    const parts = [];
    const compared = report.baseline !== undefined;
    for (const kind of FINDING_KINDS) {
        const all = report.findings.filter((f) => f.kind === kind);
        if (!compared) {
            if (all.length > 0)
                parts.push(plural(all.length, kindNoun(kind)));
            continue;
        }
        const fresh = all.filter((f) => f.baseline !== 'known').length;
        if (fresh > 0)
            parts.push(plural(fresh, `new ${kindNoun(kind)}`));
        if (all.length - fresh > 0)
            parts.push(plural(all.length - fresh, `known ${kindNoun(kind)}`));
    }
    const tests = unexplainedTests(report);
    const flaky = tests.filter((t) => t.status === 'flaky').length;
    const failing = tests.length - flaky;
    if (flaky > 0)
        parts.push(plural(flaky, 'flaky test'));
    if (failing > 0)
        parts.push(plural(failing, 'failing test'));
    return parts;
}
const SHORT = {
    race: 'race',
    panic: 'panic',
    fatal: 'fatal error',
    timeout: 'timeout',
    failure: 'failure',
    build: 'build failure',
    overlap: 'collision between runs',
};
/** `vs main: +1 race, −1 panic`: new findings and baseline findings not seen now, per kind. */
function deltaText(report, label = escape_escapeMarkdown) {
    const b = report.baseline;
    if (!b)
        return undefined;
    const parts = [];
    for (const kind of model_FINDING_KINDS) {
        const added = report.findings.filter((f) => f.kind === kind && f.baseline === 'new').length;
        const gone = b.gone.filter((g) => g.kind === kind).length;
        if (added > 0)
            parts.push(`+${escape_plural(added, SHORT[kind])}`);
        if (gone > 0)
            parts.push(`−${escape_plural(gone, SHORT[kind])}`);
    }
    return `vs ${label(b.label)}: ${parts.length > 0 ? parts.join(', ') : 'no change'}`;
}
function icon(report, parts, onlyNew) {
    // A cancelled job or a lost part (an error) measured less than asked: never a green tick.
    const partial = report.cancelled !== undefined || report.errors.length > 0;
    if (report.findings.length === 0)
        return parts.length > 0 || partial ? '⚠️' : '✅';
    // Collisions between race-rerun's own runs only: a warning, not a failure.
    if (report.findings.every((f) => f.kind === 'overlap'))
        return '⚠️';
    if (onlyNew && report.findings.every((f) => f.baseline === 'known'))
        return '⚠️';
    return '❌';
}
/** `shard 2 of 4`, or for a merged report `merged from 4 jobs: 4 of 4 shards`: how many jobs ran. */
function jobsText(report) {
    if (report.shard)
        return `shard ${report.shard.index} of ${report.shard.total}`;
    if (report.merged && (report.merged.total > 1 || report.merged.jobs > 1))
        return mergedText(report.merged);
    return undefined;
}
/** `❌ **1 new data race · 1 known panic** — 30 runs at `abc1234` (vs main: +1 race) · [workflow run](…)` */
function headline(report, opts = {}) {
    const run = opts.runUrl ? ` · [workflow run](${safeUrl(opts.runUrl)})` : '';
    const focus = report.focus;
    if (focus && focus.packages.length === 0) {
        return `✅ **No Go code changed since ${code(focus.base.slice(0, 7))}: nothing was run**${run}`;
    }
    if (report.verdict === 'error' || report.totalRuns === 0) {
        return `⚠️ **${escapeMarkdown(report.summary)}**${run}`;
    }
    const parts = countParts(report);
    const what = parts.length > 0 ? parts.join(' · ') : 'No data race, panic or failure';
    const sha = opts.sha ? code(opts.sha.slice(0, 7)) : '';
    const at = sha ? ` at ${opts.commitUrl ? `[${sha}](${safeUrl(opts.commitUrl)})` : sha}` : '';
    const delta = deltaText(report);
    const jobs = jobsText(report);
    const c = report.cancelled;
    const cut = c ? ` · cancelled (${c.signal}) after ${c.runsDone} of ${plural(c.runsPlanned, 'run')}` : '';
    return `${icon(report, parts, opts.onlyNew === true)} **${what}** — ${runsPhrase(report)}${jobs ? ` (${jobs})` : ''}${at}${delta ? ` (${delta})` : ''}${cut}${run}`;
}
/** `only-changed`: which packages ran and why, in one paragraph. */
function focusLines(report) {
    const f = report.focus;
    if (!f)
        return [];
    const base = code(f.base.slice(0, 7));
    const files = plural(f.changedFileCount, 'file');
    if (f.packages.length === 0) {
        return [
            `**Only changed:** ${files} changed since ${base}, none of them Go code of a tested package, so no test ran.`,
        ];
    }
    const shown = f.packages.slice(0, MAX_FOCUS_SHOWN).map((p) => {
        const why = p.reason === 'imports' ? `imports ${code(p.via ?? '?')}` : p.via ? `${code(p.via)} changed` : 'changed';
        return `${code(p.importPath)} (${why})`;
    });
    const more = f.packages.length > MAX_FOCUS_SHOWN ? ` and ${f.packages.length - MAX_FOCUS_SHOWN} more` : '';
    const skipped = f.skipped > 0 ? `; ${plural(f.skipped, 'other test package')} not run` : '';
    return [
        `**Only changed:** ${files} changed since ${base}; ran ${plural(f.packages.length, 'package')}: ${shown.join(', ')}${more}${skipped}.`,
    ];
}
/**
 * `3 logs read; reran TestA (failed in 2 of 3 logs), TestB (failed in 1 of 3 logs) of pkg`:
 * what tests-from read and chose, in words shared by the summary and the terminal.
 */
function testsFromText(report, quote = (s) => s) {
    const t = report.testsFrom;
    if (!t)
        return undefined;
    const read = t.logs.length === 1 ? `${quote(t.logs[0] ?? '')} read` : `${escape_plural(t.logs.length, 'log')} read`;
    if (t.tests.length === 0)
        return `${read}; no test failed in ${t.logs.length === 1 ? 'it' : 'them'}.`;
    const byPackage = new Map();
    for (const test of t.tests.slice(0, MAX_FOCUS_SHOWN)) {
        const list = byPackage.get(test.package) ?? [];
        byPackage.set(test.package, list);
        list.push(test.test ? `${quote(test.test)} (${failedInText(test)})` : `all tests (${failedInText(test)})`);
    }
    const parts = [...byPackage].map(([pkg, tests]) => `${tests.join(', ')} of ${pkg ? quote(pkg) : 'no named package'}`);
    const more = t.tests.length > MAX_FOCUS_SHOWN ? ` and ${t.tests.length - MAX_FOCUS_SHOWN} more` : '';
    return `${read}; reran ${parts.join('; ')}${more}.`;
}
/** `failed in 2 of 5 logs`: how a rerun test (or whole package) did in the logs read. */
function failedInText(t) {
    return `failed in ${t.failed} of ${t.logs} ${t.logs === 1 ? 'log' : 'logs'}`;
}
/** The summary's line for tests-from. */
function testsFromLines(report) {
    const text = testsFromText(report, (s) => code(s));
    return text ? [`**Tests from:** ${text}`] : [];
}
function goneTitle(g) {
    const prefix = `${KIND_LABEL[g.kind]}: `;
    return g.title.startsWith(prefix) ? g.title.slice(prefix.length) : g.title;
}
function baseNames(where) {
    return where
        .split(' ↔ ')
        .map((w) => w.slice(w.lastIndexOf('/') + 1))
        .join(' ↔ ');
}
/** The baseline's findings not seen now, each with the chance it would have shown. */
function goneLines(report) {
    const b = report.baseline;
    if (!b || b.gone.length === 0)
        return [];
    const label = escapeMarkdown(b.label);
    const out = [`**Not seen now**, but seen on ${label} before:`, ''];
    for (const g of b.gone.slice(0, MAX_GONE_SHOWN)) {
        const where = g.where ? ` at ${code(baseNames(g.where))}` : '';
        out.push(`- **${KIND_LABEL[g.kind]}**${where} (${escapeMarkdown(shorten(goneTitle(g), 100))}, ${g.runsSeen}/${g.runs} on ${label}): ${notSeenText(g)}.`);
    }
    if (b.gone.length > MAX_GONE_SHOWN)
        out.push(`- … and ${b.gone.length - MAX_GONE_SHOWN} more in the JSON report.`);
    return out;
}

;// CONCATENATED MODULE: ./src/render/terminal.ts
// Plain-text report for the CLI and the step log, with optional ANSI colour.



const TAG = {
    race: 'RACE',
    panic: 'PANIC',
    fatal: 'FATAL',
    timeout: 'TIMEOUT',
    failure: 'FAILURE',
    build: 'BUILD',
    overlap: 'OVERLAP',
};
function palette(color) {
    const wrap = (open) => (s) => color ? `\x1b[${open}m${s}\x1b[0m` : s;
    return {
        red: wrap('1;31'),
        yellow: wrap('33'),
        cyan: wrap('36'),
        dim: wrap('2'),
        bold: wrap('1'),
        green: wrap('32'),
    };
}
function locationLine(l, paint) {
    const what = l.access
        ? l.role.endsWith('-creation')
            ? `${l.access}, goroutine created here`
            : l.access
        : l.role;
    const fn = l.function ? `  ${funcWithoutPackage(l.function)}` : '';
    return `  ${paint.cyan(`${l.file}:${l.line}`)}${fn}  [${what}]`;
}
function findingBlock(report, f, paint) {
    const count = f.kind === 'build' ? 'build' : `${f.runsSeen}/${f.runs} runs`;
    if (f.kind === 'overlap') {
        // One line: not a flaky test, a collision between race-rerun's own runs.
        const fix = f.message.slice(f.message.indexOf('passed alone'));
        return [
            `${paint.yellow(TAG.overlap)} ${paint.yellow(count)}  ${paint.bold(clean(format_titleRest(f).replace(/^(\S+)/, '$1 fails only when runs overlap')))}: ${clean(fix)}`,
        ];
    }
    const lines = [
        `${paint.red(TAG[f.kind].padEnd(7))} ${paint.yellow(count)}  ${paint.bold(clean(format_titleRest(f)))}`,
    ];
    const shown = f.kind === 'race' ? f.locations.slice(0, 2) : f.locations.slice(0, 1);
    for (const l of shown)
        lines.push(locationLine(l, paint));
    if (shown.length === 0) {
        // No repository frame: the first frames still say where to look.
        const stack = shownStacks(f)[0];
        for (const fr of trimFrames(stack?.frames ?? []).slice(0, 2)) {
            lines.push(`  ${paint.cyan(`${clean(displayFile(fr))}:${fr.line}`)}  ${clean(funcWithoutPackage(fr.function))}`);
        }
    }
    // Titles already carry panic and fatal messages; failures and build errors say theirs here.
    if ((f.kind === 'failure' || f.kind === 'build' || f.kind === 'timeout') && f.message) {
        // A failure's message whole (testify's Error Trace/Error/Messages block), already bounded.
        const shown = f.kind === 'failure' ? f.message.split('\n') : f.message.split('\n').slice(0, 1);
        for (const l of shown)
            lines.push(`  ${clean(l.replace(/\t/g, '  '))}`);
    }
    const made = f.goroutineOf ? f.message.indexOf('made by a goroutine of') : -1;
    if (made >= 0)
        lines.push(`  ${clean(f.message.slice(made))}`);
    const facts = [];
    const known = report.baseline ? format_baselineText(f, report.baseline.label) : undefined;
    if (known)
        facts.push(clean(known));
    if (f.tests.length > 0)
        facts.push(`tests: ${clean(f.tests.join(', '))}`);
    if (f.kind !== 'build')
        facts.push(`runs: ${runList(f.seenIn)}`);
    const recovery = format_stackRecoveryText(f);
    if (recovery)
        facts.push(recovery);
    if (facts.length > 0)
        lines.push(`  ${facts.join('  ')}`);
    const rerun = rerunFor(report, f);
    lines.push(`  reproduce: ${f.reproduce}${rerun ? paint.dim('  (may need several tries)') : ''}`);
    if (rerun)
        lines.push(`  or count:  ${rerun}`);
    return lines;
}
/** Why a test failed when a finding explains it, and its runs alone when it was rerun alone. */
function testNote(report, t) {
    const notes = [];
    if (t.alone)
        notes.push(`alone: failed ${t.alone.failed} of ${t.alone.runs}`);
    const causes = (t.failedBy ?? []).map((id) => report.findings.find((f) => f.id === id));
    const named = causes
        .map((f) => (f ? `the ${format_KIND_LABEL[f.kind].toLowerCase()} ${f.id}` : ''))
        .filter(Boolean);
    if (named.length > 0)
        notes.push(`fails because of ${named.join(', ')}`);
    return notes.length > 0 ? `  (${clean(notes.join('; '))})` : '';
}
function renderTerminal(report, opts = {}) {
    const paint = palette(opts.color ?? false);
    const out = [];
    for (const f of report.findings)
        out.push(...findingBlock(report, f, paint), '');
    const bad = report.tests.filter((t) => t.status === 'flaky' || t.status === 'failing');
    if (bad.length > 0) {
        out.push(paint.bold('Tests'));
        const width = Math.max(...bad.map((t) => `${t.failed}/${t.runs}`.length));
        for (const t of bad) {
            const status = t.status === 'failing' ? paint.red('FAILING') : paint.yellow('FLAKY  ');
            out.push(`  ${status}  ${`${t.failed}/${t.runs}`.padStart(width)}  ${clean(t.package)}  ${clean(t.name)}${testNote(report, t)}`);
        }
        out.push('');
    }
    const focus = report.focus;
    if (focus) {
        const ran = focus.packages.map((p) => `${p.importPath} (${p.reason === 'imports' ? `imports ${p.via}` : 'changed'})`);
        const what = ran.length > 0 ? `ran ${ran.join(', ')}; ${focus.skipped} not run` : 'no Go code changed, nothing ran';
        out.push(`${paint.dim('only-changed:')} ${clean(`since ${focus.base.slice(0, 7)}: ${what}`)}`);
    }
    const testsFrom = testsFromText(report);
    if (testsFrom)
        out.push(`${paint.dim('tests-from:')} ${clean(testsFrom)}`);
    for (const g of report.baseline?.gone ?? []) {
        const where = g.where ? ` at ${g.where}` : '';
        out.push(`${paint.dim('gone:')} ${clean(`${g.title}${where} (${g.runsSeen}/${g.runs} on ${report.baseline?.label}): ${format_notSeenText(g)}`)}`);
    }
    for (const e of report.errors)
        out.push(`${paint.red('error:')} ${clean(e)}`);
    for (const n of report.notes)
        out.push(`${paint.dim('note:')} ${clean(n)}`);
    if (report.errors.length + report.notes.length > 0)
        out.push('');
    const onlyOverlap = report.findings.every((f) => f.kind === 'overlap');
    const mark = report.verdict === 'findings' && !onlyOverlap
        ? paint.red('✗')
        : report.verdict !== 'clean' || bad.length > 0 || report.cancelled
            ? paint.yellow('!')
            : paint.green('✓');
    const delta = deltaText(report, (s) => s);
    out.push(`${mark} ${paint.bold(clean(report.summary))}${delta ? ` (${clean(delta)})` : ''}`);
    return `${out.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/settings/globs.ts
// The globs of the multi-file inputs (merge, tests-from): `*` and `?` within a path segment, `**`
// for any number of segments. One implementation, so both inputs match files the same way.


/** Why a glob of an input is refused: it must stay inside the repository. */
function globs_globProblem(glob) {
    if (glob.startsWith('/') || /^[A-Za-z]:/.test(glob) || glob.includes('\\'))
        return 'must be relative to the repository root, with / separators';
    if (glob.split('/').includes('..'))
        return 'must not contain ..';
    return undefined;
}
/** `*` and `?` within a segment, `**` for any number of segments. */
function globs_segmentRegex(segment) {
    const body = segment
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]');
    return new RegExp(`^${body}$`);
}
function walk(dir, segments, out) {
    const [head, ...rest] = segments;
    if (head === undefined)
        return;
    if (head === '**') {
        walk(dir, rest, out);
        for (const e of safeList(dir))
            if (e.isDirectory() && !e.name.startsWith('.git'))
                walk((0,external_node_path_namespaceObject.join)(dir, e.name), segments, out);
        return;
    }
    const re = globs_segmentRegex(head);
    for (const e of safeList(dir)) {
        if (!re.test(e.name))
            continue;
        const path = (0,external_node_path_namespaceObject.join)(dir, e.name);
        if (rest.length === 0) {
            if (e.isFile())
                out.add(path);
        }
        else if (e.isDirectory())
            walk(path, rest, out);
    }
}
function safeList(dir) {
    try {
        return (0,external_node_fs_namespaceObject.readdirSync)(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    }
    catch {
        return [];
    }
}
/** Files under `root` matching `glob` (relative to it, unchecked); symlinks are not followed. */
function globs_globFiles(root, glob) {
    const out = new Set();
    walk(root, glob.split('/').filter((s) => s !== '' && s !== '.'), out);
    return [...out].sort();
}

;// CONCATENATED MODULE: ./src/settings/reports.ts
// Shard reports to merge come from artifacts, which a fork's pull request can write: untrusted
// input. Each is checked against the report's schema and size limits before anything reads it;
// only the fields race-rerun knows are kept, and every path that gets annotated or linked must be
// repository-relative without `..`. A bad report is a ReportError naming the file and the field.




class ReportError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ReportError';
    }
}
/** Limits: far above what race-rerun writes, far below what would hurt. */
const REPORT_LIMITS = {
    fileBytes: 64 * 1024 * 1024,
    reports: 256,
    findings: 25_000,
    tests: 200_000,
    packages: 10_000,
    listItems: 10_000,
    stacks: 64,
    frames: 1_000,
    text: 1_000_000,
};
const fail = (at, what) => {
    throw new ReportError(`${at} ${what}`);
};
const str = (max = REPORT_LIMITS.text) => (v, at) => typeof v !== 'string'
    ? fail(at, 'must be a string')
    : v.length > max
        ? fail(at, `is longer than ${max} characters`)
        : v;
const reports_int = (min = 0, max = Number.MAX_SAFE_INTEGER) => (v, at) => typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max
    ? fail(at, `must be a whole number from ${min} to ${max}`)
    : v;
const num = (v, at) => typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1
    ? fail(at, 'must be a number from 0 to 1')
    : v;
const bool = (v, at) => (typeof v !== 'boolean' ? fail(at, 'must be true or false') : v);
const oneOf = (values) => (v, at) => typeof v === 'string' && values.includes(v) ? v : fail(at, `must be one of ${values.join(', ')}`);
const arr = (item, max = REPORT_LIMITS.listItems) => (v, at) => {
    if (!Array.isArray(v))
        return fail(at, 'must be a list');
    if (v.length > max)
        return fail(at, `has more than ${max} entries`);
    return v.map((x, i) => item(x, `${at}[${i}]`));
};
/** A repository-relative path: no leading `/`, no drive, no `..`, no backslash or control character. */
function repoPathProblem(p) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
    if (/[\u0000-\u001f\u007f\\]/.test(p))
        return 'contains a backslash or a control character';
    if (p.startsWith('/') || /^[A-Za-z]:/.test(p) || /^[a-z][a-z0-9+.-]*:/i.test(p))
        return 'is not repository-relative';
    if (p.split('/').includes('..'))
        return 'contains ..';
    return undefined;
}
const repoPath = (v, at) => {
    const s = str(4096)(v, at);
    const problem = repoPathProblem(s);
    return problem ? fail(at, `${problem}: ${JSON.stringify(s.slice(0, 200))}`) : s;
};
const obj = (shape, extra) => (v, at) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v))
        return fail(at, 'must be an object');
    const input = v;
    const out = {};
    for (const [key, [check, need]] of Object.entries(shape)) {
        if (input[key] === undefined) {
            if (need === 'required')
                fail(at, `has no ${key}`);
            continue;
        }
        out[key] = check(input[key], `${at}.${key}`);
    }
    extra?.(out, at);
    return out;
};
const R = 'required';
const O = 'optional';
const interval = obj({ low: [num, R], high: [num, R] });
const ORIGINS = ['repo', 'vendor', 'goroot', 'modcache', 'generated', 'unknown'];
const reports_frame = obj({ function: [str(4096), R], file: [str(4096), R], line: [reports_int(), R], origin: [oneOf(ORIGINS), R] }, 
// Frames in the repository are linked and sent to code scanning: they must stay inside it.
(o, at) => {
    if (o.origin === 'repo' || o.origin === 'vendor')
        repoPath(o.file, `${at}.file`);
});
const stack = obj({
    role: [oneOf(STACK_ROLES), R],
    header: [str(4096), R],
    frames: [arr(reports_frame, REPORT_LIMITS.frames), R],
});
const reports_location = obj({
    file: [repoPath, R],
    line: [reports_int(1), R],
    function: [str(4096), R],
    role: [oneOf(LOCATION_ROLES), R],
    access: [oneOf(['read', 'write']), O],
});
const names = arr(str(4096), REPORT_LIMITS.tests);
const finding = obj({
    id: [str(64), R],
    kind: [oneOf(model_FINDING_KINDS), R],
    signature: [str(), R],
    title: [str(), R],
    message: [str(), R],
    package: [str(4096), R],
    runsSeen: [reports_int(), R],
    runs: [reports_int(), R],
    interval: [interval, R],
    seenIn: [arr(reports_int(1)), R],
    tests: [names, R],
    locations: [arr(reports_location, 1000), R],
    stacks: [arr(stack, REPORT_LIMITS.stacks), R],
    sample: [str(), R],
    reproduce: [str(), R],
    cooccurringRaces: [arr(obj({ id: [str(64), R], runs: [reports_int(), R] }), 100), O],
    stackRecovery: [oneOf(['recovered', 'unrecovered']), O],
    failsTests: [names, O],
    goroutineOf: [str(4096), O],
    aloneRuns: [reports_int(), O],
}, (o, at) => {
    const seen = o.seenIn;
    if (o.runsSeen !== seen.length && o.kind !== 'build')
        fail(at, 'has runsSeen different from seenIn');
    if (o.runsSeen > o.runs)
        fail(at, 'was seen in more runs than it had');
});
const test = obj({
    package: [str(4096), R],
    name: [str(4096), R],
    runs: [reports_int(), R],
    failed: [reports_int(), R],
    status: [oneOf(['flaky', 'failing', 'passing', 'skipped', 'overlap']), R],
    interval: [interval, R],
    failedBy: [arr(str(64), 1000), O],
    alone: [obj({ runs: [reports_int(), R], failed: [reports_int(), R] }), O],
});
const pkg = obj({
    importPath: [str(4096), R],
    dir: [(v, at) => (v === '' ? '' : repoPath(v, at)), R],
    built: [bool, R],
    runs: [reports_int(), R],
    failedRuns: [reports_int(), R],
});
const context = obj({
    workingDirectory: [repoPath, R],
    packages: [arr(str(4096), 1000), R],
    count: [reports_int(), R],
    run: [str(4096), O],
    skip: [str(4096), O],
    timeout: [str(64), R],
    goTestFlags: [arr(str(4096), 1000), R],
    goVersion: [str(64), O],
    commit: [(v, at) => (/^[0-9a-f]{7,64}$/.test(String(v)) ? v : fail(at, 'must be a hex commit id')), O],
    until: [oneOf(['first', 'stable']), O],
    precision: [num, O],
    maxDuration: [str(64), O],
    branch: [str(1024), O],
});
const shard = obj({
    index: [reports_int(1, 256), R],
    total: [reports_int(1, 256), R],
    split: [oneOf(['packages', 'runs']), R],
    firstRun: [reports_int(), O],
    lastRun: [reports_int(), O],
    packages: [arr(str(4096), REPORT_LIMITS.packages), O],
}, (o, at) => {
    if (o.index > o.total)
        fail(at, 'has an index above its total');
});
const shardList = arr(reports_int(0, 256), REPORT_LIMITS.listItems);
const merged = obj({
    total: [reports_int(1, 256), R],
    shards: [arr(reports_int(1, 256), 256), R],
    jobs: [reports_int(1), R],
    noteShards: [shardList, R],
    errorShards: [shardList, R],
});
const job = obj({
    workflow: [str(1024), R],
    job: [str(1024), R],
    runId: [str(64), O],
    runAttempt: [str(64), O],
    matrix: [str(4096), O],
});
const reports_focus = obj({
    base: [str(64), R],
    changedFiles: [arr(repoPath, 1000), R],
    changedFileCount: [reports_int(), R],
    packages: [
        arr(obj({
            importPath: [str(4096), R],
            reason: [oneOf(['changed', 'imports']), R],
            via: [str(4096), O],
        }), REPORT_LIMITS.packages),
        R,
    ],
    skipped: [reports_int(), R],
});
const testsFrom = obj({
    logs: [arr(str(4096), 1000), R],
    tests: [
        arr(obj({ package: [str(4096), R], test: [str(4096), O], failed: [reports_int(), R], logs: [reports_int(), R] }), REPORT_LIMITS.tests),
        R,
    ],
});
const report = obj({
    schemaVersion: [(v, at) => (v === 1 ? v : fail(at, 'must be 1 (a report of another race-rerun?)')), R],
    tool: [obj({ name: [oneOf(['race-rerun']), R], version: [str(64), R] }), R],
    mode: [oneOf(['run', 'parse']), R],
    runs: [reports_int(), R],
    totalRuns: [reports_int(), R],
    failedRuns: [reports_int(), R],
    packages: [arr(pkg, REPORT_LIMITS.packages), R],
    findings: [arr(finding, REPORT_LIMITS.findings), R],
    tests: [arr(test, REPORT_LIMITS.tests), R],
    verdict: [oneOf(['clean', 'findings', 'error']), R],
    summary: [str(10_000), R],
    errors: [arr(str()), R],
    notes: [arr(str()), R],
    context: [context, R],
    shard: [shard, O],
    merged: [merged, O],
    job: [job, O],
    pullRequest: [obj({ number: [reports_int(1), R], headSha: [str(64), O] }), O],
    cancelled: [obj({ signal: [str(64), R], runsDone: [reports_int(), R], runsPlanned: [reports_int(), R] }), O],
    escapedProcesses: [reports_int(), O],
    // A baseline comparison is not read: the merge job compares the merged report (its baseline input).
    focus: [reports_focus, O],
    testsFrom: [testsFrom, O],
}, (o, at) => {
    const m = o.merged;
    if (m && m.noteShards.length !== o.notes.length)
        fail(at, 'has merged.noteShards unlike its notes');
    if (m && m.errorShards.length !== o.errors.length)
        fail(at, 'has merged.errorShards unlike its errors');
});
/** The report in `json`, checked; throws a ReportError that names `name` and the field. */
function validateReport(json, name) {
    try {
        return report(json, 'report');
    }
    catch (err) {
        if (err instanceof ReportError)
            throw new ReportError(`${name} is not a valid race-rerun report: ${err.message}.`);
        throw err;
    }
}
/** Reads and validates one report file. */
function readReport(file, name = file) {
    let text;
    try {
        const size = (0,external_node_fs_namespaceObject.statSync)(file).size;
        if (size > REPORT_LIMITS.fileBytes)
            throw new ReportError(`${name} is ${size} bytes, over the ${REPORT_LIMITS.fileBytes}-byte limit for a report.`);
        text = (0,external_node_fs_namespaceObject.readFileSync)(file, 'utf8');
    }
    catch (err) {
        if (err instanceof ReportError)
            throw err;
        throw new ReportError(`Cannot read ${name}: ${err.message}`);
    }
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (err) {
        throw new ReportError(`${name} is not JSON: ${err.message}`);
    }
    return validateReport(json, name);
}
/** Files under `root` matching the globs (relative to it), sorted; symlinks are not followed. */
function expandGlobs(root, globs) {
    const out = new Set();
    for (const g of globs) {
        const problem = globProblem(g);
        if (problem)
            throw new ReportError(`merge pattern ${JSON.stringify(g)} ${problem}.`);
        for (const f of globFiles(root, g))
            out.add(f);
    }
    return [...out].sort();
}
/** The reports the `merge` globs name, each read and validated. */
function readReports(root, globs) {
    const files = expandGlobs(root, globs);
    if (files.length === 0)
        throw new ReportError(`No report matches merge: ${globs.join(' ')} (relative to ${root}). Download the shard artifacts there first.`);
    if (files.length > REPORT_LIMITS.reports)
        throw new ReportError(`merge matches ${files.length} files, more than ${REPORT_LIMITS.reports} reports.`);
    return files.map((f) => {
        const name = relative(root, f);
        return { name, report: readReport(f, name) };
    });
}

;// CONCATENATED MODULE: ./src/settings/goflags.ts
// Splits the `go-test-flags` input into flags for `go test -race -c` and flags for the test binary.
// race-rerun builds each package once and runs the binary itself, so the flags `go test` would
// have sorted out for us have to be sorted here.
/** A word of `go-test-flags` that cannot be used; the message says why and what to do instead. */
class GoFlagsError extends Error {
}
/**
 * Splits text into words like a POSIX shell does, without expansions: '…' is literal, "…" allows
 * \" \\ \$ \` escapes, a backslash outside quotes escapes the next character.
 */
function splitShellWords(text) {
    const words = [];
    let word = '';
    // Distinguishes an empty quoted word ('') from no word at all.
    let inWord = false;
    let i = 0;
    while (i < text.length) {
        const c = text.charAt(i);
        if (c === "'") {
            const end = text.indexOf("'", i + 1);
            if (end < 0)
                throw new GoFlagsError(`unclosed single quote in ${JSON.stringify(text)}`);
            word += text.slice(i + 1, end);
            inWord = true;
            i = end + 1;
        }
        else if (c === '"') {
            i++;
            let closed = false;
            while (i < text.length) {
                const d = text.charAt(i);
                if (d === '"') {
                    closed = true;
                    i++;
                    break;
                }
                if (d === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text.charAt(i + 1))) {
                    // Backslash-newline inside double quotes is a line continuation.
                    if (text.charAt(i + 1) !== '\n')
                        word += text.charAt(i + 1);
                    i += 2;
                    continue;
                }
                word += d;
                i++;
            }
            if (!closed)
                throw new GoFlagsError(`unclosed double quote in ${JSON.stringify(text)}`);
            inWord = true;
        }
        else if (c === '\\') {
            if (i + 1 >= text.length)
                throw new GoFlagsError(`${JSON.stringify(text)} ends with a lone backslash`);
            const next = text.charAt(i + 1);
            if (next !== '\n') {
                word += next;
                inWord = true;
            }
            i += 2;
        }
        else if (/\s/.test(c)) {
            if (inWord)
                words.push(word);
            word = '';
            inWord = false;
            i++;
        }
        else {
            word += c;
            inWord = true;
            i++;
        }
    }
    if (inWord)
        words.push(word);
    return words;
}
const build = (takesValue) => ({ to: 'build', takesValue });
const goflags_test = (takesValue) => ({ to: 'test', takesValue });
const reject = (takesValue, why) => ({ to: 'reject', takesValue, why });
const PROFILE = 'is not supported: every run would overwrite the same file';
// From `go help build` and `go help testflag` (Go 1.21–1.26).
const FLAGS = {
    // Build flags, passed to `go test -race -c`.
    a: build(false),
    n: build(false),
    x: build(false),
    work: build(false),
    trimpath: build(false),
    linkshared: build(false),
    modcacherw: build(false),
    cover: build(false),
    buildvcs: build(false),
    p: build(true),
    asmflags: build(true),
    buildmode: build(true),
    compiler: build(true),
    covermode: build(true),
    coverpkg: build(true),
    gccgoflags: build(true),
    gcflags: build(true),
    installsuffix: build(true),
    ldflags: build(true),
    mod: build(true),
    modfile: build(true),
    overlay: build(true),
    pgo: build(true),
    pkgdir: build(true),
    tags: build(true),
    toolexec: build(true),
    // `go test -c` runs vet too (and fails the build on its findings); off unless given here.
    vet: build(true),
    // Test flags, passed to every run of the test binary as -test.NAME.
    bench: goflags_test(true),
    benchmem: goflags_test(false),
    benchtime: goflags_test(true),
    // -count=K: K iterations of each test in every run (the count input is the number of runs).
    count: goflags_test(true),
    cpu: goflags_test(true),
    failfast: goflags_test(false),
    fullpath: goflags_test(false),
    parallel: goflags_test(true),
    short: goflags_test(false),
    shuffle: goflags_test(true),
    // race-rerun sets these itself: saying them is fine, turning them off cannot work.
    race: { to: 'ignore', takesValue: false },
    v: { to: 'ignore', takesValue: false },
    json: reject(false, 'is not supported: race-rerun reads the test output itself and writes its own JSON report (the report output)'),
    msan: reject(false, 'cannot be combined with -race'),
    asan: reject(false, 'cannot be combined with -race'),
    C: reject(true, 'is not supported: use the working-directory input'),
    exec: reject(true, 'is not supported yet'),
    c: reject(false, 'is not needed: race-rerun builds the test binary itself'),
    o: reject(true, 'is not supported: race-rerun chooses where the test binary goes'),
    i: reject(false, 'is not supported (removed from Go)'),
    run: reject(true, 'is not supported: use the run input'),
    skip: reject(true, 'is not supported: use the skip input'),
    timeout: reject(true, 'is not supported: use the timeout input'),
    list: reject(true, 'is not supported: it lists tests instead of running them'),
    coverprofile: reject(true, PROFILE),
    cpuprofile: reject(true, PROFILE),
    memprofile: reject(true, PROFILE),
    blockprofile: reject(true, PROFILE),
    mutexprofile: reject(true, PROFILE),
    trace: reject(true, PROFILE),
    outputdir: reject(true, PROFILE),
};
/** Go's strconv.ParseBool words. */
const TRUE_WORDS = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const FALSE_WORDS = ['0', 'f', 'F', 'FALSE', 'false', 'False'];
/** Flags race-rerun always sets: why they cannot be turned off. */
const OFF_WHY = {
    race: 'cannot work: race-rerun exists to run the tests with the race detector',
    v: 'cannot work: race-rerun runs the tests verbosely (-test.v=test2json) to tell which test printed what',
};
/**
 * Sorts `go test` flags: build flags (normalised to `-name` / `-name=value`) and test-binary
 * flags (as `-test.name[=value]`). Words after `-args` go to the binary verbatim, after the flags.
 * Accepts `-f=v`, `-f v`, `--f`, and `-test.f` spellings. Throws GoFlagsError on anything it
 * cannot pass on.
 */
function classifyGoTestFlags(words) {
    const buildFlags = [];
    const testFlags = [];
    const passThrough = [];
    for (let i = 0; i < words.length; i++) {
        const word = words[i] ?? '';
        if (word === '-args' || word === '--args') {
            passThrough.push(...words.slice(i + 1));
            break;
        }
        if (!/^--?[^-]/.test(word)) {
            throw new GoFlagsError(`${JSON.stringify(word)} is not a flag; list packages in the packages input and put arguments for the test binary after -args`);
        }
        const body = word.replace(/^--?/, '');
        const eq = body.indexOf('=');
        let name = eq < 0 ? body : body.slice(0, eq);
        let value = eq < 0 ? undefined : body.slice(eq + 1);
        // `-test.shuffle` is how the binary spells it; treat it like `-shuffle`.
        const testSpelling = name.startsWith('test.');
        if (testSpelling)
            name = name.slice('test.'.length);
        const kind = FLAGS[name];
        if (kind === undefined || (testSpelling && kind.to === 'build')) {
            throw new GoFlagsError(`unknown flag ${word.split('=')[0]}`);
        }
        if (kind.takesValue && value === undefined) {
            const next = words[i + 1];
            if (next === undefined)
                throw new GoFlagsError(`flag -${name} needs a value`);
            value = next;
            i++;
        }
        if (name === 'count' && !/^[1-9]\d*$/.test(value ?? '')) {
            throw new GoFlagsError(`-count must be a whole number ≥ 1 (iterations per run; the count input sets the number of runs), got ${JSON.stringify(value)}`);
        }
        const off = OFF_WHY[name];
        if (off && value !== undefined && !TRUE_WORDS.includes(value) && value !== 'test2json') {
            throw new GoFlagsError(FALSE_WORDS.includes(value)
                ? `-${name}=${value} ${off}`
                : `-${name} takes true or false, got ${JSON.stringify(value)}`);
        }
        const flag = value === undefined ? name : `${name}=${value}`;
        switch (kind.to) {
            case 'build':
                buildFlags.push(`-${flag}`);
                break;
            case 'test':
                testFlags.push(`-test.${flag}`);
                break;
            case 'ignore':
                break;
            case 'reject':
                throw new GoFlagsError(`-${name} ${kind.why}`);
        }
    }
    return { buildFlags, testFlags: [...testFlags, ...passThrough] };
}

;// CONCATENATED MODULE: ./src/settings/settings.ts
// Every input of the action (and flag of the CLI) is read and validated here, in one place, so a
// bad value fails before anything is built and the message says which input to change.





/** A bad input. The message has one line per problem, each naming the input. */
class SettingsError extends Error {
    problems;
    constructor(problems) {
        super(problems.join('\n'));
        this.name = 'SettingsError';
        this.problems = problems;
    }
}
const MAX_COUNT = 10_000;
/** Go's longest time.Duration (2^63-1 ns), in milliseconds. */
const MAX_GO_DURATION_MS = 9_223_372_036_854.775;
/** The words `fail-on` accepts besides `never`. `build` failures count under `failure`. */
const FAIL_ON_WORDS = ['race', 'panic', 'fatal', 'timeout', 'failure', 'overlap'];
/**
 * The default: everything but `overlap`, a test that failed only while other runs overlapped it
 * and passed every time alone (a collision race-rerun's parallel runs caused, not a flaky test).
 */
const DEFAULT_FAIL_ON = FAIL_ON_WORDS.filter((w) => w !== 'overlap');
/** The action's inputs: the single source for action.yml and the README (tests check both). */
const INPUTS = [
    {
        name: 'packages',
        default: './...',
        description: 'Go package patterns to test, separated by spaces or newlines, relative to working-directory.',
    },
    {
        name: 'count',
        default: '10',
        description: `How many times to run each package's tests, each run a separate process (1 to ${MAX_COUNT}).`,
    },
    {
        name: 'run',
        default: '',
        description: 'Run only tests matching this regular expression (like go test -run). Empty runs all tests.',
    },
    {
        name: 'skip',
        default: '',
        description: 'Skip tests matching this regular expression (like go test -skip). Empty skips none.',
    },
    {
        name: 'tests-from',
        default: '',
        description: 'Go test logs (-json or plain -v output) from earlier steps or jobs: paths, directories (every file under them) or globs such as logs/*/go-test.json, one a line or separated by spaces or commas, relative to the repository root. Only the tests that failed in any of them are rerun; when none failed, nothing runs (unless run is set).',
    },
    {
        name: 'working-directory',
        default: '.',
        description: 'Directory of the Go module (the one holding go.mod), relative to the repository root.',
    },
    {
        name: 'timeout',
        default: '10m',
        description: 'Time limit for one run, as a Go duration such as 90s, 10m or 1h30m. A run over it counts as a timeout.',
    },
    {
        name: 'max-duration',
        default: '',
        description: 'Time budget for building and all runs, as a Go duration such as 5m. When it is used up, runs stop and the report says how many each package got. Empty means no budget.',
    },
    {
        name: 'until',
        default: 'count',
        description: 'When to stop: count (all count runs), first (at the first failing run), or stable (once every finding and test has a 95% interval within precision; count is then the most runs per package).',
    },
    {
        name: 'precision',
        default: '10',
        description: 'For until: stable, the half-width of the 95% interval to reach, in percentage points (10 means ±10 points).',
    },
    {
        name: 'parallel',
        default: '',
        description: 'How many runs to execute at once. Empty means the number of CPUs.',
    },
    {
        name: 'go-test-flags',
        default: '',
        description: 'Extra go test flags, e.g. "-tags=integration -shuffle=on". Build flags go to the build, test flags to every run; words after -args go to the test binary. -run, -skip and -timeout have inputs of their own; -count=K runs each test K times in every run. Vet is off unless -vet is given.',
    },
    {
        name: 'fail-on',
        default: DEFAULT_FAIL_ON.join(','),
        description: 'Which findings fail the step, separated by commas or spaces: race, panic, fatal, timeout, failure (test failures and build errors), overlap (a test that failed only while other runs overlapped it and passed alone), or never.',
    },
    {
        name: 'baseline',
        default: '',
        description: 'A JSON report from the base branch (a path or a glob such as reports/*.json; the newest match is used), relative to the repository root. Every finding is then new or known (with its rate there), and its findings not seen now are listed with the chance they would have shown. Missing or unreadable is a warning.',
    },
    {
        name: 'only-new',
        default: 'false',
        description: 'With a baseline: fail-on applies to new findings only, and only new findings are annotated (known ones are listed in the summary and comment).',
    },
    {
        name: 'only-changed',
        default: 'false',
        description: 'On pull requests: run only the packages whose files the pull request changed, and the packages of the module that import them. Needs the base commit in the checkout (fetch-depth: 0, or it is fetched with git fetch --depth=1).',
    },
    {
        name: 'github-token',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JS template.
        default: '${{ github.token }}',
        description: 'Token used to comment on the pull request.',
    },
    {
        name: 'comment',
        default: 'true',
        description: 'Post (and update) one pull request comment with the findings. Needs pull-requests: write; skipped when the token cannot write. Off by default in a shard job (the merge comments).',
    },
    {
        name: 'annotations',
        default: 'commands',
        description: 'Where annotations go: commands (workflow commands; GitHub shows 10 per level and step) or checks (a check run on the head commit with every annotation; needs checks: write, falls back to commands with one warning). A workflow_run merge always uses checks.',
    },
    {
        name: 'shard',
        default: '',
        description: "I/N, e.g. 2/4: run only shard I of N of the work, for a matrix of jobs. With fewer packages than shards each package's runs are split (shard 2/4 of count 100 runs 26–50); otherwise the packages are. A shard job annotates nothing and posts no comment: upload its report and merge.",
    },
    {
        name: 'merge',
        default: '',
        description: 'Glob patterns (relative to the repository root, separated by spaces or newlines) of shard reports to merge instead of running tests; no Go is needed. The merged report is published like a run: annotations, summary, outputs, comment, SARIF. On a workflow_run event it publishes to the pull request the reports are for.',
    },
];
const OUTPUTS = [
    { name: 'runs', description: 'Test processes run, over all packages.' },
    {
        name: 'failed-runs',
        description: 'Runs that exited non-zero, were killed by the timeout, or printed a finding.',
    },
    { name: 'races', description: 'Distinct data races found.' },
    { name: 'panics', description: 'Distinct panics found.' },
    {
        name: 'flaky-tests',
        description: 'JSON array of the tests that failed in at least one run, e.g. [{"package":"example.com/m/pkg","test":"TestX","failed":3,"runs":30,"status":"flaky"}]; status is flaky, or failing when every run failed.',
    },
    { name: 'report', description: 'Path of the JSON report.' },
    {
        name: 'sarif',
        description: 'Path of the SARIF 2.1.0 file next to the report, for github/codeql-action/upload-sarif (needs security-events: write).',
    },
];
/** Nanoseconds per unit, as Go's time.ParseDuration knows them. */
const DURATION_UNITS = {
    ns: 1,
    us: 1e3,
    µs: 1e3, // U+00B5 micro sign
    μs: 1e3, // U+03BC Greek mu
    ms: 1e6,
    s: 1e9,
    m: 60e9,
    h: 3600e9,
};
/** Parses a Go duration (`10m`, `1h30m`, `1.5s`, `500ms`, `0`) into milliseconds. */
function parseGoDuration(text) {
    const bad = () => new Error(`invalid Go duration ${JSON.stringify(text)}`);
    let rest = text.trim();
    let sign = 1;
    if (rest.startsWith('-') || rest.startsWith('+')) {
        if (rest.startsWith('-'))
            sign = -1;
        rest = rest.slice(1);
    }
    if (rest === '0')
        return 0;
    if (rest === '')
        throw bad();
    let ns = 0;
    const part = /^(\d*)(?:\.(\d*))?([^\d.]+)/;
    while (rest !== '') {
        const m = part.exec(rest);
        if (!m) {
            throw /^[\d.]+$/.test(rest)
                ? new Error(`missing unit in Go duration ${JSON.stringify(text)} (use e.g. s, m or h)`)
                : bad();
        }
        const [whole, int = '', frac = '', unit = ''] = m;
        const scale = DURATION_UNITS[unit];
        if ((int === '' && frac === '') || scale === undefined)
            throw bad();
        ns += Number(`${int || '0'}.${frac || '0'}`) * scale;
        rest = rest.slice(whole.length);
    }
    return (sign * ns) / 1e6;
}
const UNTIL_WORDS = ['count', 'first', 'stable'];
const settings_TRUE_WORDS = ['true', 'True', 'TRUE'];
const settings_FALSE_WORDS = ['false', 'False', 'FALSE'];
/**
 * Reads every input, applies defaults and validates. Throws one SettingsError that lists every
 * bad input, so a user fixes them all in one go.
 */
function readSettings(input, defaults) {
    const problems = [];
    const get = (name) => input(name).trim();
    const defaultOf = (name) => INPUTS.find((i) => i.name === name)?.default ?? '';
    const getOr = (name) => get(name) || defaultOf(name);
    const packages = getOr('packages').split(/\s+/).filter(Boolean);
    for (const p of packages) {
        if (p.startsWith('-')) {
            problems.push(`Input "packages": ${JSON.stringify(p)} looks like a flag. Put flags in go-test-flags.`);
        }
    }
    const countText = getOr('count');
    let count = 0;
    if (!/^\d+$/.test(countText) || Number(countText) < 1) {
        problems.push(`Input "count" must be a whole number of runs ≥ 1, got ${JSON.stringify(countText)}.`);
    }
    else if (Number(countText) > MAX_COUNT) {
        problems.push(`Input "count" must be at most ${MAX_COUNT}, got ${JSON.stringify(countText)}.`);
    }
    else {
        count = Number(countText);
    }
    const run = regexInput('run', get('run'), problems);
    const skip = regexInput('skip', get('skip'), problems);
    const wdText = getOr('working-directory');
    const workingDirectory = (0,external_node_path_namespaceObject.resolve)(defaults.repoRoot, wdText);
    const wdProblem = directoryProblem(workingDirectory);
    if (wdProblem) {
        problems.push(`Input "working-directory": ${JSON.stringify(wdText)} ${wdProblem} (resolved to ${workingDirectory}). Set it to the directory that holds go.mod, relative to the repository root.`);
    }
    const timeout = getOr('timeout');
    let timeoutMs = 0;
    try {
        timeoutMs = parseGoDuration(timeout);
    }
    catch {
        // Handled below: the message is the same for bad syntax and for zero.
    }
    if (!(timeoutMs > 0)) {
        problems.push(`Input "timeout" must be a Go duration greater than zero such as 90s, 10m or 1h30m, got ${JSON.stringify(timeout)}.`);
    }
    if (timeoutMs > MAX_GO_DURATION_MS) {
        problems.push(`Input "timeout" is longer than Go's longest duration (about 2562047h) and the test binary would refuse it, got ${JSON.stringify(timeout)}.`);
    }
    const parallelText = get('parallel');
    let parallel = Math.max(1, Math.floor(defaults.cpus) || 1);
    if (parallelText !== '') {
        if (/^\d+$/.test(parallelText) && Number(parallelText) >= 1) {
            parallel = Number(parallelText);
        }
        else {
            problems.push(`Input "parallel" must be a whole number of runs at once ≥ 1 (or empty for the number of CPUs), got ${JSON.stringify(parallelText)}.`);
        }
    }
    const goTestFlagsText = get('go-test-flags');
    let goTestFlags = [];
    let buildFlags = [];
    let testFlags = [];
    try {
        goTestFlags = splitShellWords(goTestFlagsText);
        ({ buildFlags, testFlags } = classifyGoTestFlags(goTestFlags));
    }
    catch (e) {
        if (!(e instanceof GoFlagsError))
            throw e;
        problems.push(`Input "go-test-flags": ${e.message}.`);
    }
    const failOn = failOnInput(getOr('fail-on'), problems);
    const testsFrom = testsFromInput(get('tests-from'), defaults.repoRoot, problems);
    const maxDurationText = get('max-duration');
    let maxDurationMs;
    if (maxDurationText !== '') {
        try {
            maxDurationMs = parseGoDuration(maxDurationText);
        }
        catch {
            // Same message as zero or negative, below.
        }
        if (!(maxDurationMs !== undefined && maxDurationMs > 0)) {
            problems.push(`Input "max-duration" must be a Go duration greater than zero such as 5m or 1h (or empty for no budget), got ${JSON.stringify(maxDurationText)}.`);
        }
    }
    const untilText = getOr('until').toLowerCase();
    const until = UNTIL_WORDS.includes(untilText)
        ? untilText
        : undefined;
    if (until === undefined) {
        problems.push(`Input "until" must be count, first or stable, got ${JSON.stringify(get('until'))}.`);
    }
    const precisionText = getOr('precision');
    // `10`, `10%`, `±10` and `+-10` all mean ±10 percentage points.
    const precisionMatch = /^(?:±|\+-|\+\/-)?\s*(\d+(?:\.\d*)?|\.\d+)\s*%?$/.exec(precisionText);
    const points = precisionMatch ? Number(precisionMatch[1]) : Number.NaN;
    if (!(points >= 0.5 && points <= 50)) {
        problems.push(`Input "precision" must be a number of percentage points from 0.5 to 50 (10 means ±10 points), got ${JSON.stringify(precisionText)}.`);
    }
    const shard = shardInput(get('shard'), problems);
    const merge = get('merge').split(/\s+/).filter(Boolean);
    for (const g of merge) {
        if (globs_globProblem(g))
            problems.push(`Input "merge": ${JSON.stringify(g)} ${globs_globProblem(g)}.`);
    }
    if (shard && merge.length > 0)
        problems.push('Input "shard" and input "merge" cannot both be set: a job either runs a shard or merges them.');
    const annotationsText = getOr('annotations').toLowerCase();
    if (annotationsText !== 'commands' && annotationsText !== 'checks') {
        problems.push(`Input "annotations" must be commands or checks, got ${JSON.stringify(get('annotations'))}.`);
    }
    // A shard job comments only when asked to: the merge job posts the one comment.
    const commentText = get('comment') || (shard ? 'false' : defaultOf('comment'));
    let comment = true;
    if (settings_TRUE_WORDS.includes(commentText))
        comment = true;
    else if (settings_FALSE_WORDS.includes(commentText))
        comment = false;
    else
        problems.push(`Input "comment" must be true or false, got ${JSON.stringify(commentText)}.`);
    const onlyNew = boolInput('only-new', getOr('only-new'), problems);
    const onlyChanged = boolInput('only-changed', getOr('only-changed'), problems);
    const baseline = get('baseline');
    if (problems.length > 0)
        throw new SettingsError(problems);
    const settings = {
        packages,
        count,
        repoRoot: defaults.repoRoot,
        workingDirectory,
        timeout,
        timeoutMs,
        parallel,
        buildFlags,
        testFlags,
        goTestFlags,
        failOn,
        githubToken: get('github-token'),
        comment,
        reportPath: defaults.reportPath,
        until: until ?? 'count',
        precision: points / 100,
    };
    // Unset means the default, workflow commands.
    if (annotationsText === 'checks')
        settings.annotations = 'checks';
    if (shard)
        settings.shard = shard;
    if (merge.length > 0)
        settings.merge = merge;
    if (testsFrom !== undefined)
        settings.testsFrom = testsFrom;
    if (baseline !== '')
        settings.baseline = baseline;
    if (onlyNew)
        settings.onlyNew = true;
    if (onlyChanged)
        settings.onlyChanged = true;
    if (maxDurationMs !== undefined) {
        settings.maxDuration = maxDurationText;
        settings.maxDurationMs = maxDurationMs;
    }
    if (run !== undefined)
        settings.run = run;
    if (skip !== undefined)
        settings.skip = skip;
    return settings;
}
/** `I/N` with 1 ≤ I ≤ N ≤ 256. */
function shardInput(text, problems) {
    if (text === '')
        return undefined;
    const m = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
    const index = Number(m?.[1]);
    const total = Number(m?.[2]);
    if (!m || !(index >= 1 && index <= total && total <= MAX_SHARDS)) {
        problems.push(`Input "shard" must be I/N with 1 ≤ I ≤ N ≤ ${MAX_SHARDS}, e.g. \${{ matrix.shard }}/4, got ${JSON.stringify(text)}.`);
        return undefined;
    }
    return { index, total };
}
const MAX_SHARDS = 256;
function boolInput(name, text, problems) {
    if (settings_TRUE_WORDS.includes(text))
        return true;
    if (settings_FALSE_WORDS.includes(text))
        return false;
    problems.push(`Input "${name}" must be true or false, got ${JSON.stringify(text)}.`);
    return false;
}
// Go's regexp syntax is not JavaScript's, so only what is wrong in both is rejected.
function regexInput(name, text, problems) {
    if (text === '')
        return undefined;
    if (/[\r\n]/.test(text)) {
        problems.push(`Input "${name}" must be one regular expression on one line; join alternatives with | as in "TestA|TestB".`);
    }
    return text;
}
/** At most this many tests-from logs (a glob over a whole tree is a mistake, not a matrix). */
const MAX_TESTS_FROM_LOGS = 256;
const TESTS_FROM_HINT = 'Give the output of earlier go test runs (-json or -v): paths, directories or globs relative to the repository root.';
/**
 * tests-from: paths, directories (every file under them) and globs, separated by spaces, commas
 * or newlines, each resolved against the repository root; the files, absolute and sorted. Only
 * what can be told without reading them: whether a log parses is the engine's to say.
 */
function testsFromInput(text, repoRoot, problems) {
    const entries = text.split(/[\s,]+/).filter(Boolean);
    if (entries.length === 0)
        return undefined;
    const files = new Set();
    for (const entry of entries) {
        const found = testsFromEntry(entry, repoRoot);
        if (typeof found === 'string') {
            problems.push(`Input "tests-from": ${JSON.stringify(entry)} ${found}. ${TESTS_FROM_HINT}`);
            continue;
        }
        for (const f of found)
            files.add(f);
    }
    const sorted = [...files].sort();
    for (const f of sorted) {
        const problem = logFileProblem(f);
        if (problem)
            problems.push(`Input "tests-from": ${JSON.stringify(shownPath(f, repoRoot))} ${problem} (resolved to ${f}). ${TESTS_FROM_HINT}`);
    }
    if (sorted.length > MAX_TESTS_FROM_LOGS)
        problems.push(`Input "tests-from" matches ${sorted.length} files, more than ${MAX_TESTS_FROM_LOGS} logs: narrow the globs.`);
    return sorted;
}
/** The files one entry names, or why it names none. */
function testsFromEntry(entry, repoRoot) {
    const path = (0,external_node_path_namespaceObject.resolve)(repoRoot, entry);
    const where = `(resolved to ${path})`;
    if (!/[*?]/.test(entry)) {
        let isDir;
        try {
            isDir = (0,external_node_fs_namespaceObject.statSync)(path).isDirectory();
        }
        catch {
            return `does not exist ${where}`;
        }
        if (!isDir)
            return [path];
        // actions/download-artifact writes each artifact into a directory of its own.
        const inside = globs_globFiles(path, '**/*');
        return inside.length > 0 ? inside : `is a directory with no files in it ${where}`;
    }
    if (entry.includes('\\'))
        return 'must use / separators (a glob has no \\ escapes)';
    // The part before the first wildcard is a plain directory; the glob code matches the rest.
    const parts = path.split(external_node_path_namespaceObject.sep);
    const wild = parts.findIndex((p) => /[*?]/.test(p));
    const base = parts.slice(0, wild).join(external_node_path_namespaceObject.sep) || external_node_path_namespaceObject.sep;
    const matched = globs_globFiles(base, parts.slice(wild).join('/'));
    return matched.length > 0 ? matched : `matches no file ${where}`;
}
/** Why a file cannot be a log, without parsing it. */
function logFileProblem(file) {
    try {
        const st = (0,external_node_fs_namespaceObject.statSync)(file);
        if (!st.isFile())
            return 'is not a file';
        if (st.size === 0)
            return 'is empty';
        (0,external_node_fs_namespaceObject.accessSync)(file, external_node_fs_namespaceObject.constants.R_OK);
    }
    catch (err) {
        const code = err.code;
        return code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? err.message})`;
    }
    return undefined;
}
function directoryProblem(path) {
    try {
        return (0,external_node_fs_namespaceObject.statSync)(path).isDirectory() ? undefined : 'is not a directory';
    }
    catch {
        return 'does not exist';
    }
}
function failOnInput(text, problems) {
    const words = [
        ...new Set(text
            .toLowerCase()
            .split(/[\s,]+/)
            .filter(Boolean)),
    ];
    if (words.length === 0) {
        problems.push(`Input "fail-on" names no kinds; use any of ${FAIL_ON_WORDS.join(', ')}, or never.`);
        return [];
    }
    const valid = FAIL_ON_WORDS;
    const unknown = words.filter((w) => w !== 'never' && !valid.includes(w));
    if (unknown.length > 0) {
        const hint = unknown.includes('build') ? ' (build errors count under "failure")' : '';
        problems.push(`Input "fail-on": unknown ${unknown.map((w) => JSON.stringify(w)).join(', ')}${hint}. Use any of ${FAIL_ON_WORDS.join(', ')}, or never.`);
        return [];
    }
    if (words.includes('never')) {
        if (words.length > 1) {
            problems.push(`Input "fail-on": "never" cannot be combined with other kinds, got ${JSON.stringify(text)}.`);
        }
        return [];
    }
    const kinds = FAIL_ON_WORDS.filter((k) => words.includes(k));
    if (kinds.includes('failure'))
        kinds.push('build');
    return kinds;
}

;// CONCATENATED MODULE: ./src/cli/commands.ts
// race-rerun on the command line: the same engine and report as the action, shown as text.





















const USAGE = `race-rerun ${VERSION}: run Go tests N times under the race detector and report how often each race, panic and failure reproduces.

Usage:
  race-rerun run [flags] [packages...]   run the tests of the Go module in the current directory (default ./...)
  race-rerun parse [flags] LOG...        read existing go test output (plain or -json; - for stdin), one run per log
  race-rerun merge [flags] REPORT...     merge the JSON reports of shards (run with --shard I/N) into one; no Go needed

Flags for run:
  --count N            runs per package (default 10)
  --parallel P         runs at once (default: number of CPUs)
  --run RE             only tests matching RE, as go test -run
  --skip RE            skip tests matching RE, as go test -skip
  --timeout D          per-run timeout, a Go duration (default 10m)
  --go-test-flags F    extra go test flags, e.g. "-tags=integration -shuffle=on"
  --tests-from LOG     rerun only the tests that failed in this go test log (-json or -v); repeat it,
                       or give a directory or a quoted glob ('logs/*.json'), to read several
  --max-duration D     time budget for all builds and runs, a Go duration (default: none)
  --until WHEN         count (all runs, default), first (stop at the first failure) or stable
  --precision P        for --until stable: ± percentage points of the 95% interval (default 10)
  --shard I/N          run only shard I of N of the work (merge the N reports with race-rerun merge)
Flags for all:
  --json FILE          also write the JSON report to FILE
  --sarif FILE         also write a SARIF 2.1.0 file (for GitHub code scanning) to FILE
  --baseline FILE      a JSON report from the base branch (path or glob): findings are new or known
  --only-new           with --baseline: --fail-on applies to new findings only
  --fail-on LIST       exit 1 when findings of these kinds are found: race,panic,fatal,timeout,failure,overlap
                       or never (default: all but overlap, a test that failed only while runs overlapped)
  --no-color           plain text even on a terminal
  -h, --help, --version

Exit status: 0 nothing matched --fail-on, 1 findings matched --fail-on, 2 bad usage, nothing could be run,
or (parse) a log could not be read or none holds Go test output; 130 interrupted (Ctrl-C: the runs that
finished are reported, and written to --json).`;
class UsageError extends Error {
}
function usage(code) {
    process.stdout.write(`${USAGE}\n`);
    return code;
}
/**
 * The engine and the settings speak of action inputs; on the command line the same things are
 * flags and the current directory.
 */
function cliWording(text) {
    return text
        .replace(/Input "([a-z-]+)"/g, '--$1')
        .replace(/Set (?:working-directory|it) to the directory that holds go\.mod(?:, relative to the repository root)?\./g, 'Run race-rerun in the directory that holds go.mod.')
        .replace(/(paths, directories or globs) relative to the repository root/g, '$1')
        .replace(/check the packages input/g, 'check the packages given on the command line')
        .replace(/\bthe (run|skip) input\b/g, '--$1')
        .replace(/\bThe (run|skip) input\b/g, '--$1')
        .replace(/(?<![-\w])(max-duration|count|parallel|precision|until)( \d|:| \()/g, '--$1$2')
        .replace(/Raise max-duration/g, 'Raise --max-duration')
        .replace(/(?<![-\w])parallel 1\b/g, '--parallel 1');
}
function withCliWording(report) {
    return {
        ...report,
        summary: cliWording(report.summary),
        errors: report.errors.map(cliWording),
        notes: report.notes.map(cliWording),
        findings: report.findings.map((f) => f.kind === 'overlap' ? { ...f, message: cliWording(f.message) } : f),
    };
}
/** `--tests-from logs/*.json` unquoted: the shell made the second log a package pattern. */
function strayLog(positionals, cwd) {
    const stray = positionals.find((p) => !p.endsWith('.go') && (0,external_node_fs_namespaceObject.existsSync)((0,external_node_path_namespaceObject.resolve)(cwd, p)) && (0,external_node_fs_namespaceObject.statSync)((0,external_node_path_namespaceObject.resolve)(cwd, p)).isFile());
    if (stray)
        throw new UsageError(`${stray} is a file, not a package: to read several logs, repeat --tests-from or quote the glob (--tests-from 'logs/*.json') so that the shell does not expand it.`);
}
/** A path or glob given relative to cwd, as the settings read it: relative to the repository root. */
function fromRepoRoot(repoRoot, cwd, path) {
    return shownPath((0,external_node_path_namespaceObject.resolve)(cwd, path), repoRoot);
}
/** The checkout holding cwd (what `git rev-parse --show-toplevel` says, without starting git). */
function gitTopLevel(cwd) {
    for (let dir = cwd;; dir = (0,external_node_path_namespaceObject.dirname)(dir)) {
        // `.git` is a directory, or a file in worktrees and submodules.
        if ((0,external_node_fs_namespaceObject.existsSync)((0,external_node_path_namespaceObject.join)(dir, '.git')))
            return dir;
        if ((0,external_node_path_namespaceObject.dirname)(dir) === dir)
            return cwd;
    }
}
/** The checked-out branch, from .git/HEAD (a worktree's .git file points at its own HEAD). */
function gitBranch(repoRoot) {
    try {
        let dir = (0,external_node_path_namespaceObject.join)(repoRoot, '.git');
        if (!(0,external_node_fs_namespaceObject.statSync)(dir).isDirectory()) {
            const m = /^gitdir: (.+)$/m.exec((0,external_node_fs_namespaceObject.readFileSync)(dir, 'utf8'));
            if (!m?.[1])
                return undefined;
            dir = (0,external_node_path_namespaceObject.resolve)(repoRoot, m[1].trim());
        }
        return /^ref: refs\/heads\/(.+)$/m.exec((0,external_node_fs_namespaceObject.readFileSync)((0,external_node_path_namespaceObject.join)(dir, 'HEAD'), 'utf8'))?.[1]?.trim();
    }
    catch {
        return undefined;
    }
}
function writeJson(file, report) {
    if (!file)
        return;
    (0,external_node_fs_namespaceObject.mkdirSync)((0,external_node_path_namespaceObject.dirname)((0,external_node_path_namespaceObject.resolve)(file)), { recursive: true });
    writeWhole(file, `${JSON.stringify(redactDeep(report), null, 2)}\n`);
    process.stderr.write(`JSON report written to ${file}\n`);
}
function writeSarif(file, report, failOn) {
    if (!file)
        return;
    (0,external_node_fs_namespaceObject.mkdirSync)((0,external_node_path_namespaceObject.dirname)((0,external_node_path_namespaceObject.resolve)(file)), { recursive: true });
    writeWhole(file, `${JSON.stringify(renderSarif(redactDeep(report), { failOn }))}\n`);
    process.stderr.write(`SARIF written to ${file}\n`);
}
/** The text, JSON and SARIF outputs every command ends with. */
function show(report, values, color, failOn) {
    process.stdout.write(`${redact(renderTerminal(report, { color: color && !values['no-color'] }))}\n`);
    writeJson(values.json, report);
    writeSarif(values.sarif, report, failOn);
}
const OUTPUT_FLAGS = {
    json: { type: 'string' },
    sarif: { type: 'string' },
    'fail-on': { type: 'string' },
    'no-color': { type: 'boolean' },
};
async function cmdMerge(args, color) {
    const { values, positionals } = (0,external_node_util_namespaceObject.parseArgs)({
        args,
        allowPositionals: true,
        options: REPORT_FLAGS,
    });
    if (values.help)
        return usage(0);
    if (positionals.length === 0)
        throw new UsageError('merge needs at least one REPORT file.');
    const failOn = failOnOf(values['fail-on'], gitTopLevel(process.cwd()));
    let merged;
    try {
        merged = mergeReports(positionals.map((file) => ({ name: file, report: readReport(file) })));
    }
    catch (err) {
        if (!(err instanceof ReportError || err instanceof MergeError))
            throw err;
        process.stderr.write(`race-rerun: ${err.message}\n`);
        return 2;
    }
    for (const w of merged.warnings)
        process.stderr.write(`race-rerun: warning: ${w}\n`);
    commands_compare(merged.report, values.baseline, process.cwd());
    show(merged.report, values, color, failOn);
    return exitCodeOf(merged.report, failOn, values['only-new'] === true);
}
/** Reads --fail-on through the same validation as the action's input. */
function failOnOf(value, repoRoot) {
    const inputs = { 'working-directory': '.' };
    if (value !== undefined)
        inputs['fail-on'] = value;
    return readSettings((n) => inputs[n] ?? '', { repoRoot, reportPath: '', cpus: 1 }).failOn;
}
function exitCodeOf(report, failOn, onlyNew) {
    if (report.errors.length > 0 && report.totalRuns === 0)
        return 2;
    return failingFindings(report, failOn, onlyNew).length > 0 ? 1 : 0;
}
/** --baseline: compares before anything is shown; a missing or bad file is a warning. */
function commands_compare(report, baseline, cwd) {
    if (!baseline || report.verdict === 'error')
        return;
    const warning = applyBaseline(report, baseline, cwd);
    if (warning)
        process.stderr.write(`race-rerun: warning: ${warning}\n`);
}
const BASELINE_OPTIONS = {
    baseline: { type: 'string' },
    'only-new': { type: 'boolean' },
};
/** The flags of the commands that read reports or logs instead of running Go (parse, merge). */
const REPORT_FLAGS = { ...OUTPUT_FLAGS, ...BASELINE_OPTIONS, help: { type: 'boolean', short: 'h' } };
async function cmdRun(args, color) {
    const { values, positionals } = (0,external_node_util_namespaceObject.parseArgs)({
        args,
        allowPositionals: true,
        options: {
            count: { type: 'string' },
            parallel: { type: 'string' },
            run: { type: 'string' },
            skip: { type: 'string' },
            timeout: { type: 'string' },
            'go-test-flags': { type: 'string' },
            'tests-from': { type: 'string', multiple: true },
            'max-duration': { type: 'string' },
            until: { type: 'string' },
            precision: { type: 'string' },
            shard: { type: 'string' },
            ...OUTPUT_FLAGS,
            ...BASELINE_OPTIONS,
            help: { type: 'boolean', short: 'h' },
        },
    });
    if (values.help)
        return usage(0);
    const cwd = process.cwd();
    const repoRoot = gitTopLevel(cwd);
    if (values['tests-from'])
        strayLog(positionals, cwd);
    const inputs = {
        packages: positionals.join(' '),
        count: values.count ?? '',
        parallel: values.parallel ?? '',
        run: values.run ?? '',
        skip: values.skip ?? '',
        timeout: values.timeout ?? '',
        'go-test-flags': values['go-test-flags'] ?? '',
        'tests-from': (values['tests-from'] ?? []).map((v) => fromRepoRoot(repoRoot, cwd, v)).join('\n'),
        'max-duration': values['max-duration'] ?? '',
        until: values.until ?? '',
        precision: values.precision ?? '',
        shard: values.shard ?? '',
        'fail-on': values['fail-on'] ?? '',
        'working-directory': (0,external_node_path_namespaceObject.relative)(repoRoot, cwd) || '.',
    };
    // Empty means "default" for every input, as with an action input that is not set.
    const defaults = { packages: './...', count: '10', timeout: '10m' };
    const settings = readSettings((n) => inputs[n] || defaults[n] || '', {
        repoRoot,
        reportPath: values.json ? (0,external_node_path_namespaceObject.resolve)(values.json) : '',
        cpus: (0,external_node_os_namespaceObject.availableParallelism)(),
    });
    // Ctrl-C: the runs stop, the ones that finished are reported (and written to --json), exit 130.
    const cancellation = onCancel();
    try {
        const report = await runOnce(settings, repoRoot, cancellation.signal);
        const branch = gitBranch(repoRoot);
        // Recorded so that a later --baseline of this report can say "vs main".
        if (branch)
            report.context.branch = branch;
        commands_compare(report, values.baseline, cwd);
        show(report, values, color, settings.failOn);
        if (cancellation.by)
            return signalExitCode(cancellation.by);
        return exitCodeOf(report, settings.failOn, values['only-new'] === true);
    }
    finally {
        cancellation.dispose();
    }
}
/** The engine's report for these settings, in a scratch directory removed afterwards. */
async function runOnce(settings, repoRoot, signal) {
    const workDir = (0,external_node_fs_namespaceObject.mkdtempSync)((0,external_node_path_namespaceObject.join)((0,external_node_os_namespaceObject.tmpdir)(), 'race-rerun-'));
    const go = createGoTool(nodeProcessRunner, { env: testEnvironment(process.env), signal });
    let report;
    try {
        report = await runAndReport(settings, {
            go,
            runner: nodeProcessRunner,
            signal,
            workDir,
            log: (m) => process.stderr.write(`${m}\n`),
            onRun: (r, done, total) => process.stderr.write(`[${done}/${total}] ${r.package} run ${r.index}: ${describeRun(r)}\n`),
        });
    }
    catch (err) {
        report = errorReport(`race-rerun failed unexpectedly: ${err.stack ?? String(err)}`, repoRoot);
    }
    finally {
        (0,external_node_fs_namespaceObject.rmSync)(workDir, { recursive: true, force: true });
    }
    // The engine speaks of action inputs: here they are flags.
    return withCliWording(report);
}
/**
 * Standard input, read as the stream it is: reopening /dev/stdin fails (ENXIO) when it is a
 * socket, as Node's child processes get.
 */
const STDIN_NAMES = new Set(['-', '/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);
async function cmdParse(args, color) {
    const { values, positionals } = (0,external_node_util_namespaceObject.parseArgs)({
        args,
        allowPositionals: true,
        options: REPORT_FLAGS,
    });
    if (values.help)
        return usage(0);
    if (positionals.length === 0)
        throw new UsageError('parse needs at least one LOG file (or - for stdin).');
    const cwd = process.cwd();
    const repoRoot = gitTopLevel(cwd);
    const failOn = failOnOf(values['fail-on'], repoRoot);
    const logs = positionals.map((file) => STDIN_NAMES.has(file)
        ? { name: file === '-' ? 'stdin' : file, open: () => process.stdin }
        : { name: file, file });
    // Module paths and GOROOT make -trimpath frames and the standard library recognisable; Go is optional here.
    const go = createGoTool(nodeProcessRunner);
    const goEnv = await go.env(cwd).catch(() => undefined);
    const modules = goEnv ? await go.modules(cwd).catch(() => []) : [];
    const { report } = await parseLogsToReport(logs, {
        repoRoot,
        moduleDir: cwd,
        modules,
        ...(goEnv ? { goroot: goEnv.goroot, gomodcache: goEnv.gomodcache } : {}),
    });
    commands_compare(report, values.baseline, cwd);
    show(report, values, color, failOn);
    // A log that cannot be read, or no log holding Go output: nothing could be read (the report says which).
    if (report.errors.length > 0)
        return 2;
    return failingFindings(report, failOn, values['only-new'] === true).length > 0 ? 1 : 0;
}
async function main(argv) {
    const [command, ...rest] = argv;
    // A token in the environment (GITHUB_TOKEN in CI) never reaches the report a test printed it into.
    addEnvSecrets(process.env);
    const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
    try {
        switch (command) {
            case 'run':
                return await cmdRun(rest, color);
            case 'parse':
                return await cmdParse(rest, color);
            case 'merge':
                return await cmdMerge(rest, color);
            case '--version':
            case 'version':
                process.stdout.write(`${VERSION}\n`);
                return 0;
            case undefined:
            case '-h':
            case '--help':
            case 'help':
                process.stdout.write(`${USAGE}\n`);
                return command === undefined ? 2 : 0;
            default:
                throw new UsageError(`unknown command "${command}".`);
        }
    }
    catch (err) {
        if (err instanceof SettingsError) {
            // The settings speak of action inputs; on the command line the same thing is a flag.
            const message = cliWording(err.message);
            process.stderr.write(`race-rerun: ${message}\nRun race-rerun --help for usage.\n`);
            return 2;
        }
        if (err instanceof UsageError || err.code?.startsWith('ERR_PARSE_ARGS')) {
            process.stderr.write(`race-rerun: ${err.message}\nRun race-rerun --help for usage.\n`);
            return 2;
        }
        process.stderr.write(`race-rerun: ${err.stack ?? String(err)}\n`);
        return 2;
    }
}
// Tests import main() without running the program (set only around that import).


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(581);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
