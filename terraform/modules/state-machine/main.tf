data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name

  # Built from the name, not from the resource: the role's trust policy needs it before the state
  # machine exists (referencing aws_sfn_state_machine.this.arn would be a cycle).
  state_machine_arn = "arn:${local.partition}:states:${local.region}:${local.account_id}:stateMachine:${var.name}"

  # Canonical JSON, so formatting changes in the template never show up as a diff.
  definition = jsonencode(jsondecode(templatefile(var.definition_template, var.definition_variables)))

  integrations = var.integrations
  events_rule  = "arn:${local.partition}:events:${local.region}:${local.account_id}:rule"

  # Each statement is kept as a JSON string: statements differ in shape (some have a Condition), and
  # Terraform's conditional needs both of its branches to share one type, which list(string) does.
  lambda = local.integrations.lambda
  lambda_statements = local.lambda == null ? [] : [jsonencode({
    Sid    = "InvokeLambdaFunctions"
    Effect = "Allow"
    Action = ["lambda:InvokeFunction"]
    # ":*" covers versions and aliases of the same functions.
    Resource = flatten([for arn in local.lambda.function_arns : [arn, "${arn}:*"]])
  })]

  ecs = local.integrations.ecs_run_task_sync
  ecs_statements = local.ecs == null ? [] : [
    jsonencode({
      Sid       = "RunEcsTask"
      Effect    = "Allow"
      Action    = ["ecs:RunTask"]
      Resource  = [local.ecs.task_definition_arn]
      Condition = { ArnEquals = { "ecs:cluster" = local.ecs.cluster_arn } }
    }),
    jsonencode({
      # The task ARN is unknown until RunTask returns, so AWS requires "*"; the cluster condition
      # keeps it to tasks on this cluster.
      Sid       = "TrackAndStopEcsTask"
      Effect    = "Allow"
      Action    = ["ecs:DescribeTasks", "ecs:StopTask"]
      Resource  = ["*"]
      Condition = { ArnEquals = { "ecs:cluster" = local.ecs.cluster_arn } }
    }),
    jsonencode({
      # .sync waits on an EventBridge rule that Step Functions manages on the role's behalf.
      Sid      = "ManageEcsSyncEventRule"
      Effect   = "Allow"
      Action   = ["events:DescribeRule", "events:PutRule", "events:PutTargets"]
      Resource = ["${local.events_rule}/StepFunctionsGetEventsForECSTaskRule"]
    }),
    jsonencode({
      Sid       = "PassEcsTaskRoles"
      Effect    = "Allow"
      Action    = ["iam:PassRole"]
      Resource  = local.ecs.pass_role_arns
      Condition = { StringEquals = { "iam:PassedToService" = "ecs-tasks.amazonaws.com" } }
    }),
  ]

  # ecs:runTask without .sync, polled with aws-sdk:ecs:describeTasks and stopped with aws-sdk:ecs:stopTask:
  # no managed events rule; tasks are named by the cluster in their ARN (task/<cluster name>/<id>).
  ecs_polled = local.integrations.ecs_run_task
  ecs_polled_statements = local.ecs_polled == null ? [] : [
    jsonencode({
      Sid       = "RunPolledEcsTask"
      Effect    = "Allow"
      Action    = ["ecs:RunTask"]
      Resource  = [local.ecs_polled.task_definition_arn]
      Condition = { ArnEquals = { "ecs:cluster" = local.ecs_polled.cluster_arn } }
    }),
    jsonencode({
      Sid      = "DescribeAndStopPolledEcsTasks"
      Effect   = "Allow"
      Action   = ["ecs:DescribeTasks", "ecs:StopTask"]
      Resource = ["${replace(local.ecs_polled.cluster_arn, ":cluster/", ":task/")}/*"]
    }),
    jsonencode({
      Sid       = "PassPolledEcsTaskRoles"
      Effect    = "Allow"
      Action    = ["iam:PassRole"]
      Resource  = local.ecs_polled.pass_role_arns
      Condition = { StringEquals = { "iam:PassedToService" = "ecs-tasks.amazonaws.com" } }
    }),
  ]

  dynamodb = local.integrations.dynamodb
  dynamodb_statements = local.dynamodb == null ? [] : [jsonencode({
    Sid      = "ReadWriteDynamoDbItems"
    Effect   = "Allow"
    Action   = sort([for action in local.dynamodb.actions : "dynamodb:${action}"])
    Resource = local.dynamodb.table_arns
  })]

  sns = local.integrations.sns_publish
  sns_statements = local.sns == null ? [] : concat(
    [jsonencode({
      Sid      = "PublishToSnsTopics"
      Effect   = "Allow"
      Action   = ["sns:Publish"]
      Resource = local.sns.topic_arns
    })],
    # Only customer-managed keys need this; the AWS managed alias/aws/sns key grants SNS itself.
    length(local.sns.kms_key_arns) == 0 ? [] : [jsonencode({
      Sid       = "UseSnsTopicKmsKeys"
      Effect    = "Allow"
      Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource  = local.sns.kms_key_arns
      Condition = { StringEquals = { "kms:ViaService" = "sns.${local.region}.amazonaws.com" } }
    })],
  )

  nested = local.integrations.nested_executions
  nested_statements = local.nested == null ? [] : concat(
    [
      jsonencode({
        Sid      = "StartChildExecutions"
        Effect   = "Allow"
        Action   = ["states:StartExecution"]
        Resource = local.nested.state_machine_arns
      }),
      jsonencode({
        Sid    = "TrackAndStopChildExecutions"
        Effect = "Allow"
        Action = ["states:DescribeExecution", "states:StopExecution"]
        # Executions of a state machine live at ...:execution:<state machine name>:<execution name>.
        Resource = [for arn in local.nested.state_machine_arns : "${replace(arn, ":stateMachine:", ":execution:")}:*"]
      }),
    ],
    local.nested.sync ? [jsonencode({
      Sid      = "ManageNestedSyncEventRule"
      Effect   = "Allow"
      Action   = ["events:DescribeRule", "events:PutRule", "events:PutTargets"]
      Resource = ["${local.events_rule}/StepFunctionsGetEventsForStepFunctionsExecutionRule"]
    })] : [],
  )

  eventbridge = local.integrations.eventbridge_put_events
  eventbridge_statements = local.eventbridge == null ? [] : [jsonencode({
    Sid      = "PutEventsOnEventBuses"
    Effect   = "Allow"
    Action   = ["events:PutEvents"]
    Resource = local.eventbridge.event_bus_arns
  })]

  # AWS requires "*" for X-Ray writes and for vended log delivery (these APIs have no resource type).
  xray_statements = var.tracing_enabled ? [jsonencode({
    Sid      = "WriteXRayTraces"
    Effect   = "Allow"
    Action   = ["xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments"]
    Resource = ["*"]
  })] : []

  log_delivery_statements = var.logging_level == "OFF" ? [] : [jsonencode({
    Sid    = "DeliverExecutionLogs"
    Effect = "Allow"
    Action = [
      "logs:CreateLogDelivery",
      "logs:DeleteLogDelivery",
      "logs:DescribeLogGroups",
      "logs:DescribeResourcePolicies",
      "logs:GetLogDelivery",
      "logs:ListLogDeliveries",
      "logs:PutResourcePolicy",
      "logs:UpdateLogDelivery",
    ]
    Resource = ["*"]
  })]

  policy_statements = concat(
    local.lambda_statements,
    local.ecs_statements,
    local.ecs_polled_statements,
    local.sns_statements,
    local.nested_statements,
    local.eventbridge_statements,
    local.dynamodb_statements,
    local.xray_statements,
    local.log_delivery_statements,
  )
}

