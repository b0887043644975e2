# The orchestrator and everything around it, offline. Distinct ARNs let each reference be followed
# through the wiring.
mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  name                 = "sw"
  region               = "eu-west-1"
  lambda_manifest_path = "./tests/fixtures/manifest.json"
}

override_resource {
  target          = module.number_processor.aws_sfn_state_machine.this
  override_during = plan
  values          = { arn = "arn:aws:states:eu-west-1:123456789012:stateMachine:sw-number-processor" }
}

override_resource {
  target          = module.container_task.aws_ecs_cluster.this
  override_during = plan
  values          = { arn = "arn:aws:ecs:eu-west-1:123456789012:cluster/sw-container" }
}

override_resource {
  target          = module.container_task.aws_ecs_task_definition.this
  override_during = plan
  values          = { arn = "arn:aws:ecs:eu-west-1:123456789012:task-definition/sw-container:7" }
}

override_resource {
  target          = module.container_task.aws_iam_role.execution
  override_during = plan
  values          = { arn = "arn:aws:iam::123456789012:role/sw-container-task-execution" }
}

override_resource {
  target          = module.container_task.aws_iam_role.task
  override_during = plan
  values          = { arn = "arn:aws:iam::123456789012:role/sw-container-task" }
}

override_resource {
  target          = module.container_task.aws_security_group.this
  override_during = plan
  values          = { id = "sg-0container" }
}

