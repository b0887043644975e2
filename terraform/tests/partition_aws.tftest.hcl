# Every ARN in the partition aws: the rendered definitions (arn:${partition}:states:::...), every role's
# policies, the key policy, and the console URL of each state machine.
mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }

  mock_data "aws_partition" {
    defaults = {
      partition  = "aws"
      dns_suffix = "amazonaws.com"
    }
  }

  mock_data "aws_region" {
    defaults = {
      name = "us-east-1"
    }
  }

  mock_data "aws_vpc" {
    defaults = {
      id = "vpc-0default"
    }
  }

  mock_data "aws_subnets" {
    defaults = {
      ids = ["subnet-0defaulta"]
    }
  }

  mock_resource "aws_iam_role" {
    override_during = plan
    defaults = {
      arn = "arn:aws:iam::123456789012:role/mock-role"
    }
  }

  mock_resource "aws_cloudwatch_log_group" {
    override_during = plan
    defaults = {
      arn = "arn:aws:logs:us-east-1:123456789012:log-group:mock"
    }
  }

  mock_resource "aws_lambda_function" {
    override_during = plan
    defaults = {
      arn        = "arn:aws:lambda:us-east-1:123456789012:function:mock"
      invoke_arn = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:mock/invocations"
    }
  }

  mock_resource "aws_sns_topic" {
    override_during = plan
    defaults = {
      arn = "arn:aws:sns:us-east-1:123456789012:mock"
    }
  }

  mock_resource "aws_sns_topic_subscription" {
    override_during = plan
    defaults = {
      arn = "arn:aws:sns:us-east-1:123456789012:mock:0b4c5a5e-4d5e-4a2f-9d3e-7e1f0c9a1b2c"
    }
  }

  mock_resource "aws_ecs_cluster" {
    override_during = plan
    defaults = {
      arn = "arn:aws:ecs:us-east-1:123456789012:cluster/mock"
    }
  }

  mock_resource "aws_ecs_task_definition" {
    override_during = plan
    defaults = {
      arn = "arn:aws:ecs:us-east-1:123456789012:task-definition/mock:1"
    }
  }

  mock_resource "aws_security_group" {
    override_during = plan
    defaults = {
      id = "sg-0mock"
    }
  }

  mock_resource "aws_dynamodb_table" {
    override_during = plan
    defaults = {
      arn = "arn:aws:dynamodb:us-east-1:123456789012:table/mock"
    }
  }

  mock_resource "aws_sfn_state_machine" {
    override_during = plan
    defaults = {
      arn = "arn:aws:states:us-east-1:123456789012:stateMachine:mock"
    }
  }

  mock_resource "aws_kms_key" {
    override_during = plan
    defaults = {
      arn    = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      key_id = "1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}

variables {
  name                 = "sw"
  region               = "us-east-1"
  lambda_manifest_path = "./tests/fixtures/manifest.json"
  create_kms_key       = true
}

run "every_arn_is_in_aws" {
  command = plan

  assert {
    condition = alltrue([for workflow in module.workflow :
      length(regexall("arn:[a-z-]+:", workflow.definition)) > 0 &&
      toset(regexall("arn:[a-z-]+:", workflow.definition)) == toset(["arn:aws:"])
    ])
    error_message = "Every ARN in every rendered definition (service integrations and resources) must be in aws."
  }
  assert {
    condition = alltrue([for workflow in module.workflow :
      alltrue([for resource in [for state in values(jsondecode(workflow.definition).States) : state.Resource if can(state.Resource)] :
      startswith(resource, "arn:aws:states:::")])
    ])
    error_message = "Every task's integration ARN must be arn:aws:states:::<service>:<action>."
  }
  assert {
    condition = alltrue(flatten([for workflow in module.workflow : [
      for document in [workflow.role_policy_json, workflow.assume_role_policy_json] :
      toset(regexall("arn:[a-z-]+:", document)) == toset(["arn:aws:"]) if length(regexall("arn:", document)) > 0
    ]]))
    error_message = "Every ARN in the state machines' policies must be in aws."
  }
  assert {
    condition     = toset(regexall("arn:[a-z-]+:", module.kms_key[0].policy_json)) == toset(["arn:aws:"])
    error_message = "Every ARN in the key policy must be in aws."
  }
  assert {
    condition     = alltrue([for workflow in module.workflow : startswith(workflow.console_url, "https://us-east-1.console.aws.amazon.com/states/home?region=us-east-1#/statemachines/view/arn:aws:states:")])
    error_message = "The console URLs must open us-east-1.console.aws.amazon.com."
  }
}
