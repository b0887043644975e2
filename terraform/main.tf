locals {
  # CloudWatch Logs accepts only these retention periods.
  cloudwatch_retention_days = [0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]

  # The Cake build writes the zips and their manifest (contract 1); plan reads the committed hashes
  # from it, so a plan shows a Lambda change only when a zip's content changed.
  default_manifest_path = "${path.module}/../artifacts/lambdas/manifest.json"
  manifest_path         = coalesce(var.lambda_manifest_path, local.default_manifest_path)
  manifest              = jsondecode(file(local.manifest_path))

  functions = {
    "number-generator" = "Generates a random number and tells whether it is even."
    "even"             = "Handles an even number."
    "odd"              = "Handles an odd number."
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
}

module "kms_key" {
  source = "./modules/kms-key"
  count  = var.create_kms_key ? 1 : 0

  name = var.name
  # Every log group of the project: Lambda functions, state machines, the container.
  log_group_name_prefixes = ["/aws/lambda/${var.name}-", "/aws/vendedlogs/states/${var.name}-", "/ecs/${var.name}-", "/aws/vendedlogs/apigateway/${var.name}-"]
  # The orchestrator's notification topic is encrypted with this key and EventBridge publishes to it.
  sns_publisher_service_principals = ["events.amazonaws.com"]
}

module "lambda" {
  source   = "./modules/lambda-function"
  for_each = local.functions

  function_name                     = "${var.name}-${each.key}"
  description                       = each.value
  filename                          = local.lambda_packages[each.key].filename
  source_code_hash                  = local.lambda_packages[each.key].source_code_hash
  memory_size                       = var.lambda_memory_size
  timeout                           = var.lambda_timeout
  log_level                         = var.lambda_log_level
  cloudwatch_logs_retention_in_days = var.cloudwatch_logs_retention_in_days
  kms_key_arn                       = local.kms_key_arn
}

module "number_processor" {
  source = "./modules/state-machine"

  name                = "${var.name}-number-processor"
  type                = var.number_processor_type
  definition_template = "${path.module}/templates/number-processor.asl.json"
  definition_variables = {
    number_generator_function_arn = module.lambda["number-generator"].arn
    even_function_arn             = module.lambda["even"].arn
    odd_function_arn              = module.lambda["odd"].arn
  }

  integrations = {
    lambda = { function_arns = [for function in keys(local.functions) : module.lambda[function].arn] }
  }

  logging_level                     = var.state_machine_logging_level
  include_execution_data            = var.state_machine_include_execution_data
  cloudwatch_logs_retention_in_days = var.cloudwatch_logs_retention_in_days
  kms_key_arn                       = local.kms_key_arn
}

module "container_task" {
  source = "./modules/ecs-fargate-task"

  name                              = "${var.name}-container"
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

  name        = "${var.name}-container-task-notifications"
  kms_key_arn = local.kms_key_arn
  # The container workflow's role is the only publisher (no cycle: the topic itself does not
  # depend on the role, only its policy does).
  publisher_role_arns = [module.container_workflow.role_arn]
  email_subscriptions = var.notification_emails
}

module "container_workflow" {
  source = "./modules/state-machine"

  name = "${var.name}-container-task"
  # runTask.sync needs a STANDARD workflow.
  type                = "STANDARD"
  definition_template = "${path.module}/templates/container-task.asl.json"
  definition_variables = {
    cluster_arn          = module.container_task.cluster_arn
    task_definition_arn  = module.container_task.task_definition_arn
    container_name       = module.container_task.container_name
    subnets_json         = jsonencode(module.container_task.subnet_ids)
    security_groups_json = jsonencode([module.container_task.security_group_id])
    assign_public_ip     = var.assign_public_ip ? "ENABLED" : "DISABLED"
    sns_topic_arn        = module.notifications.arn
    task_timeout_seconds = tostring(var.container_task_timeout_seconds)
  }

  integrations = {
    ecs_run_task_sync = {
      task_definition_arn = module.container_task.task_definition_arn
      cluster_arn         = module.container_task.cluster_arn
      pass_role_arns      = [module.container_task.execution_role_arn, module.container_task.task_role_arn]
    }
    sns_publish = {
      topic_arns   = [module.notifications.arn]
      kms_key_arns = local.kms_key_arn == null ? [] : [local.kms_key_arn]
    }
  }

  logging_level                     = var.state_machine_logging_level
  include_execution_data            = var.state_machine_include_execution_data
  cloudwatch_logs_retention_in_days = var.cloudwatch_logs_retention_in_days
  kms_key_arn                       = local.kms_key_arn
}
