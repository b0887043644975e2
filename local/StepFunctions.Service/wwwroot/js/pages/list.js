// State machines: name, type, creation date and execution counts by status.

import { all, date } from '../api.js';
import { h, fill, link, machineUrl, formatDate, statusPill } from '../dom.js';
import { isCurrent, setCrumbs } from '../nav.js';
import { EXECUTION_STATUSES } from '../status.js';

// Every status an execution here can be in (none is ever PENDING_REDRIVE: a redrive starts at once).
const COUNTED = EXECUTION_STATUSES.filter((s) => s !== 'PENDING_REDRIVE');
const COUNT_LIMIT = 1000; // counting reads the executions list; past this the cell says "1000+"

export async function listPage(main, token) {
  setCrumbs();
  const { items } = await all('ListStateMachines', { maxResults: 100 }, 'stateMachines');
  if (!isCurrent(token)) return;
  items.sort((a, b) => a.name.localeCompare(b.name));
  const rows = items.map((m) => {
    const counts = COUNTED.map((s) => h('td', { class: 'num', 'data-count': s }, '…'));
    const row = h('tr', { 'data-machine': m.name },
      h('th', { scope: 'row' }, link(machineUrl(m.stateMachineArn), m.name)),
      h('td', {}, m.type),
      h('td', {}, formatDate(date(m.creationDate))),
      counts);
    return { m, row, counts };
  });
  fill(main,
    h('h1', {}, 'State machines'),
    h('p', { class: 'muted' }, `${items.length} state machine${items.length === 1 ? '' : 's'} on this local service.`),
    items.length === 0
      ? h('p', {}, 'No state machines yet. Create one with the AWS CLI (', h('code', {}, 'aws stepfunctions create-state-machine --endpoint-url …'), ').')
      : h('table', { class: 'grid', id: 'machines' },
        h('caption', { class: 'sr-only' }, 'State machines and their executions by status'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Created'),
          COUNTED.map((s) => h('th', { scope: 'col', class: 'num' }, statusPill(s))))),
        h('tbody', {}, rows.map((r) => r.row))));
  await Promise.all(rows.map(async ({ m, counts }) => {
    const { items: executions, truncated } = await all('ListExecutions', { stateMachineArn: m.stateMachineArn, maxResults: 1000 }, 'executions', COUNT_LIMIT);
    if (!isCurrent(token)) return;
    COUNTED.forEach((s, i) => {
      const n = executions.filter((e) => e.status === s).length;
      counts[i].textContent = truncated ? `${n}+` : String(n);
    });
  }));
}
