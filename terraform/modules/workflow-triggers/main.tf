data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name

  # Each trigger's role holds this one statement and nothing else.
  start_execution_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "StartThisStateMachine"
      Effect   = "Allow"
      Action   = ["states:StartExecution"]
      Resource = [var.state_machine_arn]
    }]
  })
}
