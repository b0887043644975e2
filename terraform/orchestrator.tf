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

  name               = "${local.name}-orchestrator-notifications"
  state_machine_arns = [module.workflow["orchestrator"].arn]
  notify_on_success  = var.orchestrator_notify_on_success
  # The same file feeds the offline run's outbox, so both announce a run in the same words.
  input_transformer   = jsondecode(templatefile("${path.module}/templates/execution-notification.json", { workflow = module.workflow["orchestrator"].name }))
  email_subscriptions = var.orchestrator_notification_emails
  # Null makes the module create the topic's own key: EventBridge cannot publish to alias/aws/sns topics.
  kms_key_arn = local.kms_key_arn
  # The alarms (alarms.tf) announce here too.
  alarm_arn_pattern = var.alarms_enabled ? local.alarm_arn_pattern : null
}

module "orchestrator_triggers" {
  source = "./modules/workflow-triggers"

  name              = "${local.name}-orchestrator"
  state_machine_arn = module.workflow["orchestrator"].arn

  schedule = {
    expression = var.orchestrator_schedule_expression
    timezone   = var.orchestrator_schedule_timezone
    input      = var.orchestrator_schedule_manifest
    enabled    = var.orchestrator_schedule_enabled
  }
  event = {
    source      = var.orchestrator_event_source
    detail_type = var.orchestrator_event_detail_type
    # Who may put events on the trigger's own bus (nobody by default).
    put_events_principal_arns = var.orchestrator_event_put_events_principal_arns
  }
  http_api = {}

  cloudwatch_logs_retention_in_days = var.cloudwatch_logs_retention_in_days
  kms_key_arn                       = local.kms_key_arn
}
