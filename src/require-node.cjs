// Run before npm scripts (prestart, pretest, …): Outpost's TypeScript runs on Node's own type
// stripping (22.18+), so an older node would fail with a cryptic ERR_UNKNOWN_FILE_EXTENSION.
// Plain CommonJS on purpose, so that this file itself loads on any Node.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`Outpost needs Node.js 22.18 or newer (this is ${process.version}); .nvmrc names 24.`);
  process.exit(1);
}
