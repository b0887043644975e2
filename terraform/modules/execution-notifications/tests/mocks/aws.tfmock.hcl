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

mock_resource "aws_cloudwatch_event_rule" {
  override_during = plan
  defaults = {
    arn = "arn:aws:events:eu-west-1:123456789012:rule/run-notices"
  }
}

mock_resource "aws_kms_key" {
  override_during = plan
  defaults = {
    arn = "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-4000-8000-000000000001"
  }
}

mock_resource "aws_sns_topic" {
  override_during = plan
  defaults = {
    arn = "arn:aws:sns:eu-west-1:123456789012:run-notices"
  }
}

mock_resource "aws_sns_topic_subscription" {
  override_during = plan
  defaults = {
    arn = "arn:aws:sns:eu-west-1:123456789012:run-notices:0b4c5a5e-4d5e-4a2f-9d3e-7e1f0c9a1b2c"
  }
}
