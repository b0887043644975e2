// The execution page's fixed parts, built once: title row with the actions, facts, error, children, the tabs
// (graph, table, events) with their panels, and input/output. The page fills them as the execution changes.

import { h, fill } from '../dom.js';
import { STATUS } from '../status.js';

export const TABS = [['graph', 'Graph view'], ['table', 'Table view'], ['events', 'Event view']];

/**
 * Builds the skeleton into `main` and returns its parts. `currentTab()` is the open tab (the arrow keys move
 * from it), `onTab(id)` opens one, `onNewExecution()` answers the New execution button; `tabs` adds views
 * before the usual three (a job net's Jobs and Timeline).
 */
export function executionSkeleton(main, { name, currentTab, onTab, onNewExecution, tabs = TABS }) {
  const parts = {
    pill: h('span', { id: 'execution-status' }),
    stopButton: h('button', { id: 'stop-execution' }, 'Stop execution'),
    redriveButton: h('button', { id: 'redrive-execution' }, 'Redrive'),
    redriveNote: h('span', { id: 'redrive-note', class: 'muted' }),
    facts: h('dl', { class: 'facts wide', id: 'execution-facts' }),
    failure: h('div', { id: 'execution-error' }),
    io: h('section', { class: 'split io', 'aria-label': 'Execution input and output' }),
    children: h('div', { id: 'child-executions' }),
    panels: {},
    tabButtons: {},
    graphBox: h('div', { class: 'graph-box', id: 'execution-graph' }),
    iterationBar: h('div', { class: 'iteration-bar', id: 'iteration-bar' }),
    details: h('aside', { class: 'details', id: 'step-details', 'aria-label': 'Step details' }),
    tableBody: h('tbody'),
    tableDetails: h('div', { class: 'details', id: 'table-step-details' }),
  };
  const { panels, tabButtons } = parts;
  const newButton = h('button', { onclick: onNewExecution }, 'New execution');
  const tabList = h('div', { role: 'tablist', class: 'tabs', 'aria-label': 'Execution views' });
  for (const [id, label] of tabs) {
    tabButtons[id] = h('button', { role: 'tab', id: `tab-${id}`, 'aria-controls': `panel-${id}`, onclick: () => onTab(id) }, label);
    tabList.append(tabButtons[id]);
    panels[id] = h('section', { role: 'tabpanel', id: `panel-${id}`, 'aria-labelledby': `tab-${id}`, tabindex: 0 });
  }
  tabList.addEventListener('keydown', (e) => {
    const ids = tabs.map(([id]) => id);
    const i = ids.indexOf(currentTab());
    const next = e.key === 'ArrowRight' ? ids[(i + 1) % ids.length] : e.key === 'ArrowLeft' ? ids[(i + ids.length - 1) % ids.length] : null;
    if (next) { e.preventDefault(); onTab(next); tabButtons[next].focus(); }
  });

  const legend = h('ul', { class: 'legend', 'aria-label': 'Legend' },
    Object.entries(STATUS).map(([k, s]) => h('li', { class: `node-key ${k}` }, h('span', { class: 'swatch', 'aria-hidden': 'true' }, s.icon), ` ${s.text}`)));
  panels.graph.append(h('div', { class: 'graph-layout' }, h('div', {}, parts.iterationBar, legend, parts.graphBox), parts.details));
  panels.table.append(h('table', { class: 'grid', id: 'steps' },
    h('thead', {}, h('tr', {}, ['Step', 'Type', 'Status', 'Iteration', 'Started after', 'Duration', 'Attempts'].map((c) => h('th', { scope: 'col' }, c)))),
    parts.tableBody), parts.tableDetails);

  fill(main,
    h('div', { class: 'title-row' },
      h('h1', {}, name, ' ', parts.pill),
      h('div', { class: 'actions' }, parts.redriveNote, parts.stopButton, parts.redriveButton, newButton)),
    parts.facts, parts.failure, parts.children, tabList, ...Object.values(panels), parts.io);
  return parts;
}
