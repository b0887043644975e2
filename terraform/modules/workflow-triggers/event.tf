# A custom event on a bus starts an execution whose input is the event's detail.
resource "aws_cloudwatch_event_rule" "event" {
  count = var.event == null ? 0 : 1

  name           = "${var.name}-event"
  description    = "Starts ${var.state_machine_arn} on ${var.event.source} / ${var.event.detail_type} events."
  event_bus_name = var.event.event_bus_name

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
  event_bus_name = var.event.event_bus_name
  target_id      = "state-machine"
  arn            = var.state_machine_arn
  role_arn       = aws_iam_role.event[0].arn
  # The event's detail is the execution input (the manifest), not the whole envelope.
  input_path = "$.detail"
}
