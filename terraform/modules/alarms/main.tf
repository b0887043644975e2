locals {
  # One alarm per watched resource and metric; the key names both, and so does the alarm.
  state_machine_alarms = {
    for pair in setproduct(keys(var.state_machine_arns), keys(var.state_machine_thresholds)) : "${pair[0]}-${pair[1]}" => {
      kind       = "state machine"
      resource   = pair[0]
      metric     = pair[1]
      threshold  = var.state_machine_thresholds[pair[1]]
      namespace  = "AWS/States"
      dimensions = { StateMachineArn = var.state_machine_arns[pair[0]] }
    }
  }
  function_alarms = {
    for pair in setproduct(keys(var.function_names), keys(var.function_thresholds)) : "${pair[0]}-${pair[1]}" => {
      kind       = "function"
      resource   = pair[0]
      metric     = pair[1]
      threshold  = var.function_thresholds[pair[1]]
      namespace  = "AWS/Lambda"
      dimensions = { FunctionName = var.function_names[pair[0]] }
    }
  }
  alarms = var.enabled ? merge(local.state_machine_alarms, local.function_alarms) : {}
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = "${each.value.metric} of ${each.value.kind} ${each.value.resource} reached ${each.value.threshold} in ${var.period_seconds} s."
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  dimensions          = each.value.dimensions
  statistic           = "Sum"
  period              = var.period_seconds
  evaluation_periods  = 1
  threshold           = each.value.threshold
  comparison_operator = "GreaterThanOrEqualToThreshold"
  # No executions or invocations means no data points, which is not a failure.
  treat_missing_data = "notBreaching"
  alarm_actions      = [var.alarm_topic_arn]
  ok_actions         = [var.alarm_topic_arn]
}
