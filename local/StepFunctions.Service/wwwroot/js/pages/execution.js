// One execution: status, dates, input/output, error/cause, Stop and Redrive; the graph coloured by each
// state's status (live while the execution runs), the table of steps, the event list, and the selected step's
// details. The fixed parts are execution-skeleton.js's, the live updates execution-poller.js's, Stop and
// Redrive execution-actions.js's; this module paints the execution into them.

import { call, date, history, pretty } from '../api.js';
import { startedByLabel } from './schedule-panel.js';
import { buildModel } from '../asl.js';
import { layout, render } from '../graph.js';
import { deriveSteps, statusByState, stepFor, matches } from '../history.js';
import { h, fill, link, executionUrl, machineUrl, formatDate, formatDuration, statusPill, codeBlock, prettyDeep } from '../dom.js';
import { isCurrent, navigate, setCrumbs, setQuery } from '../nav.js';
import { STATUS } from '../status.js';
import { stepDetails } from './step.js';
import { eventView } from './events.js';
import { executionSkeleton, TABS } from './execution-skeleton.js';
import { executionPoller } from './execution-poller.js';
import { paintActions, wireActions } from './execution-actions.js';
import { manifestOf, readRun, rerunJobs, runsTableOf } from '../jobs.js';
import { jobsPanel, timelinePanel } from './jobs-view.js';
import { runsUrl } from './runs.js';

/** A job net's run opens on its jobs (the server says which state machines run job nets). */
const JOB_TABS = [['jobs', 'Jobs'], ['timeline', 'Timeline']];

/** "RunChildren:2,Inner:0" ⇄ {RunChildren: 2, Inner: 0}: which Map iteration the graph shows. */
const parseIterations = (text) => Object.fromEntries((text || '').split(',').filter(Boolean).map((p) => {
  const i = p.lastIndexOf(':');
  return [p.slice(0, i), Number(p.slice(i + 1))];
}));
const formatIterations = (filter) => Object.entries(filter).map(([k, v]) => `${k}:${v}`).join(',');

