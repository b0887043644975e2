# Offline: every value the provider would compute comes from tests/mocks.
mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  name              = "nightly"
  state_machine_arn = "arn:aws:states:eu-west-1:123456789012:stateMachine:orchestrator"
}

run "no_trigger_unless_asked" {
  command = plan

  assert {
    condition = (
      length(aws_scheduler_schedule.this) == 0 && length(aws_cloudwatch_event_rule.event) == 0 &&
      length(aws_apigatewayv2_api.this) == 0 && output.role_arns == { schedule = null, event = null, http_api = null }
    )
    error_message = "Nothing is created without a trigger."
  }
}

run "schedule_is_disabled_by_default_and_starts_the_state_machine" {
  command = plan

  variables {
    schedule = {
      expression = "cron(0 2 * * ? *)"
      timezone   = "Europe/Paris"
      input      = "{\"run_id\":\"nightly-<aws.scheduler.scheduled-time>\",\"jobs\":[]}"
    }
  }

  assert {
    condition = (
      aws_scheduler_schedule.this[0].state == "DISABLED" &&
      aws_scheduler_schedule.this[0].schedule_expression == "cron(0 2 * * ? *)" &&
      aws_scheduler_schedule.this[0].schedule_expression_timezone == "Europe/Paris" &&
      aws_scheduler_schedule.this[0].flexible_time_window[0].mode == "OFF"
    )
    error_message = "The schedule must be disabled by default, with the given expression and time zone."
  }
  assert {
    condition = (
      aws_scheduler_schedule.this[0].target[0].arn == "arn:aws:states:eu-west-1:123456789012:stateMachine:orchestrator" &&
      aws_scheduler_schedule.this[0].target[0].role_arn == "arn:aws:iam::123456789012:role/trigger" &&
      aws_scheduler_schedule.this[0].target[0].input == "{\"run_id\":\"nightly-<aws.scheduler.scheduled-time>\",\"jobs\":[]}"
    )
    error_message = "The schedule's target must be the state machine, with its role and the manifest as input."
  }
  assert {
    condition = jsondecode(aws_iam_role.schedule[0].assume_role_policy).Statement[0].Principal == { Service = "scheduler.amazonaws.com" } && jsondecode(aws_iam_role.schedule[0].assume_role_policy).Statement[0].Condition == {
      StringEquals = { "aws:SourceAccount" = "123456789012" }
      ArnLike      = { "aws:SourceArn" = "arn:aws:scheduler:eu-west-1:123456789012:schedule/default/nightly" }
    }
    error_message = "Only this schedule may assume the schedule role."
  }
  assert {
    condition = jsondecode(aws_iam_role_policy.schedule[0].policy).Statement == [{
      Sid      = "StartThisStateMachine"
      Effect   = "Allow"
      Action   = ["states:StartExecution"]
      Resource = ["arn:aws:states:eu-west-1:123456789012:stateMachine:orchestrator"]
    }]
    error_message = "The schedule role may only start this state machine."
  }
  assert {
    condition     = output.schedule_name == "nightly" && length(aws_cloudwatch_event_rule.event) == 0 && length(aws_apigatewayv2_api.this) == 0
    error_message = "Only the schedule is created."
  }
}

run "schedule_can_be_enabled" {
  command = plan
  variables {
    schedule = { expression = "rate(1 day)", enabled = true }
  }
  assert {
    condition     = aws_scheduler_schedule.this[0].state == "ENABLED" && aws_scheduler_schedule.this[0].schedule_expression_timezone == "UTC"
    error_message = "enabled = true enables the schedule; the time zone defaults to UTC."
  }
}

