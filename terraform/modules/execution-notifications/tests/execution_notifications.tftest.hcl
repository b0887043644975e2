# Offline: every value the provider would compute comes from tests/mocks.
mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  name               = "run-notices"
  state_machine_arns = ["arn:aws:states:eu-west-1:123456789012:stateMachine:orchestrator"]
  input_transformer = {
    input_paths    = { status = "$.detail.status", name = "$.detail.name" }
    input_template = "\"Run <name> ended <status>.\""
  }
}

run "matches_unsuccessful_executions_of_the_state_machine" {
  command = plan

  assert {
    condition = jsondecode(aws_cloudwatch_event_rule.this.event_pattern) == {
      source        = ["aws.states"]
      "detail-type" = ["Step Functions Execution Status Change"]
      detail = {
        stateMachineArn = ["arn:aws:states:eu-west-1:123456789012:stateMachine:orchestrator"]
        status          = ["FAILED", "TIMED_OUT", "ABORTED"]
      }
    }
    error_message = "The rule must match this state machine's FAILED, TIMED_OUT and ABORTED executions only."
  }
}

run "success_is_announced_when_asked" {
  command = plan

  variables {
    notify_on_success = true
  }

  assert {
    condition     = jsondecode(aws_cloudwatch_event_rule.this.event_pattern).detail.status == ["FAILED", "TIMED_OUT", "ABORTED", "SUCCEEDED"]
    error_message = "notify_on_success adds SUCCEEDED."
  }
}

run "the_topic_receives_the_transformed_message" {
  command = plan

  assert {
    condition     = aws_cloudwatch_event_target.sns.arn == "arn:aws:sns:eu-west-1:123456789012:run-notices" && aws_cloudwatch_event_target.sns.rule == "run-notices"
    error_message = "The rule's target must be the topic."
  }
  assert {
    condition = (
      aws_cloudwatch_event_target.sns.input_transformer[0].input_paths == tomap({ status = "$.detail.status", name = "$.detail.name" }) &&
      aws_cloudwatch_event_target.sns.input_transformer[0].input_template == "\"Run <name> ended <status>.\""
    )
    error_message = "The input transformer must be the given one."
  }
}

run "only_the_rule_publishes_through_tls" {
  command = plan

  assert {
    condition = { for s in jsondecode(aws_sns_topic_policy.this.policy).Statement : s.Sid => s }["RulePublishes"] == {
      Sid       = "RulePublishes"
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = "sns:Publish"
      Resource  = "arn:aws:sns:eu-west-1:123456789012:run-notices"
      Condition = { ArnEquals = { "aws:SourceArn" = "arn:aws:events:eu-west-1:123456789012:rule/run-notices" } }
    }
    error_message = "EventBridge may publish for this rule only."
  }
  assert {
    condition     = [for s in jsondecode(aws_sns_topic_policy.this.policy).Statement : s.Sid] == ["AccountManagesTopic", "RulePublishes", "OnlyRulePublishes", "DenyInsecureTransport"]
    error_message = "Unexpected topic policy statements."
  }
  assert {
    condition = { for s in jsondecode(aws_sns_topic_policy.this.policy).Statement : s.Sid => s }["OnlyRulePublishes"] == {
      Sid       = "OnlyRulePublishes"
      Effect    = "Deny"
      Principal = { AWS = "*" }
      Action    = "sns:Publish"
      Resource  = "arn:aws:sns:eu-west-1:123456789012:run-notices"
      Condition = { ArnNotLike = { "aws:SourceArn" = ["arn:aws:events:eu-west-1:123456789012:rule/run-notices"] } }
    }
    error_message = "Any Publish not coming from this rule (users and roles of the account included) must be denied."
  }
  assert {
    condition = { for s in jsondecode(aws_sns_topic_policy.this.policy).Statement : s.Sid => s }["DenyInsecureTransport"] == {
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = { AWS = "*" }
      Action    = "sns:*"
      Resource  = "arn:aws:sns:eu-west-1:123456789012:run-notices"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }
    error_message = "Every action on the topic must use TLS, not only Publish."
  }
}

