# Around the orchestrator job net (its state machine is module.workflow["orchestrator"], from deployment.json):
# the runs table, the status-change notification and the three triggers (schedule, custom event, HTTP API).

module "runs_table" {
  source = "./modules/dynamodb-table"

  name = "${local.name}-orchestrator-runs"
  # One item per run (record = "RUN") and one per job (record = "JOB#<name>").
  hash_key           = "run_id"
  range_key          = "record"
  ttl_attribute_name = "expires_at"
  kms_key_arn        = local.kms_key_arn
}

module "orchestrator_notifications" {
  source = "./modules/execution-notifications"

  name = "${local.name}-orchestrator-notifications"
  # From the name, not module.workflow: the deadline watcher's role is wired to this topic, so module.workflow
  # depends on it.
  state_machine_arns = [local.template_values["state_machines.orchestrator.arn"]]
  # The workflows wired to this topic (the deadline watcher) publish their notices on it.
  publisher_role_arns = local.topic_publishers["orchestrator_notifications.topic_arn"]
  notify_on_success   = var.orchestrator_notify_on_success
  # The same file feeds the offline run's outbox, so both announce a run in the same words.
  input_transformer   = jsondecode(templatefile("${path.module}/templates/execution-notification.json", { workflow = module.workflow["orchestrator"].name }))
  email_subscriptions = var.orchestrator_notification_emails
  # Null makes the module create the topic's own key: EventBridge cannot publish to alias/aws/sns topics.
  kms_key_arn = local.kms_key_arn
  # The alarms (alarms.tf) announce here too.
  alarm_arn_pattern = var.alarms_enabled ? local.alarm_arn_pattern : null
}

# The triggers' settings: deployment.json's orchestrator_triggers (make console fires the same ones offline), each
# overridden by its orchestrator_schedule_* / orchestrator_event_* variable when set.
locals {
  orchestrator_schedule = {
    expression = coalesce(var.orchestrator_schedule_expression, local.deployment.orchestrator_triggers.schedule.expression)
    timezone   = coalesce(var.orchestrator_schedule_timezone, local.deployment.orchestrator_triggers.schedule.timezone)
    input      = coalesce(var.orchestrator_schedule_manifest, jsonencode(local.deployment.orchestrator_triggers.schedule.input))
    enabled    = var.orchestrator_schedule_enabled == null ? local.deployment.orchestrator_triggers.schedule.enabled : var.orchestrator_schedule_enabled
  }
  orchestrator_event = {
    source      = coalesce(var.orchestrator_event_source, local.deployment.orchestrator_triggers.event.source)
    detail_type = coalesce(var.orchestrator_event_detail_type, local.deployment.orchestrator_triggers.event.detail_type)
  }
}

module "orchestrator_triggers" {
  source = "./modules/workflow-triggers"

  name              = "${local.name}-orchestrator"
  state_machine_arn = module.workflow["orchestrator"].arn

  schedule = local.orchestrator_schedule
  event = {
    source      = local.orchestrator_event.source
    detail_type = local.orchestrator_event.detail_type
    # Who may put events on the trigger's own bus (nobody by default).
    put_events_principal_arns = var.orchestrator_event_put_events_principal_arns
  }
  http_api = {}

  cloudwatch_logs_retention_in_days = var.cloudwatch_logs_retention_in_days
  kms_key_arn                       = local.kms_key_arn
}
