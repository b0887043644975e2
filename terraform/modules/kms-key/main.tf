data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name
  dns_suffix = data.aws_partition.current.dns_suffix

  # Log group ARNs are built from name prefixes, not taken from the log groups: each log group names
  # this key, so referring back to them would be a cycle.
  log_group_arn_patterns = [for prefix in var.log_group_name_prefixes : "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:${prefix}*"]

  statements = concat(
    [{
      # AWS's default key policy statement: the account's IAM policies decide who may use the key,
      # so every role's kms: permissions (scoped by kms:ViaService and encryption context in the
      # modules) take effect. Without it only this policy could grant anything.
      Sid       = "AccountIamPoliciesGovernTheKey"
      Effect    = "Allow"
      Principal = { AWS = "arn:${local.partition}:iam::${local.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }],
    length(local.log_group_arn_patterns) == 0 ? [] : [{
      # CloudWatch Logs encrypts a log group with the key in its own name; the encryption context
      # names the log group, so only this project's log groups can use it.
      Sid       = "CloudWatchLogsEncryptsProjectLogGroups"
      Effect    = "Allow"
      Principal = { Service = "logs.${local.region}.${local.dns_suffix}" }
      Action    = ["kms:Decrypt*", "kms:Describe*", "kms:Encrypt*", "kms:GenerateDataKey*", "kms:ReEncrypt*"]
      Resource  = "*"
      Condition = { ArnLike = { "kms:EncryptionContext:aws:logs:arn" = local.log_group_arn_patterns } }
    }],
    var.step_functions_log_delivery ? [{
      # Vended log delivery reads the execution history of an encrypted state machine to write it to its log group.
      Sid       = "LogDeliveryReadsEncryptedExecutions"
      Effect    = "Allow"
      Principal = { Service = "delivery.logs.amazonaws.com" }
      Action    = "kms:Decrypt"
      Resource  = "*"
      # AWS's condition pair for vended log delivery: this account's deliveries only.
      Condition = {
        StringEquals = { "aws:SourceAccount" = local.account_id }
        ArnLike      = { "aws:SourceArn" = "arn:${local.partition}:logs:${local.region}:${local.account_id}:*" }
      }
    }] : [],
    length(var.sns_publisher_service_principals) == 0 ? [] : [{
      # Services (e.g. EventBridge) publishing to a topic encrypted with this key: only for this account's
      # resources named <name>-* (a rule arn:...:events:<region>:<account>:rule/<name>-...), not any rule of it.
      Sid       = "ServicesPublishToEncryptedTopics"
      Effect    = "Allow"
      Principal = { Service = sort(var.sns_publisher_service_principals) }
      Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource  = "*"
      Condition = {
        StringEquals = { "aws:SourceAccount" = local.account_id }
        ArnLike      = { "aws:SourceArn" = "arn:${local.partition}:*:${local.region}:${local.account_id}:*/${var.name}-*" }
      }
    }],
  )
}

resource "aws_kms_key" "this" {
  description             = var.description
  enable_key_rotation     = true
  deletion_window_in_days = var.deletion_window_in_days
  policy                  = jsonencode({ Version = "2012-10-17", Statement = local.statements })
  tags                    = var.tags
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.this.key_id
}