override_resource {
  target          = module.runs_table.aws_dynamodb_table.this
  override_during = plan
  values          = { arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/sw-orchestrator-runs" }
}

override_resource {
  target          = module.orchestrator.aws_sfn_state_machine.this
  override_during = plan
  values          = { arn = "arn:aws:states:eu-west-1:123456789012:stateMachine:sw-orchestrator" }
}

override_resource {
  target          = module.orchestrator_notifications.aws_sns_topic.this
  override_during = plan
  values          = { arn = "arn:aws:sns:eu-west-1:123456789012:sw-orchestrator-notifications" }
}

override_resource {
  target          = module.orchestrator_notifications.aws_cloudwatch_event_rule.this
  override_during = plan
  values          = { arn = "arn:aws:events:eu-west-1:123456789012:rule/sw-orchestrator-notifications" }
}

run "definition_is_wired_to_the_table_the_child_and_the_task" {
  command = plan

  assert {
    condition     = jsondecode(module.orchestrator.definition).QueryLanguage == "JSONata" && module.orchestrator.type == "STANDARD"
    error_message = "The orchestrator is a STANDARD JSONata workflow."
  }
  assert {
    condition = toset([
      for name, state in merge(jsondecode(module.orchestrator.definition).States, jsondecode(module.orchestrator.definition).States.RunJobs.ItemProcessor.States) :
      state.Arguments.TableName if startswith(try(state.Resource, ""), "arn:aws:states:::dynamodb:")
    ]) == toset(["sw-orchestrator-runs"])
    error_message = "Every DynamoDB task must name the runs table."
  }
  assert {
    condition     = jsondecode(module.orchestrator.definition).States.RunJobs.ItemProcessor.States.RunNumberProcessor.Arguments.StateMachineArn == "arn:aws:states:eu-west-1:123456789012:stateMachine:sw-number-processor"
    error_message = "number-processor jobs must start the deployed number processor."
  }
  assert {
    condition     = jsondecode(module.orchestrator.definition).States.RunJobs.ItemProcessor.States.RunNumberProcessor.TimeoutSeconds == 3600
    error_message = "A child job times out after orchestrator_child_timeout_seconds."
  }
  assert {
    condition = (
      jsondecode(module.orchestrator.definition).States.RunJobs.ItemProcessor.States.StartContainerTask.Arguments.Cluster == "arn:aws:ecs:eu-west-1:123456789012:cluster/sw-container" &&
      jsondecode(module.orchestrator.definition).States.RunJobs.ItemProcessor.States.StartContainerTask.Arguments.TaskDefinition == "arn:aws:ecs:eu-west-1:123456789012:task-definition/sw-container:7" &&
      jsondecode(module.orchestrator.definition).States.RunJobs.ItemProcessor.States.StartContainerTask.Arguments.NetworkConfiguration.AwsvpcConfiguration == {
        Subnets        = ["subnet-0defaulta", "subnet-0defaultb"]
        SecurityGroups = ["sg-0container"]
        AssignPublicIp = "ENABLED"
      } &&
      jsondecode(module.orchestrator.definition).States.RunJobs.ItemProcessor.States.DescribeContainerTask.Arguments.Cluster == "arn:aws:ecs:eu-west-1:123456789012:cluster/sw-container"
    )
    error_message = "container-task jobs must run and poll the deployed task on its cluster and network."
  }
  assert {
    condition     = jsondecode(module.orchestrator.definition).States.RunJobs.ItemProcessor.States.WaitForContainerTask.Seconds == 30
    error_message = "Container jobs are polled every orchestrator_poll_interval_seconds."
  }
  assert {
    condition     = strcontains(jsondecode(module.orchestrator.definition).States.ValidateManifest.Output.problems, "a run takes at most 20")
    error_message = "The manifest check must use orchestrator_max_jobs."
  }
}

run "role_holds_exactly_the_integrations_statements" {
  command = plan

  assert {
    condition = jsondecode(module.orchestrator.role_policy_json).Statement == [
      {
        Sid       = "RunPolledEcsTask"
        Effect    = "Allow"
        Action    = ["ecs:RunTask"]
        Resource  = ["arn:aws:ecs:eu-west-1:123456789012:task-definition/sw-container:7"]
        Condition = { ArnEquals = { "ecs:cluster" = "arn:aws:ecs:eu-west-1:123456789012:cluster/sw-container" } }
      },
      {
        Sid      = "DescribeAndStopPolledEcsTasks"
        Effect   = "Allow"
        Action   = ["ecs:DescribeTasks", "ecs:StopTask"]
        Resource = ["arn:aws:ecs:eu-west-1:123456789012:task/sw-container/*"]
      },
      {
        Sid       = "PassPolledEcsTaskRoles"
        Effect    = "Allow"
        Action    = ["iam:PassRole"]
        Resource  = ["arn:aws:iam::123456789012:role/sw-container-task-execution", "arn:aws:iam::123456789012:role/sw-container-task"]
        Condition = { StringEquals = { "iam:PassedToService" = "ecs-tasks.amazonaws.com" } }
      },
      {
        Sid      = "StartChildExecutions"
        Effect   = "Allow"
        Action   = ["states:StartExecution"]
        Resource = ["arn:aws:states:eu-west-1:123456789012:stateMachine:sw-number-processor"]
      },
      {
        Sid      = "TrackAndStopChildExecutions"
        Effect   = "Allow"
        Action   = ["states:DescribeExecution", "states:StopExecution"]
        Resource = ["arn:aws:states:eu-west-1:123456789012:execution:sw-number-processor:*"]
      },
      {
        Sid      = "ManageNestedSyncEventRule"
        Effect   = "Allow"
        Action   = ["events:DescribeRule", "events:PutRule", "events:PutTargets"]
        Resource = ["arn:aws:events:eu-west-1:123456789012:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule"]
      },
      {
        Sid      = "ReadWriteDynamoDbItems"
        Effect   = "Allow"
        Action   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]
        Resource = ["arn:aws:dynamodb:eu-west-1:123456789012:table/sw-orchestrator-runs"]
      },
      {
        Sid      = "WriteXRayTraces"
        Effect   = "Allow"
        Action   = ["xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments"]
        Resource = ["*"]
      },
      {
        Sid    = "DeliverExecutionLogs"
        Effect = "Allow"
        Action = [
          "logs:CreateLogDelivery", "logs:DeleteLogDelivery", "logs:DescribeLogGroups", "logs:DescribeResourcePolicies",
          "logs:GetLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:UpdateLogDelivery",
        ]
        Resource = ["*"]
      },
    ]
    error_message = "The orchestrator's role must hold exactly its integrations' statements, in this order."
  }
}

