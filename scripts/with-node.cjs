// Runs a script of this project on Node 22.18+ (its TypeScript runs on Node's own type stripping):
// `node scripts/with-node.cjs [node flags…] <script> [args…]`, which the npm scripts use. On an older node it runs the
// script with Node 24 from the npm registry's `node` package, installed once into .toolchain/ (the
// system node is never replaced). Plain CommonJS on purpose, so that this file loads on any Node.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');

const MIN = [22, 18];
const ROOT = path.resolve(__dirname, '..');
const TOOLCHAIN = path.join(ROOT, '.toolchain');
const LOCAL_NODE = path.join(TOOLCHAIN, 'node_modules', '.bin', 'node');

const given = process.argv.slice(2);
const nodeFlags = [];
while (given.length > 0 && given[0].startsWith('--')) nodeFlags.push(given.shift());
const [script, ...args] = given;
if (!script) {
  console.error('usage: node scripts/with-node.cjs [node flags…] <script> [args…]');
  process.exit(2);
}

const [major, minor] = process.versions.node.split('.').map(Number);
let node = process.execPath;
if (major < MIN[0] || (major === MIN[0] && minor < MIN[1])) {
  if (!fs.existsSync(LOCAL_NODE)) {
    console.error(`Outpost needs Node.js ${MIN.join('.')} or newer (this is ${process.version}): installing Node 24 into .toolchain/ once (.nvmrc names 24)`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const install = spawnSync(npm, ['install', '--prefix', TOOLCHAIN, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', 'node@24'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (install.status !== 0 || !fs.existsSync(LOCAL_NODE)) {
      console.error('Could not install Node 24 into .toolchain/; install Node.js 22.18 or newer yourself.');
      process.exit(1);
    }
  }
  node = LOCAL_NODE;
}

// A child process, so the script runs as `node <script> …` would (import.meta.main, argv); signals reach it.
const child = spawn(node, [...nodeFlags, script, ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? 128 + (signal ? os.constants.signals[signal] : 1)));
