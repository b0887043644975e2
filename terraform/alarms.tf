# CloudWatch alarms on every state machine and function, announced on the orchestrator's notification topic
# (the topic lets alarms named "${local.name}-*" publish: module.orchestrator_notifications' alarm_arn_pattern).

module "alarms" {
  source = "./modules/alarms"

  name                     = local.name
  enabled                  = var.alarms_enabled
  state_machine_arns       = { for workflow, state_machine in module.workflow : workflow => state_machine.arn }
  function_names           = { for function, lambda in module.lambda : function => local.functions[function].function_name }
  alarm_topic_arn          = module.orchestrator_notifications.topic_arn
  state_machine_thresholds = var.alarm_state_machine_thresholds
  function_thresholds      = var.alarm_function_thresholds
  period_seconds           = var.alarm_period_seconds
}

locals {
  alarm_arn_pattern = "arn:${data.aws_partition.current.partition}:cloudwatch:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:alarm:${local.name}-*"
}