export async function executionPage(main, token, arn, query) {
  const t0 = performance.now();
  const firstHistory = history(arn); // asked for at once: the first paint needs it with the definition
  firstHistory.catch(() => {});
  const machineOfArn = arn.replace(':execution:', ':stateMachine:').split(':').slice(0, 7).join(':');
  const [execution, forExecution, runsTable] = await Promise.all([
    call('DescribeExecution', { executionArn: arn }),
    call('DescribeStateMachineForExecution', { executionArn: arn }).catch(() => null),
    runsTableOf(machineOfArn),
  ]);
  const manifest = runsTable ? manifestOf(execution.input) : null;
  const tabs = manifest ? [...JOB_TABS, ...TABS] : TABS;
  const defaultTab = tabs[0][0];
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
    tab: tabs.some(([id]) => id === query.get('tab')) ? query.get('tab') : defaultTab,
    runsTable, manifest, records: new Map(), run: null, job: query.get('job'),
    selected: query.get('state'),
    filter: parseIterations(query.get('iteration')),
    eventQuery: query.get('q') || '',
  };

  const parts = executionSkeleton(main, {
    name: execution.name,
    currentTab: () => view.tab,
    onTab: (id) => selectTab(id),
    onNewExecution: () => navigate(`${machineUrl(machineArn)}?start=1`),
    tabs,
  });
  const jobs = manifest ? jobsPanel(parts.panels.jobs, {
    manifest, selected: view.job, children: () => [...new Set(view.steps.filter((s) => s.child).map((s) => s.child))],
    onSelect: (name) => { view.job = name; setQuery({ job: name }); jobs.select(name); },
  }) : null;
  if (manifest) {
    parts.redriveButton.textContent = 'Rerun failed jobs';
    view.rerun = () => rerunJobs(manifest, view.records);
  }

  /** The run's records, read again from the runs table (DynamoDB Query); the Jobs and Timeline tabs repainted. */
  async function refreshJobs() {
    try {
      const { run, jobs: records } = await readRun(runsTable, manifest.run_id);
      Object.assign(view, { run, records });
    } catch { return; }
    jobs.update(view.records, view.run);
    if (view.tab === 'timeline') timelinePanel(parts.panels.timeline, { manifest, execution: view.execution, records: view.records });
  }
  const { pill, facts, failure, io, children, panels, tabButtons, graphBox, iterationBar, details, tableBody, tableDetails } = parts;

  const tLayout = performance.now();
  const laidOut = layout(model, machine.definition);
  const tDraw = performance.now();
  const graph = render(graphBox, model, laidOut, (name) => select(name));
  const tDrawn = performance.now();

  function selectTab(id) {
    view.tab = id;
    setQuery({ tab: id === defaultTab ? null : id });
    for (const [tid] of tabs) {
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
      parent ? [h('dt', {}, 'Started by'), h('dd', {}, link(executionUrl(parent), parent.split(':').pop()), ' (parent execution)')]
        : e.localStartedBy ? [h('dt', {}, 'Started by'), h('dd', { id: 'started-by' }, startedByLabel(e.localStartedBy))] : null,
      h('dt', {}, 'Status'), h('dd', {}, statusPill(e.status)),
      h('dt', {}, 'Started'), h('dd', {}, formatDate(started)),
      h('dt', {}, 'Ended'), h('dd', {}, formatDate(stopped)),
      h('dt', {}, 'Duration'), h('dd', { id: 'execution-duration' }, formatDuration((stopped || new Date()) - started)),
      manifest ? [h('dt', {}, 'Job net'), h('dd', {}, `run ${manifest.run_id}, ${manifest.jobs.length} jobs · `,
        link(runsUrl(machineArn, manifest.series), manifest.series ? `runs of series ${manifest.series}` : 'all runs'))] : null,
      e.redriveCount ? [h('dt', {}, 'Redrives'), h('dd', {}, `${e.redriveCount} (last ${formatDate(date(e.redriveDate))})`)] : null);
    fill(failure, ...(e.error || e.cause ? [h('div', { class: 'error-box', role: 'alert' },
      h('h2', {}, 'Error ', h('code', { id: 'execution-error-code' }, e.error || '–')),
      h('h3', { class: 'sr-only' }, 'Cause'), codeBlock(prettyDeep(e.cause), 'Cause'))] : []));
    fill(io,
      h('div', {}, h('h2', {}, 'Input'), codeBlock(pretty(e.input), 'Execution input')),
      h('div', {}, h('h2', {}, 'Output'), codeBlock(e.status === 'SUCCEEDED' ? pretty(e.output) : e.status === 'RUNNING' ? '(running)' : '(no output)', 'Execution output')));
    paintActions(parts, e);
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
      const chooser = h('select', { id: `iteration-${m.name}`, 'aria-label': `Iteration of ${m.name}` },
        h('option', { value: '' }, `${m.name}: all ${iterations.length} iterations`),
        iterations.map((it) => h('option', { value: it.index }, `${m.name} #${it.index} — ${STATUS[it.status].icon} ${STATUS[it.status].text}`)));
      chooser.value = m.name in view.filter ? String(view.filter[m.name]) : '';
      chooser.addEventListener('change', () => {
        const next = { ...view.filter };
        if (chooser.value === '') delete next[m.name]; else next[m.name] = Number(chooser.value);
        setFilter(next);
      });
      return h('label', {}, chooser);
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
    else if (view.tab === 'jobs') return;
    else if (view.tab === 'timeline') timelinePanel(panels.timeline, { manifest, execution: view.execution, records: view.records });
    else eventView(panels.events, view, (q) => { view.eventQuery = q; setQuery({ q }); });
  }

  let lastEventCount = -1;
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
      if (manifest) refreshJobs();
    }
  }

  const { refresh, follow } = executionPoller({ arn, token, view, firstHistory, apply });
  // After Stop or Redrive: read the new state, and follow the execution again if it runs.
  wireActions(parts, view, async () => {
    await refresh();
    follow();
  });

  selectTab(view.tab);
  paintHeader();
  if (view.selected) graph.select(view.selected);
  await refresh();
  if (manifest) await refreshJobs();
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
