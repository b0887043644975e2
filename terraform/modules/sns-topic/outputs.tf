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
  description = "Subscription ARN per email address (\"pending confirmation\" until confirmed)."
  value       = { for email, subscription in aws_sns_topic_subscription.email : email => subscription.arn }
}
