# Offline: every value the provider would compute comes from tests/mocks.
mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  name                = "orchestrator"
  definition_template = "./tests/fixtures/orchestrator.asl.json"
  definition_variables = {
    max_concurrency         = "5"
    child_state_machine_arn = "arn:aws:states:eu-west-1:123456789012:stateMachine:child"
    event_bus_arn           = "arn:aws:events:eu-west-1:123456789012:event-bus/default"
    event_source            = "serverless-workflows.orchestrator"
  }
}

run "renders_a_canonical_definition" {
  command = plan

  assert {
    condition     = output.definition == jsonencode(jsondecode(output.definition))
    error_message = "The definition is not canonical JSON."
  }
  assert {
    condition     = jsondecode(output.definition).States.RunChildren.ItemProcessor.States.RunChild.Parameters.StateMachineArn == "arn:aws:states:eu-west-1:123456789012:stateMachine:child"
    error_message = "The child state machine ARN was not interpolated."
  }
  assert {
    condition     = jsondecode(output.definition).States.RunChildren.MaxConcurrency == 5
    error_message = "An unquoted placeholder must render as a JSON number."
  }
  assert {
    condition     = aws_sfn_state_machine.this.definition == output.definition && aws_sfn_state_machine.this.type == "STANDARD"
    error_message = "The state machine must use the rendered definition and default to STANDARD."
  }
}

run "trust_policy_is_limited_to_this_state_machine" {
  command = plan

  assert {
    condition = jsondecode(output.assume_role_policy_json).Statement == [{
      Sid       = "StepFunctionsAssumeRole"
      Effect    = "Allow"
      Principal = { Service = "states.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = "123456789012" }
        ArnLike      = { "aws:SourceArn" = "arn:aws:states:eu-west-1:123456789012:stateMachine:orchestrator" }
      }
    }]
    error_message = "The trust policy must name states.amazonaws.com with source account and source ARN conditions."
  }
}

run "without_integrations_only_logs_and_xray" {
  command = plan

  assert {
    condition     = [for s in jsondecode(output.role_policy_json).Statement : s.Sid] == ["WriteXRayTraces", "DeliverExecutionLogs"]
    error_message = "Only X-Ray and log delivery statements are expected without integrations."
  }
  assert {
    condition = jsondecode(output.role_policy_json).Statement[0] == {
      Sid      = "WriteXRayTraces"
      Effect   = "Allow"
      Action   = ["xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments"]
      Resource = ["*"]
    }
    error_message = "The X-Ray statement is wrong."
  }
  assert {
    condition = jsondecode(output.role_policy_json).Statement[1] == {
      Sid    = "DeliverExecutionLogs"
      Effect = "Allow"
      Action = [
        "logs:CreateLogDelivery", "logs:DeleteLogDelivery", "logs:DescribeLogGroups", "logs:DescribeResourcePolicies",
        "logs:GetLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:UpdateLogDelivery",
      ]
      Resource = ["*"]
    }
    error_message = "The log delivery statement is wrong."
  }
}

