# Offline: every value the provider would compute comes from tests/mocks.
mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  name      = "runs"
  hash_key  = "run_id"
  range_key = "record"
}

run "on_demand_recoverable_encrypted_with_ttl_by_default" {
  command = plan

  assert {
    condition     = aws_dynamodb_table.this.billing_mode == "PAY_PER_REQUEST"
    error_message = "The table must be on demand."
  }
  assert {
    condition     = aws_dynamodb_table.this.point_in_time_recovery[0].enabled
    error_message = "Point-in-time recovery must be on."
  }
  assert {
    condition     = length(aws_dynamodb_table.this.server_side_encryption) == 0
    error_message = "Without a key the table is encrypted with an AWS owned key."
  }
  assert {
    condition     = aws_dynamodb_table.this.ttl[0].enabled && aws_dynamodb_table.this.ttl[0].attribute_name == "expires_at"
    error_message = "TTL must be on expires_at."
  }
  assert {
    condition     = aws_dynamodb_table.this.hash_key == "run_id" && aws_dynamodb_table.this.range_key == "record"
    error_message = "Keys must come from the variables."
  }
  assert {
    condition     = toset([for a in aws_dynamodb_table.this.attribute : "${a.name}:${a.type}"]) == toset(["run_id:S", "record:S"])
    error_message = "Both keys must be declared as string attributes, and nothing else."
  }
  assert {
    condition     = output.arn == "arn:aws:dynamodb:eu-west-1:123456789012:table/runs"
    error_message = "The ARN output must be the table's."
  }
}

run "customer_key_encrypts_when_given" {
  command = plan

  variables {
    kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }

  assert {
    condition     = aws_dynamodb_table.this.server_side_encryption[0].enabled && aws_dynamodb_table.this.server_side_encryption[0].kms_key_arn == "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    error_message = "The customer key must encrypt the table."
  }
}

run "hash_key_only_and_ttl_off" {
  command = plan

  variables {
    range_key          = null
    ttl_attribute_name = null
  }

  assert {
    condition     = length(aws_dynamodb_table.this.attribute) == 1 && aws_dynamodb_table.this.range_key == null
    error_message = "Without a range key only the hash key is declared."
  }
  assert {
    condition     = aws_dynamodb_table.this.ttl[0].enabled == false
    error_message = "TTL must be off when no attribute is named."
  }
}

run "rejects_a_bad_name" {
  command = plan
  variables {
    name = "no spaces allowed"
  }
  expect_failures = [var.name]
}

run "rejects_a_key_that_is_not_an_arn" {
  command = plan
  variables {
    kms_key_arn = "alias/my-key"
  }
  expect_failures = [var.kms_key_arn]
}
