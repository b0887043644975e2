// Keeps the execution page current: DescribeExecution and the history, read again after a change, followed
// live while the execution runs (the service's event stream, or polling where it is not served).

import { call, history } from '../api.js';
import { toast } from '../dom.js';
import { isCurrent, onLeave } from '../nav.js';
import { isEnded } from '../status.js';

const POLL_MS = 1000;

/**
 * `view.execution` and the events stay current; `apply(events)` repaints the page with them. `firstHistory`
 * is the history already asked for on arrival (the first refresh uses it with `view.execution`).
 */
export function executionPoller({ arn, token, view, firstHistory, apply }) {
  let pendingHistory = firstHistory;
  let catchUp = 0;

  async function refresh() {
    // The first paint reuses the description and history asked for on arrival; later calls ask again.
    const [execution, events] = pendingHistory ? [view.execution, await pendingHistory]
      : await Promise.all([call('DescribeExecution', { executionArn: arn }), history(arn)]);
    pendingHistory = null;
    if (!isCurrent(token)) return;
    view.execution = execution;
    apply(events);
    // DescribeExecution and the history are read side by side: when the description already says the run
    // ended but the history read a moment earlier lacks its last events, read again shortly.
    if (isEnded(execution.status) && !view.end && catchUp < 20) {
      catchUp += 1;
      setTimeout(() => refresh().catch(() => {}), 250);
    }
  }

  /**
   * Live updates while the execution runs: the service's event stream (Server-Sent Events, one history event
   * per message, then `end`), repainting at most every 200 ms; polling when the stream is not served.
   */
  function follow() {
    if (isEnded(view.execution.status) || !isCurrent(token)) return;
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
      // EventSource reconnects by itself, resuming after Last-Event-ID, unless the server refused the stream
      // (an error answer, such as ThrottlingException beyond --max-live-streams, closes it): then poll.
      if (received && stream.readyState !== EventSource.CLOSED) return;
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
    if (isCurrent(token) && !isEnded(view.execution.status)) setTimeout(poll, POLL_MS);
  }

  return { refresh, follow };
}
