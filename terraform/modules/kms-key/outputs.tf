output "arn" {
  description = "ARN of the key: pass it as kms_key_arn to the other modules."
  value       = aws_kms_key.this.arn
}

output "key_id" {
  description = "ID of the key."
  value       = aws_kms_key.this.key_id
}

output "alias_name" {
  description = "Alias of the key."
  value       = aws_kms_alias.this.name
}

output "policy_json" {
  description = "The key policy."
  value       = aws_kms_key.this.policy
}
