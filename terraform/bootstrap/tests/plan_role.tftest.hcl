# The pull-request plan role, offline: who may assume it and what it may read.
mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  github_repository = "my-org/serverless-workflows"
  state_bucket      = "my-org-serverless-workflows-tfstate"
}

run "trust_is_pinned_to_the_repository_and_the_approval_environment" {
  command = plan

  assert {
    condition = jsondecode(output.trust_policy_json).Statement == [{
      Sid       = "GitHubPlanJobOfThisRepositoryAndEnvironment"
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = { StringEquals = {
        "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
        "token.actions.githubusercontent.com:sub" = "repo:my-org/serverless-workflows:environment:terraform-plan"
      } }
    }]
    error_message = "Only the plan job of this repository's environment may assume the role (exact subject, no wildcard)."
  }
  assert {
    condition     = !strcontains(output.trust_policy_json, "StringLike") && !strcontains(output.trust_policy_json, "*")
    error_message = "The trust policy must not contain any wildcard or StringLike."
  }
  assert {
    condition     = aws_iam_openid_connect_provider.github[0].url == "https://token.actions.githubusercontent.com" && length(aws_iam_openid_connect_provider.github[0].client_id_list) == 1 && contains(aws_iam_openid_connect_provider.github[0].client_id_list, "sts.amazonaws.com")
    error_message = "The OIDC provider must be GitHub's, for STS."
  }
  assert {
    condition     = aws_iam_role.plan.max_session_duration == 3600
    error_message = "Sessions last one hour at most by default."
  }
}

run "an_existing_oidc_provider_is_reused" {
  command = plan

  variables {
    create_oidc_provider = false
  }

  assert {
    condition     = length(aws_iam_openid_connect_provider.github) == 0 && output.oidc_provider_arn == "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
    error_message = "With create_oidc_provider = false the account's provider is looked up, not created."
  }
}

run "only_read_actions_named_explicitly" {
  command = plan

  assert {
    condition = alltrue(flatten([for s in jsondecode(output.policy_json).Statement : [
      for action in s.Action : can(regex("^[a-z0-9]+:(Describe|Get|List)[A-Za-z]+$", action)) || action == "states:ValidateStateMachineDefinition" || (action == "kms:Decrypt" && can(s.Condition.StringEquals["kms:ViaService"]))
    ] if s.Effect == "Allow"]))
    error_message = "Allowed actions must be Describe*/Get*/List* calls (spelled out, no wildcard), ValidateStateMachineDefinition, or kms:Decrypt through a service."
  }
  assert {
    condition     = !anytrue(flatten([for s in jsondecode(output.policy_json).Statement : [for action in s.Action : strcontains(action, "*")]]))
    error_message = "No action may contain a wildcard."
  }
  assert {
    condition = !anytrue(flatten([for s in jsondecode(output.policy_json).Statement : [for action in s.Action : contains([
      "s3:PutObject", "s3:DeleteObject", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "ssm:GetParameter", "ssm:GetParameters",
      "secretsmanager:GetSecretValue", "sqs:ReceiveMessage", "logs:GetLogEvents", "logs:FilterLogEvents", "states:GetExecutionHistory",
      "states:DescribeExecution", "lambda:InvokeFunction",
    ], action)] if s.Effect == "Allow"]))
    error_message = "No data read or write may be allowed."
  }
  assert {
    condition = [for s in jsondecode(output.policy_json).Statement : s.Sid if s.Effect == "Allow" && contains(try(s.Resource, []), "*")] == [
      "ValidateStateMachineDefinitions", "DescribeWithoutResourceTypes",
    ]
    error_message = "Only the calls without resource types may name \"*\"."
  }
}

run "project_resources_only" {
  command = plan

  assert {
    condition = alltrue(flatten([for s in jsondecode(output.policy_json).Statement : [
      for arn in s.Resource : endswith(arn, "/serverless-workflows-*") || endswith(arn, ":serverless-workflows-*") || endswith(arn, "serverless-workflows-*")
    ] if startswith(s.Sid, "ReadProject") && s.Sid != "ReadProjectKeyConfiguration"]))
    error_message = "Every read must be limited to resources named <name>-*."
  }
  assert {
    condition = { for s in jsondecode(output.policy_json).Statement : s.Sid => s }["ReadProjectRoles"].Resource == [
      "arn:aws:iam::123456789012:role/serverless-workflows-*",
    ]
    error_message = "IAM reads only the project's roles."
  }
  assert {
    condition = (
      contains({ for s in jsondecode(output.policy_json).Statement : s.Sid => s }["ReadProjectSchedulesRulesAndTables"].Action, "events:DescribeEventBus") &&
      contains({ for s in jsondecode(output.policy_json).Statement : s.Sid => s }["ReadProjectSchedulesRulesAndTables"].Resource, "arn:aws:events:us-east-1:123456789012:event-bus/serverless-workflows-*")
    )
    error_message = "The plan must be able to refresh the custom-event trigger's own bus (and only the project's buses)."
  }
  assert {
    condition = { for s in jsondecode(output.policy_json).Statement : s.Sid => s }["ReadProjectKeyConfiguration"].Condition == {
      "ForAnyValue:StringEquals" = { "kms:ResourceAliases" = ["alias/serverless-workflows"] }
    }
    error_message = "Key metadata only for the project's own key alias."
  }
}

