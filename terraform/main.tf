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

  lambda_packages = {
    for function in keys(local.functions) : function => {
      # Zip paths in the manifest are relative to the manifest's folder.
      filename         = "${dirname(local.manifest_path)}/${local.manifest.functions[function].zip}"
      source_code_hash = local.manifest.functions[function].sha256
    }
  }

  container_task_timeout_seconds = coalesce(var.container_task_timeout_seconds, local.deployment.container.task_timeout_seconds)

  # What a template variable can be wired to in deployment.json ("variables": {"<variable>": "<source>"}).
  # A source must not depend on a state machine module (that would be a cycle through this map): a
  # state machine's ARN is built from its name instead.
  template_values = merge(
    { for function, lambda in module.lambda : "functions.${function}.arn" => lambda.arn },
    {
      "container.cluster_arn"          = module.container_task.cluster_arn
      "container.task_definition_arn"  = module.container_task.task_definition_arn
      "container.container_name"       = module.container_task.container_name
      "container.subnets_json"         = jsonencode(module.container_task.subnet_ids)
      "container.security_groups_json" = jsonencode([module.container_task.security_group_id])
      "container.assign_public_ip"     = var.assign_public_ip ? "ENABLED" : "DISABLED"
      "container.task_timeout_seconds" = tostring(local.container_task_timeout_seconds)
      "notifications.topic_arn"        = module.notifications.arn
    },
  )

  workflows = {
    for workflow, spec in local.deployment.workflows : workflow => {
      name                 = "${local.name}-${workflow}"
      definition_template  = "${path.module}/templates/${spec.template}"
      definition_variables = { for variable, source in spec.variables : variable => local.template_values[source] }
    }
  }
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
}

module "number_processor" {
  source = "./modules/state-machine"

  name                 = local.workflows["number-processor"].name
  type                 = var.number_processor_type
  definition_template  = local.workflows["number-processor"].definition_template
  definition_variables = local.workflows["number-processor"].definition_variables

  integrations = {
    lambda = { function_arns = [for function in keys(local.functions) : module.lambda[function].arn] }
  }

  logging_level                     = var.state_machine_logging_level
  include_execution_data            = var.state_machine_include_execution_data
  cloudwatch_logs_retention_in_days = var.cloudwatch_logs_retention_in_days
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
}

module "notifications" {
  source = "./modules/sns-topic"

  name              = "${local.name}-container-task-notifications"
  kms_master_key_id = coalesce(var.sns_kms_key_arn, "alias/aws/sns")
  # The container workflow's role is the only publisher (no cycle: the topic itself does not
  # depend on the role, only its policy does).
  publisher_role_arns = [module.container_workflow.role_arn]
  email_subscriptions = var.notification_emails
}

module "container_workflow" {
  source = "./modules/state-machine"

  name = local.workflows["container-task"].name
  # runTask.sync needs a STANDARD workflow.
  type                 = "STANDARD"
  definition_template  = local.workflows["container-task"].definition_template
  definition_variables = local.workflows["container-task"].definition_variables

  integrations = {
    ecs_run_task_sync = {
      task_definition_arn = module.container_task.task_definition_arn
      cluster_arn         = module.container_task.cluster_arn
      pass_role_arns      = [module.container_task.execution_role_arn, module.container_task.task_role_arn]
    }
    sns_publish = {
      topic_arns   = [module.notifications.arn]
      kms_key_arns = var.sns_kms_key_arn == null ? [] : [var.sns_kms_key_arn]
    }
  }

  logging_level                     = var.state_machine_logging_level
  include_execution_data            = var.state_machine_include_execution_data
  cloudwatch_logs_retention_in_days = var.cloudwatch_logs_retention_in_days
}
