output "plan_role_arn" {
  description = "Set it as the repository variable AWS_PLAN_ROLE_ARN."
  value       = aws_iam_role.plan.arn
}

output "oidc_provider_arn" {
  description = "The account's GitHub OIDC provider."
  value       = local.provider_arn
}

output "oidc_subject" {
  description = "The only token subject the role trusts."
  value       = local.oidc_subject
}

output "trust_policy_json" {
  description = "The plan role's trust policy."
  value       = aws_iam_role.plan.assume_role_policy
}

output "policy_json" {
  description = "The plan role's permissions."
  value       = aws_iam_role_policy.plan.policy
}
