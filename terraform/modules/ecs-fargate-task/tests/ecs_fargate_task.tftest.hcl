# Offline: every value the provider would compute comes from tests/mocks.
mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  name = "job"
}

run "fargate_task_definition_with_separate_roles" {
  command = plan

  override_resource {
    target          = aws_iam_role.execution
    override_during = plan
    values          = { arn = "arn:aws:iam::123456789012:role/job-task-execution" }
  }
  override_resource {
    target          = aws_iam_role.task
    override_during = plan
    values          = { arn = "arn:aws:iam::123456789012:role/job-task" }
  }

  assert {
    condition = (
      aws_ecs_task_definition.this.requires_compatibilities == toset(["FARGATE"]) &&
      aws_ecs_task_definition.this.network_mode == "awsvpc" &&
      aws_ecs_task_definition.this.cpu == "256" &&
      aws_ecs_task_definition.this.memory == "512"
    )
    error_message = "The task must be FARGATE/awsvpc with the default size."
  }
  assert {
    condition = (
      aws_ecs_task_definition.this.execution_role_arn == "arn:aws:iam::123456789012:role/job-task-execution" &&
      aws_ecs_task_definition.this.task_role_arn == "arn:aws:iam::123456789012:role/job-task"
    )
    error_message = "Execution and task roles must be separate."
  }
  assert {
    condition = jsondecode(aws_ecs_task_definition.this.container_definitions) == [{
      name                   = "app"
      image                  = "public.ecr.aws/docker/library/busybox:stable"
      essential              = true
      command                = ["sh", "-c", "echo container task finished for execution $EXECUTION_ID"]
      readonlyRootFilesystem = true
      environment            = []
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          "awslogs-group"         = "/ecs/job"
          "awslogs-region"        = "eu-west-1"
          "awslogs-stream-prefix" = "app"
        }
      }
    }]
    error_message = "Unexpected container definition."
  }
  assert {
    condition     = aws_cloudwatch_log_group.this.retention_in_days == 30
    error_message = "The container log group needs a retention."
  }
}

run "cluster_has_container_insights" {
  command = plan

  assert {
    condition     = [for s in aws_ecs_cluster.this.setting : s.value if s.name == "containerInsights"] == ["enabled"]
    error_message = "Container Insights must be enabled."
  }
}

run "roles_trust_ecs_tasks_of_this_account_only" {
  command = plan

  assert {
    condition = jsondecode(aws_iam_role.execution.assume_role_policy).Statement == [{
      Sid       = "EcsTasksAssumeRole"
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = "123456789012" }
        ArnLike      = { "aws:SourceArn" = "arn:aws:ecs:eu-west-1:123456789012:*" }
      }
    }]
    error_message = "Unexpected trust policy."
  }
  assert {
    condition     = aws_iam_role.task.assume_role_policy == aws_iam_role.execution.assume_role_policy
    error_message = "Both roles must trust ECS tasks the same way."
  }
  assert {
    condition     = length(aws_iam_role_policy.task) == 0
    error_message = "The task role grants nothing by default."
  }
}

run "execution_role_writes_its_logs_only" {
  command = plan

  assert {
    condition = jsondecode(output.execution_role_policy_json).Statement == [{
      Sid      = "WriteContainerLogs"
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = ["arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/job:*"]
    }]
    error_message = "A public image needs only log writes."
  }
}

run "private_ecr_repositories_add_pull_statements" {
  command = plan

  variables {
    ecr_repository_arns = ["arn:aws:ecr:eu-west-1:123456789012:repository/job"]
  }

  assert {
    condition = slice(jsondecode(output.execution_role_policy_json).Statement, 1, 3) == [
      {
        Sid      = "GetEcrToken"
        Effect   = "Allow"
        Action   = ["ecr:GetAuthorizationToken"]
        Resource = ["*"]
      },
      {
        Sid      = "PullFromEcrRepositories"
        Effect   = "Allow"
        Action   = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
        Resource = ["arn:aws:ecr:eu-west-1:123456789012:repository/job"]
      },
    ]
    error_message = "Pulling from a private repository needs the token and the repository's pull actions."
  }
}

