# EventBridge Scheduler: starts an execution at each occurrence of the expression, in its time zone.
resource "aws_iam_role" "schedule" {
  count = var.schedule == null ? 0 : 1

  name        = "${var.name}-schedule"
  description = "Lets EventBridge Scheduler start ${var.state_machine_arn}."

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "SchedulerAssumeRole"
      Effect    = "Allow"
      Principal = { Service = "scheduler.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = local.account_id }
        # Built from the name: the schedule needs the role first. Schedules live in the default group.
        ArnLike = { "aws:SourceArn" = "arn:${local.partition}:scheduler:${local.region}:${local.account_id}:schedule/default/${var.name}" }
      }
    }]
  })

  tags = var.tags
}

resource "aws_iam_role_policy" "schedule" {
  count = var.schedule == null ? 0 : 1

  name   = "start-execution"
  role   = aws_iam_role.schedule[0].id
  policy = local.start_execution_policy
}

resource "aws_scheduler_schedule" "this" {
  count = var.schedule == null ? 0 : 1

  name                         = var.name
  description                  = "Starts ${var.state_machine_arn}."
  state                        = var.schedule.enabled ? "ENABLED" : "DISABLED"
  schedule_expression          = var.schedule.expression
  schedule_expression_timezone = var.schedule.timezone

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = var.state_machine_arn
    role_arn = aws_iam_role.schedule[0].arn
    # Scheduler replaces <aws.scheduler.scheduled-time> and the other context attributes in it.
    input = var.schedule.input

    retry_policy {
      maximum_event_age_in_seconds = 3600
      maximum_retry_attempts       = 3
    }
  }

  depends_on = [aws_iam_role_policy.schedule]
}
