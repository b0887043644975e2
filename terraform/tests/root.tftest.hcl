# The whole configuration, offline: a fixture manifest stands in for the Cake build, a mocked
# provider for AWS. Distinct ARNs let the tests follow each reference through the wiring.
mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  name                 = "sw"
  region               = "eu-west-1"
  lambda_manifest_path = "./tests/fixtures/manifest.json"
}

override_resource {
  target          = module.lambda["number-generator"].aws_lambda_function.this
  override_during = plan
  values          = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:sw-number-generator" }
}

override_resource {
  target          = module.lambda["even"].aws_lambda_function.this
  override_during = plan
  values          = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:sw-even" }
}

override_resource {
  target          = module.lambda["odd"].aws_lambda_function.this
  override_during = plan
  values          = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:sw-odd" }
}

override_resource {
  target          = module.lambda["job-net"].aws_lambda_function.this
  override_during = plan
  values          = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:sw-job-net" }
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
  target          = module.notifications.aws_sns_topic.this
  override_during = plan
  values          = { arn = "arn:aws:sns:eu-west-1:123456789012:sw-container-task-notifications" }
}

override_resource {
  target          = module.workflow["container-task"].aws_iam_role.this
  override_during = plan
  values          = { arn = "arn:aws:iam::123456789012:role/sw-container-task-role" }
}

override_resource {
  target          = module.workflow["run-deadline"].aws_iam_role.this
  override_during = plan
  values          = { arn = "arn:aws:iam::123456789012:role/sw-run-deadline-role" }
}

override_resource {
  target          = module.workflow["number-processor"].aws_sfn_state_machine.this
  override_during = plan
  values          = { arn = "arn:aws:states:eu-west-1:123456789012:stateMachine:sw-number-processor" }
}

override_resource {
  target          = module.workflow["container-task"].aws_sfn_state_machine.this
  override_during = plan
  values          = { arn = "arn:aws:states:eu-west-1:123456789012:stateMachine:sw-container-task" }
}

run "lambdas_come_from_the_manifest" {
  command = plan

  assert {
    condition     = local.default_manifest_path == "./../artifacts/lambdas/manifest.json"
    error_message = "Without lambda_manifest_path the build's manifest next to terraform/ is read."
  }

  assert {
    condition = local.lambda_packages == {
      "number-generator" = { filename = "tests/fixtures/number-generator.zip", source_code_hash = "n6KlR0tT1Yq5hIuRr7Vw3sFZqXn0b1c2d3e4f5g6h7I=" }
      "even"             = { filename = "tests/fixtures/even.zip", source_code_hash = "ZXZlbkV2ZW5FdmVuRXZlbkV2ZW5FdmVuRXZlbkV2ZW4=" }
      "odd"              = { filename = "tests/fixtures/odd.zip", source_code_hash = "b2RkT2RkT2RkT2RkT2RkT2RkT2RkT2RkT2RkT2RkT2Q=" }
      "job-net"          = { filename = "tests/fixtures/job-net.zip", source_code_hash = "am9iTmV0Sm9iTmV0Sm9iTmV0Sm9iTmV0Sm9iTmV0Sm8=" }
    }
    error_message = "Zip paths must resolve next to the manifest and hashes come from it."
  }
  assert {
    condition     = module.lambda["odd"].source_code_hash == "b2RkT2RkT2RkT2RkT2RkT2RkT2RkT2RkT2RkT2RkT2Q="
    error_message = "The function must deploy the manifest's hash."
  }
  assert {
    condition = output.lambda_function_arns == {
      "number-generator" = "arn:aws:lambda:eu-west-1:123456789012:function:sw-number-generator"
      "even"             = "arn:aws:lambda:eu-west-1:123456789012:function:sw-even"
      "odd"              = "arn:aws:lambda:eu-west-1:123456789012:function:sw-odd"
      "job-net"          = "arn:aws:lambda:eu-west-1:123456789012:function:sw-job-net"
    }
    error_message = "Unexpected function ARNs output."
  }
}

