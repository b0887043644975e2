// Posts the Terraform plan of a pull request as ONE comment, updated in place on every push: the plan when
// it succeeded, the end of the log (where init/plan errors are) when it failed. Run by actions/github-script
// in the pull-request workflow; tested with a fake `github` by tests/ci (PlanCommentTests).
'use strict';
const fs = require('fs');
const path = require('path');

const MARKER = '<!-- terraform-plan -->';
// GitHub refuses comments over 65,536 characters: keep the end, where the summary and the errors are.
const LIMIT = 60000;

function readIfPresent(file) {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
}

// The plan text (`terraform show`), or else the log of `make plan`, without colour codes.
function planOutput(directory) {
  const plans = fs.existsSync(directory) ? fs.readdirSync(directory).filter((name) => name.endsWith('.tfplan.txt')) : [];
  const text = plans.length > 0 ? readIfPresent(path.join(directory, plans[0])) : readIfPresent(path.join(directory, 'plan.log'));
  return text === null ? null : text.replace(/\x1b\[[0-9;]*m/g, '');
}

function commentBody({ output, result, environment, sha, runUrl }) {
  const succeeded = result === 'success';
  const heading = `${MARKER}\n### Terraform plan (\`${environment}\`): ${succeeded ? 'succeeded' : 'FAILED'}\n\n`;
  let details;
  if (output === null) {
    details = `The plan job ended (${result}) before writing any output; see the run.\n`;
  } else {
    const shown = output.length > LIMIT ? '... (truncated, see the run)\n' + output.slice(-LIMIT) : output;
    const summary = succeeded ? 'Show plan' : 'Show the error';
    details = `<details${succeeded ? '' : ' open'}><summary>${summary}</summary>\n\n\`\`\`text\n${shown.replace(/```/g, "'''")}\n\`\`\`\n</details>\n`;
  }
  return `${heading}${details}\nCommit ${sha}, [run](${runUrl}).`;
}

async function postPlanComment({ github, context, directory, result, environment }) {
  const body = commentBody({
    output: planOutput(directory),
    result,
    environment,
    sha: context.payload.pull_request ? context.payload.pull_request.head.sha : context.sha,
    runUrl: `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`,
  });
  // Every page: on a busy pull request the previous plan comment is not among the first 100.
  const comments = await github.paginate(github.rest.issues.listComments, {
    ...context.repo, issue_number: context.issue.number, per_page: 100,
  });
  const previous = comments.find((comment) => comment.user && comment.user.type === 'Bot' && comment.body && comment.body.startsWith(MARKER));
  if (previous) {
    await github.rest.issues.updateComment({ ...context.repo, comment_id: previous.id, body });
    return { action: 'updated', id: previous.id, body };
  }
  const { data } = await github.rest.issues.createComment({ ...context.repo, issue_number: context.issue.number, body });
  return { action: 'created', id: data.id, body };
}

module.exports = { postPlanComment, commentBody, planOutput, MARKER, LIMIT };
