// How the console talks to the server: AWS's Step Functions API (JSON 1.0), as the CLI and SDKs do, plus the
// service's two documented local routes (local/StepFunctions.Service/README.md): the live event stream
// (pages/execution.js) and the Lambda log lines (taskLogs below), which AWS keeps in CloudWatch Logs.

export class ApiError extends Error {
  constructor(code, message, status) {
    super(message || code);
    this.code = code;
    this.status = status;
  }
}

export async function call(operation, body = {}) {
  let response;
  try {
    response = await fetch('/', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'X-Amz-Target': `AWSStepFunctions.${operation}`,
      },
      body: JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError('NetworkError', `The local service did not answer ${operation} (${e.message}). Is \`make console\` still running?`, 0);
  }
  const text = await response.text();
  let json = {};
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError('BadResponse', `${operation} answered HTTP ${response.status} with a body that is not JSON.`, response.status);
    }
  }
  if (!response.ok) {
    // Clients read the code after any '#', e.g. "com.amazonaws.swf.base.model#ExecutionDoesNotExist".
    const code = String(json.__type || `HTTP${response.status}`).split('#').pop();
    throw new ApiError(code, json.message || json.Message || code, response.status);
  }
  return json;
}

/** Reads every page of a paginated operation (nextToken), up to `limit` items. */
export async function all(operation, body, itemsField, limit = 10000) {
  const items = [];
  let nextToken;
  do {
    const page = await call(operation, { ...body, ...(nextToken ? { nextToken } : {}) });
    items.push(...(page[itemsField] || []));
    nextToken = page.nextToken;
  } while (nextToken && items.length < limit);
  return { items, truncated: Boolean(nextToken) };
}

export const history = (executionArn) =>
  all('GetExecutionHistory', { executionArn, maxResults: 1000, includeExecutionData: true }, 'events', 100000)
    .then((r) => r.items.sort((a, b) => a.id - b.id));

/** The log lines of Lambda attempts, by the id of the event that ended each one: Map(eventId → lines). */
export async function taskLogs(executionArn, eventIds) {
  const query = new URLSearchParams({ executionArn });
  for (const id of eventIds) query.append('eventId', String(id));
  let response;
  try {
    response = await fetch(`/_local/executions/logs?${query}`);
  } catch (e) {
    throw new ApiError('NetworkError', `The local service did not answer (${e.message}). Is \`make console\` still running?`, 0);
  }
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(String(json.__type || `HTTP${response.status}`).split('#').pop(), json.message, response.status);
  return new Map((json.logs || []).map((l) => [l.eventId, l.lines]));
}

/** AWS sends dates as epoch seconds with fractions; accept ISO strings too. */
export function date(value) {
  if (value === undefined || value === null || value === '') return null;
  return typeof value === 'number' ? new Date(value * 1000) : new Date(value);
}

/** Execution input/output travel as JSON strings; show them pretty-printed when they parse. */
export function pretty(jsonText) {
  if (jsonText === undefined || jsonText === null) return '';
  try {
    return JSON.stringify(JSON.parse(jsonText), null, 2);
  } catch {
    return String(jsonText);
  }
}
