# The orchestrator job net: its run table, the state machine, the status-change notification and the
# three triggers (schedule, custom event, HTTP API).

module "runs_table" {
  source = "./modules/dynamodb-table"

  name = "${local.name}-orchestrator-runs"
  # One item per run (record = "RUN") and one per job (record = "JOB#<name>").
  hash_key           = "run_id"
  range_key          = "record"
  ttl_attribute_name = "expires_at"
  kms_key_arn        = local.kms_key_arn
}

module "orchestrator" {
  source = "./modules/state-machine"

  name = "${local.name}-orchestrator"
  # Child executions (.sync:2) need a STANDARD workflow, and so does redrive.
  type                = "STANDARD"
  definition_template = "${path.module}/templates/orchestrator.asl.json"
  definition_variables = {
    table_name                         = module.runs_table.name
    number_processor_state_machine_arn = module.workflow["number-processor"].arn
    cluster_arn                        = module.container_task.cluster_arn
    task_definition_arn                = module.container_task.task_definition_arn
    container_name                     = module.container_task.container_name
    subnets_json                       = jsonencode(module.container_task.subnet_ids)
    security_groups_json               = jsonencode([module.container_task.security_group_id])
    assign_public_ip                   = var.assign_public_ip ? "ENABLED" : "DISABLED"
    max_jobs                           = tostring(var.orchestrator_max_jobs)
    default_max_concurrency            = tostring(var.orchestrator_default_max_concurrency)
    poll_interval_seconds              = tostring(var.orchestrator_poll_interval_seconds)
    container_job_timeout_seconds      = tostring(var.orchestrator_container_job_timeout_seconds)
    child_timeout_seconds              = tostring(var.orchestrator_child_timeout_seconds)
    record_ttl_days                    = tostring(var.orchestrator_record_ttl_days)
  }

  integrations = {
    nested_executions = { state_machine_arns = [module.workflow["number-processor"].arn] }
    ecs_run_task = {
      task_definition_arn = module.container_task.task_definition_arn
      cluster_arn         = module.container_task.cluster_arn
      pass_role_arns      = [module.container_task.execution_role_arn, module.container_task.task_role_arn]
    }
    dynamodb = {
      table_arns   = [module.runs_table.arn]
      actions      = ["GetItem", "PutItem", "UpdateItem"]
      kms_key_arns = local.kms_key_arn == null ? [] : [local.kms_key_arn]
    }
  }

  # A job net is audited after the fact: every state transition with its data.
  logging_level                     = "ALL"
  include_execution_data            = true
  tracing_enabled                   = true
  cloudwatch_logs_retention_in_days = var.cloudwatch_logs_retention_in_days
  kms_key_arn                       = local.kms_key_arn
}

module "orchestrator_notifications" {
  source = "./modules/execution-notifications"

  name               = "${local.name}-orchestrator-notifications"
  state_machine_arns = [module.orchestrator.arn]
  notify_on_success  = var.orchestrator_notify_on_success
  # The same file feeds the offline run's outbox, so both announce a run in the same words.
  input_transformer   = jsondecode(templatefile("${path.module}/templates/execution-notification.json", { workflow = module.orchestrator.name }))
  email_subscriptions = var.orchestrator_notification_emails
  # Null makes the module create the topic's own key: EventBridge cannot publish to alias/aws/sns topics.
  kms_key_arn = local.kms_key_arn
}

module "orchestrator_triggers" {
  source = "./modules/workflow-triggers"

  name              = "${local.name}-orchestrator"
  state_machine_arn = module.orchestrator.arn

  schedule = {
    expression = var.orchestrator_schedule_expression
    timezone   = var.orchestrator_schedule_timezone
    input      = var.orchestrator_schedule_manifest
    enabled    = var.orchestrator_schedule_enabled
  }
  event = {
    source      = var.orchestrator_event_source
    detail_type = var.orchestrator_event_detail_type
  }
  http_api = {}

  cloudwatch_logs_retention_in_days = var.cloudwatch_logs_retention_in_days
  kms_key_arn                       = local.kms_key_arn
}
