// One execution: status, dates, input/output, error/cause, Stop and Redrive; the graph coloured by each
// state's status (live while the execution runs, by polling DescribeExecution and GetExecutionHistory), the
// table of steps, the event list, and the selected step's details.

import { call, date, history, pretty } from '../api.js';
import { buildModel } from '../asl.js';
import { layout, render, STATUS } from '../graph.js';
import { deriveSteps, statusByState, stepFor, matches } from '../history.js';
import { h, fill, link, executionUrl, machineUrl, formatDate, formatDuration, statusPill, codeBlock, prettyDeep, toast } from '../dom.js';
import { isCurrent, navigate, onLeave, setCrumbs, setQuery } from '../nav.js';
import { stepDetails } from './step.js';
import { eventView } from './events.js';

const POLL_MS = 1000;
const ENDED = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];
const REDRIVABLE = ['FAILED', 'TIMED_OUT', 'ABORTED'];
const REDRIVE_DAYS = 14;
const TABS = [['graph', 'Graph view'], ['table', 'Table view'], ['events', 'Event view']];

/** "RunChildren:2,Inner:0" ⇄ {RunChildren: 2, Inner: 0}: which Map iteration the graph shows. */
const parseIterations = (text) => Object.fromEntries((text || '').split(',').filter(Boolean).map((p) => {
  const i = p.lastIndexOf(':');
  return [p.slice(0, i), Number(p.slice(i + 1))];
}));
const formatIterations = (filter) => Object.entries(filter).map(([k, v]) => `${k}:${v}`).join(',');

