output "cluster_arn" {
  description = "ARN of the ECS cluster."
  value       = aws_ecs_cluster.this.arn
}

output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.this.name
}

output "task_definition_arn" {
  description = "ARN of the task definition, with its revision."
  value       = aws_ecs_task_definition.this.arn
}

output "task_definition_family" {
  description = "Family of the task definition."
  value       = aws_ecs_task_definition.this.family
}

output "container_name" {
  description = "Name of the container, for RunTask overrides."
  value       = var.container_name
}

output "execution_role_arn" {
  description = "ARN of the task execution role (passed to ECS by whoever runs the task)."
  value       = aws_iam_role.execution.arn
}

output "task_role_arn" {
  description = "ARN of the task role (passed to ECS by whoever runs the task)."
  value       = aws_iam_role.task.arn
}

output "task_role_name" {
  description = "Name of the task role, to attach further policies."
  value       = aws_iam_role.task.name
}

output "execution_role_policy_json" {
  description = "The execution role's inline policy."
  value       = aws_iam_role_policy.execution.policy
}

output "security_group_id" {
  description = "Security group of the task (no ingress)."
  value       = aws_security_group.this.id
}

output "subnet_ids" {
  description = "Subnets the task runs in."
  value       = local.subnet_ids
}

output "vpc_id" {
  description = "VPC of the task."
  value       = local.vpc_id
}

output "log_group_name" {
  description = "CloudWatch Logs group of the container."
  value       = aws_cloudwatch_log_group.this.name
}

output "log_group_kms_key_id" {
  description = "KMS key encrypting the container log group (null: CloudWatch Logs' AWS-owned key)."
  value       = aws_cloudwatch_log_group.this.kms_key_id
}
