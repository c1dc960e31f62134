// Runs every program of programs.tsv under node's own WASI (node:wasi, an implementation
// independent of wasm2jvm) and compares stdout and exit code with the expected files.
//
//   node crosscheck-node.mjs            compare; exit 1 on any mismatch
//   node crosscheck-node.mjs --update   (re)write the expected files from node's output
//   node crosscheck-node.mjs NAME...    only these runs
//
// node:wasi is not a sandbox (it follows symlinks out of a preopen), so runs marked "differs"
// are compared with expected/<name>.node.stdout, which records node's behaviour, while
// expected/<name>.stdout holds what a sandboxing host must print. Runs marked "skip" need
// something node:wasi lacks (preopened sockets). See README.md.
import { readFileSync, writeFileSync, mkdtempSync, mkdirSync, symlinkSync, openSync, closeSync,
         existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WASI } from 'node:wasi';

const here = dirname(fileURLToPath(import.meta.url));

/** Reads programs.tsv into objects; the column meanings are documented in its header. */
export function readManifest(path = join(here, 'programs.tsv')) {
  const list = (s) => (s === '-' ? [] : s.split('|'));
  return readFileSync(path, 'utf8').split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const c = line.split('\t');
      if (c.length !== 10) throw new Error(`programs.tsv: expected 10 columns: ${line}`);
      return {
        name: c[0], wasm: c[1], args: list(c[2]),
        env: Object.fromEntries(list(c[3]).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])),
        stdin: c[4] === '-' ? '' : unescape(c[4]),
        preopens: list(c[5]), setup: list(c[6]), exit: c[7], check: list(c[8]), node: c[9],
      };
    });
}

function unescape(s) {
  return s.replace(/\\(.)/g, (_, ch) => ({ n: '\n', t: '\t', '\\': '\\' })[ch] ?? ch);
}

function setUp(root, actions) {
  for (const a of actions) {
    const [kind, rest] = [a.slice(0, a.indexOf(':')), a.slice(a.indexOf(':') + 1)];
    const [path, value] = rest.includes('=') ? [rest.slice(0, rest.indexOf('=')), rest.slice(rest.indexOf('=') + 1)] : [rest, ''];
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    if (kind === 'dir') mkdirSync(target, { recursive: true });
    else if (kind === 'file') writeFileSync(target, value);
    else if (kind === 'symlink') symlinkSync(value.replaceAll('{root}', root), target);
    else throw new Error(`unknown setup action ${a}`);
  }
}

/** Runs one manifest entry; returns { stdout, exit } with exit a number or 'trap'. */
export async function runUnderNode(entry) {
  const root = mkdtempSync(join(tmpdir(), `wasi-${entry.name}-`));
  try {
    setUp(root, entry.setup);
    const preopens = {};
    for (const p of entry.preopens) {
      const [guest, host] = [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)];
      mkdirSync(join(root, host), { recursive: true });
      preopens[guest] = join(root, host);
    }
    writeFileSync(join(root, '.stdin'), entry.stdin);
    const stdin = openSync(join(root, '.stdin'), 'r');
    const stdout = openSync(join(root, '.stdout'), 'w');
    const stderr = openSync(join(root, '.stderr'), 'w');
    let exit;
    try {
      const wasi = new WASI({
        version: 'preview1', args: [`${entry.wasm}.wasm`, ...entry.args], env: entry.env,
        preopens, stdin, stdout, stderr, returnOnExit: true,
      });
      const module = await WebAssembly.compile(readFileSync(join(here, 'wasm', `${entry.wasm}.wasm`)));
      const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
      try {
        exit = wasi.start(instance);
      } catch (e) {
        if (!(e instanceof WebAssembly.RuntimeError)) throw e;
        exit = 'trap';
      }
    } finally {
      closeSync(stdin); closeSync(stdout); closeSync(stderr);
    }
    const problems = entry.node === 'same' ? checkAfter(root, entry.check) : [];
    return { stdout: readFileSync(join(root, '.stdout'), 'utf8'), exit, problems };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function checkAfter(root, checks) {
  const problems = [];
  for (const c of checks) {
    const [kind, rest] = [c.slice(0, c.indexOf(':')), c.slice(c.indexOf(':') + 1)];
    if (kind === 'absent') {
      if (existsSync(join(root, rest))) problems.push(`${rest} exists`);
    } else if (kind === 'file') {
      const [path, text] = [rest.slice(0, rest.indexOf('=')), rest.slice(rest.indexOf('=') + 1)];
      const actual = existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : null;
      if (actual !== text) problems.push(`${path} is ${JSON.stringify(actual)}, expected ${JSON.stringify(text)}`);
    } else {
      problems.push(`unknown check ${c}`);
    }
  }
  return problems;
}

async function main(argv) {
  const update = argv.includes('--update');
  const only = argv.filter((a) => !a.startsWith('--'));
  let passed = 0, failed = 0, skipped = 0;
  for (const entry of readManifest()) {
    if (only.length && !only.includes(entry.name)) continue;
    if (entry.node === 'skip') { skipped++; console.log(`SKIP ${entry.name} (node:wasi cannot run it)`); continue; }
    const file = join(here, 'expected', entry.node === 'differs' ? `${entry.name}.node.stdout` : `${entry.name}.stdout`);
    const got = await runUnderNode(entry);
    if (update) {
      writeFileSync(file, got.stdout);
      console.log(`WROTE ${file} (exit ${got.exit})`);
    }
    const expected = existsSync(file) ? readFileSync(file, 'utf8') : null;
    const wantExit = entry.node === 'differs' ? got.exit : (entry.exit === 'trap' ? 'trap' : Number(entry.exit));
    const errors = [...got.problems];
    if (got.stdout !== expected) errors.push(`stdout differs from ${file}:\n${diff(expected ?? '', got.stdout)}`);
    if (got.exit !== wantExit) errors.push(`exit ${got.exit}, expected ${wantExit}`);
    if (errors.length) { failed++; console.log(`FAIL ${entry.name}\n  ${errors.join('\n  ')}`); }
    else { passed++; console.log(`ok   ${entry.name}`); }
  }
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  return failed === 0 ? 0 : 1;
}

/** First differing line, enough to see what went wrong. */
function diff(expected, actual) {
  const e = expected.split('\n'), a = actual.split('\n');
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) return `  line ${i + 1}: expected ${JSON.stringify(e[i])}\n  line ${i + 1}:   actual ${JSON.stringify(a[i])}`;
  }
  return '  (identical lines, different endings)';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