run "function_settings_come_from_deployment_json" {
  command = plan

  assert {
    condition = local.functions == {
      "number-generator" = { function_name = "sw-number-generator", description = "Generates a random number and tells whether it is even.", memory_size = 256, timeout = 10, log_format = "JSON", log_level = "INFO" }
      "even"             = { function_name = "sw-even", description = "Handles an even number.", memory_size = 256, timeout = 10, log_format = "JSON", log_level = "INFO" }
      "odd"              = { function_name = "sw-odd", description = "Handles an odd number.", memory_size = 256, timeout = 10, log_format = "JSON", log_level = "INFO" }
      "job-net"          = { function_name = "sw-job-net", description = "The orchestrator's job net logic: checks a manifest (cycles included) and words a run's outcome.", memory_size = 256, timeout = 10, log_format = "JSON", log_level = "INFO" }
    }
    error_message = "Each manifest function gets deployment.json's defaults and its own description."
  }
  assert {
    condition = (
      local.workflows["number-processor"].name == "sw-number-processor" &&
      local.workflows["number-processor"].definition_template == "./templates/number-processor.asl.json" &&
      tolist(keys(local.workflows["container-task"].definition_variables)) == tolist([
        "assign_public_ip", "cluster_arn", "container_name", "partition", "security_groups_json", "sns_topic_arn", "subnets_json", "task_definition_arn", "task_timeout_seconds",
      ])
    )
    error_message = "Workflows take their names, templates and variables from deployment.json."
  }
}

run "variables_override_deployment_json_for_every_function" {
  command = plan

  variables {
    name               = null
    lambda_memory_size = 512
    lambda_timeout     = 30
    lambda_log_level   = "DEBUG"
  }

  assert {
    condition = alltrue([for function, settings in local.functions :
      settings.memory_size == 512 && settings.timeout == 30 && settings.log_level == "DEBUG" && settings.function_name == "serverless-workflows-${function}"
    ])
    error_message = "Set variables win over deployment.json for every function; a null name means deployment.json's."
  }
}

run "number_processor_definition_wiring" {
  command = plan

  assert {
    condition     = jsondecode(module.workflow["number-processor"].definition).StartAt == "NumberGenerator"
    error_message = "The workflow must start with NumberGenerator."
  }
  assert {
    condition = [for state in ["NumberGenerator", "Even", "Odd"] : jsondecode(module.workflow["number-processor"].definition).States[state].Parameters] == [
      { FunctionName = "arn:aws:lambda:eu-west-1:123456789012:function:sw-number-generator", "Payload.$" = "$" },
      { FunctionName = "arn:aws:lambda:eu-west-1:123456789012:function:sw-even", "Payload.$" = "$" },
      { FunctionName = "arn:aws:lambda:eu-west-1:123456789012:function:sw-odd", "Payload.$" = "$" },
    ]
    error_message = "Each task must invoke its own function with the state input as payload."
  }
  assert {
    condition = alltrue([for state in ["NumberGenerator", "Even", "Odd"] :
      jsondecode(module.workflow["number-processor"].definition).States[state].Resource == "arn:aws:states:::lambda:invoke" &&
      jsondecode(module.workflow["number-processor"].definition).States[state].OutputPath == "$.Payload"
    ])
    error_message = "Tasks must use lambda:invoke and unwrap $.Payload."
  }
  assert {
    condition = alltrue([for state in ["NumberGenerator", "Even", "Odd"] :
      jsondecode(module.workflow["number-processor"].definition).States[state].Retry == [{
        ErrorEquals = [
          "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException",
          "Lambda.TooManyRequestsException", "Lambda.ClientExecutionTimeoutException",
        ]
        IntervalSeconds = 2
        MaxAttempts     = 6
        BackoffRate     = 2
      }]
    ])
    error_message = "Every Lambda task needs AWS's recommended retry."
  }
  assert {
    condition = alltrue([for state in ["NumberGenerator", "Even", "Odd"] :
      jsondecode(module.workflow["number-processor"].definition).States[state].Catch == [{ ErrorEquals = ["States.ALL"], ResultPath = "$.error", Next = "ProcessingFailed" }]
    ])
    error_message = "Every Lambda task must catch all errors into ProcessingFailed."
  }
  assert {
    condition = jsondecode(module.workflow["number-processor"].definition).States.IsEven == {
      Type = "Choice"
      Choices = [
        # A missing field would fail the Choice with States.Runtime before Default is reached.
        { Not = { Variable = "$.is_even", IsPresent = true }, Next = "InvalidGeneratorOutput" },
        { Variable = "$.is_even", BooleanEquals = true, Next = "Even" },
        { Variable = "$.is_even", BooleanEquals = false, Next = "Odd" },
      ]
      Default = "InvalidGeneratorOutput"
    }
    error_message = "The Choice must route a missing is_even to InvalidGeneratorOutput, true to Even, false to Odd."
  }
  assert {
    condition = (
      jsondecode(module.workflow["number-processor"].definition).States.NumberGenerator.Next == "IsEven" &&
      jsondecode(module.workflow["number-processor"].definition).States.Even.End &&
      jsondecode(module.workflow["number-processor"].definition).States.Odd.End
    )
    error_message = "NumberGenerator -> IsEven -> Even | Odd (end)."
  }
  assert {
    condition = (
      jsondecode(module.workflow["number-processor"].definition).States.ProcessingFailed == {
        Type      = "Fail"
        Error     = "NumberProcessingFailed"
        CausePath = "States.JsonToString($.error)"
      } &&
      jsondecode(module.workflow["number-processor"].definition).States.InvalidGeneratorOutput.Type == "Fail" &&
      jsondecode(module.workflow["number-processor"].definition).States.InvalidGeneratorOutput.Error == "InvalidGeneratorOutput"
    )
    error_message = "Failures must end in Fail states with a clear error."
  }
}

