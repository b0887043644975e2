// Runs .github/scripts/plan-comment.js against a fake GitHub API, as actions/github-script would.
// Reads a scenario from stdin: { "pages": [[comment, ...], ...], "directory", "result", "environment" }.
// Prints { "requests": [...], "outcome": {...} }: every API call the script made, in order.
'use strict';
const path = require('path');
const { postPlanComment } = require(path.resolve(__dirname, '../../../../.github/scripts/plan-comment.js'));

let input = '';
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', async () => {
  const scenario = JSON.parse(input);
  const requests = [];
  const rest = {
    issues: {
      listComments: async (params) => {
        requests.push({ call: 'listComments', page: params.page });
        return { data: scenario.pages[params.page - 1] || [] };
      },
      updateComment: async (params) => { requests.push({ call: 'updateComment', id: params.comment_id }); return { data: { id: params.comment_id } }; },
      createComment: async (params) => { requests.push({ call: 'createComment', issue: params.issue_number }); return { data: { id: 999 } }; },
    },
  };
  // Octokit's paginate: request page after page until one comes back short.
  const paginate = async (method, params) => {
    const all = [];
    for (let page = 1; ; page++) {
      const { data } = await method({ ...params, page });
      all.push(...data);
      if (data.length < params.per_page) return all;
    }
  };
  const context = {
    repo: { owner: 'my-org', repo: 'serverless-workflows' },
    issue: { number: 42 },
    payload: { pull_request: { head: { sha: 'abc1234' } } },
    sha: 'merge-sha', runId: 7, serverUrl: 'https://github.com',
  };
  const outcome = await postPlanComment({
    github: { rest, paginate }, context, directory: scenario.directory, result: scenario.result, environment: scenario.environment,
  });
  console.log(JSON.stringify({ requests, outcome }));
});
