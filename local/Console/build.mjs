// Copies the console's npm libraries into the served assets (local/StepFunctions.Service/wwwroot/vendor/),
// so the page needs nothing from the network. Run by `make console` and `make test` after `npm ci` here.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const vendor = join(here, '..', 'StepFunctions.Service', 'wwwroot', 'vendor');
mkdirSync(vendor, { recursive: true });

// @dagrejs/dagre lays the state machine graph out (ranks, edge routes, nested Map/Parallel boxes).
// Its minified browser build already bundles @dagrejs/graphlib and defines the global `dagre`.
const dagre = join(here, 'node_modules', '@dagrejs', 'dagre');
const version = JSON.parse(readFileSync(join(dagre, 'package.json'), 'utf8')).version;
copyFileSync(join(dagre, 'dist', 'dagre.min.js'), join(vendor, 'dagre.min.js'));
writeFileSync(join(vendor, 'LICENSES.txt'),
  `@dagrejs/dagre ${version} (MIT), bundling @dagrejs/graphlib (MIT)\n\n${readFileSync(join(dagre, 'LICENSE'), 'utf8')}\n` +
  readFileSync(join(dagre, 'dist', 'dagre.min.js.LEGAL.txt'), 'utf8'));
console.log(`console assets: @dagrejs/dagre ${version} -> ${vendor}`);
