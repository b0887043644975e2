# Offline: every value the provider would compute comes from tests/mocks.
mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  name                    = "sw"
  log_group_name_prefixes = ["/aws/lambda/sw-", "/aws/vendedlogs/states/sw-", "/ecs/sw-"]
}

run "rotating_key_with_alias" {
  command = plan

  assert {
    condition     = aws_kms_key.this.enable_key_rotation && aws_kms_key.this.deletion_window_in_days == 30
    error_message = "The key must rotate yearly and keep the longest deletion window."
  }
  assert {
    condition     = aws_kms_alias.this.name == "alias/sw" && output.arn == "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    error_message = "The alias must be alias/<name> and the ARN reported."
  }
}

run "policy_grants_services_only_for_this_project_and_account" {
  command = plan

  assert {
    condition = [for s in jsondecode(output.policy_json).Statement : s.Sid] == [
      "AccountIamPoliciesGovernTheKey", "CloudWatchLogsEncryptsProjectLogGroups", "LogDeliveryReadsEncryptedExecutions",
    ]
    error_message = "Unexpected statements."
  }
  assert {
    condition = jsondecode(output.policy_json).Statement[0] == {
      Sid       = "AccountIamPoliciesGovernTheKey"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      Action    = "kms:*"
      Resource  = "*"
    }
    error_message = "Only the account itself administers the key, through IAM policies."
  }
  assert {
    condition = jsondecode(output.policy_json).Statement[1] == {
      Sid       = "CloudWatchLogsEncryptsProjectLogGroups"
      Effect    = "Allow"
      Principal = { Service = "logs.eu-west-1.amazonaws.com" }
      Action    = ["kms:Decrypt*", "kms:Describe*", "kms:Encrypt*", "kms:GenerateDataKey*", "kms:ReEncrypt*"]
      Resource  = "*"
      Condition = { ArnLike = { "kms:EncryptionContext:aws:logs:arn" = [
        "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/sw-*",
        "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vendedlogs/states/sw-*",
        "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/sw-*",
      ] } }
    }
    error_message = "CloudWatch Logs may use the key only for this project's log groups (encryption context)."
  }
  assert {
    condition = jsondecode(output.policy_json).Statement[2].Condition == {
      StringEquals = { "aws:SourceAccount" = "123456789012" }
      ArnLike      = { "aws:SourceArn" = "arn:aws:logs:eu-west-1:123456789012:*" }
    }
    error_message = "Log delivery may decrypt only for this account's deliveries (aws:SourceAccount and aws:SourceArn)."
  }
  assert {
    condition = alltrue([for s in jsondecode(output.policy_json).Statement : can(s.Condition)
    if can(s.Principal.Service)])
    error_message = "Every service principal must be scoped by a condition."
  }
}

run "services_publishing_to_encrypted_topics" {
  command = plan

  variables {
    sns_publisher_service_principals = ["events.amazonaws.com"]
    step_functions_log_delivery      = false
  }

  assert {
    condition = jsondecode(output.policy_json).Statement[2] == {
      Sid       = "ServicesPublishToEncryptedTopics"
      Effect    = "Allow"
      Principal = { Service = ["events.amazonaws.com"] }
      Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource  = "*"
      Condition = {
        StringEquals = { "aws:SourceAccount" = "123456789012" }
        ArnLike      = { "aws:SourceArn" = "arn:aws:*:eu-west-1:123456789012:*/sw-*" }
      }
    }
    error_message = "EventBridge may publish to encrypted topics only for this account's sw-* rules."
  }
}

run "partition_and_dns_suffix_in_aws_cn" {
  command = plan

  override_data {
    target = data.aws_partition.current
    values = { partition = "aws-cn", dns_suffix = "amazonaws.com.cn" }
  }
  override_data {
    target = data.aws_region.current
    values = { name = "cn-north-1" }
  }

  assert {
    condition     = jsondecode(output.policy_json).Statement[0].Principal.AWS == "arn:aws-cn:iam::123456789012:root"
    error_message = "The account root must be in the partition."
  }
  assert {
    condition     = jsondecode(output.policy_json).Statement[1].Principal.Service == "logs.cn-north-1.amazonaws.com.cn"
    error_message = "CloudWatch Logs' principal must use the partition's DNS suffix."
  }
  assert {
    condition     = alltrue([for arn in jsondecode(output.policy_json).Statement[1].Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"] : startswith(arn, "arn:aws-cn:logs:cn-north-1:")])
    error_message = "Log group ARNs must be in the partition."
  }
}

run "rejects_an_aws_reserved_alias" {
  command = plan
  variables {
    name = "aws/sns"
  }
  expect_failures = [var.name]
}

run "rejects_a_wildcard_prefix" {
  command = plan
  variables {
    log_group_name_prefixes = ["*"]
  }
  expect_failures = [var.log_group_name_prefixes]
}

run "rejects_a_short_deletion_window" {
  command = plan
  variables {
    deletion_window_in_days = 3
  }
  expect_failures = [var.deletion_window_in_days]
}
