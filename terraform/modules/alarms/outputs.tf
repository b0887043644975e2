output "alarm_arns" {
  description = "Every alarm's ARN by its name."
  value       = { for alarm in aws_cloudwatch_metric_alarm.this : alarm.alarm_name => alarm.arn }
}
