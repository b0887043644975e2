# Values the provider would compute; ARNs must parse as ARNs.
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

mock_resource "aws_iam_role" {
  override_during = plan
  defaults = {
    arn = "arn:aws:iam::123456789012:role/orchestrator-role"
  }
}

mock_resource "aws_cloudwatch_log_group" {
  override_during = plan
  defaults = {
    arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vendedlogs/states/orchestrator"
  }
}

mock_resource "aws_sfn_state_machine" {
  override_during = plan
  defaults = {
    arn = "arn:aws:states:eu-west-1:123456789012:stateMachine:orchestrator"
  }
}
