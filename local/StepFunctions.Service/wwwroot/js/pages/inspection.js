// TestState's answer as the processing steps of a state: what the step details show of a replayed step and what
// the Test state panel shows of a tested one.

import { pretty } from '../api.js';
import { h, codeBlock } from '../dom.js';

// TestState's inspectionData fields in processing order, with the labels AWS's console uses.
const INSPECTION = [
  ['input', 'State input'], ['afterInputPath', 'After InputPath'], ['afterParameters', 'After Parameters'],
  ['afterArguments', 'After Arguments'], ['result', 'Task result'], ['afterResultSelector', 'After ResultSelector'],
  ['afterResultPath', 'After ResultPath'],
];

export function inspectionView(answer) {
  const data = answer.inspectionData || {};
  const rows = [];
  let previous;
  for (const [field, label] of INSPECTION) {
    if (data[field] === undefined) continue;
    const same = previous !== undefined && data[field] === previous;
    rows.push(h('li', { 'data-step': field }, h('h4', {}, label, same ? h('span', { class: 'muted' }, ' (unchanged)') : null), codeBlock(pretty(data[field]), label)));
    previous = data[field];
  }
  if (answer.output !== undefined) rows.push(h('li', { 'data-step': 'output' }, h('h4', {}, 'After OutputPath (state output)'), codeBlock(pretty(answer.output), 'State output')));
  if (answer.error) rows.push(h('li', { 'data-step': 'error' }, h('h4', {}, 'Error'), codeBlock(`${answer.error}\n${answer.cause || ''}`, 'Error')));
  if (answer.nextState) rows.push(h('li', { 'data-step': 'next' }, h('h4', {}, 'Next state'), h('p', {}, h('code', {}, answer.nextState), answer.status ? ` (${answer.status})` : '')));
  return h('ol', { class: 'processing' }, rows);
}