run "custom_event_starts_the_state_machine_with_its_detail" {
  command = plan

  variables {
    event = { source = "com.example.release", detail_type = "Release Requested" }
  }

  assert {
    condition = jsondecode(aws_cloudwatch_event_rule.event[0].event_pattern) == {
      source        = ["com.example.release"]
      "detail-type" = ["Release Requested"]
    } && aws_cloudwatch_event_rule.event[0].event_bus_name == "nightly-events" && aws_cloudwatch_event_target.event[0].event_bus_name == "nightly-events"
    error_message = "The rule must match the given source and detail-type on the module's own bus, never the default one."
  }
  assert {
    condition = jsondecode(aws_cloudwatch_event_bus_policy.event[0].policy).Statement == [{
      Sid       = "OnlyNamedPrincipalsPutEvents"
      Effect    = "Deny"
      Principal = { AWS = "*" }
      Action    = "events:PutEvents"
      Resource  = "arn:aws:events:eu-west-1:123456789012:event-bus/nightly-events"
    }]
    error_message = "With nobody named, the bus policy lets nobody put events (whatever IAM allows)."
  }
  assert {
    condition = (
      aws_cloudwatch_event_target.event[0].arn == "arn:aws:states:eu-west-1:123456789012:stateMachine:orchestrator" &&
      aws_cloudwatch_event_target.event[0].role_arn == "arn:aws:iam::123456789012:role/trigger" &&
      aws_cloudwatch_event_target.event[0].input_path == "$.detail"
    )
    error_message = "The rule's target must be the state machine, with its role, the detail as input."
  }
  assert {
    condition = jsondecode(aws_iam_role.event[0].assume_role_policy).Statement[0].Principal == { Service = "events.amazonaws.com" } && jsondecode(aws_iam_role.event[0].assume_role_policy).Statement[0].Condition == {
      StringEquals = { "aws:SourceAccount" = "123456789012" }
      ArnEquals    = { "aws:SourceArn" = "arn:aws:events:eu-west-1:123456789012:rule/nightly-event" }
    }
    error_message = "Only this rule may assume the event role."
  }
  assert {
    condition     = jsondecode(aws_iam_role_policy.event[0].policy).Statement[0].Resource == ["arn:aws:states:eu-west-1:123456789012:stateMachine:orchestrator"] && jsondecode(aws_iam_role_policy.event[0].policy).Statement[0].Action == ["states:StartExecution"]
    error_message = "The event role may only start this state machine."
  }
}

run "only_the_named_principals_put_events_on_the_bus" {
  command = plan

  variables {
    event = {
      source                    = "com.example.release"
      detail_type               = "Release Requested"
      put_events_principal_arns = ["arn:aws:iam::123456789012:role/release-pipeline", "arn:aws:iam::210987654321:role/partner"]
    }
  }

  assert {
    condition = jsondecode(aws_cloudwatch_event_bus_policy.event[0].policy).Statement == [
      {
        Sid       = "NamedPrincipalsPutEvents"
        Effect    = "Allow"
        Principal = { AWS = ["arn:aws:iam::123456789012:role/release-pipeline", "arn:aws:iam::210987654321:role/partner"] }
        Action    = "events:PutEvents"
        Resource  = "arn:aws:events:eu-west-1:123456789012:event-bus/nightly-events"
      },
      {
        Sid       = "OnlyNamedPrincipalsPutEvents"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "events:PutEvents"
        Resource  = "arn:aws:events:eu-west-1:123456789012:event-bus/nightly-events"
        Condition = { ArnNotEquals = { "aws:PrincipalArn" = ["arn:aws:iam::123456789012:role/release-pipeline", "arn:aws:iam::210987654321:role/partner"] } }
      },
    ]
    error_message = "The named principals may put events; everyone else is denied."
  }
  assert {
    condition     = output.event.event_bus_name == "nightly-events" && output.event.event_bus_arn == "arn:aws:events:eu-west-1:123456789012:event-bus/nightly-events"
    error_message = "The outputs must say where to put the events."
  }
}

run "rejects_an_account_root_as_event_principal" {
  command = plan
  variables {
    event = { source = "com.example.release", detail_type = "x", put_events_principal_arns = ["arn:aws:iam::123456789012:root"] }
  }
  expect_failures = [var.event]
}

