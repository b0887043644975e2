# Values the provider would compute; ARNs must parse as ARNs.
mock_data "aws_caller_identity" {
  defaults = {
    account_id = "123456789012"
  }
}

mock_data "aws_partition" {
  defaults = {
    partition = "aws"
  }
}

mock_data "aws_region" {
  defaults = {
    name = "eu-west-1"
  }
}

mock_resource "aws_iam_role" {
  override_during = plan
  defaults = {
    arn = "arn:aws:iam::123456789012:role/trigger"
  }
}

mock_resource "aws_cloudwatch_event_rule" {
  override_during = plan
  defaults = {
    arn = "arn:aws:events:eu-west-1:123456789012:rule/nightly-event"
  }
}

mock_resource "aws_scheduler_schedule" {
  override_during = plan
  defaults = {
    arn = "arn:aws:scheduler:eu-west-1:123456789012:schedule/default/nightly"
  }
}

mock_resource "aws_apigatewayv2_api" {
  override_during = plan
  defaults = {
    id            = "a1b2c3d4e5"
    api_endpoint  = "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com"
    execution_arn = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5"
  }
}

mock_resource "aws_apigatewayv2_integration" {
  override_during = plan
  defaults = {
    id = "int0001"
  }
}

mock_resource "aws_cloudwatch_log_group" {
  override_during = plan
  defaults = {
    arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vendedlogs/apigateway/nightly"
  }
}
