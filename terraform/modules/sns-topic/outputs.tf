output "arn" {
  description = "ARN of the topic."
  value       = aws_sns_topic.this.arn
}

output "name" {
  description = "Name of the topic."
  value       = aws_sns_topic.this.name
}

output "policy_json" {
  description = "The topic's access policy."
  value       = aws_sns_topic_policy.this.policy
}

output "email_subscription_arns" {
  description = "Subscription ARN (\"pending confirmation\" until confirmed) per SHA-256 of the email address."
  value       = { for key, subscription in aws_sns_topic_subscription.email : key => subscription.arn }
}

output "kms_master_key_id" {
  description = "KMS key encrypting the topic's messages: the customer key, or alias/aws/sns."
  value       = aws_sns_topic.this.kms_master_key_id
}
