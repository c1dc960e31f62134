// Runs a WASI command under node's own WASI (node:wasi) for the wasm2jvm benchmark harness.
//   node --no-warnings node-wasi-run.mjs [--dir HOST::GUEST]... PROG.wasm [ARGS...]
// stdin, stdout and stderr are the process's own; the exit status is the guest's.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const argv = process.argv.slice(2);
const preopens = {};
while (argv.length && argv[0] === '--dir') {
  const spec = argv[1];
  const sep = spec.indexOf('::');
  preopens[spec.slice(sep + 2)] = spec.slice(0, sep);
  argv.splice(0, 2);
}
const [wasm, ...args] = argv;
const wasi = new WASI({ version: 'preview1', args: [wasm, ...args], env: {}, preopens, returnOnExit: true });
const module = await WebAssembly.compile(readFileSync(wasm));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