export async function executionPage(main, token, arn, query) {
  const t0 = performance.now();
  let firstHistory = history(arn); // asked for at once: the first paint needs it with the definition
  firstHistory.catch(() => {});
  const [execution, forExecution] = await Promise.all([
    call('DescribeExecution', { executionArn: arn }),
    call('DescribeStateMachineForExecution', { executionArn: arn }).catch(() => null),
  ]);
  if (!isCurrent(token)) return;
  const machine = forExecution || await call('DescribeStateMachine', { stateMachineArn: execution.stateMachineArn });
  const machineArn = execution.stateMachineArn;
  const machineName = machine.name || machineArn.split(':').pop();
  setCrumbs([machineName, machineUrl(machineArn)], [execution.name]);
  let definition;
  try {
    definition = JSON.parse(machine.definition);
  } catch {
    definition = { States: {} };
  }
  const model = buildModel(definition);
  const view = {
    execution, machine, model, definition, steps: [], events: [], start: null, end: null,
    tab: TABS.some(([id]) => id === query.get('tab')) ? query.get('tab') : 'graph',
    selected: query.get('state'),
    filter: parseIterations(query.get('iteration')),
    eventQuery: query.get('q') || '',
  };

  // ---- skeleton ----
  const pill = h('span', { id: 'execution-status' });
  const stopButton = h('button', { id: 'stop-execution' }, 'Stop execution');
  const redriveButton = h('button', { id: 'redrive-execution' }, 'Redrive');
  const redriveNote = h('span', { id: 'redrive-note', class: 'muted' });
  const newButton = h('button', { onclick: () => navigate(`${machineUrl(machineArn)}?start=1`) }, 'New execution');
  const facts = h('dl', { class: 'facts wide', id: 'execution-facts' });
  const failure = h('div', { id: 'execution-error' });
  const io = h('section', { class: 'split io', 'aria-label': 'Execution input and output' });
  const children = h('div', { id: 'child-executions' });
  const tabList = h('div', { role: 'tablist', class: 'tabs', 'aria-label': 'Execution views' });
  const panels = {};
  const tabButtons = {};
  for (const [id, label] of TABS) {
    tabButtons[id] = h('button', { role: 'tab', id: `tab-${id}`, 'aria-controls': `panel-${id}`, onclick: () => selectTab(id) }, label);
    tabList.append(tabButtons[id]);
    panels[id] = h('section', { role: 'tabpanel', id: `panel-${id}`, 'aria-labelledby': `tab-${id}`, tabindex: 0 });
  }
  tabList.addEventListener('keydown', (e) => {
    const ids = TABS.map(([id]) => id);
    const i = ids.indexOf(view.tab);
    const next = e.key === 'ArrowRight' ? ids[(i + 1) % ids.length] : e.key === 'ArrowLeft' ? ids[(i + ids.length - 1) % ids.length] : null;
    if (next) { e.preventDefault(); selectTab(next); tabButtons[next].focus(); }
  });

  const graphBox = h('div', { class: 'graph-box', id: 'execution-graph' });
  const iterationBar = h('div', { class: 'iteration-bar', id: 'iteration-bar' });
  const legend = h('ul', { class: 'legend', 'aria-label': 'Legend' },
    Object.entries(STATUS).map(([k, s]) => h('li', { class: `node-key ${k}` }, h('span', { class: 'swatch', 'aria-hidden': 'true' }, s.icon), ` ${s.text}`)));
  const details = h('aside', { class: 'details', id: 'step-details', 'aria-label': 'Step details' });
  panels.graph.append(h('div', { class: 'graph-layout' }, h('div', {}, iterationBar, legend, graphBox), details));
  const tableBody = h('tbody');
  const tableDetails = h('div', { class: 'details', id: 'table-step-details' });
  panels.table.append(h('table', { class: 'grid', id: 'steps' },
    h('thead', {}, h('tr', {}, ['Step', 'Type', 'Status', 'Iteration', 'Started after', 'Duration', 'Attempts'].map((c) => h('th', { scope: 'col' }, c)))),
    tableBody), tableDetails);

  fill(main,
    h('div', { class: 'title-row' },
      h('h1', {}, execution.name, ' ', pill),
      h('div', { class: 'actions' }, redriveNote, stopButton, redriveButton, newButton)),
    facts, failure, children, tabList, ...Object.values(panels), io);

  const tLayout = performance.now();
  const laidOut = layout(model, machine.definition);
  const tDraw = performance.now();
  const graph = render(graphBox, model, laidOut, (name) => select(name));
  const tDrawn = performance.now();

  // ---- updates ----
  function selectTab(id) {
    view.tab = id;
    setQuery({ tab: id === 'graph' ? null : id });
    for (const [tid] of TABS) {
      tabButtons[tid].setAttribute('aria-selected', String(tid === id));
      tabButtons[tid].tabIndex = tid === id ? 0 : -1;
      panels[tid].hidden = tid !== id;
    }
    paintTab();
  }

  function select(name, filterChange) {
    view.selected = name;
    if (filterChange) view.filter = filterChange;
    setQuery({ state: name, iteration: formatIterations(view.filter) });
    graph.select(name);
    paintGraph();
    paintDetails();
    if (view.tab === 'table') paintTable();
  }

  function setFilter(filter) {
    view.filter = filter;
    setQuery({ iteration: formatIterations(filter) });
    paintGraph();
    paintDetails();
  }

  function paintHeader() {
    const e = view.execution;
    fill(pill, statusPill(e.status));
    const started = date(e.startDate);
    const stopped = date(e.stopDate);
    const input = parseJson(e.input);
    const parent = input && typeof input === 'object' ? input.AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID : null;
    fill(facts,
      h('dt', {}, 'Execution ARN'), h('dd', {}, h('code', {}, e.executionArn)),
      h('dt', {}, 'State machine'), h('dd', {}, link(machineUrl(machineArn), machineName)),
      parent ? [h('dt', {}, 'Started by'), h('dd', {}, link(executionUrl(parent), parent.split(':').pop()), ' (parent execution)')] : null,
      h('dt', {}, 'Status'), h('dd', {}, statusPill(e.status)),
      h('dt', {}, 'Started'), h('dd', {}, formatDate(started)),
      h('dt', {}, 'Ended'), h('dd', {}, formatDate(stopped)),
      h('dt', {}, 'Duration'), h('dd', { id: 'execution-duration' }, formatDuration((stopped || new Date()) - started)),
      e.redriveCount ? [h('dt', {}, 'Redrives'), h('dd', {}, `${e.redriveCount} (last ${formatDate(date(e.redriveDate))})`)] : null);
    fill(failure, ...(e.error || e.cause ? [h('div', { class: 'error-box', role: 'alert' },
      h('h2', {}, 'Error ', h('code', { id: 'execution-error-code' }, e.error || '–')),
      h('h3', { class: 'sr-only' }, 'Cause'), codeBlock(prettyDeep(e.cause), 'Cause'))] : []));
    fill(io,
      h('div', {}, h('h2', {}, 'Input'), codeBlock(pretty(e.input), 'Execution input')),
      h('div', {}, h('h2', {}, 'Output'), codeBlock(e.status === 'SUCCEEDED' ? pretty(e.output) : e.status === 'RUNNING' ? '(running)' : '(no output)', 'Execution output')));
    stopButton.disabled = e.status !== 'RUNNING';
    const why = redriveBlocker(view);
    redriveButton.disabled = Boolean(why);
    redriveButton.title = why || 'Restart from the states that did not succeed';
    redriveNote.textContent = why && REDRIVABLE.includes(e.status) ? why : '';
    const childArns = [...new Set(view.steps.filter((s) => s.child).map((s) => s.child))];
    fill(children, ...(childArns.length ? [h('h2', {}, 'Child executions'),
      h('ul', { class: 'children' }, childArns.map((c) => h('li', {}, link(executionUrl(c), c.split(':').pop()))))] : []));
  }

  function paintGraph() {
    graph.setStatuses(statusByState(view.steps, Object.keys(view.filter).length ? view.filter : null));
    // One chooser per Map state that has run: all iterations, or one of them.
    const maps = [...model.states.values()].filter((s) => s.type === 'Map');
    fill(iterationBar, ...maps.map((m) => {
      const mapStep = [...view.steps].reverse().find((s) => s.name === m.name && matches(s, view.filter));
      const iterations = mapStep ? latestIterations(mapStep) : [];
      if (!iterations.length) return null;
      const select = h('select', { id: `iteration-${m.name}`, 'aria-label': `Iteration of ${m.name}` },
        h('option', { value: '' }, `${m.name}: all ${iterations.length} iterations`),
        iterations.map((it) => h('option', { value: it.index }, `${m.name} #${it.index} — ${STATUS[it.status].icon} ${STATUS[it.status].text}`)));
      select.value = m.name in view.filter ? String(view.filter[m.name]) : '';
      select.addEventListener('change', () => {
        const next = { ...view.filter };
        if (select.value === '') delete next[m.name]; else next[m.name] = Number(select.value);
        setFilter(next);
      });
      return h('label', {}, select);
    }));
  }

  function paintDetails() {
    const step = view.selected ? stepFor(view.steps, view.selected, view.filter) : null;
    const target = view.tab === 'table' ? tableDetails : details;
    if (!view.selected) {
      fill(target, h('p', { class: 'muted' }, 'Select a state in the graph (click, or Tab then Enter) to see its input, output, processing steps, retries and logs.'));
      return;
    }
    stepDetails(target, { step, name: view.selected, view, token, onIteration: (mapName, index) => {
      const next = { ...view.filter, [mapName]: index };
      setFilter(next);
    } });
  }

  function paintTable() {
    const base = view.start ? view.start.time : null;
    fill(tableBody, ...view.steps.map((s) => h('tr', { class: s.name === view.selected && matches(s, view.filter) ? 'selected' : '', 'data-step': s.name },
      h('th', { scope: 'row' }, h('button', { class: 'linkish', onclick: () => select(s.name, { ...view.filter, ...s.iteration }) }, s.name)),
      h('td', {}, s.type),
      h('td', {}, h('span', { class: `pill ${s.status}` }, `${STATUS[s.status].icon} ${STATUS[s.status].text}`)),
      h('td', {}, Object.entries(s.iteration).map(([k, v]) => `${k} #${v}`).join(', ') || '–'),
      h('td', { class: 'num' }, base ? formatDuration(s.entered.time - base) : '–'),
      h('td', { class: 'num' }, s.status === 'running' ? 'running' : formatDuration(s.endTime - s.entered.time)),
      h('td', { class: 'num' }, s.attempts.length || '–'))));
    if (!view.steps.length) fill(tableBody, h('tr', {}, h('td', { colspan: 7, class: 'muted' }, 'No steps yet.')));
    paintDetails();
  }

  function paintTab() {
    if (view.tab === 'graph') paintDetails();
    else if (view.tab === 'table') paintTable();
    else eventView(panels.events, view, (q) => { view.eventQuery = q; setQuery({ q }); });
  }

  let lastEventCount = -1;
  async function refresh() {
    // The first paint reuses the description and history asked for on arrival; later calls ask again.
    const [execution, events] = firstHistory ? [view.execution, await firstHistory]
      : await Promise.all([call('DescribeExecution', { executionArn: arn }), history(arn)]);
    firstHistory = null;
    if (!isCurrent(token)) return;
    view.execution = execution;
    apply(events);
    // DescribeExecution and the history are read side by side: when the description already says the run
    // ended but the history read a moment earlier lacks its last events, read again shortly.
    if (ENDED.includes(execution.status) && !view.end && catchUp < 20) {
      catchUp += 1;
      setTimeout(() => refresh().catch(() => {}), 250);
    }
  }
  let catchUp = 0;

  function apply(events) {
    const changed = events.length !== lastEventCount;
    lastEventCount = events.length;
    if (changed) {
      Object.assign(view, { events }, deriveSteps(events, model));
    }
    paintHeader();
    if (changed) {
      paintGraph();
      paintTab();
    }
  }

  /**
   * Live updates while the execution runs: the service's event stream (Server-Sent Events, one history event
   * per message, then `end`), repainting at most every 200 ms; polling when the stream is not served.
   */
  function follow() {
    if (ENDED.includes(view.execution.status) || !isCurrent(token)) return;
    if (!window.EventSource) { poll(); return; }
    const stream = new EventSource(`/_local/executions/stream?executionArn=${encodeURIComponent(arn)}`);
    onLeave(() => stream.close());
    const byId = new Map(view.events.map((e) => [e.id, e]));
    let received = false;
    let timer = null;
    stream.addEventListener('history', (message) => {
      received = true;
      const event = JSON.parse(message.data);
      if (byId.has(event.id)) return;
      byId.set(event.id, event);
      if (!timer) {
        timer = setTimeout(() => {
          timer = null;
          if (isCurrent(token)) apply([...byId.values()].sort((a, b) => a.id - b.id));
        }, 200);
      }
    });
    stream.addEventListener('end', () => {
      stream.close();
      clearTimeout(timer);
      refresh().catch((e) => toast(`Could not refresh: ${e.message}`));
    });
    stream.onerror = () => {
      if (received) return; // EventSource reconnects by itself, resuming after Last-Event-ID
      stream.close();
      poll();
    };
  }

  async function poll() {
    if (!isCurrent(token)) return;
    try {
      await refresh();
    } catch (e) {
      toast(`Could not refresh: ${e.message}`);
    }
    if (isCurrent(token) && !ENDED.includes(view.execution.status)) setTimeout(poll, POLL_MS);
  }

  /** After Stop or Redrive: read the new state, and follow the execution again if it runs. */
  async function changed() {
    await refresh();
    follow();
  }
  stopButton.onclick = () => confirmStop(view, changed);
  redriveButton.onclick = () => confirmRedrive(view, changed);

  selectTab(view.tab);
  paintHeader();
  if (view.selected) graph.select(view.selected);
  await refresh();
  if (!isCurrent(token)) return;
  // First paint of the graph with statuses; the figure README quotes comes from here.
  requestAnimationFrame(() => {
    window.consoleFirstPaintSinceNavigationMs = performance.now();
    // Where a first paint's time goes, for make bench-console-paint: page start (navigation → this module
    // running), the definition's layout, drawing the graph, and the rest (API answers, statuses, details).
    window.consoleFirstPaintParts = { pageStart: t0, layout: tDraw - tLayout, draw: tDrawn - tDraw };
    document.body.dataset.painted = 'true';
  });
  follow();
}

