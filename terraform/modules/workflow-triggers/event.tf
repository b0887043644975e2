# A custom event on the module's own bus starts an execution whose input is the event's detail. Not the default
# bus: any principal allowed events:PutEvents there (often "*" in an account) would start runs with any input,
# around the HTTP API's IAM grant.
locals {
  event_bus_name       = "${var.name}-events"
  event_bus_arn        = "arn:${local.partition}:events:${local.region}:${local.account_id}:event-bus/${local.event_bus_name}"
  put_events_principal = var.event == null ? [] : sort(var.event.put_events_principal_arns)
}

resource "aws_cloudwatch_event_bus" "event" {
  count = var.event == null ? 0 : 1

  name = local.event_bus_name
  tags = var.tags
}

resource "aws_cloudwatch_event_bus_policy" "event" {
  count = var.event == null ? 0 : 1

  event_bus_name = aws_cloudwatch_event_bus.event[0].name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      # Cross-account principals need this grant; same-account ones also need events:PutEvents in IAM.
      [for statement in [{
        Sid       = "NamedPrincipalsPutEvents"
        Effect    = "Allow"
        Principal = { AWS = local.put_events_principal }
        Action    = "events:PutEvents"
        Resource  = local.event_bus_arn
      }] : statement if length(local.put_events_principal) > 0],
      # Everyone else is denied, whatever their IAM policies allow; with nobody named, nobody puts events.
      [merge({
        Sid       = "OnlyNamedPrincipalsPutEvents"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "events:PutEvents"
        Resource  = local.event_bus_arn
      }, length(local.put_events_principal) > 0 ? { Condition = { ArnNotEquals = { "aws:PrincipalArn" = local.put_events_principal } } } : {})],
    )
  })
}

resource "aws_cloudwatch_event_rule" "event" {
  count = var.event == null ? 0 : 1

  name           = "${var.name}-event"
  description    = "Starts ${var.state_machine_arn} on ${var.event.source} / ${var.event.detail_type} events."
  event_bus_name = aws_cloudwatch_event_bus.event[0].name

  event_pattern = jsonencode({
    source        = [var.event.source]
    "detail-type" = [var.event.detail_type]
  })

  tags = var.tags
}

resource "aws_iam_role" "event" {
  count = var.event == null ? 0 : 1

  name        = "${var.name}-event"
  description = "Lets the ${var.name}-event rule start ${var.state_machine_arn}."

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EventBridgeAssumeRole"
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = local.account_id }
        ArnEquals    = { "aws:SourceArn" = aws_cloudwatch_event_rule.event[0].arn }
      }
    }]
  })

  tags = var.tags
}

resource "aws_iam_role_policy" "event" {
  count = var.event == null ? 0 : 1

  name   = "start-execution"
  role   = aws_iam_role.event[0].id
  policy = local.start_execution_policy
}

resource "aws_cloudwatch_event_target" "event" {
  count = var.event == null ? 0 : 1

  rule           = aws_cloudwatch_event_rule.event[0].name
  event_bus_name = aws_cloudwatch_event_bus.event[0].name
  target_id      = "state-machine"
  arn            = var.state_machine_arn
  role_arn       = aws_iam_role.event[0].arn
  # The event's detail is the execution input (the manifest), not the whole envelope.
  input_path = "$.detail"
}
