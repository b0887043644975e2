# Offline: every value the provider would compute comes from tests/mocks; no zip is read.
mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  function_name    = "even"
  filename         = "even.zip"
  source_code_hash = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
}

run "custom_runtime_function_with_defaults" {
  command = plan

  assert {
    condition = (
      aws_lambda_function.this.runtime == "provided.al2023" &&
      aws_lambda_function.this.handler == "bootstrap" &&
      aws_lambda_function.this.architectures == tolist(["x86_64"])
    )
    error_message = "The function must run the bootstrap on provided.al2023, x86_64."
  }
  assert {
    condition     = aws_lambda_function.this.memory_size == 256 && aws_lambda_function.this.timeout == 10
    error_message = "Unexpected memory/timeout defaults."
  }
  assert {
    condition = (
      aws_lambda_function.this.filename == "even.zip" &&
      aws_lambda_function.this.source_code_hash == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
    )
    error_message = "The zip and its manifest hash must be passed through."
  }
  assert {
    condition     = aws_lambda_function.this.role == "arn:aws:iam::123456789012:role/even-role"
    error_message = "The function must use the module's role."
  }
  assert {
    condition     = length(aws_lambda_function.this.environment) == 0
    error_message = "No environment block without variables."
  }
}

run "json_logs_to_own_group_and_tracing" {
  command = plan

  variables {
    log_level                         = "DEBUG"
    cloudwatch_logs_retention_in_days = 14
  }

  assert {
    condition     = aws_cloudwatch_log_group.this.name == "/aws/lambda/even" && aws_cloudwatch_log_group.this.retention_in_days == 14
    error_message = "The log group must be /aws/lambda/<name> with the retention given."
  }
  assert {
    condition = (
      aws_lambda_function.this.logging_config[0].log_format == "JSON" &&
      aws_lambda_function.this.logging_config[0].log_group == "/aws/lambda/even" &&
      aws_lambda_function.this.logging_config[0].application_log_level == "DEBUG" &&
      aws_lambda_function.this.logging_config[0].system_log_level == "WARN"
    )
    error_message = "Logging must be JSON, to the module's log group, at the levels given."
  }
  assert {
    condition     = aws_lambda_function.this.tracing_config[0].mode == "Active"
    error_message = "X-Ray tracing must be active."
  }
}

run "role_has_basic_execution_on_own_log_group_and_xray_only" {
  command = plan

  assert {
    condition = jsondecode(aws_iam_role.this.assume_role_policy).Statement == [{
      Sid       = "LambdaAssumeRole"
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = "123456789012" } }
    }]
    error_message = "Only Lambda acting for this account may assume the role."
  }
  assert {
    condition = jsondecode(output.role_policy_json).Statement == [
      {
        Sid      = "WriteOwnLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = ["arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/even:*"]
      },
      {
        Sid      = "WriteXRayTraces"
        Effect   = "Allow"
        Action   = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
        Resource = ["*"]
      },
    ]
    error_message = "The role must only write its own logs and X-Ray traces."
  }
}

run "environment_variables_are_passed" {
  command = plan

  variables {
    environment_variables = { MODE = "strict" }
  }

  assert {
    condition     = aws_lambda_function.this.environment[0].variables == tomap({ MODE = "strict" })
    error_message = "Environment variables must reach the function."
  }
}

run "rejects_memory_below_128" {
  command = plan
  variables {
    memory_size = 64
  }
  expect_failures = [var.memory_size]
}

run "rejects_memory_above_10240" {
  command = plan
  variables {
    memory_size = 10241
  }
  expect_failures = [var.memory_size]
}

run "rejects_timeout_above_900" {
  command = plan
  variables {
    timeout = 901
  }
  expect_failures = [var.timeout]
}

run "rejects_timeout_zero" {
  command = plan
  variables {
    timeout = 0
  }
  expect_failures = [var.timeout]
}

run "rejects_bad_log_level" {
  command = plan
  variables {
    log_level = "VERBOSE"
  }
  expect_failures = [var.log_level]
}

run "rejects_bad_retention" {
  command = plan
  variables {
    cloudwatch_logs_retention_in_days = 31
  }
  expect_failures = [var.cloudwatch_logs_retention_in_days]
}

run "rejects_bad_function_name" {
  command = plan
  variables {
    function_name = "even/odd"
  }
  expect_failures = [var.function_name]
}

run "rejects_a_hash_that_is_not_base64_sha256" {
  command = plan
  variables {
    source_code_hash = "abc123"
  }
  expect_failures = [var.source_code_hash]
}

run "rejects_a_managed_runtime" {
  command = plan
  variables {
    runtime = "dotnet8"
  }
  expect_failures = [var.runtime]
}

run "aws_owned_keys_by_default" {
  command = plan

  assert {
    condition     = aws_cloudwatch_log_group.this.kms_key_id == null && aws_lambda_function.this.kms_key_arn == null
    error_message = "Without kms_key_arn the log group and environment keep the AWS keys."
  }
}

run "customer_managed_key_encrypts_logs_and_environment" {
  command = plan

  variables {
    kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }

  assert {
    condition     = aws_cloudwatch_log_group.this.kms_key_id == "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    error_message = "The log group must be encrypted with the given key."
  }
  assert {
    condition     = aws_lambda_function.this.kms_key_arn == "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    error_message = "The environment variables must be encrypted with the given key."
  }
  assert {
    condition     = !strcontains(output.role_policy_json, "kms:")
    error_message = "The function role needs no kms: permission: CloudWatch Logs and Lambda use the key through the key policy and grants."
  }
}

run "rejects_a_key_alias" {
  command = plan

  variables {
    kms_key_arn = "alias/aws/lambda"
  }

  expect_failures = [var.kms_key_arn]
}
