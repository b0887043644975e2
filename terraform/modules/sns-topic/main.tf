data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  account_root = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"
  publishers   = sort(var.publisher_role_arns)

  # Addresses are personal data: subscriptions are keyed by a SHA-256 salted with the account and the topic
  # (stable, so adding one address never re-subscribes the others; a hash table of common addresses made for
  # one unsalted SHA-256 or another topic does not apply) and the address itself stays sensitive.
  email_key_salt = "${data.aws_caller_identity.current.account_id}/${var.name}/"
  email_keys     = nonsensitive(toset([for email in var.email_subscriptions : sha256("${local.email_key_salt}${email}")]))
}

resource "aws_sns_topic" "this" {
  name              = var.name
  kms_master_key_id = coalesce(var.kms_key_arn, "alias/aws/sns")
  tags              = var.tags
}

resource "aws_sns_topic_policy" "this" {
  arn = aws_sns_topic.this.arn

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{
        # Replaces SNS's default policy (which lets any principal of the account publish and subscribe
        # through AWS:SourceOwner) with explicit management by this account only.
        Sid       = "AccountManagesTopic"
        Effect    = "Allow"
        Principal = { AWS = local.account_root }
        Action = [
          "sns:GetTopicAttributes",
          "sns:ListSubscriptionsByTopic",
          "sns:SetTopicAttributes",
          "sns:Subscribe",
        ]
        Resource = aws_sns_topic.this.arn
      }],
      # A for-filter rather than a conditional: the statements differ in shape.
      [for statement in [{
        Sid       = "PublishersPublish"
        Effect    = "Allow"
        Principal = { AWS = local.publishers }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.this.arn
      }] : statement if length(local.publishers) > 0],
      # Same-account IAM policies could otherwise grant sns:Publish to anyone else in the account; with no
      # publisher named, nobody publishes.
      [merge({
        Sid       = "OnlyPublishersPublish"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.this.arn
      }, length(local.publishers) > 0 ? { Condition = { ArnNotEquals = { "aws:PrincipalArn" = local.publishers } } } : {})],
      [{
        # Every action, not only Publish: subscribing, reading attributes or policies must use TLS too.
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "sns:*"
        Resource  = aws_sns_topic.this.arn
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      }],
    )
  })
}

resource "aws_sns_topic_subscription" "email" {
  for_each = local.email_keys

  topic_arn = aws_sns_topic.this.arn
  protocol  = "email"
  endpoint  = one([for email in var.email_subscriptions : email if sha256("${local.email_key_salt}${email}") == each.key])
}
