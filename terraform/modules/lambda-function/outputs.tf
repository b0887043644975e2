output "arn" {
  description = "ARN of the function (unqualified)."
  value       = aws_lambda_function.this.arn
}

output "function_name" {
  description = "Name of the function."
  value       = aws_lambda_function.this.function_name
}

output "invoke_arn" {
  description = "ARN for API Gateway integrations."
  value       = aws_lambda_function.this.invoke_arn
}

output "role_arn" {
  description = "ARN of the function's execution role."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the execution role, to attach further policies."
  value       = aws_iam_role.this.name
}

output "role_policy_json" {
  description = "The execution role's inline policy."
  value       = aws_iam_role_policy.this.policy
}

output "log_group_name" {
  description = "CloudWatch Logs group of the function."
  value       = aws_cloudwatch_log_group.this.name
}

output "log_group_arn" {
  description = "ARN of the function's log group."
  value       = aws_cloudwatch_log_group.this.arn
}

output "source_code_hash" {
  description = "Base64 SHA-256 of the deployed zip (from the build manifest)."
  value       = aws_lambda_function.this.source_code_hash
}

output "log_group_kms_key_id" {
  description = "KMS key encrypting the log group (null: CloudWatch Logs' AWS-owned key)."
  value       = aws_cloudwatch_log_group.this.kms_key_id
}
