output "lambda_function_arns" {
  description = "ARN of each Lambda function, by package name."
  value       = { for function, lambda in module.lambda : function => lambda.arn }
}

output "lambda_role_arns" {
  description = "ARN of each Lambda function's execution role."
  value       = { for function, lambda in module.lambda : function => lambda.role_arn }
}

output "lambda_log_group_names" {
  description = "CloudWatch Logs group of each Lambda function."
  value       = { for function, lambda in module.lambda : function => lambda.log_group_name }
}

output "number_processor_state_machine_arn" {
  description = "ARN of the number-processor state machine."
  value       = module.workflow["number-processor"].arn
}

output "number_processor_role_arn" {
  description = "ARN of the number processor's execution role."
  value       = module.workflow["number-processor"].role_arn
}

output "number_processor_console_url" {
  description = "Console page of the number processor: open it and press Start execution."
  value       = module.workflow["number-processor"].console_url
}

output "container_task_state_machine_arn" {
  description = "ARN of the container-task state machine."
  value       = module.workflow["container-task"].arn
}

output "container_task_role_arn" {
  description = "ARN of the container-task state machine's execution role."
  value       = module.workflow["container-task"].role_arn
}

output "container_task_console_url" {
  description = "Console page of the container-task workflow: open it and press Start execution."
  value       = module.workflow["container-task"].console_url
}

output "state_machine_log_group_names" {
  description = "CloudWatch Logs group of each state machine."
  value       = { for workflow, state_machine in module.workflow : replace(workflow, "-", "_") => state_machine.log_group_name }
}

output "sns_topic_arn" {
  description = "ARN of the topic receiving the container task's success and failure messages."
  value       = module.notifications.arn
}

output "ecs_cluster_arn" {
  description = "ARN of the ECS cluster running the container task."
  value       = module.container_task.cluster_arn
}

output "ecs_task_definition_arn" {
  description = "ARN (with revision) of the container task definition."
  value       = module.container_task.task_definition_arn
}

output "ecs_task_execution_role_arn" {
  description = "ARN of the container task's execution role."
  value       = module.container_task.execution_role_arn
}

output "ecs_task_role_arn" {
  description = "ARN of the container task's task role."
  value       = module.container_task.task_role_arn
}

output "ecs_security_group_id" {
  description = "Security group of the container task (no ingress)."
  value       = module.container_task.security_group_id
}

output "orchestrator_state_machine_arn" {
  description = "ARN of the orchestrator state machine."
  value       = module.workflow["orchestrator"].arn
}

output "orchestrator_console_url" {
  description = "Console page of the orchestrator: open it and press Start execution with a manifest."
  value       = module.workflow["orchestrator"].console_url
}

output "orchestrator_role_arn" {
  description = "ARN of the orchestrator's execution role."
  value       = module.workflow["orchestrator"].role_arn
}

output "orchestrator_table_name" {
  description = "DynamoDB table recording each run (record RUN) and its jobs (record JOB#<name>)."
  value       = module.runs_table.name
}

output "orchestrator_topic_arn" {
  description = "SNS topic announcing FAILED, TIMED_OUT and ABORTED runs (and SUCCEEDED ones with orchestrator_notify_on_success)."
  value       = module.orchestrator_notifications.topic_arn
}

output "orchestrator_api_endpoint" {
  description = "HTTP API base URL: a SigV4-signed POST <endpoint>/runs with a manifest as body starts a run."
  value       = module.orchestrator_triggers.api_endpoint
}

output "orchestrator_api_route_arn" {
  description = "Grant callers execute-api:Invoke on this ARN to let them POST /runs."
  value       = module.orchestrator_triggers.api_route_arn
}

output "orchestrator_schedule_name" {
  description = "EventBridge Scheduler schedule starting runs (disabled unless orchestrator_schedule_enabled)."
  value       = module.orchestrator_triggers.schedule_name
}

output "orchestrator_event_bus_name" {
  description = "EventBridge bus to put orchestrator_event_source / orchestrator_event_detail_type events on (only orchestrator_event_put_events_principal_arns may)."
  value       = module.orchestrator_triggers.event.event_bus_name
}

output "orchestrator_event_rule_arn" {
  description = "EventBridge rule starting a run on each orchestrator_event_source / orchestrator_event_detail_type event."
  value       = module.orchestrator_triggers.event_rule_arn
}

output "kms_key_arn" {
  description = "The customer-managed key encrypting data at rest (null: AWS-owned keys)."
  value       = local.kms_key_arn
}
