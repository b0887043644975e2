// How the console talks to the server: AWS's APIs, as the CLI and SDKs do — Step Functions (JSON 1.0) and, for
// the Lambdas' log lines, CloudWatch Logs (JSON 1.1, logs() below), DynamoDB's reads of the runs table (dynamodb()) — plus one documented local route, the live
// event stream (pages/execution.js; local/StepFunctions.Service/README.md).

export class ApiError extends Error {
  constructor(code, message, status) {
    super(message || code);
    this.code = code;
    this.status = status;
  }
}

/** A Step Functions operation. */
export const call = (operation, body = {}) => send('AWSStepFunctions', '1.0', operation, body);

/** A CloudWatch Logs operation, such as FilterLogEvents. */
export const logs = (operation, body = {}) => send('Logs_20140328', '1.1', operation, body);

/** A DynamoDB read (Query, GetItem, Scan) on the runs table the job nets write. */
export const dynamodb = (operation, body = {}) => send('DynamoDB_20120810', '1.0', operation, body);

async function send(service, version, operation, body) {
  let response;
  try {
    response = await fetch('/', {
      method: 'POST',
      headers: {
        'Content-Type': `application/x-amz-json-${version}`,
        'X-Amz-Target': `${service}.${operation}`,
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

/** An EventBridge Scheduler read (its REST protocol: GET /schedules, GET /schedules/{Name}); see pages/schedule-panel.js. */
export async function scheduler(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.headers.get('x-amzn-ErrorType') || `HTTP${response.status}`, json.Message || json.message, response.status);
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