run "logs_everything_with_execution_data_and_traces" {
  command = plan

  assert {
    condition = (
      module.orchestrator.logging_configuration.level == "ALL" &&
      module.orchestrator.logging_configuration.include_execution_data &&
      module.orchestrator.tracing_enabled &&
      module.orchestrator.log_group_name == "/aws/vendedlogs/states/sw-orchestrator"
    )
    error_message = "Logging must be ALL with execution data in the vended log group, and X-Ray on."
  }
}

run "runs_table_is_keyed_by_run_and_record" {
  command = plan

  assert {
    condition = (
      module.runs_table.name == "sw-orchestrator-runs" && module.runs_table.hash_key == "run_id" &&
      module.runs_table.range_key == "record" && module.runs_table.ttl_attribute_name == "expires_at"
    )
    error_message = "The table must be keyed by run_id and record, with TTL on expires_at."
  }
  assert {
    condition     = jsondecode(module.orchestrator.definition).States.RecordRun.Arguments.TableName == "sw-orchestrator-runs"
    error_message = "The workflow must write to this table."
  }
}

run "failed_runs_are_announced_with_a_readable_message" {
  command = plan

  assert {
    condition     = jsondecode(module.orchestrator_notifications.event_pattern).detail == { stateMachineArn = ["arn:aws:states:eu-west-1:123456789012:stateMachine:sw-orchestrator"], status = ["FAILED", "TIMED_OUT", "ABORTED"] }
    error_message = "The notification rule must match the orchestrator's unsuccessful executions."
  }
  assert {
    condition     = module.orchestrator_notifications.target_arn == "arn:aws:sns:eu-west-1:123456789012:sw-orchestrator-notifications"
    error_message = "The rule must publish to the topic."
  }
  assert {
    condition     = startswith(module.orchestrator_notifications.input_transformer.input_template, "\"Workflow sw-orchestrator: execution <execution> ended <status>")
    error_message = "The message must name the workflow (templates/execution-notification.json rendered with its name)."
  }
  assert {
    condition     = output.orchestrator_topic_arn == "arn:aws:sns:eu-west-1:123456789012:sw-orchestrator-notifications"
    error_message = "Unexpected topic output."
  }
}

run "success_can_be_announced_too" {
  command = plan
  variables {
    orchestrator_notify_on_success = true
  }
  assert {
    condition     = contains(jsondecode(module.orchestrator_notifications.event_pattern).detail.status, "SUCCEEDED")
    error_message = "orchestrator_notify_on_success adds SUCCEEDED."
  }
}

