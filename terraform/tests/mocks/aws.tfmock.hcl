# Values the provider would compute; ARNs must parse as ARNs. Resources whose ARN a test follows
# through the wiring get a distinct ARN with override_resource in the test file.
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
    name = "eu-west-1"
  }
}

mock_data "aws_vpc" {
  defaults = {
    id = "vpc-0default"
  }
}

mock_data "aws_subnets" {
  defaults = {
    ids = ["subnet-0defaulta", "subnet-0defaultb"]
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
    arn = "arn:aws:logs:eu-west-1:123456789012:log-group:mock"
  }
}

mock_resource "aws_lambda_function" {
  override_during = plan
  defaults = {
    arn        = "arn:aws:lambda:eu-west-1:123456789012:function:mock"
    invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:mock/invocations"
  }
}

mock_resource "aws_sns_topic" {
  override_during = plan
  defaults = {
    arn = "arn:aws:sns:eu-west-1:123456789012:mock"
  }
}

mock_resource "aws_sns_topic_subscription" {
  override_during = plan
  defaults = {
    arn = "arn:aws:sns:eu-west-1:123456789012:mock:0b4c5a5e-4d5e-4a2f-9d3e-7e1f0c9a1b2c"
  }
}

mock_resource "aws_ecs_cluster" {
  override_during = plan
  defaults = {
    arn = "arn:aws:ecs:eu-west-1:123456789012:cluster/mock"
  }
}

mock_resource "aws_ecs_task_definition" {
  override_during = plan
  defaults = {
    arn = "arn:aws:ecs:eu-west-1:123456789012:task-definition/mock:1"
  }
}

mock_resource "aws_security_group" {
  override_during = plan
  defaults = {
    id = "sg-0mock"
  }
}

mock_resource "aws_sfn_state_machine" {
  override_during = plan
  defaults = {
    arn = "arn:aws:states:eu-west-1:123456789012:stateMachine:mock"
  }
}

mock_resource "aws_kms_key" {
  override_during = plan
  defaults = {
    arn    = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    key_id = "1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}

mock_resource "aws_dynamodb_table" {
  override_during = plan
  defaults = {
    arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/mock"
  }
}

mock_resource "aws_cloudwatch_event_rule" {
  override_during = plan
  defaults = {
    arn = "arn:aws:events:eu-west-1:123456789012:rule/mock"
  }
}

mock_resource "aws_scheduler_schedule" {
  override_during = plan
  defaults = {
    arn = "arn:aws:scheduler:eu-west-1:123456789012:schedule/default/mock"
  }
}

mock_resource "aws_apigatewayv2_api" {
  override_during = plan
  defaults = {
    id            = "mockapi123"
    api_endpoint  = "https://mockapi123.execute-api.eu-west-1.amazonaws.com"
    execution_arn = "arn:aws:execute-api:eu-west-1:123456789012:mockapi123"
  }
}