/** The latest outcome of each iteration index (a redrive reruns failed ones). */
function latestIterations(mapStep) {
  const byIndex = new Map();
  for (const it of mapStep.iterations) byIndex.set(it.index, it);
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** AWS's rules for RedriveExecution; null when the button may be pressed. */
function redriveBlocker(view) {
  const e = view.execution;
  if ((view.machine.type || 'STANDARD') !== 'STANDARD') return 'Only STANDARD executions can be redriven.';
  if (!REDRIVABLE.includes(e.status)) return `A ${e.status.toLowerCase().replace('_', ' ')} execution cannot be redriven.`;
  if (e.redriveStatus && e.redriveStatus !== 'REDRIVABLE') return e.redriveStatusReason || `Not redrivable (${e.redriveStatus}).`;
  const stopped = date(e.stopDate);
  if (stopped && Date.now() - stopped > REDRIVE_DAYS * 86400000) return `Executions can be redriven for ${REDRIVE_DAYS} days after they stop.`;
  return null;
}

function confirmDialog(title, body, confirmText, onConfirm) {
  const problem = h('div', { class: 'error-box', role: 'alert', hidden: true });
  const ok = h('button', { type: 'submit', class: 'primary danger', id: 'confirm-ok' }, confirmText);
  const cancel = h('button', { type: 'button' }, 'Cancel');
  const form = h('form', { method: 'dialog' }, h('h2', { id: 'confirm-title' }, title), body, problem, h('div', { class: 'actions' }, cancel, ok));
  const dialog = h('dialog', { 'aria-labelledby': 'confirm-title', id: 'confirm-dialog' }, form);
  document.body.append(dialog);
  const close = () => { dialog.close(); dialog.remove(); };
  cancel.addEventListener('click', close);
  dialog.addEventListener('cancel', (e) => { e.preventDefault(); close(); });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ok.disabled = true;
    try {
      await onConfirm();
      close();
    } catch (err) {
      problem.hidden = false;
      problem.textContent = `${err.code}: ${err.message}`;
      ok.disabled = false;
    }
  });
  dialog.showModal();
  cancel.focus();
}

function confirmStop(view, refresh) {
  const error = h('input', { id: 'stop-error', type: 'text', maxlength: 256 });
  const cause = h('textarea', { id: 'stop-cause', rows: 3, maxlength: 32768 });
  confirmDialog(`Stop ${view.execution.name}?`,
    h('div', {}, h('p', {}, 'The execution ends ABORTED. You can redrive it afterwards.'),
      h('label', { for: 'stop-error' }, 'Error (optional)'), error,
      h('label', { for: 'stop-cause' }, 'Cause (optional)'), cause),
    'Stop execution', async () => {
      await call('StopExecution', { executionArn: view.execution.executionArn, ...(error.value ? { error: error.value } : {}), ...(cause.value ? { cause: cause.value } : {}) });
      toast('Execution stopped.');
      await refresh();
    });
}

function confirmRedrive(view, refresh) {
  confirmDialog(`Redrive ${view.execution.name}?`,
    h('p', {}, 'The execution continues from the states that did not succeed, with the same input and definition. Successful steps are not run again.'),
    'Redrive', async () => {
      await call('RedriveExecution', { executionArn: view.execution.executionArn });
      toast('Execution redriven.');
      await refresh();
    });
}

