data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  dns_suffix = data.aws_partition.current.dns_suffix
  region     = data.aws_region.current.name
  logging    = var.logging_level != "OFF"

  # Each partition has its own console domain; isolated partitions have none.
  console_host = lookup({
    "aws"        = "${data.aws_region.current.name}.console.aws.amazon.com"
    "aws-us-gov" = "console.amazonaws-us-gov.com"
    "aws-cn"     = "console.amazonaws.cn"
  }, data.aws_partition.current.partition, null)

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

  # The container task, waited for (ecs:runTask.sync) or polled (ecs:runTask, then aws-sdk:ecs:describeTasks
  # and stopTask): the same grants for either, named per mode. Tasks are named by the cluster in their ARN
  # (task/<cluster name>/<id>): the task ID is unknown until RunTask returns, the cluster is not. Only .sync
  # waits on an EventBridge rule that Step Functions manages on the role's behalf.
  ecs_tasks = [for ecs in [
    { task = local.integrations.ecs_run_task_sync, sync = true, run = "RunEcsTask", track = "TrackAndStopEcsTask", pass = "PassEcsTaskRoles" },
    { task = local.integrations.ecs_run_task, sync = false, run = "RunPolledEcsTask", track = "DescribeAndStopPolledEcsTasks", pass = "PassPolledEcsTaskRoles" },
  ] : ecs if ecs.task != null]
  ecs_statements = flatten([for ecs in local.ecs_tasks : concat(
    [
      jsonencode({
        Sid       = ecs.run
        Effect    = "Allow"
        Action    = ["ecs:RunTask"]
        Resource  = [ecs.task.task_definition_arn]
        Condition = { ArnEquals = { "ecs:cluster" = ecs.task.cluster_arn } }
      }),
      jsonencode(merge({
        Sid      = ecs.track
        Effect   = "Allow"
        Action   = ["ecs:DescribeTasks", "ecs:StopTask"]
        Resource = ["${replace(ecs.task.cluster_arn, ":cluster/", ":task/")}/*"]
      }, ecs.sync ? { Condition = { ArnEquals = { "ecs:cluster" = ecs.task.cluster_arn } } } : {})),
    ],
    ecs.sync ? [jsonencode({
      Sid      = "ManageEcsSyncEventRule"
      Effect   = "Allow"
      Action   = ["events:DescribeRule", "events:PutRule", "events:PutTargets"]
      Resource = ["${local.events_rule}/StepFunctionsGetEventsForECSTaskRule"]
    })] : [],
    [jsonencode({
      Sid       = ecs.pass
      Effect    = "Allow"
      Action    = ["iam:PassRole"]
      Resource  = ecs.task.pass_role_arns
      Condition = { StringEquals = { "iam:PassedToService" = "ecs-tasks.amazonaws.com" } }
    })],
  )])

  dynamodb = local.integrations.dynamodb
  dynamodb_statements = local.dynamodb == null ? [] : concat(
    [jsonencode({
      Sid      = "ReadWriteDynamoDbItems"
      Effect   = "Allow"
      Action   = sort([for action in local.dynamodb.actions : "dynamodb:${action}"])
      Resource = local.dynamodb.table_arns
    })],
    # Only tables encrypted with a customer-managed key need this; AWS owned keys need no grant.
    length(local.dynamodb.kms_key_arns) == 0 ? [] : [jsonencode({
      Sid       = "UseDynamoDbTableKmsKeys"
      Effect    = "Allow"
      Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource  = local.dynamodb.kms_key_arns
      Condition = { StringEquals = { "kms:ViaService" = "dynamodb.${local.region}.${local.dns_suffix}" } }
    })],
  )

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
      Condition = { StringEquals = { "kms:ViaService" = "sns.${local.region}.${local.dns_suffix}" } }
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

  # A workflow that answers another's .waitForTaskToken task (the orchestrator's resume gate): only the tasks
  # of the state machines that start it, as CDK's grantTaskResponse scopes these actions.
  callbacks = local.integrations.task_callbacks
  callback_statements = local.callbacks == null ? [] : [jsonencode({
    Sid      = "AnswerCallerTasks"
    Effect   = "Allow"
    Action   = ["states:SendTaskSuccess", "states:SendTaskFailure"]
    Resource = local.callbacks.state_machine_arns
  })]
  # aws-sdk:sfn:describeExecution on the state machine's own executions (the orchestrator asks whether the
  # execution holding its series' lock still runs); the ARN is built from the name, as the trust policy's.
  own_execution_statements = local.integrations.describe_own_executions ? [jsonencode({
    Sid      = "DescribeOwnExecutions"
    Effect   = "Allow"
    Action   = ["states:DescribeExecution"]
    Resource = ["${replace(local.state_machine_arn, ":stateMachine:", ":execution:")}:*"]
  })] : []

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

  log_delivery_statements = !local.logging ? [] : [jsonencode({
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

  # A customer-managed key encrypts the definition and the execution history: the role decrypts and
  # makes data keys only through Step Functions and only for this state machine (AWS's encryption context).
  kms_statements = var.kms_key_arn == null ? [] : concat(
    [jsonencode({
      Sid      = "UseStateMachineKmsKey"
      Effect   = "Allow"
      Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource = [var.kms_key_arn]
      Condition = { StringEquals = {
        "kms:ViaService"                                   = "states.${local.region}.${local.dns_suffix}"
        "kms:EncryptionContext:aws:states:stateMachineArn" = local.state_machine_arn
      } }
    })],
    # Vended log delivery of an encrypted state machine makes its data keys in the role's name.
    local.logging ? [jsonencode({
      Sid       = "DeliverEncryptedExecutionLogs"
      Effect    = "Allow"
      Action    = ["kms:GenerateDataKey"]
      Resource  = [var.kms_key_arn]
      Condition = { StringEquals = { "kms:EncryptionContext:SourceArn" = "arn:${local.partition}:logs:${local.region}:${local.account_id}:*" } }
    })] : [],
  )

  policy_statements = concat(
    local.lambda_statements,
    local.ecs_statements,
    local.sns_statements,
    local.nested_statements,
    local.callback_statements,
    local.own_execution_statements,
    local.eventbridge_statements,
    local.dynamodb_statements,
    local.xray_statements,
    local.log_delivery_statements,
    local.kms_statements,
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
  count = local.logging ? 1 : 0

  # The vendedlogs prefix keeps the account's CloudWatch Logs resource policy under its 5,120-character limit.
  name              = "/aws/vendedlogs/states/${var.name}"
  retention_in_days = var.cloudwatch_logs_retention_in_days
  # Null keeps CloudWatch Logs' own AWS-owned key.
  kms_key_id = var.kms_key_arn
  tags       = var.tags
}

resource "aws_sfn_state_machine" "this" {
  name       = var.name
  type       = var.type
  role_arn   = aws_iam_role.this.arn
  definition = local.definition

  # OFF leaves the block out entirely: no level, no destination, no log group.
  dynamic "logging_configuration" {
    for_each = aws_cloudwatch_log_group.this
    content {
      level                  = var.logging_level
      include_execution_data = var.include_execution_data
      log_destination        = "${logging_configuration.value.arn}:*"
    }
  }

  # Always explicit: AWS-owned keys unless a customer-managed key is given.
  encryption_configuration {
    type                              = var.kms_key_arn == null ? "AWS_OWNED_KEY" : "CUSTOMER_MANAGED_KMS_KEY"
    kms_key_id                        = var.kms_key_arn
    kms_data_key_reuse_period_seconds = var.kms_key_arn == null ? null : var.kms_data_key_reuse_period_seconds
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
