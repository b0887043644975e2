output "topic_arn" {
  description = "ARN of the topic receiving the notifications."
  value       = aws_sns_topic.this.arn
}

output "topic_policy_json" {
  description = "The topic's access policy."
  value       = aws_sns_topic_policy.this.policy
}

output "rule_arn" {
  description = "ARN of the EventBridge rule matching the status changes."
  value       = aws_cloudwatch_event_rule.this.arn
}

output "event_pattern" {
  description = "The rule's event pattern."
  value       = aws_cloudwatch_event_rule.this.event_pattern
}

output "kms_key_arn" {
  description = "The key encrypting the topic (created here unless given)."
  value       = local.kms_key_arn
}

output "email_subscription_arns" {
  description = "Subscription ARN (\"pending confirmation\" until confirmed) per SHA-256 of the email address."
  value       = { for email, subscription in aws_sns_topic_subscription.email : email => subscription.arn }
}

output "target_arn" {
  description = "Where the rule sends the message (the topic)."
  value       = aws_cloudwatch_event_target.sns.arn
}

output "input_transformer" {
  description = "The input transformer turning the event into the message."
  value       = aws_cloudwatch_event_target.sns.input_transformer[0]
}