run "container_task_definition_wiring" {
  command = plan

  assert {
    condition = jsondecode(module.workflow["container-task"].definition).States.RunContainerTask.Parameters == {
      LaunchType     = "FARGATE"
      Cluster        = "arn:aws:ecs:eu-west-1:123456789012:cluster/sw-container"
      TaskDefinition = "arn:aws:ecs:eu-west-1:123456789012:task-definition/sw-container:7"
      NetworkConfiguration = {
        AwsvpcConfiguration = {
          Subnets        = ["subnet-0defaulta", "subnet-0defaultb"]
          SecurityGroups = ["sg-0container"]
          AssignPublicIp = "ENABLED"
        }
      }
      Overrides = {
        ContainerOverrides = [{ Name = "app", Environment = [{ Name = "EXECUTION_ID", "Value.$" = "$$.Execution.Id" }] }]
      }
    }
    error_message = "RunTask must target the module's cluster, task definition and network."
  }
  assert {
    condition = (
      jsondecode(module.workflow["container-task"].definition).States.RunContainerTask.Resource == "arn:aws:states:::ecs:runTask.sync" &&
      jsondecode(module.workflow["container-task"].definition).States.RunContainerTask.TimeoutSeconds == 900 &&
      jsondecode(module.workflow["container-task"].definition).States.RunContainerTask.Next == "NotifySuccess"
    )
    error_message = "RunTask must be .sync with a timeout, then notify success."
  }
  assert {
    condition     = jsondecode(module.workflow["container-task"].definition).States.RunContainerTask.Catch == [{ ErrorEquals = ["States.ALL"], ResultPath = "$.error", Next = "NotifyFailure" }]
    error_message = "Any task error must go to NotifyFailure with the error under $.error."
  }
  assert {
    condition = jsondecode(module.workflow["container-task"].definition).States.NotifyFailure.Parameters == {
      TopicArn = "arn:aws:sns:eu-west-1:123456789012:sw-container-task-notifications"
      Subject  = "Container task failed"
      # The whole error output ({"Error", "Cause"}): Cause is optional in ASL, so no path names it alone.
      Message = { status = "FAILED", "execution_id.$" = "$$.Execution.Id", "error.$" = "$.error" }
    }
    error_message = "The failure message must carry the caught error (Error and Cause)."
  }
  assert {
    condition = (
      jsondecode(module.workflow["container-task"].definition).States.NotifyFailure.Resource == "arn:aws:states:::sns:publish" &&
      jsondecode(module.workflow["container-task"].definition).States.NotifyFailure.Next == "ContainerTaskFailed" &&
      jsondecode(module.workflow["container-task"].definition).States.ContainerTaskFailed == {
        Type      = "Fail"
        Error     = "ContainerTaskFailed"
        CausePath = "States.JsonToString($.error)"
      }
    )
    error_message = "After the failure message the execution must fail."
  }
  assert {
    condition = (
      jsondecode(module.workflow["container-task"].definition).States.NotifySuccess.Resource == "arn:aws:states:::sns:publish" &&
      jsondecode(module.workflow["container-task"].definition).States.NotifySuccess.Parameters.TopicArn == "arn:aws:sns:eu-west-1:123456789012:sw-container-task-notifications" &&
      jsondecode(module.workflow["container-task"].definition).States.NotifySuccess.End
    )
    error_message = "Success must be published to the topic and end the execution."
  }
}

