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

output "kms_key_arn" {
  description = "The customer-managed key encrypting data at rest (null: AWS-owned keys)."
  value       = local.kms_key_arn
}
