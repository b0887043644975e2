# Offline: every value the provider would compute comes from tests/mocks.
mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  name                = "notices"
  publisher_role_arns = ["arn:aws:iam::123456789012:role/container-task-role"]
}

run "encrypted_with_the_aws_managed_key_by_default" {
  command = plan

  assert {
    condition     = aws_sns_topic.this.kms_master_key_id == "alias/aws/sns"
    error_message = "The topic must be encrypted with alias/aws/sns by default."
  }
  assert {
    condition     = length(aws_sns_topic_subscription.email) == 0
    error_message = "No subscription without an email address."
  }
}

run "customer_key_is_used_when_given" {
  command = plan

  variables {
    kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }

  assert {
    condition     = aws_sns_topic.this.kms_master_key_id == "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    error_message = "The customer key must encrypt the topic."
  }
}

run "policy_allows_only_the_account_and_the_publishers" {
  command = plan

  assert {
    condition = jsondecode(output.policy_json).Statement == [
      {
        Sid       = "AccountManagesTopic"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::123456789012:root" }
        Action    = ["sns:GetTopicAttributes", "sns:ListSubscriptionsByTopic", "sns:SetTopicAttributes", "sns:Subscribe"]
        Resource  = "arn:aws:sns:eu-west-1:123456789012:notices"
      },
      {
        Sid       = "PublishersPublish"
        Effect    = "Allow"
        Principal = { AWS = ["arn:aws:iam::123456789012:role/container-task-role"] }
        Action    = "sns:Publish"
        Resource  = "arn:aws:sns:eu-west-1:123456789012:notices"
      },
      {
        Sid       = "OnlyPublishersPublish"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "sns:Publish"
        Resource  = "arn:aws:sns:eu-west-1:123456789012:notices"
        Condition = { ArnNotEquals = { "aws:PrincipalArn" = ["arn:aws:iam::123456789012:role/container-task-role"] } }
      },
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "sns:*"
        Resource  = "arn:aws:sns:eu-west-1:123456789012:notices"
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
    error_message = "Unexpected topic policy."
  }
}

run "without_publishers_nobody_is_granted_publish" {
  command = plan

  variables {
    publisher_role_arns = []
  }

  assert {
    condition     = [for s in jsondecode(output.policy_json).Statement : s.Sid] == ["AccountManagesTopic", "OnlyPublishersPublish", "DenyInsecureTransport"]
    error_message = "Without publishers nobody is granted Publish and everyone is denied it."
  }
  assert {
    condition = jsondecode(output.policy_json).Statement[1] == {
      Sid       = "OnlyPublishersPublish"
      Effect    = "Deny"
      Principal = { AWS = "*" }
      Action    = "sns:Publish"
      Resource  = "arn:aws:sns:eu-west-1:123456789012:notices"
    }
    error_message = "With no publisher named, Publish is denied to every principal (whatever IAM allows)."
  }
}

run "email_subscription_is_optional" {
  command = plan

  variables {
    email_subscriptions = ["ops@example.com"]
  }

  assert {
    condition = (
      aws_sns_topic_subscription.email[sha256("123456789012/notices/ops@example.com")].protocol == "email" &&
      nonsensitive(aws_sns_topic_subscription.email[sha256("123456789012/notices/ops@example.com")].endpoint) == "ops@example.com" &&
      aws_sns_topic_subscription.email[sha256("123456789012/notices/ops@example.com")].topic_arn == "arn:aws:sns:eu-west-1:123456789012:notices"
    )
    error_message = "The email address must be subscribed to the topic, keyed by its hash."
  }
  assert {
    condition     = issensitive(aws_sns_topic_subscription.email[sha256("123456789012/notices/ops@example.com")].endpoint)
    error_message = "The address must stay sensitive so that plans (and pull-request plan comments) never show it."
  }
  assert {
    condition     = !contains(keys(aws_sns_topic_subscription.email), sha256("ops@example.com"))
    error_message = "The subscription key must not be the address's unsalted SHA-256 (a dictionary of addresses would reveal it)."
  }
}

run "rejects_a_bad_email" {
  command = plan
  variables {
    email_subscriptions = ["not-an-email"]
  }
  expect_failures = [var.email_subscriptions]
}

run "rejects_a_publisher_that_is_not_a_role" {
  command = plan
  variables {
    publisher_role_arns = ["arn:aws:states:eu-west-1:123456789012:stateMachine:x"]
  }
  expect_failures = [var.publisher_role_arns]
}

run "rejects_a_key_alias" {
  command = plan
  variables {
    kms_key_arn = "alias/aws/sns"
  }
  expect_failures = [var.kms_key_arn]
}

run "rejects_a_bad_name" {
  command = plan
  variables {
    name = "notices.fifo!"
  }
  expect_failures = [var.name]
}