run "default_vpc_subnets_and_no_ingress" {
  command = plan

  assert {
    condition     = output.subnet_ids == tolist(["subnet-0defaulta", "subnet-0defaultb"]) && output.vpc_id == "vpc-0default"
    error_message = "Without subnets the default VPC's subnets are used."
  }
  assert {
    condition     = aws_security_group.this.vpc_id == "vpc-0default" && length(aws_security_group.this.ingress) == 0
    error_message = "The security group lives in the task's VPC and has no ingress."
  }
  assert {
    condition = (
      aws_vpc_security_group_egress_rule.https.from_port == 443 &&
      aws_vpc_security_group_egress_rule.https.to_port == 443 &&
      aws_vpc_security_group_egress_rule.https.ip_protocol == "tcp"
    )
    error_message = "Only HTTPS egress is allowed."
  }
}

run "given_network_is_used_without_lookups" {
  command = plan

  variables {
    vpc_id     = "vpc-0given"
    subnet_ids = ["subnet-0given"]
  }

  assert {
    condition     = output.subnet_ids == tolist(["subnet-0given"]) && aws_security_group.this.vpc_id == "vpc-0given"
    error_message = "The given network must be used."
  }
  assert {
    condition     = length(data.aws_vpc.default) == 0 && length(data.aws_subnets.default) == 0
    error_message = "No default VPC lookup when the network is given."
  }
}

run "custom_image_command_size_and_environment" {
  command = plan

  variables {
    image       = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/job:1.0"
    command     = ["./job", "--fast"]
    cpu         = 1024
    memory      = 4096
    environment = { B = "2", A = "1" }
  }

  assert {
    condition = (
      jsondecode(aws_ecs_task_definition.this.container_definitions)[0].image == "123456789012.dkr.ecr.eu-west-1.amazonaws.com/job:1.0" &&
      jsondecode(aws_ecs_task_definition.this.container_definitions)[0].command == ["./job", "--fast"] &&
      jsondecode(aws_ecs_task_definition.this.container_definitions)[0].environment == [{ name = "A", value = "1" }, { name = "B", value = "2" }]
    )
    error_message = "Image, command and environment must reach the container definition."
  }
  assert {
    condition     = aws_ecs_task_definition.this.cpu == "1024" && aws_ecs_task_definition.this.memory == "4096"
    error_message = "The size must be passed through."
  }
}

run "rejects_a_cpu_fargate_does_not_offer" {
  command = plan
  variables {
    cpu = 300
  }
  expect_failures = [var.cpu]
}

run "rejects_memory_outside_the_cpu_range" {
  command = plan
  variables {
    cpu    = 256
    memory = 4096
  }
  expect_failures = [var.memory]
}

run "rejects_subnets_without_their_vpc" {
  command = plan
  variables {
    subnet_ids = ["subnet-0given"]
  }
  expect_failures = [var.subnet_ids]
}

run "rejects_a_bad_retention" {
  command = plan
  variables {
    cloudwatch_logs_retention_in_days = 2
  }
  expect_failures = [var.cloudwatch_logs_retention_in_days]
}

run "rejects_a_bad_name" {
  command = plan
  variables {
    name = "job with spaces"
  }
  expect_failures = [var.name]
}

run "log_group_keeps_the_aws_owned_key_by_default" {
  command = plan

  assert {
    condition     = aws_cloudwatch_log_group.this.kms_key_id == null
    error_message = "Without kms_key_arn the log group keeps CloudWatch Logs' AWS-owned key."
  }
}

run "customer_managed_key_encrypts_the_log_group" {
  command = plan

  variables {
    kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }

  assert {
    condition     = aws_cloudwatch_log_group.this.kms_key_id == "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    error_message = "The container log group must be encrypted with the given key."
  }
}

run "accepts_an_image_pinned_by_digest" {
  command = plan

  variables {
    image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/job@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].image == "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/job@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
    error_message = "A digest reference must reach the task definition unchanged."
  }
}

run "accepts_a_registry_with_a_port_and_tag_plus_digest" {
  command = plan

  variables {
    image = "registry.example.com:5000/job:1.2.3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
  }
}

run "rejects_an_image_without_tag_or_digest" {
  command = plan

  variables {
    image = "public.ecr.aws/docker/library/busybox"
  }

  expect_failures = [var.image]
}

run "rejects_an_image_with_uppercase_or_spaces" {
  command = plan

  variables {
    image = "Busybox:stable --privileged"
  }

  expect_failures = [var.image]
}

run "rejects_a_short_digest" {
  command = plan

  variables {
    image = "busybox@sha256:0123"
  }

  expect_failures = [var.image]
}