run "every_integration_gets_exact_statements" {
  command = plan

  variables {
    integrations = {
      lambda = { function_arns = ["arn:aws:lambda:eu-west-1:123456789012:function:even"] }
      ecs_run_task_sync = {
        task_definition_arn = "arn:aws:ecs:eu-west-1:123456789012:task-definition/job:3"
        cluster_arn         = "arn:aws:ecs:eu-west-1:123456789012:cluster/jobs"
        pass_role_arns      = ["arn:aws:iam::123456789012:role/job-execution", "arn:aws:iam::123456789012:role/job-task"]
      }
      sns_publish = {
        topic_arns   = ["arn:aws:sns:eu-west-1:123456789012:notices"]
        kms_key_arns = ["arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
      }
      nested_executions      = { state_machine_arns = ["arn:aws:states:eu-west-1:123456789012:stateMachine:child"] }
      eventbridge_put_events = { event_bus_arns = ["arn:aws:events:eu-west-1:123456789012:event-bus/default"] }
    }
  }

  assert {
    condition = [for s in jsondecode(output.role_policy_json).Statement : s.Sid] == [
      "InvokeLambdaFunctions", "RunEcsTask", "TrackAndStopEcsTask", "ManageEcsSyncEventRule", "PassEcsTaskRoles",
      "PublishToSnsTopics", "UseSnsTopicKmsKeys", "StartChildExecutions", "TrackAndStopChildExecutions",
      "ManageNestedSyncEventRule", "PutEventsOnEventBuses", "WriteXRayTraces", "DeliverExecutionLogs",
    ]
    error_message = "Unexpected set of statements."
  }
  assert {
    condition = { for s in jsondecode(output.role_policy_json).Statement : s.Sid => s }["InvokeLambdaFunctions"] == {
      Sid      = "InvokeLambdaFunctions"
      Effect   = "Allow"
      Action   = ["lambda:InvokeFunction"]
      Resource = ["arn:aws:lambda:eu-west-1:123456789012:function:even", "arn:aws:lambda:eu-west-1:123456789012:function:even:*"]
    }
    error_message = "Lambda: InvokeFunction on the function and its versions/aliases only."
  }
  assert {
    condition = { for s in jsondecode(output.role_policy_json).Statement : s.Sid => s }["RunEcsTask"] == {
      Sid       = "RunEcsTask"
      Effect    = "Allow"
      Action    = ["ecs:RunTask"]
      Resource  = ["arn:aws:ecs:eu-west-1:123456789012:task-definition/job:3"]
      Condition = { ArnEquals = { "ecs:cluster" = "arn:aws:ecs:eu-west-1:123456789012:cluster/jobs" } }
    }
    error_message = "ECS: RunTask on the task definition, on the cluster only."
  }
  assert {
    condition = { for s in jsondecode(output.role_policy_json).Statement : s.Sid => s }["ManageEcsSyncEventRule"] == {
      Sid      = "ManageEcsSyncEventRule"
      Effect   = "Allow"
      Action   = ["events:DescribeRule", "events:PutRule", "events:PutTargets"]
      Resource = ["arn:aws:events:eu-west-1:123456789012:rule/StepFunctionsGetEventsForECSTaskRule"]
    }
    error_message = "ECS .sync: only the managed ECS task rule."
  }
  assert {
    condition = { for s in jsondecode(output.role_policy_json).Statement : s.Sid => s }["PassEcsTaskRoles"] == {
      Sid       = "PassEcsTaskRoles"
      Effect    = "Allow"
      Action    = ["iam:PassRole"]
      Resource  = ["arn:aws:iam::123456789012:role/job-execution", "arn:aws:iam::123456789012:role/job-task"]
      Condition = { StringEquals = { "iam:PassedToService" = "ecs-tasks.amazonaws.com" } }
    }
    error_message = "PassRole: the task's two roles, to ECS tasks only."
  }
  assert {
    condition = { for s in jsondecode(output.role_policy_json).Statement : s.Sid => s }["PublishToSnsTopics"] == {
      Sid      = "PublishToSnsTopics"
      Effect   = "Allow"
      Action   = ["sns:Publish"]
      Resource = ["arn:aws:sns:eu-west-1:123456789012:notices"]
    }
    error_message = "SNS: Publish on the topic only."
  }
  assert {
    condition = { for s in jsondecode(output.role_policy_json).Statement : s.Sid => s }["UseSnsTopicKmsKeys"] == {
      Sid       = "UseSnsTopicKmsKeys"
      Effect    = "Allow"
      Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource  = ["arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
      Condition = { StringEquals = { "kms:ViaService" = "sns.eu-west-1.amazonaws.com" } }
    }
    error_message = "KMS: the topic's customer key, through SNS only."
  }
  assert {
    condition = { for s in jsondecode(output.role_policy_json).Statement : s.Sid => s }["TrackAndStopEcsTask"] == {
      Sid       = "TrackAndStopEcsTask"
      Effect    = "Allow"
      Action    = ["ecs:DescribeTasks", "ecs:StopTask"]
      Resource  = ["arn:aws:ecs:eu-west-1:123456789012:task/jobs/*"]
      Condition = { ArnEquals = { "ecs:cluster" = "arn:aws:ecs:eu-west-1:123456789012:cluster/jobs" } }
    }
    error_message = "ECS: DescribeTasks/StopTask only on the cluster's tasks (task/<cluster>/*), never on *."
  }
  assert {
    condition = { for s in jsondecode(output.role_policy_json).Statement : s.Sid => s }["UseSnsTopicKmsKeys"] == {
      Sid       = "UseSnsTopicKmsKeys"
      Effect    = "Allow"
      Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource  = ["arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
      Condition = { StringEquals = { "kms:ViaService" = "sns.eu-west-1.amazonaws.com" } }
    }
    error_message = "SNS: the topic key is usable only through SNS."
  }
  assert {
    condition = { for s in jsondecode(output.role_policy_json).Statement : s.Sid => s }["StartChildExecutions"] == {
      Sid      = "StartChildExecutions"
      Effect   = "Allow"
      Action   = ["states:StartExecution"]
      Resource = ["arn:aws:states:eu-west-1:123456789012:stateMachine:child"]
    }
    error_message = "Nested: StartExecution on the child state machine only."
  }
  assert {
    condition = { for s in jsondecode(output.role_policy_json).Statement : s.Sid => s }["TrackAndStopChildExecutions"] == {
      Sid      = "TrackAndStopChildExecutions"
      Effect   = "Allow"
      Action   = ["states:DescribeExecution", "states:StopExecution"]
      Resource = ["arn:aws:states:eu-west-1:123456789012:execution:child:*"]
    }
    error_message = "Nested: Describe/StopExecution on the child's executions only."
  }
  assert {
    condition = { for s in jsondecode(output.role_policy_json).Statement : s.Sid => s }["ManageNestedSyncEventRule"] == {
      Sid      = "ManageNestedSyncEventRule"
      Effect   = "Allow"
      Action   = ["events:DescribeRule", "events:PutRule", "events:PutTargets"]
      Resource = ["arn:aws:events:eu-west-1:123456789012:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule"]
    }
    error_message = "Nested .sync: only the managed execution rule."
  }
  assert {
    condition = { for s in jsondecode(output.role_policy_json).Statement : s.Sid => s }["PutEventsOnEventBuses"] == {
      Sid      = "PutEventsOnEventBuses"
      Effect   = "Allow"
      Action   = ["events:PutEvents"]
      Resource = ["arn:aws:events:eu-west-1:123456789012:event-bus/default"]
    }
    error_message = "EventBridge: PutEvents on the bus only."
  }
}

run "nested_without_sync_and_aws_managed_sns_key" {
  command = plan

  variables {
    integrations = {
      sns_publish       = { topic_arns = ["arn:aws:sns:eu-west-1:123456789012:notices"] }
      nested_executions = { state_machine_arns = ["arn:aws:states:eu-west-1:123456789012:stateMachine:child"], sync = false }
    }
  }

  assert {
    condition = [for s in jsondecode(output.role_policy_json).Statement : s.Sid] == [
      "PublishToSnsTopics", "StartChildExecutions", "TrackAndStopChildExecutions", "WriteXRayTraces", "DeliverExecutionLogs",
    ]
    error_message = "No KMS statement without a customer key, no events rule without .sync."
  }
}

run "answering_callers_tasks_is_scoped_to_the_callers" {
  command = plan

  variables {
    integrations = {
      task_callbacks = { state_machine_arns = ["arn:aws:states:eu-west-1:123456789012:stateMachine:caller"] }
    }
  }

  assert {
    condition = [for s in jsondecode(output.role_policy_json).Statement : s if s.Sid == "AnswerCallerTasks"] == [{
      Sid      = "AnswerCallerTasks"
      Effect   = "Allow"
      Action   = ["states:SendTaskSuccess", "states:SendTaskFailure"]
      Resource = ["arn:aws:states:eu-west-1:123456789012:stateMachine:caller"]
    }]
    error_message = "A workflow that answers callback tasks may answer only its callers' (no heartbeat, no \"*\")."
  }
}

run "logging_and_tracing_on_by_default" {
  command = plan

  assert {
    condition     = aws_cloudwatch_log_group.this[0].name == "/aws/vendedlogs/states/orchestrator" && aws_cloudwatch_log_group.this[0].retention_in_days == 30
    error_message = "The log group must be /aws/vendedlogs/states/<name> with a retention."
  }
  assert {
    condition     = aws_sfn_state_machine.this.logging_configuration[0].log_destination == "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vendedlogs/states/orchestrator:*"
    error_message = "The log destination must be the log group ARN followed by :*."
  }
  assert {
    condition     = aws_sfn_state_machine.this.logging_configuration[0].level == "ERROR" && aws_sfn_state_machine.this.logging_configuration[0].include_execution_data == false
    error_message = "Logging defaults to ERROR without execution data."
  }
  assert {
    condition     = aws_sfn_state_machine.this.tracing_configuration[0].enabled
    error_message = "Tracing must be on."
  }
  assert {
    condition     = output.console_url == "https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/statemachines/view/arn:aws:states:eu-west-1:123456789012:stateMachine:orchestrator"
    error_message = "Unexpected console URL."
  }
}

run "logging_off_and_tracing_off_drop_their_statements" {
  command = plan

  variables {
    logging_level   = "OFF"
    tracing_enabled = false
    integrations    = { lambda = { function_arns = ["arn:aws:lambda:eu-west-1:123456789012:function:even"] } }
  }

  assert {
    condition     = [for s in jsondecode(output.role_policy_json).Statement : s.Sid] == ["InvokeLambdaFunctions"]
    error_message = "Without logging and tracing only the integration statements remain."
  }
  assert {
    condition     = length(aws_sfn_state_machine.this.logging_configuration) == 0 && length(aws_cloudwatch_log_group.this) == 0
    error_message = "OFF must leave out the logging configuration entirely, and the log group with it."
  }
  assert {
    condition     = output.log_group_name == null && output.logging_configuration == null
    error_message = "Without logging there is no log group to report."
  }
}

run "aws_owned_keys_by_default" {
  command = plan

  assert {
    condition     = aws_sfn_state_machine.this.encryption_configuration[0].type == "AWS_OWNED_KEY" && aws_sfn_state_machine.this.encryption_configuration[0].kms_key_id == null
    error_message = "Without kms_key_arn the state machine must say AWS_OWNED_KEY explicitly."
  }
  assert {
    condition     = aws_cloudwatch_log_group.this[0].kms_key_id == null
    error_message = "Without kms_key_arn the log group keeps CloudWatch Logs' AWS-owned key."
  }
  assert {
    condition     = !anytrue([for s in jsondecode(output.role_policy_json).Statement : anytrue([for a in s.Action : startswith(a, "kms:")])])
    error_message = "No kms: permission without a customer-managed key."
  }
}

run "customer_managed_key_encrypts_definition_history_and_logs" {
  command = plan

  variables {
    kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }

  assert {
    condition = aws_sfn_state_machine.this.encryption_configuration[0] == {
      type                              = "CUSTOMER_MANAGED_KMS_KEY"
      kms_key_id                        = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      kms_data_key_reuse_period_seconds = 300
    }
    error_message = "The state machine must be encrypted with the given key."
  }
  assert {
    condition     = aws_cloudwatch_log_group.this[0].kms_key_id == "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    error_message = "The execution log group must be encrypted with the same key."
  }
  assert {
    condition = { for s in jsondecode(output.role_policy_json).Statement : s.Sid => s }["UseStateMachineKmsKey"] == {
      Sid      = "UseStateMachineKmsKey"
      Effect   = "Allow"
      Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource = ["arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
      Condition = { StringEquals = {
        "kms:ViaService"                                   = "states.eu-west-1.amazonaws.com"
        "kms:EncryptionContext:aws:states:stateMachineArn" = "arn:aws:states:eu-west-1:123456789012:stateMachine:orchestrator"
      } }
    }
    error_message = "The role may use the key only through Step Functions and only for this state machine."
  }
  assert {
    condition = { for s in jsondecode(output.role_policy_json).Statement : s.Sid => s }["DeliverEncryptedExecutionLogs"] == {
      Sid       = "DeliverEncryptedExecutionLogs"
      Effect    = "Allow"
      Action    = ["kms:GenerateDataKey"]
      Resource  = ["arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
      Condition = { StringEquals = { "kms:EncryptionContext:SourceArn" = "arn:aws:logs:eu-west-1:123456789012:*" } }
    }
    error_message = "Log delivery of an encrypted state machine may only make data keys for this account's logs."
  }
  assert {
    condition = alltrue([for s in jsondecode(output.role_policy_json).Statement : can(s.Condition)
    if anytrue([for a in s.Action : startswith(a, "kms:")])])
    error_message = "Every kms: permission must carry a condition."
  }
}

run "customer_managed_key_without_logging" {
  command = plan

  variables {
    kms_key_arn   = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    logging_level = "OFF"
  }

  assert {
    condition     = [for s in jsondecode(output.role_policy_json).Statement : s.Sid] == ["WriteXRayTraces", "UseStateMachineKmsKey"]
    error_message = "Without logging the role needs no log delivery permissions, encrypted or not."
  }
}

run "rejects_a_key_alias" {
  command = plan

  variables {
    kms_key_arn = "alias/my-key"
  }

  expect_failures = [var.kms_key_arn]
}

run "console_url_in_aws_us_gov" {
  command = plan

  override_data {
    target = data.aws_partition.current
    values = { partition = "aws-us-gov", dns_suffix = "amazonaws.com" }
  }
  override_data {
    target = data.aws_region.current
    values = { name = "us-gov-west-1" }
  }
  override_resource {
    target          = aws_sfn_state_machine.this
    override_during = plan
    values          = { arn = "arn:aws-us-gov:states:us-gov-west-1:123456789012:stateMachine:orchestrator" }
  }

  assert {
    condition     = output.console_url == "https://console.amazonaws-us-gov.com/states/home?region=us-gov-west-1#/statemachines/view/arn:aws-us-gov:states:us-gov-west-1:123456789012:stateMachine:orchestrator"
    error_message = "GovCloud has its own console domain."
  }
}

run "console_url_and_service_names_in_aws_cn" {
  command = plan

  variables {
    kms_key_arn  = "arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    integrations = { sns_publish = { topic_arns = ["arn:aws-cn:sns:cn-north-1:123456789012:notices"], kms_key_arns = ["arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"] } }
  }

  override_data {
    target = data.aws_partition.current
    values = { partition = "aws-cn", dns_suffix = "amazonaws.com.cn" }
  }
  override_data {
    target = data.aws_region.current
    values = { name = "cn-north-1" }
  }
  override_resource {
    target          = aws_sfn_state_machine.this
    override_during = plan
    values          = { arn = "arn:aws-cn:states:cn-north-1:123456789012:stateMachine:orchestrator" }
  }

  assert {
    condition     = output.console_url == "https://console.amazonaws.cn/states/home?region=cn-north-1#/statemachines/view/arn:aws-cn:states:cn-north-1:123456789012:stateMachine:orchestrator"
    error_message = "China has its own console domain."
  }
  assert {
    condition = [for s in jsondecode(output.role_policy_json).Statement : s.Condition.StringEquals["kms:ViaService"] if can(s.Condition.StringEquals["kms:ViaService"])] == [
      "sns.cn-north-1.amazonaws.com.cn", "states.cn-north-1.amazonaws.com.cn",
    ]
    error_message = "Service endpoints in kms:ViaService must use the partition's DNS suffix."
  }
  assert {
    condition     = jsondecode(output.assume_role_policy_json).Statement[0].Condition.ArnLike["aws:SourceArn"] == "arn:aws-cn:states:cn-north-1:123456789012:stateMachine:orchestrator"
    error_message = "The trust policy's source ARN must be in the partition."
  }
}

run "an_empty_policy_is_refused" {
  command = plan

  variables {
    logging_level   = "OFF"
    tracing_enabled = false
  }

  expect_failures = [aws_iam_role_policy.this]
}

run "rejects_bad_name" {
  command = plan

  variables {
    name = "bad name!"
  }

  expect_failures = [var.name]
}

run "rejects_bad_type" {
  command = plan

  variables {
    type = "SYNC"
  }

  expect_failures = [var.type]
}

run "rejects_bad_logging_level" {
  command = plan

  variables {
    logging_level = "DEBUG"
  }

  expect_failures = [var.logging_level]
}

run "rejects_bad_retention" {
  command = plan

  variables {
    cloudwatch_logs_retention_in_days = 10
  }

  expect_failures = [var.cloudwatch_logs_retention_in_days]
}

run "express_cannot_wait_for_a_job" {
  command = plan
  variables {
    type = "EXPRESS"
    integrations = {
      nested_executions = { state_machine_arns = ["arn:aws:states:eu-west-1:123456789012:stateMachine:child"] }
    }
  }
  expect_failures = [aws_sfn_state_machine.this]
}

run "express_may_call_request_response_integrations" {
  command = plan
  variables {
    type = "EXPRESS"
    integrations = {
      lambda = { function_arns = ["arn:aws:lambda:eu-west-1:123456789012:function:even"] }
    }
  }
  assert {
    condition     = aws_sfn_state_machine.this.type == "EXPRESS"
    error_message = "EXPRESS is accepted without .sync integrations."
  }
}

run "polled_ecs_task_and_dynamodb_get_exact_statements" {
  command = plan

  variables {
    integrations = {
      ecs_run_task = {
        task_definition_arn = "arn:aws:ecs:eu-west-1:123456789012:task-definition/job:3"
        cluster_arn         = "arn:aws:ecs:eu-west-1:123456789012:cluster/jobs"
        pass_role_arns      = ["arn:aws:iam::123456789012:role/job-execution", "arn:aws:iam::123456789012:role/job-task"]
      }
      dynamodb = {
        table_arns   = ["arn:aws:dynamodb:eu-west-1:123456789012:table/runs"]
        actions      = ["UpdateItem", "PutItem", "GetItem"]
        kms_key_arns = ["arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
      }
    }
  }

  assert {
    condition = [for s in jsondecode(output.role_policy_json).Statement : s.Sid] == [
      "RunPolledEcsTask", "DescribeAndStopPolledEcsTasks", "PassPolledEcsTaskRoles", "ReadWriteDynamoDbItems",
      "UseDynamoDbTableKmsKeys", "WriteXRayTraces", "DeliverExecutionLogs",
    ]
    error_message = "No events rule without .sync; the DynamoDB statement and its key's."
  }
  assert {
    condition = { for s in jsondecode(output.role_policy_json).Statement : s.Sid => s }["UseDynamoDbTableKmsKeys"] == {
      Sid       = "UseDynamoDbTableKmsKeys"
      Effect    = "Allow"
      Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource  = ["arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
      Condition = { StringEquals = { "kms:ViaService" = "dynamodb.eu-west-1.amazonaws.com" } }
    }
    error_message = "KMS: the table's customer key, through DynamoDB only."
  }
  assert {
    condition = { for s in jsondecode(output.role_policy_json).Statement : s.Sid => s }["RunPolledEcsTask"] == {
      Sid       = "RunPolledEcsTask"
      Effect    = "Allow"
      Action    = ["ecs:RunTask"]
      Resource  = ["arn:aws:ecs:eu-west-1:123456789012:task-definition/job:3"]
      Condition = { ArnEquals = { "ecs:cluster" = "arn:aws:ecs:eu-west-1:123456789012:cluster/jobs" } }
    }
    error_message = "Polled ECS: RunTask on the task definition, on the cluster only."
  }
  assert {
    condition = { for s in jsondecode(output.role_policy_json).Statement : s.Sid => s }["DescribeAndStopPolledEcsTasks"] == {
      Sid      = "DescribeAndStopPolledEcsTasks"
      Effect   = "Allow"
      Action   = ["ecs:DescribeTasks", "ecs:StopTask"]
      Resource = ["arn:aws:ecs:eu-west-1:123456789012:task/jobs/*"]
    }
    error_message = "Polled ECS: DescribeTasks/StopTask on the cluster's tasks only."
  }
  assert {
    condition = { for s in jsondecode(output.role_policy_json).Statement : s.Sid => s }["PassPolledEcsTaskRoles"] == {
      Sid       = "PassPolledEcsTaskRoles"
      Effect    = "Allow"
      Action    = ["iam:PassRole"]
      Resource  = ["arn:aws:iam::123456789012:role/job-execution", "arn:aws:iam::123456789012:role/job-task"]
      Condition = { StringEquals = { "iam:PassedToService" = "ecs-tasks.amazonaws.com" } }
    }
    error_message = "Polled ECS: PassRole on the task's two roles, to ECS tasks only."
  }
  assert {
    condition = { for s in jsondecode(output.role_policy_json).Statement : s.Sid => s }["ReadWriteDynamoDbItems"] == {
      Sid      = "ReadWriteDynamoDbItems"
      Effect   = "Allow"
      Action   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]
      Resource = ["arn:aws:dynamodb:eu-west-1:123456789012:table/runs"]
    }
    error_message = "DynamoDB: exactly the declared item actions, on the table only."
  }
}

run "rejects_unknown_dynamodb_actions" {
  command = plan
  variables {
    integrations = {
      dynamodb = { table_arns = ["arn:aws:dynamodb:eu-west-1:123456789012:table/runs"], actions = ["Scan"] }
    }
  }
  expect_failures = [var.integrations]
}

run "rejects_a_polled_ecs_cluster_that_is_not_an_arn" {
  command = plan
  variables {
    integrations = {
      ecs_run_task = {
        task_definition_arn = "arn:aws:ecs:eu-west-1:123456789012:task-definition/job:3"
        cluster_arn         = "jobs"
        pass_role_arns      = []
      }
    }
  }
  expect_failures = [var.integrations]
}

run "own_executions_are_described_on_this_state_machine_only" {
  command = plan

  variables {
    integrations = {
      nested_executions       = { state_machine_arns = ["arn:aws:states:eu-west-1:123456789012:stateMachine:child"] }
      describe_own_executions = true
    }
  }

  assert {
    condition = [for s in jsondecode(output.role_policy_json).Statement : s.Sid] == [
      "StartChildExecutions", "TrackAndStopChildExecutions", "ManageNestedSyncEventRule", "DescribeOwnExecutions",
      "WriteXRayTraces", "DeliverExecutionLogs",
    ]
    error_message = "DescribeExecution on its own executions is one statement of its own, beside the children's."
  }
  assert {
    condition = { for s in jsondecode(output.role_policy_json).Statement : s.Sid => s }["DescribeOwnExecutions"] == {
      Sid      = "DescribeOwnExecutions"
      Effect   = "Allow"
      Action   = ["states:DescribeExecution"]
      Resource = ["arn:aws:states:eu-west-1:123456789012:execution:orchestrator:*"]
    }
    error_message = "DescribeExecution only, on this state machine's executions only (never StopExecution, never another machine's)."
  }
}