run "state_is_read_only_and_only_its_keys" {
  command = plan

  assert {
    condition = { for s in jsondecode(output.policy_json).Statement : s.Sid => s }["ReadState"] == {
      Sid      = "ReadState"
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = ["arn:aws:s3:::my-org-serverless-workflows-tfstate/dev/serverless-workflows.tfstate"]
    }
    error_message = "The role reads the dev state object and nothing else of the bucket."
  }
  assert {
    condition = { for s in jsondecode(output.policy_json).Statement : s.Sid => s }["ListStateKeys"].Condition == {
      StringEquals = { "s3:prefix" = ["dev/serverless-workflows.tfstate"] }
    }
    error_message = "Listing is limited to the state key."
  }
  assert {
    condition     = !anytrue([for s in jsondecode(output.policy_json).Statement : anytrue([for a in s.Action : startswith(a, "s3:Put") || startswith(a, "s3:Delete")])])
    error_message = "With -lock=false the role writes nothing: no lock object, no state."
  }
  assert {
    condition     = { for s in jsondecode(output.policy_json).Statement : s.Sid => s }["DenyObjectReadsOutsideTheState"].NotResource == ["arn:aws:s3:::my-org-serverless-workflows-tfstate/dev/serverless-workflows.tfstate"]
    error_message = "Any other object read must be denied explicitly, whatever else gets attached."
  }
  assert {
    condition     = contains({ for s in jsondecode(output.policy_json).Statement : s.Sid => s }["DenyDataReads"].Action, "ssm:GetParameter")
    error_message = "Data reads must be denied explicitly."
  }
  assert {
    condition     = !strcontains(output.policy_json, "kms:Decrypt")
    error_message = "Without encrypted state or definitions the role cannot decrypt anything."
  }
}

run "encrypted_state_and_definitions_are_decrypted_through_their_services_only" {
  command = plan

  variables {
    state_keys               = ["dev/serverless-workflows.tfstate", "prod/serverless-workflows.tfstate"]
    state_bucket_kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
    kms_key_arn              = "arn:aws:kms:us-east-1:123456789012:key/66666666-2222-3333-4444-555555555555"
  }

  assert {
    condition = { for s in jsondecode(output.policy_json).Statement : s.Sid => s }["DecryptStateThroughS3"] == {
      Sid       = "DecryptStateThroughS3"
      Effect    = "Allow"
      Action    = ["kms:Decrypt"]
      Resource  = ["arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"]
      Condition = { StringEquals = { "kms:ViaService" = "s3.us-east-1.amazonaws.com" } }
    }
    error_message = "The state key may decrypt only through S3."
  }
  assert {
    condition = { for s in jsondecode(output.policy_json).Statement : s.Sid => s }["DecryptProjectDefinitionsThroughStepFunctions"].Condition == {
      StringEquals = { "kms:ViaService" = "states.us-east-1.amazonaws.com" }
      StringLike   = { "kms:EncryptionContext:aws:states:stateMachineArn" = "arn:aws:states:us-east-1:123456789012:stateMachine:serverless-workflows-*" }
    }
    error_message = "The project key may decrypt only the project's state machines, through Step Functions."
  }
  assert {
    condition = { for s in jsondecode(output.policy_json).Statement : s.Sid => s }["ReadState"].Resource == [
      "arn:aws:s3:::my-org-serverless-workflows-tfstate/dev/serverless-workflows.tfstate",
      "arn:aws:s3:::my-org-serverless-workflows-tfstate/prod/serverless-workflows.tfstate",
    ]
    error_message = "Each listed environment's state object is readable."
  }
}

run "partition_aws_us_gov" {
  command = plan

  variables {
    region = "us-gov-west-1"
  }

  override_data {
    target = data.aws_partition.current
    values = { partition = "aws-us-gov", dns_suffix = "amazonaws.com" }
  }

  assert {
    condition = alltrue(flatten([for s in jsondecode(output.policy_json).Statement : [
      for arn in try(s.Resource, s.NotResource) : arn == "*" || startswith(arn, "arn:aws-us-gov:")
    ]]))
    error_message = "Every ARN must be in the partition."
  }
}

run "rejects_a_wildcard_repository" {
  command = plan
  variables {
    github_repository = "my-org/*"
  }
  expect_failures = [var.github_repository]
}

run "rejects_a_repository_without_owner" {
  command = plan
  variables {
    github_repository = "serverless-workflows"
  }
  expect_failures = [var.github_repository]
}

run "rejects_a_wildcard_environment" {
  command = plan
  variables {
    github_environment = "*"
  }
  expect_failures = [var.github_environment]
}

run "rejects_the_placeholder_bucket" {
  command = plan
  variables {
    state_bucket = "CHANGE-ME-serverless-workflows-tfstate"
  }
  expect_failures = [var.state_bucket]
}

run "rejects_a_wildcard_state_key" {
  command = plan
  variables {
    state_keys = ["*"]
  }
  expect_failures = [var.state_keys]
}
