data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  account_root = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"
  statuses     = concat(var.statuses, var.notify_on_success ? ["SUCCEEDED"] : [])
  create_key   = var.kms_key_arn == null
  kms_key_arn  = local.create_key ? aws_kms_key.this[0].arn : var.kms_key_arn

  # Addresses are personal data: subscriptions are keyed by their SHA-256, like the sns-topic module's.
  # Keyed by a SHA-256 salted with the account and the topic, as in the sns-topic module (see there).
  email_key_salt = "${data.aws_caller_identity.current.account_id}/${var.name}/"
  email_keys     = nonsensitive(toset([for email in var.email_subscriptions : sha256("${local.email_key_salt}${email}")]))
}

# Step Functions sends every execution status change to the default bus; this rule keeps the
# given state machines' executions that ended in one of the statuses.
resource "aws_cloudwatch_event_rule" "this" {
  name        = var.name
  description = "Executions of ${join(", ", var.state_machine_arns)} that end ${join(", ", local.statuses)}."

  event_pattern = jsonencode({
    source        = ["aws.states"]
    "detail-type" = ["Step Functions Execution Status Change"]
    detail = {
      stateMachineArn = var.state_machine_arns
      status          = local.statuses
    }
  })

  tags = var.tags
}

resource "aws_cloudwatch_event_target" "sns" {
  rule      = aws_cloudwatch_event_rule.this.name
  target_id = "sns"
  arn       = aws_sns_topic.this.arn

  # Turns the raw event into the readable message subscribers receive.
  input_transformer {
    input_paths    = var.input_transformer.input_paths
    input_template = var.input_transformer.input_template
  }
}

# EventBridge cannot publish to a topic encrypted with the AWS managed alias/aws/sns key (its key
# policy cannot be changed to let events.amazonaws.com use it), so the topic gets a customer managed
# key whose policy does, unless one is given:
# https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-troubleshooting.html#eb-no-messages-published-sns
resource "aws_kms_key" "this" {
  count = local.create_key ? 1 : 0

  description         = "Encrypts the ${var.name} notification topic."
  enable_key_rotation = true

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
      {
        # AWS's default key policy statement: the account administers the key through IAM. Without it
        # the key could become unmanageable. In a key policy, Resource "*" means this key.
        # https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
        Sid       = "AccountAdministersKey"
        Effect    = "Allow"
        Principal = { AWS = local.account_root }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "EventBridgeEncryptsNotifications"
        Effect    = "Allow"
        Principal = { Service = "events.amazonaws.com" }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource  = "*"
        Condition = { ArnEquals = { "aws:SourceArn" = aws_cloudwatch_event_rule.this.arn } }
      },
      ], var.alarm_arn_pattern == null ? [] : [
      {
        Sid       = "AlarmsEncryptNotifications"
        Effect    = "Allow"
        Principal = { Service = "cloudwatch.amazonaws.com" }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource  = "*"
        Condition = { ArnLike = { "aws:SourceArn" = var.alarm_arn_pattern } }
      },
    ])
  })

  tags = var.tags
}

resource "aws_sns_topic" "this" {
  name              = var.name
  kms_master_key_id = local.kms_key_arn
  tags              = var.tags
}

resource "aws_sns_topic_policy" "this" {
  arn = aws_sns_topic.this.arn

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
      {
        Sid       = "AccountManagesTopic"
        Effect    = "Allow"
        Principal = { AWS = local.account_root }
        Action    = ["sns:GetTopicAttributes", "sns:ListSubscriptionsByTopic", "sns:SetTopicAttributes", "sns:Subscribe"]
        Resource  = aws_sns_topic.this.arn
      },
      {
        # Only this rule may publish: the topic carries nothing but execution notices.
        Sid       = "RulePublishes"
        Effect    = "Allow"
        Principal = { Service = "events.amazonaws.com" }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.this.arn
        Condition = { ArnEquals = { "aws:SourceArn" = aws_cloudwatch_event_rule.this.arn } }
      },
      ], length(var.publisher_role_arns) == 0 ? [] : [
      {
        # Workflows that announce on the same topic (the orchestrator's deadline watcher: "run late").
        Sid       = "WorkflowsPublish"
        Effect    = "Allow"
        Principal = { AWS = var.publisher_role_arns }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.this.arn
      },
      ], var.alarm_arn_pattern == null ? [] : [
      {
        # The deployment's CloudWatch alarms (modules/alarms) announce on the same topic.
        Sid       = "AlarmsPublish"
        Effect    = "Allow"
        Principal = { Service = "cloudwatch.amazonaws.com" }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.this.arn
        Condition = { ArnLike = { "aws:SourceArn" = var.alarm_arn_pattern } }
      },
      ], [
      {
        # Same-account IAM policies could otherwise grant sns:Publish to anyone in the account: a request that
        # does not come from this rule or the deployment's alarms (a user or role has no aws:SourceArn) is denied,
        # unless a publisher role makes it (the keys are ANDed; a service principal has no aws:PrincipalArn).
        Sid       = "OnlyRulePublishes"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.this.arn
        Condition = { ArnNotLike = merge(
          { "aws:SourceArn" = compact([aws_cloudwatch_event_rule.this.arn, var.alarm_arn_pattern]) },
          length(var.publisher_role_arns) == 0 ? {} : { "aws:PrincipalArn" = var.publisher_role_arns },
        ) }
      },
      {
        # Every action, not only Publish.
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "sns:*"
        Resource  = aws_sns_topic.this.arn
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ])
  })
}

resource "aws_sns_topic_subscription" "email" {
  for_each = local.email_keys

  topic_arn = aws_sns_topic.this.arn
  protocol  = "email"
  endpoint  = one([for email in var.email_subscriptions : email if sha256("${local.email_key_salt}${email}") == each.key])
}
