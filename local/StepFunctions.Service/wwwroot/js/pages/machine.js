// One state machine: the definition as a graph and as JSON, its executions (status filter, newest first,
// paging) and the start-execution dialog (?start opens it, so the dialog has a link too).

import { call, date, pretty } from '../api.js';
import { buildModel } from '../asl.js';
import { layout, render } from '../graph.js';
import { h, fill, link, executionUrl, formatDate, formatDuration, statusPill, codeBlock, errorBox } from '../dom.js';
import { isCurrent, setCrumbs, setQuery } from '../nav.js';
import { openStartDialog } from '../start.js';
import { schedulePanel } from './schedule-panel.js';
import { openTestState } from './test-state.js';
import { EXECUTION_STATUSES } from '../status.js';

const PAGE_SIZE = 20;

export async function machinePage(main, token, arn, query) {
  const machine = await call('DescribeStateMachine', { stateMachineArn: arn });
  if (!isCurrent(token)) return;
  setCrumbs([machine.name]);
  let definition;
  try {
    definition = JSON.parse(machine.definition);
  } catch {
    definition = { States: {} };
  }

  const graphBox = h('div', { class: 'graph-box', id: 'definition-graph' });
  const startButton = h('button', { class: 'primary', id: 'start-execution', onclick: () => start() }, 'Start execution');
  const model = buildModel(definition);
  // Test state: a state chosen in the graph (or the first), in the panel; ?test=State links to it.
  const testState = (stateName) => {
    setQuery({ test: stateName || definition.StartAt || '' });
    openTestState({ machine, definition, model, stateName: stateName || definition.StartAt, onClose: () => setQuery({ test: null }) });
  };
  const testButton = h('button', { id: 'test-state', onclick: () => testState() }, 'Test state');
  const start = async (input) => {
    setQuery({ start: '1' });
    const dialog = await openStartDialog(machine, input);
    dialog.addEventListener('close', () => setQuery({ start: null }));
  };

  const filter = h('select', { id: 'status-filter', 'aria-label': 'Filter executions by status' },
    h('option', { value: '' }, 'All statuses'),
    EXECUTION_STATUSES.map((s) => h('option', { value: s }, s.replace('_', ' ').toLowerCase())));
  filter.value = query.get('status') || '';
  const tableBody = h('tbody');
  const pager = h('div', { class: 'pager' });
  const tokens = [null]; // tokens[i] fetches page i
  let page = 0;

  async function loadExecutions() {
    fill(tableBody, h('tr', {}, h('td', { colspan: 5, class: 'muted' }, 'Loading…')));
    let result;
    try {
      result = await call('ListExecutions', {
        stateMachineArn: arn, maxResults: PAGE_SIZE,
        ...(filter.value ? { statusFilter: filter.value } : {}),
        ...(tokens[page] ? { nextToken: tokens[page] } : {}),
      });
    } catch (e) {
      fill(tableBody, h('tr', {}, h('td', { colspan: 5 }, errorBox(e))));
      return;
    }
    if (!isCurrent(token)) return;
    tokens[page + 1] = result.nextToken || null;
    // AWS lists newest first; sort anyway so a page always reads top-down by start date.
    const executions = (result.executions || []).sort((a, b) => date(b.startDate) - date(a.startDate));
    fill(tableBody, ...(executions.length ? executions.map((e) => {
      const started = date(e.startDate);
      const stopped = date(e.stopDate);
      return h('tr', { 'data-execution': e.name },
        h('th', { scope: 'row' }, link(executionUrl(e.executionArn), e.name)),
        h('td', {}, statusPill(e.status)),
        h('td', {}, formatDate(started)),
        h('td', {}, formatDate(stopped)),
        h('td', { class: 'num' }, stopped ? formatDuration(stopped - started) : '–'));
    }) : [h('tr', {}, h('td', { colspan: 5, class: 'muted' }, filter.value ? `No ${filter.value} executions.` : 'No executions yet: start one.'))]));
    fill(pager,
      h('button', { disabled: page === 0, onclick: () => { page -= 1; loadExecutions(); } }, '‹ Newer'),
      h('span', { class: 'muted' }, `Page ${page + 1}`),
      h('button', { disabled: !tokens[page + 1], id: 'next-page', onclick: () => { page += 1; loadExecutions(); } }, 'Older ›'),
      h('button', { onclick: () => loadExecutions() }, 'Refresh'));
  }
  filter.addEventListener('change', () => {
    tokens.length = 1;
    page = 0;
    setQuery({ status: filter.value });
    loadExecutions();
  });

  fill(main,
    h('div', { class: 'title-row' },
      h('h1', {}, machine.name),
      h('div', { class: 'actions' }, testButton, startButton)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'ARN'), h('dd', {}, h('code', {}, machine.stateMachineArn)),
      h('dt', {}, 'Type'), h('dd', {}, machine.type),
      h('dt', {}, 'Status'), h('dd', {}, machine.status || 'ACTIVE'),
      h('dt', {}, 'Created'), h('dd', {}, formatDate(date(machine.creationDate))),
      machine.roleArn ? [h('dt', {}, 'Role'), h('dd', {}, h('code', {}, machine.roleArn))] : null),
    schedulePanel(arn, token),
    h('section', { class: 'split', 'aria-label': 'Definition' },
      h('div', {}, h('h2', {}, 'Graph'), h('p', { class: 'help' }, 'Choose a state to test it (Test state).'), graphBox),
      h('div', {}, h('h2', {}, 'Definition'), codeBlock(pretty(machine.definition), 'Definition JSON'))),
    h('section', { 'aria-labelledby': 'executions-title' },
      h('div', { class: 'title-row' }, h('h2', { id: 'executions-title' }, 'Executions'), filter),
      h('table', { class: 'grid', id: 'executions' },
        h('thead', {}, h('tr', {}, ['Name', 'Status', 'Started', 'Ended', 'Duration'].map((c) => h('th', { scope: 'col' }, c)))),
        tableBody),
      pager));

  render(graphBox, model, layout(model, machine.definition), (name) => testState(name));
  await loadExecutions();
  if (query.has('start') && isCurrent(token)) start();
  else if (query.has('test') && isCurrent(token)) testState(query.get('test'));
}
