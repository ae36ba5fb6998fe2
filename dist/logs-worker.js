import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 26:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(919);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_worker_threads__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _logs_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(880);
// A thread that parses one part of a huge log file (see parseLogFile in logs.ts). The first part's
// thread then waits: asked for the `rest`, its parser reads on to the end of the file.


const { file, range, resumable } = node_worker_threads__WEBPACK_IMPORTED_MODULE_0__.workerData;
const rp = new _logs_js__WEBPACK_IMPORTED_MODULE_1__/* .RangeParser */ .lw(file, range);
await rp.readPart();
node_worker_threads__WEBPACK_IMPORTED_MODULE_0__.parentPort?.postMessage(rp.result);
if (resumable) {
    node_worker_threads__WEBPACK_IMPORTED_MODULE_0__.parentPort?.once('message', async () => {
        await rp.readRest();
        node_worker_threads__WEBPACK_IMPORTED_MODULE_0__.parentPort?.postMessage(rp.result.chunks);
        rp.close();
    });
}
else {
    rp.close();
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 880:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  lw: () => (/* binding */ RangeParser)
});

// UNUSED EXPORTS: parseLogFile, parseRange, parseStream

;// CONCATENATED MODULE: external "node:buffer"
const external_node_buffer_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __nccwpck_require__(919);
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
const util_MAX_FINDINGS = 1000;
/**
 * Past MAX_FINDINGS, a report is kept only when it is distinct (by `reportKey`) from every one
 * kept before, its repeats counted on the one kept; at most this many such distinct reports.
 */
const util_MAX_DISTINCT_FINDINGS = 5000;
/** Text kept of a report past MAX_FINDINGS: its stacks are whole, its sample short. */
const util_MAX_EXTRA_RAW = 4096;
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
class util_ReportIndex {
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
function util_findingKey(f) {
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
function util_capText(text, max) {
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
function merge_mergeChunks(chunks) {
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
function merge_stitch(segments) {
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
    return merge_mergeChunks(used);
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
        return this.findings.length + this.sink.findingCount() >= util_MAX_FINDINGS;
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
                const k = util_findingKey(f);
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
            const full = new RaceAssembler(race.withSep, false, race.cutAtStart, util_MAX_EXTRA_RAW);
            for (const l of lines)
                full.feed(l);
            if (race.complete)
                full.complete = true;
            this.race = full;
        }
        else if (tb) {
            const full = new TracebackAssembler(false, tb.cutAtStart, util_MAX_EXTRA_RAW);
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
        if (this.findings.length >= util_MAX_FINDINGS)
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
    keys = new util_ReportIndex();
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
        this.keys = new util_ReportIndex();
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
        if (n < util_MAX_FINDINGS || (f.repeats !== undefined && n < util_MAX_FINDINGS + util_MAX_DISTINCT_FINDINGS))
            this.result.findings.push(f);
    }
    seen(key) {
        if (this.keys.size === 0) {
            // First report past the cap: the findings already handed over are what repeats would be of.
            for (const f of this.result.findings) {
                const k = util_findingKey(f);
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
        if (this.extras >= util_MAX_DISTINCT_FINDINGS) {
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
function output_createOutputParser(opts = {}) {
    return new Parser(opts);
}
function parseOutput(text, opts = {}) {
    const p = output_createOutputParser(opts);
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
const PARALLEL_MIN_BYTES = (/* unused pure expression or super */ null && (32 << 20));
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
    const info = await stat(file);
    // A pipe, FIFO, /dev/stdin or a terminal cannot be read at offsets (ESPIPE): read it as a stream.
    if (!info.isFile() && !info.isDirectory())
        return parseStream(createReadStream(file), pkg);
    const { size } = info;
    const threads = Math.min(opts.threads ?? defaultThreads(), MAX_THREADS, Math.floor(size / PARALLEL_MIN_BYTES));
    const oneThread = async () => {
        opts.observe?.({ threads: 1, joined: false });
        return mergeChunks((await parseRange(file, { start: 0, end: size, last: true, ...pkgOf(pkg) })).chunks);
    };
    if (threads < 2 || !existsSync(WORKER_FILE))
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
    return Number.isInteger(env) && env > 0 ? env : availableParallelism();
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
        this.worker = new Worker(WORKER_FILE, {
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
    const fh = await open(file, 'r');
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
        this.parser = output_createOutputParser(range.package ? { package: range.package } : {});
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


/***/ }),

/***/ 919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

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
/******/ var __webpack_exports__ = __nccwpck_require__(26);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
