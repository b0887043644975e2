data "aws_caller_identity" "current" {}

locals {
  log_group_name = "/aws/lambda/${var.function_name}"
}

resource "aws_cloudwatch_log_group" "this" {
  # Created here (not by Lambda on first invoke) so that it has a retention and the role needs no
  # logs:CreateLogGroup.
  name              = local.log_group_name
  retention_in_days = var.cloudwatch_logs_retention_in_days
  # Null keeps CloudWatch Logs' own AWS-owned key.
  kms_key_id = var.kms_key_arn
  tags       = var.tags
}

resource "aws_iam_role" "this" {
  name        = "${var.function_name}-role"
  description = "Execution role of the ${var.function_name} Lambda function."

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "LambdaAssumeRole"
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
      # Confused-deputy protection: only Lambda acting for this account may assume the role.
      Condition = { StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id } }
    }]
  })

  tags = var.tags
}

resource "aws_iam_role_policy" "this" {
  name = "${var.function_name}-execution"
  role = aws_iam_role.this.id

  # Basic execution, narrowed to this function's own log group, plus the X-Ray writes active tracing needs.
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "WriteOwnLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = ["${aws_cloudwatch_log_group.this.arn}:*"]
      },
      {
        # X-Ray has no resource types: AWS requires "*".
        Sid      = "WriteXRayTraces"
        Effect   = "Allow"
        Action   = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
        Resource = ["*"]
      },
    ]
  })
}

resource "aws_lambda_function" "this" {
  function_name    = var.function_name
  description      = var.description
  role             = aws_iam_role.this.arn
  filename         = var.filename
  source_code_hash = var.source_code_hash
  handler          = var.handler
  runtime          = var.runtime
  architectures    = [var.architecture]
  memory_size      = var.memory_size
  timeout          = var.timeout
  # Encrypts the environment variables at rest; null keeps Lambda's AWS managed key (aws/lambda).
  kms_key_arn = var.kms_key_arn

  logging_config {
    log_format = var.log_format
    log_group  = aws_cloudwatch_log_group.this.name
    # AWS accepts log levels only with JSON logs.
    application_log_level = var.log_format == "JSON" ? var.log_level : null
    system_log_level      = var.log_format == "JSON" ? var.system_log_level : null
  }

  tracing_config {
    mode = var.tracing_mode
  }

  dynamic "environment" {
    for_each = length(var.environment_variables) > 0 ? [var.environment_variables] : []
    content {
      variables = environment.value
    }
  }

  tags = var.tags

  # The role must be able to write logs and traces before the first invocation.
  depends_on = [aws_iam_role_policy.this]
}