run "private_network_is_passed_to_the_task" {
  command = plan

  variables {
    vpc_id                         = "vpc-0private"
    subnet_ids                     = ["subnet-0private"]
    assign_public_ip               = false
    container_task_timeout_seconds = 120
  }

  assert {
    condition = jsondecode(module.workflow["container-task"].definition).States.RunContainerTask.Parameters.NetworkConfiguration.AwsvpcConfiguration == {
      Subnets        = ["subnet-0private"]
      SecurityGroups = ["sg-0container"]
      AssignPublicIp = "DISABLED"
    }
    error_message = "Given subnets and assign_public_ip must reach RunTask."
  }
  assert {
    condition     = jsondecode(module.workflow["container-task"].definition).States.RunContainerTask.TimeoutSeconds == 120
    error_message = "The timeout must reach the task state."
  }
}

run "number_processor_may_only_invoke_its_three_functions" {
  command = plan

  assert {
    condition = jsondecode(module.workflow["number-processor"].role_policy_json).Statement == [
      {
        Sid    = "InvokeLambdaFunctions"
        Effect = "Allow"
        Action = ["lambda:InvokeFunction"]
        Resource = [
          "arn:aws:lambda:eu-west-1:123456789012:function:sw-even",
          "arn:aws:lambda:eu-west-1:123456789012:function:sw-even:*",
          "arn:aws:lambda:eu-west-1:123456789012:function:sw-number-generator",
          "arn:aws:lambda:eu-west-1:123456789012:function:sw-number-generator:*",
          "arn:aws:lambda:eu-west-1:123456789012:function:sw-odd",
          "arn:aws:lambda:eu-west-1:123456789012:function:sw-odd:*",
        ]
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
    error_message = "The number processor's policy must only invoke its three functions (plus X-Ray and log delivery)."
  }
  assert {
    condition     = jsondecode(module.workflow["number-processor"].assume_role_policy_json).Statement[0].Condition.ArnLike["aws:SourceArn"] == "arn:aws:states:eu-west-1:123456789012:stateMachine:sw-number-processor"
    error_message = "The role must trust only the number-processor state machine."
  }
}

run "container_workflow_policy_is_scoped_to_its_task_and_topic" {
  command = plan

  assert {
    condition = [for s in jsondecode(module.workflow["container-task"].role_policy_json).Statement : s.Sid] == [
      "RunEcsTask", "TrackAndStopEcsTask", "ManageEcsSyncEventRule", "PassEcsTaskRoles", "PublishToSnsTopics",
      "WriteXRayTraces", "DeliverExecutionLogs",
    ]
    error_message = "Unexpected statements for the container workflow."
  }
  assert {
    condition = slice(jsondecode(module.workflow["container-task"].role_policy_json).Statement, 0, 5) == [
      {
        Sid       = "RunEcsTask"
        Effect    = "Allow"
        Action    = ["ecs:RunTask"]
        Resource  = ["arn:aws:ecs:eu-west-1:123456789012:task-definition/sw-container:7"]
        Condition = { ArnEquals = { "ecs:cluster" = "arn:aws:ecs:eu-west-1:123456789012:cluster/sw-container" } }
      },
      {
        Sid       = "TrackAndStopEcsTask"
        Effect    = "Allow"
        Action    = ["ecs:DescribeTasks", "ecs:StopTask"]
        Resource  = ["arn:aws:ecs:eu-west-1:123456789012:task/sw-container/*"]
        Condition = { ArnEquals = { "ecs:cluster" = "arn:aws:ecs:eu-west-1:123456789012:cluster/sw-container" } }
      },
      {
        Sid      = "ManageEcsSyncEventRule"
        Effect   = "Allow"
        Action   = ["events:DescribeRule", "events:PutRule", "events:PutTargets"]
        Resource = ["arn:aws:events:eu-west-1:123456789012:rule/StepFunctionsGetEventsForECSTaskRule"]
      },
      {
        Sid       = "PassEcsTaskRoles"
        Effect    = "Allow"
        Action    = ["iam:PassRole"]
        Resource  = ["arn:aws:iam::123456789012:role/sw-container-task-execution", "arn:aws:iam::123456789012:role/sw-container-task"]
        Condition = { StringEquals = { "iam:PassedToService" = "ecs-tasks.amazonaws.com" } }
      },
      {
        Sid      = "PublishToSnsTopics"
        Effect   = "Allow"
        Action   = ["sns:Publish"]
        Resource = ["arn:aws:sns:eu-west-1:123456789012:sw-container-task-notifications"]
      },
    ]
    error_message = "The container workflow's statements must name its task definition, cluster, two roles and topic."
  }
  assert {
    condition     = jsondecode(module.notifications.policy_json).Statement[1].Principal.AWS == ["arn:aws:iam::123456789012:role/sw-container-task-role"]
    error_message = "Only the container workflow's role may publish to its topic (the deadline watcher announces on the orchestrator's)."
  }
}

run "logging_and_tracing_are_on" {
  command = plan

  assert {
    condition = alltrue([for sm in [module.workflow["number-processor"], module.workflow["container-task"]] :
      sm.tracing_enabled && sm.logging_configuration.level == "ERROR" && !sm.logging_configuration.include_execution_data &&
      endswith(sm.logging_configuration.log_destination, ":*")
    ])
    error_message = "Both state machines must trace and log errors (without execution data) to a log group ARN ending in :*."
  }
  assert {
    condition = output.state_machine_log_group_names == {
      number_processor = "/aws/vendedlogs/states/sw-number-processor"
      container_task   = "/aws/vendedlogs/states/sw-container-task"
      orchestrator     = "/aws/vendedlogs/states/sw-orchestrator"
      run_deadline     = "/aws/vendedlogs/states/sw-run-deadline"
      job_net_gate     = "/aws/vendedlogs/states/sw-job-net-gate"
    }
    error_message = "State machine logs belong under /aws/vendedlogs/states/."
  }
}

run "console_urls_open_the_state_machine_pages" {
  command = plan

  assert {
    condition     = output.number_processor_console_url == "https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/statemachines/view/arn:aws:states:eu-west-1:123456789012:stateMachine:sw-number-processor"
    error_message = "Unexpected number processor console URL."
  }
  assert {
    condition     = output.container_task_console_url == "https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/statemachines/view/arn:aws:states:eu-west-1:123456789012:stateMachine:sw-container-task"
    error_message = "Unexpected container task console URL."
  }
}

run "notification_emails_and_express_number_processor" {
  command = plan

  variables {
    notification_emails   = ["ops@example.com"]
    number_processor_type = "EXPRESS"
  }

  assert {
    condition     = keys(module.notifications.email_subscription_arns) == [sha256("123456789012/sw-container-task-notifications/ops@example.com")]
    error_message = "Each notification email gets a subscription, keyed by the address's hash so plans never show it."
  }
  assert {
    condition     = module.workflow["number-processor"].type == "EXPRESS" && module.workflow["container-task"].type == "STANDARD"
    error_message = "The number processor may be EXPRESS (it has no .sync task); the container workflow stays STANDARD."
  }
}

run "rejects_a_bad_name" {
  command = plan
  variables {
    name = "Serverless_Workflows"
  }
  expect_failures = [var.name]
}

run "rejects_a_bad_region" {
  command = plan
  variables {
    region = "europe-west"
  }
  expect_failures = [var.region]
}

run "rejects_lambda_memory_out_of_range" {
  command = plan
  variables {
    lambda_memory_size = 100
  }
  expect_failures = [var.lambda_memory_size]
}

run "rejects_lambda_timeout_out_of_range" {
  command = plan
  variables {
    lambda_timeout = 1000
  }
  expect_failures = [var.lambda_timeout]
}

run "rejects_a_bad_lambda_log_level" {
  command = plan
  variables {
    lambda_log_level = "NOISY"
  }
  expect_failures = [var.lambda_log_level]
}

run "rejects_a_retention_cloudwatch_does_not_offer" {
  command = plan
  variables {
    cloudwatch_logs_retention_in_days = 45
  }
  expect_failures = [var.cloudwatch_logs_retention_in_days]
}

run "rejects_a_bad_workflow_type" {
  command = plan
  variables {
    number_processor_type = "FAST"
  }
  expect_failures = [var.number_processor_type]
}

run "rejects_a_bad_logging_level" {
  command = plan
  variables {
    state_machine_logging_level = "WARN"
  }
  expect_failures = [var.state_machine_logging_level]
}

run "rejects_a_container_timeout_out_of_range" {
  command = plan
  variables {
    container_task_timeout_seconds = 5
  }
  expect_failures = [var.container_task_timeout_seconds]
}

run "rejects_a_missing_manifest" {
  command = plan
  variables {
    lambda_manifest_path = "./tests/fixtures/no-such-manifest.json"
  }
  expect_failures = [var.lambda_manifest_path]
}

run "rejects_a_manifest_without_every_function" {
  command = plan
  variables {
    lambda_manifest_path = "./tests/fixtures/manifest-missing-odd.json"
  }
  expect_failures = [var.lambda_manifest_path]
}

run "notices_are_retried_on_throttling_and_service_errors" {
  command = plan

  assert {
    condition = alltrue([for state in ["NotifySuccess", "NotifyFailure"] :
      jsondecode(module.workflow["container-task"].definition).States[state].Retry == [{
        ErrorEquals     = ["SNS.ThrottledException", "SNS.KMSThrottlingException", "SNS.InternalErrorException", "SNS.SdkClientException"]
        IntervalSeconds = 2
        MaxAttempts     = 6
        BackoffRate     = 2
      }]
    ])
    error_message = "Both SNS publish states must retry throttling and service errors, so a notice is not lost to one throttled call."
  }
}

# ---- The orchestrator and everything around it ----

override_resource {
  target          = module.runs_table.aws_dynamodb_table.this
  override_during = plan
  values          = { arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/sw-orchestrator-runs" }
}

override_resource {
  target          = module.workflow["orchestrator"].aws_sfn_state_machine.this
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
    condition     = jsondecode(module.workflow["orchestrator"].definition).QueryLanguage == "JSONata" && module.workflow["orchestrator"].type == "STANDARD"
    error_message = "The orchestrator is a STANDARD JSONata workflow."
  }
  assert {
    condition = toset([
      for name, state in merge(jsondecode(module.workflow["orchestrator"].definition).States, jsondecode(module.workflow["orchestrator"].definition).States.RunJobs.ItemProcessor.States) :
      state.Arguments.TableName if startswith(try(state.Resource, ""), "arn:aws:states:::dynamodb:")
    ]) == toset(["sw-orchestrator-runs"])
    error_message = "Every DynamoDB task must name the runs table."
  }
  assert {
    condition     = jsondecode(module.workflow["orchestrator"].definition).States.RunJobs.ItemProcessor.States.RunNumberProcessor.Arguments.StateMachineArn == "arn:aws:states:eu-west-1:123456789012:stateMachine:sw-number-processor"
    error_message = "number-processor jobs must start the deployed number processor."
  }
  assert {
    condition     = jsondecode(module.workflow["orchestrator"].definition).States.ValidateManifest.Arguments.Payload.settings.workflows["number-processor"] == 3600
    error_message = "A child job times out after orchestrator_child_timeout_seconds."
  }
  assert {
    condition = (
      jsondecode(module.workflow["orchestrator"].definition).States.RunJobs.ItemProcessor.States.StartContainerTask.Arguments.Cluster == "arn:aws:ecs:eu-west-1:123456789012:cluster/sw-container" &&
      jsondecode(module.workflow["orchestrator"].definition).States.RunJobs.ItemProcessor.States.StartContainerTask.Arguments.TaskDefinition == "arn:aws:ecs:eu-west-1:123456789012:task-definition/sw-container:7" &&
      jsondecode(module.workflow["orchestrator"].definition).States.RunJobs.ItemProcessor.States.StartContainerTask.Arguments.NetworkConfiguration.AwsvpcConfiguration == {
        Subnets        = ["subnet-0defaulta", "subnet-0defaultb"]
        SecurityGroups = ["sg-0container"]
        AssignPublicIp = "ENABLED"
      } &&
      jsondecode(module.workflow["orchestrator"].definition).States.RunJobs.ItemProcessor.States.DescribeContainerTask.Arguments.Cluster == "arn:aws:ecs:eu-west-1:123456789012:cluster/sw-container"
    )
    error_message = "container-task jobs must run and poll the deployed task on its cluster and network."
  }
  assert {
    condition     = jsondecode(module.workflow["orchestrator"].definition).States.RunJobs.ItemProcessor.States.WaitForContainerTask.Seconds == 30
    error_message = "Container jobs are polled every orchestrator_poll_interval_seconds."
  }
  assert {
    condition     = jsondecode(module.workflow["orchestrator"].definition).States.ValidateManifest.Arguments.Payload.settings.max_jobs == 20
    error_message = "The manifest check (the job-net function) must get orchestrator_max_jobs."
  }
  assert {
    condition = alltrue([
      for name in ["ValidateManifest", "SummarizeRun"] :
      jsondecode(module.workflow["orchestrator"].definition).States[name].Arguments.FunctionName == "arn:aws:lambda:eu-west-1:123456789012:function:sw-job-net"
    ])
    error_message = "The manifest check and the summary call the deployed job-net function."
  }
  assert {
    condition     = jsondecode(module.workflow["orchestrator"].definition).States.ResumeGate.Arguments.StateMachineArn == "arn:aws:states:eu-west-1:123456789012:stateMachine:sw-job-net-gate"
    error_message = "The resume gate waits for the deployed job-net-gate workflow's answer."
  }
}

run "role_holds_exactly_the_integrations_statements" {
  command = plan

  assert {
    condition = jsondecode(module.workflow["orchestrator"].role_policy_json).Statement == [
      {
        Sid      = "InvokeLambdaFunctions"
        Effect   = "Allow"
        Action   = ["lambda:InvokeFunction"]
        Resource = ["arn:aws:lambda:eu-west-1:123456789012:function:sw-job-net", "arn:aws:lambda:eu-west-1:123456789012:function:sw-job-net:*"]
      },
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
        Resource = ["arn:aws:states:eu-west-1:123456789012:stateMachine:sw-job-net-gate", "arn:aws:states:eu-west-1:123456789012:stateMachine:sw-number-processor", "arn:aws:states:eu-west-1:123456789012:stateMachine:sw-run-deadline"]
      },
      {
        Sid      = "TrackAndStopChildExecutions"
        Effect   = "Allow"
        Action   = ["states:DescribeExecution", "states:StopExecution"]
        Resource = ["arn:aws:states:eu-west-1:123456789012:execution:sw-job-net-gate:*", "arn:aws:states:eu-west-1:123456789012:execution:sw-number-processor:*", "arn:aws:states:eu-west-1:123456789012:execution:sw-run-deadline:*"]
      },
      {
        Sid      = "ManageNestedSyncEventRule"
        Effect   = "Allow"
        Action   = ["events:DescribeRule", "events:PutRule", "events:PutTargets"]
        Resource = ["arn:aws:events:eu-west-1:123456789012:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule"]
      },
      {
        # aws-sdk:sfn:describeExecution: is the series lock's owner still running? Its own executions only.
        Sid      = "DescribeOwnExecutions"
        Effect   = "Allow"
        Action   = ["states:DescribeExecution"]
        Resource = ["arn:aws:states:eu-west-1:123456789012:execution:sw-orchestrator:*"]
      },
      {
        Sid      = "ReadWriteDynamoDbItems"
        Effect   = "Allow"
        Action   = ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]
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

run "logs_everything_but_execution_data_and_traces" {
  command = plan

  assert {
    condition = (
      module.workflow["orchestrator"].logging_configuration.level == "ALL" &&
      module.workflow["orchestrator"].tracing_enabled &&
      module.workflow["orchestrator"].log_group_name == "/aws/vendedlogs/states/sw-orchestrator"
    )
    error_message = "Logging must be ALL in the vended log group, and X-Ray on."
  }
  assert {
    condition     = alltrue([for workflow in module.workflow : !workflow.logging_configuration.include_execution_data if workflow.logging_configuration != null])
    error_message = "No workflow logs execution data (inputs, outputs: the manifests) unless state_machine_include_execution_data is set."
  }
}

run "execution_data_in_logs_is_a_setting" {
  command = plan

  variables {
    state_machine_include_execution_data = true
  }

  assert {
    condition     = module.workflow["orchestrator"].logging_configuration.include_execution_data
    error_message = "state_machine_include_execution_data = true must put execution data in the orchestrator's logs."
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
    condition     = jsondecode(module.workflow["orchestrator"].definition).States.RecordRun.Arguments.TableName == "sw-orchestrator-runs"
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
    condition = (
      output.orchestrator_event_bus_name == "sw-orchestrator-events" &&
      [for statement in jsondecode(module.orchestrator_triggers.event.event_bus_policy).Statement : statement.Sid] == ["OnlyNamedPrincipalsPutEvents"]
    )
    error_message = "The custom events must arrive on the trigger's own bus, which nobody may put events on until orchestrator_event_put_events_principal_arns names them."
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

# ---- Alarms (alarms.tf, modules/alarms) ----

run "every_state_machine_and_function_is_alarmed_on_the_orchestrators_topic" {
  command = plan

  assert {
    condition     = length(module.alarms.alarm_arns) == 5 * 4 + 4 * 2
    error_message = "Five state machines × four metrics and four functions × two metrics make 28 alarms."
  }
  assert {
    condition     = module.alarms.alarm_arns != {} && contains(keys(module.alarms.alarm_arns), "sw-orchestrator-ExecutionsFailed") && contains(keys(module.alarms.alarm_arns), "sw-job-net-Errors")
    error_message = "The alarms are named after the deployment, the resource and the metric."
  }
  assert {
    condition = contains(jsondecode(module.orchestrator_notifications.topic_policy_json).Statement, {
      Sid       = "AlarmsPublish"
      Effect    = "Allow"
      Principal = { Service = "cloudwatch.amazonaws.com" }
      Action    = "sns:Publish"
      Resource  = "arn:aws:sns:eu-west-1:123456789012:sw-orchestrator-notifications"
      Condition = { ArnLike = { "aws:SourceArn" = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:sw-*" } }
    })
    error_message = "Only the deployment's alarms may publish to the orchestrator's topic besides its rule."
  }
}

run "alarms_can_be_switched_off" {
  command = plan

  variables {
    alarms_enabled = false
  }

  assert {
    condition     = length(module.alarms.alarm_arns) == 0 && !strcontains(module.orchestrator_notifications.topic_policy_json, "cloudwatch.amazonaws.com")
    error_message = "alarms_enabled = false must create no alarm and grant alarms nothing."
  }
}

# ---- The run deadline watcher (templates/run-deadline.asl.json) ----

run "the_deadline_watcher_reads_the_run_and_notifies_with_least_privilege" {
  command = plan

  assert {
    condition     = jsondecode(module.workflow["orchestrator"].definition).States.WatchDeadline.Arguments.StateMachineArn == "arn:aws:states:eu-west-1:123456789012:stateMachine:sw-run-deadline"
    error_message = "The orchestrator starts the deployed deadline watcher."
  }
  assert {
    condition = [for statement in jsondecode(module.workflow["run-deadline"].role_policy_json).Statement : statement if startswith(statement.Sid, "ReadWriteDynamoDbItems")] == [{
      Sid      = "ReadWriteDynamoDbItems"
      Effect   = "Allow"
      Action   = ["dynamodb:GetItem"]
      Resource = ["arn:aws:dynamodb:eu-west-1:123456789012:table/sw-orchestrator-runs"]
    }]
    error_message = "The watcher may only read items of the runs table."
  }
  assert {
    condition     = [for statement in jsondecode(module.workflow["run-deadline"].role_policy_json).Statement : statement.Resource if statement.Sid == "PublishToSnsTopics"] == [["arn:aws:sns:eu-west-1:123456789012:sw-orchestrator-notifications"]]
    error_message = "The watcher may publish to the run's own topic only: the orchestrator's."
  }
  assert {
    condition     = [for statement in jsondecode(module.orchestrator_notifications.topic_policy_json).Statement : statement.Principal.AWS if statement.Sid == "WorkflowsPublish"] == [["arn:aws:iam::123456789012:role/sw-run-deadline-role"]]
    error_message = "The orchestrator's topic lets the deadline watcher's role publish, and no other workflow."
  }
  assert {
    condition     = [for statement in jsondecode(module.orchestrator_notifications.topic_policy_json).Statement : statement.Condition.ArnNotLike["aws:PrincipalArn"] if statement.Sid == "OnlyRulePublishes"] == [["arn:aws:iam::123456789012:role/sw-run-deadline-role"]]
    error_message = "The deny on other publishers must spare the deadline watcher's role (it has no aws:SourceArn)."
  }
}

run "the_resume_gate_answers_only_the_orchestrators_tasks" {
  command = plan

  assert {
    condition = [for statement in jsondecode(module.workflow["job-net-gate"].role_policy_json).Statement : statement if !contains(["WriteXRayTraces", "DeliverExecutionLogs"], statement.Sid)] == [{
      Sid      = "AnswerCallerTasks"
      Effect   = "Allow"
      Action   = ["states:SendTaskSuccess", "states:SendTaskFailure"]
      Resource = ["arn:aws:states:eu-west-1:123456789012:stateMachine:sw-orchestrator"]
    }]
    error_message = "The gate may only answer callback tasks of the orchestrator, which starts it."
  }
  assert {
    condition     = jsondecode(module.workflow["orchestrator"].definition).States.ValidateManifest.Arguments.Payload.settings.default_deadline_seconds == null
    error_message = "Without orchestrator_default_deadline_seconds a manifest without deadline_seconds has no deadline."
  }
}

run "a_default_deadline_is_a_setting" {
  command = plan

  variables {
    orchestrator_default_deadline_seconds = 3600
  }

  assert {
    condition     = jsondecode(module.workflow["orchestrator"].definition).States.ValidateManifest.Arguments.Payload.settings.default_deadline_seconds == 3600
    error_message = "orchestrator_default_deadline_seconds reaches the manifest check, which gives it to manifests without deadline_seconds."
  }
}

run "rejects_a_default_deadline_out_of_range" {
  command = plan

  variables {
    orchestrator_default_deadline_seconds = 0
  }

  expect_failures = [var.orchestrator_default_deadline_seconds]
}
