# Encryption at rest, offline: one key (given or created) must reach every place data rests, and
# without one every service keeps its AWS key, chosen explicitly.
mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  name                 = "sw"
  region               = "eu-west-1"
  lambda_manifest_path = "./tests/fixtures/manifest.json"
}

run "aws_owned_keys_by_default" {
  command = plan

  assert {
    condition = alltrue([for sm in [module.workflow["number-processor"], module.workflow["container-task"]] :
    sm.encryption_configuration.type == "AWS_OWNED_KEY" && sm.encryption_configuration.kms_key_id == null])
    error_message = "Without a key both state machines must say AWS_OWNED_KEY explicitly."
  }
  assert {
    condition     = alltrue([for fn in module.lambda : fn.log_group_kms_key_id == null]) && module.container_task.log_group_kms_key_id == null
    error_message = "Without a key the log groups keep CloudWatch Logs' AWS-owned key."
  }
  assert {
    condition     = module.notifications.kms_master_key_id == "alias/aws/sns"
    error_message = "Without a key the topic uses the AWS managed alias/aws/sns (SNS has no AWS-owned key)."
  }
  assert {
    condition     = length(module.kms_key) == 0 && output.kms_key_arn == null
    error_message = "No key is created unless asked."
  }
}

run "a_given_key_reaches_every_place_data_rests" {
  command = plan

  variables {
    kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }

  assert {
    condition = alltrue([for sm in [module.workflow["number-processor"], module.workflow["container-task"]] :
      sm.encryption_configuration.type == "CUSTOMER_MANAGED_KMS_KEY" &&
    sm.encryption_configuration.kms_key_id == "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"])
    error_message = "Both state machines must be encrypted with the key."
  }
  assert {
    condition = alltrue(concat(
      [for fn in module.lambda : fn.log_group_kms_key_id == "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
      [for sm in [module.workflow["number-processor"], module.workflow["container-task"]] : sm.log_group_kms_key_id == "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
      [module.container_task.log_group_kms_key_id == "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
    ))
    error_message = "Every log group (three functions, two state machines, the container) must be encrypted with the key."
  }
  assert {
    condition     = module.notifications.kms_master_key_id == "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    error_message = "The topic must be encrypted with the key."
  }
  assert {
    condition = [for s in jsondecode(module.workflow["container-task"].role_policy_json).Statement : s.Sid if anytrue([for a in s.Action : startswith(a, "kms:")])] == [
      "UseSnsTopicKmsKeys", "UseStateMachineKmsKey", "DeliverEncryptedExecutionLogs",
    ]
    error_message = "The container workflow uses the key for its topic (through SNS), its own history (through Step Functions) and log delivery."
  }
  assert {
    condition = { for s in jsondecode(module.workflow["container-task"].role_policy_json).Statement : s.Sid => s }["UseSnsTopicKmsKeys"] == {
      Sid       = "UseSnsTopicKmsKeys"
      Effect    = "Allow"
      Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource  = ["arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
      Condition = { StringEquals = { "kms:ViaService" = "sns.eu-west-1.amazonaws.com" } }
    }
    error_message = "The publisher may use the key through SNS only."
  }
  assert {
    condition = alltrue([for sm in [module.workflow["number-processor"], module.workflow["container-task"]] : alltrue([
      for s in jsondecode(sm.role_policy_json).Statement : can(s.Condition.StringEquals) || can(s.Condition.ArnLike)
      if anytrue([for a in s.Action : startswith(a, "kms:")])
    ])])
    error_message = "Every kms: permission of every role must be scoped by kms:ViaService or an encryption context."
  }
  assert {
    condition     = length(module.kms_key) == 0 && output.kms_key_arn == "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    error_message = "A given key is used as is, none created."
  }
}

run "a_created_key_is_limited_to_this_projects_log_groups" {
  command = plan

  variables {
    create_kms_key = true
  }

  override_resource {
    target          = module.kms_key[0].aws_kms_key.this
    override_during = plan
    values          = { arn = "arn:aws:kms:eu-west-1:123456789012:key/0000aaaa-12ab-34cd-56ef-1234567890ab", key_id = "0000aaaa-12ab-34cd-56ef-1234567890ab" }
  }

  assert {
    condition     = output.kms_key_arn == "arn:aws:kms:eu-west-1:123456789012:key/0000aaaa-12ab-34cd-56ef-1234567890ab"
    error_message = "The created key must be the one used."
  }
  assert {
    condition = alltrue([for sm in [module.workflow["number-processor"], module.workflow["container-task"]] :
    sm.encryption_configuration.kms_key_id == "arn:aws:kms:eu-west-1:123456789012:key/0000aaaa-12ab-34cd-56ef-1234567890ab"])
    error_message = "The created key must encrypt the state machines."
  }
  assert {
    condition = jsondecode(module.kms_key[0].policy_json).Statement[1].Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"] == [
      "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/sw-*",
      "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vendedlogs/states/sw-*",
      "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/sw-*",
      "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vendedlogs/apigateway/sw-*",
    ]
    error_message = "CloudWatch Logs may use the created key for this project's log groups only."
  }
  assert {
    condition = alltrue(concat(
      [for fn in module.lambda : startswith(fn.log_group_name, "/aws/lambda/sw-")],
      [for sm in [module.workflow["number-processor"], module.workflow["container-task"]] : startswith(sm.log_group_name, "/aws/vendedlogs/states/sw-")],
      [startswith(module.container_task.log_group_name, "/ecs/sw-")],
    ))
    error_message = "Every log group must fall under one of the key policy's prefixes, or CloudWatch Logs could not use the key."
  }
}

run "rejects_a_key_alias" {
  command = plan
  variables {
    kms_key_arn = "alias/my-key"
  }
  expect_failures = [var.kms_key_arn]
}

run "rejects_both_a_key_and_a_created_key" {
  command = plan
  variables {
    kms_key_arn    = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    create_kms_key = true
  }
  expect_failures = [var.create_kms_key]
}

run "the_orchestrator_keeps_aws_keys_by_default" {
  command = plan

  assert {
    condition     = module.workflow["orchestrator"].encryption_configuration.type == "AWS_OWNED_KEY" && module.runs_table.kms_key_arn == null && module.orchestrator_triggers.log_group_kms_key_id == null
    error_message = "Without a key the orchestrator, its runs table and the API's access logs keep their AWS owned keys."
  }
  assert {
    condition     = module.orchestrator_notifications.kms_key_arn != null
    error_message = "Without a key the orchestrator's topic still gets its own key: EventBridge cannot publish to alias/aws/sns topics."
  }
}

run "a_given_key_reaches_the_orchestrator" {
  command = plan

  variables {
    kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }

  assert {
    condition = alltrue([for key in [
      module.workflow["orchestrator"].encryption_configuration.kms_key_id, module.workflow["orchestrator"].log_group_kms_key_id, module.runs_table.kms_key_arn,
      module.orchestrator_notifications.kms_key_arn, module.orchestrator_triggers.log_group_kms_key_id,
    ] : key == "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"])
    error_message = "The orchestrator's history and logs, its runs table, its topic and the API's access logs must be encrypted with the key."
  }
  assert {
    condition = [for s in jsondecode(module.workflow["orchestrator"].role_policy_json).Statement : s.Sid if anytrue([for a in s.Action : startswith(a, "kms:")])] == [
      "UseDynamoDbTableKmsKeys", "UseStateMachineKmsKey", "DeliverEncryptedExecutionLogs",
    ]
    error_message = "The orchestrator uses the key for its table (through DynamoDB), its own history and log delivery."
  }
}

run "a_created_key_lets_eventbridge_encrypt_notifications" {
  command = plan

  variables {
    create_kms_key = true
  }

  override_resource {
    target          = module.kms_key[0].aws_kms_key.this
    override_during = plan
    values          = { arn = "arn:aws:kms:eu-west-1:123456789012:key/0000aaaa-12ab-34cd-56ef-1234567890ab", key_id = "0000aaaa-12ab-34cd-56ef-1234567890ab" }
  }

  assert {
    condition     = [for s in jsondecode(module.kms_key[0].policy_json).Statement : s.Principal.Service if s.Sid == "ServicesPublishToEncryptedTopics"] == [["cloudwatch.amazonaws.com", "events.amazonaws.com"]]
    error_message = "EventBridge and the alarms must be able to encrypt the orchestrator's notifications with the created key."
  }
}
