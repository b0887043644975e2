resource "aws_dynamodb_table" "this" {
  name = var.name
  # On demand: a job net writes in bursts (one run, then its jobs) and idles in between.
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = var.hash_key
  range_key    = var.range_key

  attribute {
    name = var.hash_key
    type = "S"
  }

  dynamic "attribute" {
    for_each = var.range_key == null ? [] : [var.range_key]
    content {
      name = attribute.value
      type = "S"
    }
  }

  point_in_time_recovery {
    enabled = var.point_in_time_recovery_enabled
  }

  # DynamoDB always encrypts at rest: without this block with an AWS owned key, with it with the
  # customer managed key.
  dynamic "server_side_encryption" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]
    content {
      enabled     = true
      kms_key_arn = server_side_encryption.value
    }
  }

  ttl {
    enabled        = var.ttl_attribute_name != null
    attribute_name = var.ttl_attribute_name == null ? "" : var.ttl_attribute_name
  }

  deletion_protection_enabled = var.deletion_protection_enabled

  tags = var.tags
}