run "a_dedicated_key_lets_eventbridge_encrypt" {
  command = plan

  assert {
    condition     = length(aws_kms_key.this) == 1 && aws_kms_key.this[0].enable_key_rotation
    error_message = "Without a key the module creates one, with rotation."
  }
  assert {
    condition     = aws_sns_topic.this.kms_master_key_id == "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-4000-8000-000000000001"
    error_message = "The topic must be encrypted with the dedicated key."
  }
  assert {
    condition = { for s in jsondecode(aws_kms_key.this[0].policy).Statement : s.Sid => s }["EventBridgeEncryptsNotifications"] == {
      Sid       = "EventBridgeEncryptsNotifications"
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource  = "*"
      Condition = { ArnEquals = { "aws:SourceArn" = "arn:aws:events:eu-west-1:123456789012:rule/run-notices" } }
    }
    error_message = "EventBridge may use the key for this rule only."
  }
}

run "alarms_matching_the_pattern_may_publish_and_use_the_dedicated_key" {
  command = plan

  variables {
    alarm_arn_pattern = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:sw-*"
  }

  assert {
    condition = { for s in jsondecode(aws_sns_topic_policy.this.policy).Statement : s.Sid => s }["AlarmsPublish"] == {
      Sid       = "AlarmsPublish"
      Effect    = "Allow"
      Principal = { Service = "cloudwatch.amazonaws.com" }
      Action    = "sns:Publish"
      Resource  = "arn:aws:sns:eu-west-1:123456789012:run-notices"
      Condition = { ArnLike = { "aws:SourceArn" = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:sw-*" } }
    }
    error_message = "Only the alarms matching the pattern may publish."
  }
  assert {
    condition = { for s in jsondecode(aws_kms_key.this[0].policy).Statement : s.Sid => s }["AlarmsEncryptNotifications"] == {
      Sid       = "AlarmsEncryptNotifications"
      Effect    = "Allow"
      Principal = { Service = "cloudwatch.amazonaws.com" }
      Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource  = "*"
      Condition = { ArnLike = { "aws:SourceArn" = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:sw-*" } }
    }
    error_message = "Only the alarms matching the pattern may use the key."
  }
  assert {
    condition     = [for s in jsondecode(aws_sns_topic_policy.this.policy).Statement : s.Sid] == ["AccountManagesTopic", "RulePublishes", "AlarmsPublish", "OnlyRulePublishes", "DenyInsecureTransport"]
    error_message = "Unexpected topic policy statements."
  }
  assert {
    condition     = { for s in jsondecode(aws_sns_topic_policy.this.policy).Statement : s.Sid => s }["OnlyRulePublishes"].Condition == { ArnNotLike = { "aws:SourceArn" = ["arn:aws:events:eu-west-1:123456789012:rule/run-notices", "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:sw-*"] } }
    error_message = "The deny on other publishers spares the rule and the alarms, or the alarms could never announce."
  }
}

run "a_given_key_is_used_and_none_created" {
  command = plan

  variables {
    kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }

  assert {
    condition     = length(aws_kms_key.this) == 0 && aws_sns_topic.this.kms_master_key_id == "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    error_message = "A given key encrypts the topic and no key is created."
  }
}

run "rejects_success_in_statuses" {
  command = plan
  variables {
    statuses = ["SUCCEEDED"]
  }
  expect_failures = [var.statuses]
}

run "rejects_a_state_machine_that_is_not_an_arn" {
  command = plan
  variables {
    state_machine_arns = ["orchestrator"]
  }
  expect_failures = [var.state_machine_arns]
}

run "rejects_input_paths_that_are_not_json_paths" {
  command = plan
  variables {
    input_transformer = { input_paths = { status = "detail.status" }, input_template = "\"<status>\"" }
  }
  expect_failures = [var.input_transformer]
}
