#!/usr/bin/env node
// The `certlab` command. The CLI is compiled to dist/; say how to build it rather than crash.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const main = join(__dirname, '..', 'dist', 'main.js');
if (!existsSync(main)) {
  process.stderr.write('certlab: the CLI is not built yet. Run `npm run build` (or `npm start`) at the repository root first.\n');
  process.exit(1);
}
require(main);