resource "aws_iam_role" "this" {
  name        = "${var.name}-role"
  description = "Execution role of the ${var.name} state machine."

  # Confused-deputy protection: only this account's state machine of this name may assume the role.
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "StepFunctionsAssumeRole"
      Effect    = "Allow"
      Principal = { Service = "states.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = local.account_id }
        ArnLike      = { "aws:SourceArn" = local.state_machine_arn }
      }
    }]
  })

  tags = var.tags
}

resource "aws_iam_role_policy" "this" {
  name   = "${var.name}-integrations"
  role   = aws_iam_role.this.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [for s in local.policy_statements : jsondecode(s)] })

  lifecycle {
    precondition {
      condition     = length(local.policy_statements) > 0
      error_message = "The role would have no permissions: declare the integrations the definition uses, or keep tracing/logging on."
    }
  }
}

resource "aws_cloudwatch_log_group" "this" {
  # The vendedlogs prefix keeps the account's CloudWatch Logs resource policy under its 5,120-character limit.
  name              = "/aws/vendedlogs/states/${var.name}"
  retention_in_days = var.cloudwatch_logs_retention_in_days
  tags              = var.tags
}

resource "aws_sfn_state_machine" "this" {
  name       = var.name
  type       = var.type
  role_arn   = aws_iam_role.this.arn
  definition = local.definition

  logging_configuration {
    level                  = var.logging_level
    include_execution_data = var.include_execution_data
    log_destination        = "${aws_cloudwatch_log_group.this.arn}:*"
  }

  tracing_configuration {
    enabled = var.tracing_enabled
  }

  tags = var.tags

  # The role must carry its permissions before Step Functions validates and runs the definition.
  depends_on = [aws_iam_role_policy.this]

  lifecycle {
    precondition {
      condition = var.type == "STANDARD" || (
        var.integrations.ecs_run_task_sync == null &&
        try(var.integrations.nested_executions.sync, false) == false
      )
      error_message = "EXPRESS workflows cannot wait for a job (.sync): use type = \"STANDARD\" with ecs_run_task_sync or synchronous nested_executions."
    }
  }
}

# Optional schedule: EventBridge Scheduler starts executions with a role of its own that may start
# this state machine and nothing else.
resource "aws_iam_role" "scheduler" {
  count = var.schedule == null ? 0 : 1

  name        = "${var.name}-sched"
  description = "Lets EventBridge Scheduler start the ${var.name} state machine."

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "SchedulerAssumeRole"
      Effect    = "Allow"
      Principal = { Service = "scheduler.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = local.account_id }
        # Built from the name like the state machine ARN above (schedules live in the default group).
        ArnLike = { "aws:SourceArn" = "arn:${local.partition}:scheduler:${local.region}:${local.account_id}:schedule/default/${var.name}" }
      }
    }]
  })

  tags = var.tags
}

resource "aws_iam_role_policy" "scheduler" {
  count = var.schedule == null ? 0 : 1

  name = "${var.name}-start-execution"
  role = aws_iam_role.scheduler[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "StartThisStateMachine"
      Effect   = "Allow"
      Action   = ["states:StartExecution"]
      Resource = [aws_sfn_state_machine.this.arn]
    }]
  })
}

resource "aws_scheduler_schedule" "this" {
  count = var.schedule == null ? 0 : 1

  name                         = var.name
  schedule_expression          = var.schedule.expression
  schedule_expression_timezone = var.schedule.timezone

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_sfn_state_machine.this.arn
    role_arn = aws_iam_role.scheduler[0].arn
    input    = var.schedule.input
  }

  depends_on = [aws_iam_role_policy.scheduler]
}