run "each_trigger_starts_the_orchestrator" {
  command = plan

  assert {
    condition = (
      module.orchestrator_triggers.schedule.target_arn == "arn:aws:states:eu-west-1:123456789012:stateMachine:sw-orchestrator" &&
      module.orchestrator_triggers.schedule.state == "DISABLED" &&
      module.orchestrator_triggers.schedule.expression == "cron(0 2 * * ? *)" &&
      jsondecode(module.orchestrator_triggers.schedule.input).run_id == "nightly-<aws.scheduler.scheduled-time>"
    )
    error_message = "The schedule must start the orchestrator with the manifest variable, disabled by default."
  }
  assert {
    condition = (
      module.orchestrator_triggers.event.target_arn == "arn:aws:states:eu-west-1:123456789012:stateMachine:sw-orchestrator" &&
      jsondecode(module.orchestrator_triggers.event.event_pattern) == { source = ["serverless-workflows.orchestrator"], "detail-type" = ["Run Requested"] }
    )
    error_message = "The custom-event rule must start the orchestrator."
  }
  assert {
    condition     = module.orchestrator_triggers.http_api_request_parameters["StateMachineArn"] == "arn:aws:states:eu-west-1:123456789012:stateMachine:sw-orchestrator"
    error_message = "POST /runs must start the orchestrator."
  }
  assert {
    condition     = jsondecode(module.orchestrator_triggers.start_execution_policy_json).Statement[0].Resource == ["arn:aws:states:eu-west-1:123456789012:stateMachine:sw-orchestrator"]
    error_message = "The trigger roles may start the orchestrator only."
  }
  assert {
    condition = (
      output.orchestrator_schedule_name == "sw-orchestrator" &&
      output.orchestrator_api_endpoint == "https://mockapi123.execute-api.eu-west-1.amazonaws.com" &&
      output.orchestrator_console_url == "https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/statemachines/view/arn:aws:states:eu-west-1:123456789012:stateMachine:sw-orchestrator" &&
      output.orchestrator_table_name == "sw-orchestrator-runs"
    )
    error_message = "Unexpected orchestrator outputs."
  }
}

run "schedule_settings_come_from_the_variables" {
  command = plan
  variables {
    orchestrator_schedule_expression = "cron(30 6 ? * MON-FRI *)"
    orchestrator_schedule_timezone   = "Europe/Paris"
    orchestrator_schedule_enabled    = true
  }
  assert {
    condition = (
      module.orchestrator_triggers.schedule.expression == "cron(30 6 ? * MON-FRI *)" &&
      module.orchestrator_triggers.schedule.timezone == "Europe/Paris" &&
      module.orchestrator_triggers.schedule.state == "ENABLED"
    )
    error_message = "Expression, time zone and state come from the root variables."
  }
}

run "rejects_a_manifest_that_is_not_json" {
  command = plan
  variables {
    orchestrator_schedule_manifest = "{run_id: nightly}"
  }
  expect_failures = [var.orchestrator_schedule_manifest]
}

run "rejects_a_manifest_without_a_usable_run_id" {
  command = plan
  variables {
    orchestrator_schedule_manifest = "{\"run_id\":\"nightly 1\",\"jobs\":[{\"name\":\"a\",\"workflow\":\"number-processor\"}]}"
  }
  expect_failures = [var.orchestrator_schedule_manifest]
}

run "rejects_a_manifest_with_too_many_jobs" {
  command = plan
  variables {
    orchestrator_max_jobs                = 1
    orchestrator_default_max_concurrency = 1
    orchestrator_schedule_manifest       = "{\"run_id\":\"n-<aws.scheduler.scheduled-time>\",\"jobs\":[{\"name\":\"a\",\"workflow\":\"number-processor\"},{\"name\":\"b\",\"workflow\":\"number-processor\"}]}"
  }
  expect_failures = [var.orchestrator_schedule_manifest]
}

run "rejects_a_manifest_concurrency_out_of_bounds" {
  command = plan
  variables {
    orchestrator_schedule_manifest = "{\"run_id\":\"n-<aws.scheduler.scheduled-time>\",\"jobs\":[{\"name\":\"a\",\"workflow\":\"number-processor\"}],\"max_concurrency\":0}"
  }
  expect_failures = [var.orchestrator_schedule_manifest]
}

run "rejects_a_default_concurrency_above_the_job_limit" {
  command = plan
  variables {
    orchestrator_max_jobs                = 3
    orchestrator_default_max_concurrency = 4
  }
  expect_failures = [var.orchestrator_default_max_concurrency]
}

run "rejects_a_job_timeout_shorter_than_a_poll" {
  command = plan
  variables {
    orchestrator_poll_interval_seconds         = 60
    orchestrator_container_job_timeout_seconds = 30
  }
  expect_failures = [var.orchestrator_container_job_timeout_seconds]
}
