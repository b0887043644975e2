# Offline: the provider is mocked, nothing is created.
mock_provider "aws" {}

variables {
  name               = "sw"
  state_machine_arns = { orchestrator = "arn:aws:states:us-east-1:123456789012:stateMachine:sw-orchestrator", container-task = "arn:aws:states:us-east-1:123456789012:stateMachine:sw-container-task" }
  function_names     = { job-net = "sw-job-net" }
  alarm_topic_arn    = "arn:aws:sns:us-east-1:123456789012:sw-alarms"
}

run "an_alarm_per_state_machine_metric_and_function_metric_to_the_topic" {
  command = plan

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.this) == 10
    error_message = "Two state machines × four metrics and one function × two metrics make ten alarms."
  }
  assert {
    condition = (aws_cloudwatch_metric_alarm.this["orchestrator-ExecutionsFailed"].namespace == "AWS/States"
      && aws_cloudwatch_metric_alarm.this["orchestrator-ExecutionsFailed"].dimensions.StateMachineArn == "arn:aws:states:us-east-1:123456789012:stateMachine:sw-orchestrator"
    && aws_cloudwatch_metric_alarm.this["orchestrator-ExecutionsFailed"].alarm_name == "sw-orchestrator-ExecutionsFailed")
    error_message = "A state machine alarm watches AWS/States by StateMachineArn."
  }
  assert {
    condition     = toset([for alarm in aws_cloudwatch_metric_alarm.this : alarm.metric_name if alarm.namespace == "AWS/States"]) == toset(["ExecutionsFailed", "ExecutionsTimedOut", "ExecutionsAborted", "ExecutionThrottled"])
    error_message = "Every state machine is alarmed on failed, timed out, aborted and throttled executions."
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.this["job-net-Errors"].namespace == "AWS/Lambda" && aws_cloudwatch_metric_alarm.this["job-net-Throttles"].dimensions.FunctionName == "sw-job-net"
    error_message = "A function alarm watches AWS/Lambda by FunctionName."
  }
  assert {
    condition     = alltrue([for alarm in aws_cloudwatch_metric_alarm.this : alarm.alarm_actions == toset(["arn:aws:sns:us-east-1:123456789012:sw-alarms"]) && alarm.threshold == 1 && alarm.treat_missing_data == "notBreaching"])
    error_message = "Every alarm notifies the topic at the first failure and treats no data as fine."
  }
}

run "thresholds_are_variables" {
  command = plan

  variables {
    state_machine_thresholds = { ExecutionsFailed = 3 }
    function_thresholds      = { Errors = 5 }
  }

  assert {
    condition     = keys(aws_cloudwatch_metric_alarm.this) == ["container-task-ExecutionsFailed", "job-net-Errors", "orchestrator-ExecutionsFailed"] && aws_cloudwatch_metric_alarm.this["orchestrator-ExecutionsFailed"].threshold == 3
    error_message = "Only the metrics given are alarmed on, at their threshold."
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.this["job-net-Errors"].threshold == 5
    error_message = "The function thresholds apply too."
  }
}

run "off_creates_none" {
  command = plan

  variables {
    enabled = false
  }

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.this) == 0
    error_message = "enabled = false must create no alarm."
  }
}

run "an_unknown_metric_is_refused" {
  command = plan

  variables {
    state_machine_thresholds = { ExecutionsSucceeded = 1 }
  }

  expect_failures = [var.state_machine_thresholds]
}
