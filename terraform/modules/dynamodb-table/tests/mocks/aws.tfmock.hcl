# Values the provider would compute; ARNs must parse as ARNs.
mock_resource "aws_dynamodb_table" {
  override_during = plan
  defaults = {
    arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/runs"
  }
}
