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

mock_resource "aws_sns_topic" {
  override_during = plan
  defaults = {
    arn = "arn:aws:sns:eu-west-1:123456789012:notices"
  }
}

mock_resource "aws_sns_topic_subscription" {
  override_during = plan
  defaults = {
    arn = "arn:aws:sns:eu-west-1:123456789012:notices:0b4c5a5e-4d5e-4a2f-9d3e-7e1f0c9a1b2c"
  }
}
