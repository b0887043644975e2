// Builds the console's generated assets into local/StepFunctions.Service/wwwroot/generated/ (ignored by git),
// so the page needs nothing from the network. Run by every build of the service (WebConsole.targets) after
// `npm ci` here (build/prerequisites.sh, `make console`).
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const out = join(here, '..', 'StepFunctions.Service', 'wwwroot', 'generated');
mkdirSync(out, { recursive: true });

// @dagrejs/dagre lays the state machine graph out (ranks, edge routes, nested Map/Parallel boxes).
// Its minified browser build already bundles @dagrejs/graphlib and defines the global `dagre`.
const dagre = join(here, 'node_modules', '@dagrejs', 'dagre');
const version = JSON.parse(readFileSync(join(dagre, 'package.json'), 'utf8')).version;
copyFileSync(join(dagre, 'dist', 'dagre.min.js'), join(out, 'dagre.min.js'));
writeFileSync(join(out, 'LICENSES.txt'),
  `@dagrejs/dagre ${version} (MIT), bundling @dagrejs/graphlib (MIT)\n\n${readFileSync(join(dagre, 'LICENSE'), 'utf8')}\n` +
  readFileSync(join(dagre, 'dist', 'dagre.min.js.LEGAL.txt'), 'utf8'));

// The start dialog's example inputs: local/examples/<workflow>[-<label>].json, one place for the examples
// README and `make run` use too. The workflow is the longest template name (terraform/templates) that
// starts the file name.
const workflows = readdirSync(join(root, 'terraform', 'templates'))
  .filter((f) => f.endsWith('.asl.json')).map((f) => f.slice(0, -'.asl.json'.length))
  .sort((a, b) => b.length - a.length);
const examples = {};
const folder = join(root, 'local', 'examples');
for (const file of existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.json')).sort() : []) {
  const name = basename(file, '.json');
  const workflow = workflows.find((w) => name === w || name.startsWith(`${w}-`));
  if (!workflow) continue;
  const rest = name.slice(workflow.length + 1).replace(/-/g, ' ');
  const label = `${rest ? rest[0].toUpperCase() + rest.slice(1) : 'Example'} (local/examples/${file})`;
  (examples[workflow] ||= []).push({ label, input: JSON.parse(readFileSync(join(folder, file), 'utf8')) });
}
writeFileSync(join(out, 'examples.json'), JSON.stringify(examples, null, 2));
console.log(`console assets: @dagrejs/dagre ${version}, examples for ${Object.keys(examples).join(', ')} -> ${out}`);
