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
    arn = "arn:aws:iam::123456789012:role/job-role"
  }
}

mock_resource "aws_cloudwatch_log_group" {
  override_during = plan
  defaults = {
    arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/job"
  }
}

mock_resource "aws_ecs_cluster" {
  override_during = plan
  defaults = {
    arn = "arn:aws:ecs:eu-west-1:123456789012:cluster/job"
  }
}

mock_resource "aws_ecs_task_definition" {
  override_during = plan
  defaults = {
    arn = "arn:aws:ecs:eu-west-1:123456789012:task-definition/job:1"
  }
}

mock_resource "aws_security_group" {
  override_during = plan
  defaults = {
    id = "sg-0task"
  }
}
