output "schedule_name" {
  description = "Name of the schedule (null without var.schedule)."
  value       = one(aws_scheduler_schedule.this[*].name)
}

output "schedule_arn" {
  description = "ARN of the schedule (null without var.schedule)."
  value       = one(aws_scheduler_schedule.this[*].arn)
}

output "event_rule_arn" {
  description = "ARN of the custom-event rule (null without var.event)."
  value       = one(aws_cloudwatch_event_rule.event[*].arn)
}

output "api_endpoint" {
  description = "Base URL of the HTTP API; POST <endpoint>/runs starts an execution (null without var.http_api)."
  value       = one(aws_apigatewayv2_api.this[*].api_endpoint)
}

output "api_route_arn" {
  description = "What a caller's policy grants execute-api:Invoke on (null without var.http_api)."
  value       = var.http_api == null ? null : "${aws_apigatewayv2_api.this[0].execution_arn}/*/POST/runs"
}

output "role_arns" {
  description = "Role of each trigger (schedule, event, http_api), each allowed states:StartExecution on the state machine only."
  value = {
    schedule = one(aws_iam_role.schedule[*].arn)
    event    = one(aws_iam_role.event[*].arn)
    http_api = one(aws_iam_role.http_api[*].arn)
  }
}

output "start_execution_policy_json" {
  description = "The one policy every trigger role holds."
  value       = local.start_execution_policy
}

output "schedule" {
  description = "What the schedule does: expression, timezone, state, target_arn and input (null without var.schedule)."
  value = var.schedule == null ? null : {
    expression = aws_scheduler_schedule.this[0].schedule_expression
    timezone   = aws_scheduler_schedule.this[0].schedule_expression_timezone
    state      = aws_scheduler_schedule.this[0].state
    target_arn = aws_scheduler_schedule.this[0].target[0].arn
    input      = aws_scheduler_schedule.this[0].target[0].input
  }
}

output "event" {
  description = "What the custom-event rule does: event_bus_name and event_bus_arn (where to put the events), event_bus_policy, event_pattern, target_arn and input_path (null without var.event)."
  value = var.event == null ? null : {
    event_bus_name   = aws_cloudwatch_event_bus.event[0].name
    event_bus_arn    = local.event_bus_arn
    event_bus_policy = aws_cloudwatch_event_bus_policy.event[0].policy
    event_pattern    = aws_cloudwatch_event_rule.event[0].event_pattern
    target_arn       = aws_cloudwatch_event_target.event[0].arn
    input_path       = aws_cloudwatch_event_target.event[0].input_path
  }
}

output "http_api_request_parameters" {
  description = "The StartExecution integration's request parameters (null without var.http_api)."
  value       = one(aws_apigatewayv2_integration.start_execution[*].request_parameters)
}

output "log_group_kms_key_id" {
  description = "Key encrypting the HTTP API's access log group (null: AWS-owned key, or no HTTP API)."
  value       = one(aws_cloudwatch_log_group.http_api[*].kms_key_id)
}
