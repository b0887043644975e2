# The pull-request plan role: GitHub's OIDC provider, a role only the plan job of this repository's
# approval environment can assume, and a policy that can read this project's resource configuration
# and its state, and nothing else (see README.md, "Threat model").
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

data "aws_iam_openid_connect_provider" "github" {
  count = var.create_oidc_provider ? 0 : 1
  url   = "https://${local.github_issuer}"
}

locals {
  account_id    = data.aws_caller_identity.current.account_id
  partition     = data.aws_partition.current.partition
  dns_suffix    = data.aws_partition.current.dns_suffix
  github_issuer = "token.actions.githubusercontent.com"
  provider_arn  = var.create_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : data.aws_iam_openid_connect_provider.github[0].arn

  # Jobs that name an environment get this subject; nothing else in the repository (other branches,
  # workflows without the environment, forks) does.
  oidc_subject = "repo:${var.github_repository}:environment:${var.github_environment}"

  arn_prefix = "arn:${local.partition}"
  in_region  = "${var.region}:${local.account_id}"
  state_arn  = "${local.arn_prefix}:s3:::${var.state_bucket}"

  # What refreshing this project's resources reads: configuration and tags, never data. Each action
  # is limited to resources named <name>-* wherever the API has a resource type.
  read_statements = [
    {
      Sid      = "ReadProjectRoles"
      Effect   = "Allow"
      Action   = ["iam:GetRole", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies", "iam:ListRolePolicies"]
      Resource = ["${local.arn_prefix}:iam::${local.account_id}:role/${var.name}-*"]
    },
    {
      Sid    = "ReadProjectFunctions"
      Effect = "Allow"
      Action = [
        "lambda:GetFunction", "lambda:GetFunctionCodeSigningConfig", "lambda:GetFunctionConfiguration",
        "lambda:GetPolicy", "lambda:ListTags", "lambda:ListVersionsByFunction",
      ]
      Resource = ["${local.arn_prefix}:lambda:${local.in_region}:function:${var.name}-*"]
    },
    {
      Sid      = "ReadProjectStateMachines"
      Effect   = "Allow"
      Action   = ["states:DescribeStateMachine", "states:ListStateMachineAliases", "states:ListStateMachineVersions", "states:ListTagsForResource"]
      Resource = ["${local.arn_prefix}:states:${local.in_region}:stateMachine:${var.name}-*"]
    },
    {
      # Since provider 5.67 a changed definition is validated at plan time; the API has no resource type.
      Sid      = "ValidateStateMachineDefinitions"
      Effect   = "Allow"
      Action   = ["states:ValidateStateMachineDefinition"]
      Resource = ["*"]
    },
    {
      Sid      = "ReadProjectTopics"
      Effect   = "Allow"
      Action   = ["sns:GetSubscriptionAttributes", "sns:GetTopicAttributes", "sns:ListSubscriptionsByTopic", "sns:ListTagsForResource"]
      Resource = ["${local.arn_prefix}:sns:${local.in_region}:${var.name}-*"]
    },
    {
      Sid      = "ReadProjectClusters"
      Effect   = "Allow"
      Action   = ["ecs:DescribeClusters", "ecs:ListTagsForResource"]
      Resource = ["${local.arn_prefix}:ecs:${local.in_region}:cluster/${var.name}-*", "${local.arn_prefix}:ecs:${local.in_region}:task-definition/${var.name}-*"]
    },
    {
      Sid      = "ReadProjectLogGroups"
      Effect   = "Allow"
      Action   = ["logs:ListTagsForResource", "logs:ListTagsLogGroup"]
      Resource = [for prefix in ["/aws/lambda/", "/aws/vendedlogs/states/", "/ecs/"] : "${local.arn_prefix}:logs:${local.in_region}:log-group:${prefix}${var.name}-*"]
    },
    {
      Sid    = "ReadProjectSchedulesRulesAndTables"
      Effect = "Allow"
      # The custom-event trigger's bus (event-bus/<name>-...-events) and its policy are read with DescribeEventBus;
      # rules on it are rule/<bus name>/<rule name>, still under rule/<name>-*.
      Action   = ["dynamodb:DescribeContinuousBackups", "dynamodb:DescribeTable", "dynamodb:DescribeTimeToLive", "dynamodb:ListTagsOfResource", "events:DescribeEventBus", "events:DescribeRule", "events:ListTagsForResource", "events:ListTargetsByRule", "scheduler:GetSchedule", "scheduler:ListTagsForResource"]
      Resource = ["${local.arn_prefix}:dynamodb:${local.in_region}:table/${var.name}-*", "${local.arn_prefix}:events:${local.in_region}:event-bus/${var.name}-*", "${local.arn_prefix}:events:${local.in_region}:rule/${var.name}-*", "${local.arn_prefix}:scheduler:${local.in_region}:schedule/default/${var.name}-*"]
    },
    {
      # These list/describe calls have no resource types (AWS requires "*"); they return configuration only.
      Sid    = "DescribeWithoutResourceTypes"
      Effect = "Allow"
      Action = [
        "ec2:DescribeSecurityGroupRules", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcAttribute", "ec2:DescribeVpcs",
        "ecs:DescribeTaskDefinition", "kms:ListAliases", "logs:DescribeLogGroups",
      ]
      Resource = ["*"]
    },
    {
      # The deployment's own key (create_kms_key): metadata and policy, not decryption.
      Sid       = "ReadProjectKeyConfiguration"
      Effect    = "Allow"
      Action    = ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"]
      Resource  = ["${local.arn_prefix}:kms:${local.in_region}:key/*"]
      Condition = { "ForAnyValue:StringEquals" = { "kms:ResourceAliases" = ["alias/${var.name}"] } }
    },
  ]

  # -lock=false: the plan only reads the state, so the role gets no write anywhere, not even a lock object.
  state_statements = concat(
    [
      {
        Sid       = "ListStateKeys"
        Effect    = "Allow"
        Action    = ["s3:ListBucket"]
        Resource  = [local.state_arn]
        Condition = { StringEquals = { "s3:prefix" = sort(var.state_keys) } }
      },
      {
        Sid      = "ReadState"
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = [for key in sort(var.state_keys) : "${local.state_arn}/${key}"]
      },
    ],
    var.state_bucket_kms_key_arn == null ? [] : [{
      Sid       = "DecryptStateThroughS3"
      Effect    = "Allow"
      Action    = ["kms:Decrypt"]
      Resource  = [var.state_bucket_kms_key_arn]
      Condition = { StringEquals = { "kms:ViaService" = "s3.${var.region}.${local.dns_suffix}" } }
    }],
    var.kms_key_arn == null ? [] : [{
      # DescribeStateMachine returns the definition, which the customer key encrypts.
      Sid      = "DecryptProjectDefinitionsThroughStepFunctions"
      Effect   = "Allow"
      Action   = ["kms:Decrypt"]
      Resource = [var.kms_key_arn]
      Condition = {
        StringEquals = { "kms:ViaService" = "states.${var.region}.${local.dns_suffix}" }
        StringLike   = { "kms:EncryptionContext:aws:states:stateMachineArn" = "${local.arn_prefix}:states:${local.in_region}:stateMachine:${var.name}-*" }
      }
    }],
  )

  # Defence in depth: even if someone later attaches a broad policy (e.g. ReadOnlyAccess) to this role,
  # the calls that return data rather than configuration stay denied.
  deny_statements = [
    {
      Sid    = "DenyDataReads"
      Effect = "Deny"
      Action = [
        "dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:GetRecords", "dynamodb:Query", "dynamodb:Scan",
        "lambda:InvokeFunction", "logs:FilterLogEvents", "logs:GetLogEvents", "logs:GetQueryResults", "logs:StartLiveTail", "logs:StartQuery",
        "secretsmanager:GetSecretValue", "sqs:ReceiveMessage", "ssm:GetParameter", "ssm:GetParameterHistory", "ssm:GetParameters",
        "ssm:GetParametersByPath", "states:DescribeExecution", "states:GetExecutionHistory",
      ]
      Resource = ["*"]
    },
    {
      Sid         = "DenyObjectReadsOutsideTheState"
      Effect      = "Deny"
      Action      = ["s3:GetObject", "s3:GetObjectVersion"]
      NotResource = [for key in sort(var.state_keys) : "${local.state_arn}/${key}"]
    },
  ]
}

resource "aws_iam_openid_connect_provider" "github" {
  count = var.create_oidc_provider ? 1 : 0

  url            = "https://${local.github_issuer}"
  client_id_list = ["sts.amazonaws.com"]
  # AWS validates GitHub's certificate through its own trust store; no thumbprint to pin.
}

resource "aws_iam_role" "plan" {
  name                 = "${var.name}-pr-plan"
  description          = "Terraform plan for pull requests of ${var.github_repository} (GitHub environment ${var.github_environment}); read-only."
  max_session_duration = var.max_session_duration

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "GitHubPlanJobOfThisRepositoryAndEnvironment"
      Effect    = "Allow"
      Principal = { Federated = local.provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      # StringEquals, never StringLike: no wildcard can widen the subject to other repositories or jobs.
      Condition = {
        StringEquals = {
          "${local.github_issuer}:aud" = "sts.amazonaws.com"
          "${local.github_issuer}:sub" = local.oidc_subject
        }
      }
    }]
  })
}

resource "aws_iam_role_policy" "plan" {
  name = "${var.name}-pr-plan"
  role = aws_iam_role.plan.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = concat(local.read_statements, local.state_statements, local.deny_statements)
  })
}
