// The schedule panel of a state machine's page: the EventBridge Scheduler schedules that target it, as the server
// runs them (ListSchedules, GetSchedule), with what only the local server knows in GetSchedule's Local* members:
// the next fire times on its scaled clock, the runs the schedule started and the local settings in force. The
// server decides all of it; the panel only shows it. Machines no schedule targets get no panel.

import { scheduler, date } from '../api.js';
import { h, fill, link, executionUrl, formatDate, statusPill, errorBox } from '../dom.js';
import { isCurrent } from '../nav.js';

const STARTED_BY = {
  schedule: 'the schedule (EventBridge Scheduler)',
  event: 'an event (EventBridge rule)',
  api: 'the HTTP API (POST /runs)',
  console: 'the console',
  cli: 'the AWS CLI',
  sdk: 'an SDK or HTTP client',
  execution: 'a parent execution',
};

/** The words the execution page shows for DescribeExecution's local `localStartedBy`. */
export const startedByLabel = (startedBy) => STARTED_BY[startedBy] || startedBy;

/** A section that fills itself once the schedules are read; empty (hidden) when none targets `arn`. */
export function schedulePanel(arn, token) {
  const section = h('section', { class: 'schedule-panel', id: 'schedule-panel', hidden: true, 'aria-labelledby': 'schedule-title' });
  load(section, arn, token);
  return section;
}

async function load(section, arn, token) {
  let schedules;
  try {
    const listed = await scheduler(`/schedules?TargetArn=${encodeURIComponent(arn)}`);
    schedules = await Promise.all((listed.Schedules || []).map((s) =>
      scheduler(`/schedules/${encodeURIComponent(s.Name)}?groupName=${encodeURIComponent(s.GroupName || 'default')}`)));
  } catch (e) {
    if (!isCurrent(token)) return;
    section.hidden = false;
    fill(section, h('h2', { id: 'schedule-title' }, 'Schedule'), errorBox(e));
    return;
  }
  if (!isCurrent(token) || schedules.length === 0) return;
  section.hidden = false;
  fill(section, h('h2', { id: 'schedule-title' }, schedules.length > 1 ? 'Schedules' : 'Schedule'), schedules.map(card));
}

function card(s) {
  const enabled = s.State === 'ENABLED';
  const next = (s.LocalNextFireTimes || []).map((t) => h('li', {}, formatDate(date(t))));
  const runs = (s.LocalStartedExecutions || []).map((e) => h('li', {},
    link(executionUrl(e.executionArn), e.name), ' ', statusPill(e.status), ' ', h('span', { class: 'muted' }, formatDate(date(e.startDate)))));
  return h('div', { class: 'schedule-card', 'data-schedule': s.Name },
    h('dl', { class: 'facts wide' },
      h('dt', {}, 'Name'), h('dd', {}, h('code', {}, s.Name)),
      h('dt', {}, 'Expression'), h('dd', { class: 'schedule-expression' }, h('code', {}, s.ScheduleExpression)),
      h('dt', {}, 'Time zone'), h('dd', { class: 'schedule-timezone' }, s.ScheduleExpressionTimezone || 'UTC'),
      h('dt', {}, 'State'), h('dd', { class: 'schedule-state' }, enabled ? '● Enabled' : '○ Disabled'),
      h('dt', {}, 'Local settings'), h('dd', {}, (s.LocalOverrides || []).length ? s.LocalOverrides.join(', ') : 'as deployed'),
      h('dt', {}, 'Clock'), h('dd', {}, s.LocalTimeScale === 1 ? 'real time' : `TIME_SCALE ${s.LocalTimeScale}: ${Math.round(1 / s.LocalTimeScale)}× real time`)),
    h('div', { class: 'split' },
      h('div', {}, h('h3', {}, 'Next fire times'),
        next.length ? h('ol', { class: 'schedule-next' }, next)
          : h('p', { class: 'muted schedule-next' }, enabled ? 'None: the expression has no further occurrence.' : 'None while disabled (make console SCHEDULE=on enables it).')),
      h('div', {}, h('h3', {}, 'Runs it started'),
        runs.length ? h('ul', { class: 'schedule-runs' }, runs) : h('p', { class: 'muted schedule-runs' }, 'None yet.'))));
}
