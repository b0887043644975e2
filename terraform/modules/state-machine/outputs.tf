output "arn" {
  description = "ARN of the state machine."
  value       = aws_sfn_state_machine.this.arn
}

output "name" {
  description = "Name of the state machine."
  value       = aws_sfn_state_machine.this.name
}

output "type" {
  description = "Workflow type: STANDARD or EXPRESS."
  value       = aws_sfn_state_machine.this.type
}

output "definition" {
  description = "The rendered, canonical ASL definition."
  value       = local.definition
}

output "role_arn" {
  description = "ARN of the state machine's execution role (the principal that calls the integrations)."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the execution role, to attach further policies."
  value       = aws_iam_role.this.name
}

output "role_policy_json" {
  description = "The least-privilege policy generated from var.integrations."
  value       = aws_iam_role_policy.this.policy
}

output "assume_role_policy_json" {
  description = "The role's trust policy."
  value       = aws_iam_role.this.assume_role_policy
}

output "log_group_name" {
  description = "CloudWatch Logs group receiving the execution logs (null when logging_level is OFF)."
  value       = one(aws_cloudwatch_log_group.this[*].name)
}

output "log_group_arn" {
  description = "ARN of the log group (null when logging_level is OFF)."
  value       = one(aws_cloudwatch_log_group.this[*].arn)
}

output "console_url" {
  description = "The state machine's page in the AWS console of its partition, where Start Execution is (null in a partition without a public console)."
  value       = local.console_host == null ? null : "https://${local.console_host}/states/home?region=${local.region}#/statemachines/view/${aws_sfn_state_machine.this.arn}"
}

output "logging_configuration" {
  description = "Where and at which level executions are logged (null when logging_level is OFF)."
  value       = one(aws_sfn_state_machine.this.logging_configuration)
}

output "encryption_configuration" {
  description = "How the definition and execution history are encrypted: AWS_OWNED_KEY, or CUSTOMER_MANAGED_KMS_KEY with its key."
  value       = aws_sfn_state_machine.this.encryption_configuration[0]
}

output "tracing_enabled" {
  description = "Whether X-Ray tracing is on."
  value       = aws_sfn_state_machine.this.tracing_configuration[0].enabled
}


output "log_group_kms_key_id" {
  description = "KMS key encrypting the log group (null: CloudWatch Logs' AWS-owned key, or no log group)."
  value       = one(aws_cloudwatch_log_group.this[*].kms_key_id)
}