run "http_api_post_runs_is_iam_authorised_and_starts_the_state_machine" {
  command = plan

  variables {
    http_api = {}
  }

  assert {
    condition     = aws_apigatewayv2_route.post_runs[0].route_key == "POST /runs" && aws_apigatewayv2_route.post_runs[0].authorization_type == "AWS_IAM" && aws_apigatewayv2_route.post_runs[0].target == "integrations/int0001"
    error_message = "POST /runs must be IAM-authorised and go to the StartExecution integration."
  }
  assert {
    condition = (
      aws_apigatewayv2_integration.start_execution[0].integration_type == "AWS_PROXY" &&
      aws_apigatewayv2_integration.start_execution[0].integration_subtype == "StepFunctions-StartExecution" &&
      aws_apigatewayv2_integration.start_execution[0].credentials_arn == "arn:aws:iam::123456789012:role/trigger" &&
      aws_apigatewayv2_integration.start_execution[0].request_parameters == tomap({
        StateMachineArn = "arn:aws:states:eu-west-1:123456789012:stateMachine:orchestrator"
        Input           = "$request.body"
      })
    )
    error_message = "The integration must start this state machine with the request body, as its own role."
  }
  assert {
    condition = jsondecode(aws_iam_role.http_api[0].assume_role_policy).Statement[0].Principal == { Service = "apigateway.amazonaws.com" } && jsondecode(aws_iam_role_policy.http_api[0].policy).Statement == [{
      Sid      = "StartThisStateMachine"
      Effect   = "Allow"
      Action   = ["states:StartExecution"]
      Resource = ["arn:aws:states:eu-west-1:123456789012:stateMachine:orchestrator"]
    }]
    error_message = "The API role is API Gateway's, and may only start this state machine."
  }
  assert {
    condition = jsondecode(aws_iam_role.http_api[0].assume_role_policy).Statement[0].Condition == {
      StringEquals = { "aws:SourceAccount" = "123456789012" }
      ArnLike      = { "aws:SourceArn" = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/*" }
    }
    error_message = "Only this account's API may assume the API role (aws:SourceAccount and aws:SourceArn)."
  }
  assert {
    condition = (
      aws_apigatewayv2_stage.default[0].name == "$default" && aws_apigatewayv2_stage.default[0].auto_deploy &&
      aws_apigatewayv2_stage.default[0].default_route_settings[0].throttling_burst_limit == 10 &&
      aws_apigatewayv2_stage.default[0].access_log_settings[0].destination_arn == "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vendedlogs/apigateway/nightly"
    )
    error_message = "The stage must deploy itself, be throttled and log access."
  }
  assert {
    condition     = output.api_endpoint == "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com" && output.api_route_arn == "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/*/POST/runs"
    error_message = "Unexpected endpoint outputs."
  }
}

run "rejects_a_cron_with_five_fields" {
  command = plan
  variables {
    schedule = { expression = "cron(0 2 * * *)" }
  }
  expect_failures = [var.schedule]
}

run "rejects_a_cron_without_a_question_mark" {
  command = plan
  variables {
    schedule = { expression = "cron(0 2 * * * *)" }
  }
  expect_failures = [var.schedule]
}

run "rejects_an_unknown_time_zone_shape" {
  command = plan
  variables {
    schedule = { expression = "rate(1 day)", timezone = "CET+1" }
  }
  expect_failures = [var.schedule]
}

run "rejects_an_input_that_is_not_a_json_object" {
  command = plan
  variables {
    schedule = { expression = "rate(1 day)", input = "[1, 2]" }
  }
  expect_failures = [var.schedule]
}

run "rejects_an_aws_event_source" {
  command = plan
  variables {
    event = { source = "aws.states", detail_type = "x" }
  }
  expect_failures = [var.event]
}

run "rejects_zero_throttling" {
  command = plan
  variables {
    http_api = { throttling_rate_limit = 0 }
  }
  expect_failures = [var.http_api]
}
