output "name" {
  description = "Name of the table."
  value       = aws_dynamodb_table.this.name
}

output "arn" {
  description = "ARN of the table (what IAM statements name)."
  value       = aws_dynamodb_table.this.arn
}

output "hash_key" {
  description = "Partition key attribute."
  value       = aws_dynamodb_table.this.hash_key
}

output "range_key" {
  description = "Sort key attribute (null without one)."
  value       = aws_dynamodb_table.this.range_key
}

output "ttl_attribute_name" {
  description = "Attribute holding the expiry time (null without TTL)."
  value       = var.ttl_attribute_name
}

output "kms_key_arn" {
  description = "Customer-managed key encrypting the table (null: AWS owned key)."
  value       = var.kms_key_arn
}
