# POST /runs on an HTTP API: the request body becomes the execution input. Callers sign the request
# with SigV4 and need execute-api:Invoke on the route (AWS_IAM authorisation).
resource "aws_apigatewayv2_api" "this" {
  count = var.http_api == null ? 0 : 1

  name          = var.name
  description   = "Starts ${var.state_machine_arn}: POST /runs with the execution input as the body."
  protocol_type = "HTTP"
  tags          = var.tags
}

resource "aws_iam_role" "http_api" {
  count = var.http_api == null ? 0 : 1

  name        = "${var.name}-api"
  description = "Lets the ${var.name} HTTP API start ${var.state_machine_arn}."

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ApiGatewayAssumeRole"
      Effect    = "Allow"
      Principal = { Service = "apigateway.amazonaws.com" }
      Action    = "sts:AssumeRole"
      # Confused-deputy protection: only this API (any stage, method and route of it) may assume the role; the
      # API does not depend on the role (only its integration does), so there is no cycle.
      Condition = {
        StringEquals = { "aws:SourceAccount" = local.account_id }
        ArnLike      = { "aws:SourceArn" = "${aws_apigatewayv2_api.this[0].execution_arn}/*" }
      }
    }]
  })

  tags = var.tags
}

resource "aws_iam_role_policy" "http_api" {
  count = var.http_api == null ? 0 : 1

  name   = "start-execution"
  role   = aws_iam_role.http_api[0].id
  policy = local.start_execution_policy
}

resource "aws_apigatewayv2_integration" "start_execution" {
  count = var.http_api == null ? 0 : 1

  api_id              = aws_apigatewayv2_api.this[0].id
  description         = "StartExecution of ${var.state_machine_arn}."
  integration_type    = "AWS_PROXY"
  integration_subtype = "StepFunctions-StartExecution"
  credentials_arn     = aws_iam_role.http_api[0].arn

  request_parameters = {
    StateMachineArn = var.state_machine_arn
    Input           = "$request.body"
  }
}

resource "aws_apigatewayv2_route" "post_runs" {
  count = var.http_api == null ? 0 : 1

  api_id             = aws_apigatewayv2_api.this[0].id
  route_key          = "POST /runs"
  authorization_type = "AWS_IAM"
  target             = "integrations/${aws_apigatewayv2_integration.start_execution[0].id}"
}

resource "aws_cloudwatch_log_group" "http_api" {
  count = var.http_api == null ? 0 : 1

  name              = "/aws/vendedlogs/apigateway/${var.name}"
  retention_in_days = var.cloudwatch_logs_retention_in_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

resource "aws_apigatewayv2_stage" "default" {
  count = var.http_api == null ? 0 : 1

  api_id      = aws_apigatewayv2_api.this[0].id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_burst_limit = var.http_api.throttling_burst_limit
    throttling_rate_limit  = var.http_api.throttling_rate_limit
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.http_api[0].arn
    format = jsonencode({
      requestId          = "$context.requestId"
      caller             = "$context.identity.caller"
      routeKey           = "$context.routeKey"
      status             = "$context.status"
      integrationStatus  = "$context.integrationStatus"
      integrationError   = "$context.integrationErrorMessage"
      requestTime        = "$context.requestTime"
      responseLength     = "$context.responseLength"
      integrationLatency = "$context.integrationLatency"
    })
  }

  tags = var.tags
}
