locals {
  # CloudWatch Logs accepts only these retention periods.
  cloudwatch_retention_days = [0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]

  # The Cake build writes the zips and their manifest (contract 1); plan reads the committed hashes
  # from it, so a plan shows a Lambda change only when a zip's content changed.
  default_manifest_path = "${path.module}/../artifacts/lambdas/manifest.json"
  manifest_path         = coalesce(var.lambda_manifest_path, local.default_manifest_path)
  manifest              = jsondecode(file(local.manifest_path))

  # deployment.json holds what the local runner (make run) needs to know too: the name prefix, the
  # functions' settings, the container name and each workflow's template and wiring (format: README.md).
  deployment = jsondecode(file("${path.module}/deployment.json"))
  name       = coalesce(var.name, local.deployment.name)

  # The functions are the manifest's (every lambdas/ project the build packaged), each with
  # deployment.json's defaults, then its own entry, then any variable set for every function.
  function_overrides = { for setting, value in {
    memory_size = var.lambda_memory_size
    timeout     = var.lambda_timeout
    log_level   = var.lambda_log_level
  } : setting => value if value != null }
  functions = {
    for function in keys(local.manifest.functions) : function => merge(
      local.deployment.function_defaults,
      try(local.deployment.functions[function], {}),
      local.function_overrides,
      { function_name = "${local.name}-${function}" },
    )
  }

  # One key for everything at rest; null keeps AWS-owned keys (see variable kms_key_arn).
  kms_key_arn = var.create_kms_key ? module.kms_key[0].arn : var.kms_key_arn

  lambda_packages = {
    for function in keys(local.functions) : function => {
      # Zip paths in the manifest are relative to the manifest's folder.
      filename         = "${dirname(local.manifest_path)}/${local.manifest.functions[function].zip}"
      source_code_hash = local.manifest.functions[function].sha256
    }
  }

  container_task_timeout_seconds = coalesce(var.container_task_timeout_seconds, local.deployment.container.task_timeout_seconds)

  # The orchestrator's settings: deployment.json's, each overridden by its orchestrator_<setting> variable when set.
  orchestrator = {
    for setting, value in local.deployment.orchestrator : setting => lookup(local.orchestrator_overrides, setting, null) != null ? local.orchestrator_overrides[setting] : value
  }
  orchestrator_overrides = {
    max_jobs                      = var.orchestrator_max_jobs
    default_max_concurrency       = var.orchestrator_default_max_concurrency
    poll_interval_seconds         = var.orchestrator_poll_interval_seconds
    container_job_timeout_seconds = var.orchestrator_container_job_timeout_seconds
    child_timeout_seconds         = var.orchestrator_child_timeout_seconds
    retry_interval_seconds        = var.orchestrator_retry_interval_seconds
    record_ttl_days               = var.orchestrator_record_ttl_days
    default_deadline_seconds      = var.orchestrator_default_deadline_seconds
  }
}

module "kms_key" {
  source = "./modules/kms-key"
  count  = var.create_kms_key ? 1 : 0

  name = local.name
  # Every log group of the project: Lambda functions, state machines, the container.
  log_group_name_prefixes = ["/aws/lambda/${local.name}-", "/aws/vendedlogs/states/${local.name}-", "/ecs/${local.name}-", "/aws/vendedlogs/apigateway/${local.name}-"]
  # The orchestrator's notification topic is encrypted with this key; EventBridge and the alarms publish to it.
  sns_publisher_service_principals = ["events.amazonaws.com", "cloudwatch.amazonaws.com"]
}

module "lambda" {
  source   = "./modules/lambda-function"
  for_each = local.functions

  function_name                     = each.value.function_name
  description                       = each.value.description
  filename                          = local.lambda_packages[each.key].filename
  source_code_hash                  = local.lambda_packages[each.key].source_code_hash
  memory_size                       = each.value.memory_size
  timeout                           = each.value.timeout
  log_format                        = each.value.log_format
  log_level                         = each.value.log_level
  cloudwatch_logs_retention_in_days = var.cloudwatch_logs_retention_in_days
  kms_key_arn                       = local.kms_key_arn
}

module "container_task" {
  source = "./modules/ecs-fargate-task"

  name                              = "${local.name}-container"
  container_name                    = local.deployment.container.container_name
  image                             = var.container_image
  command                           = var.container_command
  cpu                               = var.container_cpu
  memory                            = var.container_memory
  vpc_id                            = var.vpc_id
  subnet_ids                        = var.subnet_ids
  cloudwatch_logs_retention_in_days = var.cloudwatch_logs_retention_in_days
  kms_key_arn                       = local.kms_key_arn
}

module "notifications" {
  source = "./modules/sns-topic"

  name        = "${local.name}-container-task-notifications"
  kms_key_arn = local.kms_key_arn
  # Only the workflows wired to the topic publish.
  publisher_role_arns = local.topic_publishers["notifications.topic_arn"]
  email_subscriptions = var.notification_emails
}
