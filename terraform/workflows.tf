data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  # What a template variable can be wired to in deployment.json ("variables": {"<variable>": "<source>"}).
  # make run has a local value for each source (local/Workflows.Local/TemplateValues.cs); the drift test
  # fails until both sides list the same sources. A source must not depend on module.workflow (that
  # would be a cycle through this map): give a state machine's ARN from its name instead.
  template_values = merge(
    { for function, lambda in module.lambda : "functions.${function}.arn" => lambda.arn },
    {
      for workflow in keys(local.deployment.workflows) : "state_machines.${workflow}.arn" =>
      "arn:${data.aws_partition.current.partition}:states:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:stateMachine:${local.name}-${workflow}"
    },
    # A setting without a value (default_deadline_seconds: none) is rendered as JSON null.
    { for setting, value in local.orchestrator : "orchestrator.${setting}" => value == null ? "null" : tostring(value) },
    {
      # The partition of the ARNs a template writes itself (arn:${partition}:states:::lambda:invoke).
      "aws.partition"                  = data.aws_partition.current.partition
      "container.cluster_arn"          = module.container_task.cluster_arn
      "container.task_definition_arn"  = module.container_task.task_definition_arn
      "container.container_name"       = module.container_task.container_name
      "container.subnets_json"         = jsonencode(module.container_task.subnet_ids)
      "container.security_groups_json" = jsonencode([module.container_task.security_group_id])
      "container.assign_public_ip"     = var.assign_public_ip ? "ENABLED" : "DISABLED"
      "container.task_timeout_seconds" = tostring(local.container_task_timeout_seconds)
      "notifications.topic_arn"        = module.notifications.arn
      "runs_table.name"                = module.runs_table.name
      # The run's own topic (the run-deadline workflow's late notice), built from its name as state_machines.* are:
      # the topic's module reads module.workflow's ARNs.
      "orchestrator_notifications.topic_arn" = "arn:${data.aws_partition.current.partition}:sns:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:${local.name}-orchestrator-notifications"
    },
  )

  workflow_sources = { for workflow, spec in local.deployment.workflows : workflow => toset(values(spec.variables)) }
  # The integrations a template calls, read from its Resource ARNs (arn:${partition}:states:::<service>:<action>).
  workflow_resources = {
    for workflow, spec in local.deployment.workflows : workflow => toset([
      for resource in regexall("\"arn:\\$\\{partition\\}:states:::([^\"]+)\"", file("${path.module}/templates/${spec.template}")) : resource[0]
    ])
  }

  workflows = {
    for workflow, spec in local.deployment.workflows : workflow => {
      name = "${local.name}-${workflow}"
      # number_processor_type, when set, overrides the number processor's type.
      type                 = workflow == "number-processor" ? coalesce(var.number_processor_type, spec.type) : spec.type
      definition_template  = "${path.module}/templates/${spec.template}"
      definition_variables = { for variable, source in spec.variables : variable => local.template_values[source] }
      sources              = local.workflow_sources[workflow]

      # deployment.json may raise a workflow's logging above the deployment's (the orchestrator is audited).
      logging_level          = try(spec.logging_level, var.state_machine_logging_level)
      include_execution_data = try(spec.include_execution_data, var.state_machine_include_execution_data)

      # The role may call exactly what the template calls on what it is wired to: the functions it names,
      # the container task (waited for with .sync or polled), the topic, the child state machines, the
      # DynamoDB actions the template uses on the runs table, DescribeExecution on its own executions.
      integrations = {
        lambda = anytrue([for source in local.workflow_sources[workflow] : startswith(source, "functions.")]) ? {
          function_arns = [for source in sort(local.workflow_sources[workflow]) : local.template_values[source] if startswith(source, "functions.")]
        } : null
        ecs_run_task_sync = contains(local.workflow_resources[workflow], "ecs:runTask.sync") ? local.ecs_task_integration : null
        ecs_run_task      = contains(local.workflow_resources[workflow], "ecs:runTask") ? local.ecs_task_integration : null
        sns_publish = length(setintersection(local.workflow_sources[workflow], keys(local.topics))) > 0 ? {
          topic_arns   = sort([for source, topic in local.topics : topic.arn if contains(local.workflow_sources[workflow], source)])
          kms_key_arns = sort(compact([for source, topic in local.topics : topic.kms_key_arn if contains(local.workflow_sources[workflow], source)]))
        } : null
        nested_executions = anytrue([for source in local.workflow_sources[workflow] : startswith(source, "state_machines.")]) ? {
          state_machine_arns = [for source in sort(local.workflow_sources[workflow]) : local.template_values[source] if startswith(source, "state_machines.")]
          sync               = anytrue([for resource in local.workflow_resources[workflow] : startswith(resource, "states:startExecution.sync")])
        } : null
        # The workflows that start this one wait for its answer (aws-sdk:sfn:sendTask* on their callback tasks).
        task_callbacks = anytrue([for resource in local.workflow_resources[workflow] : startswith(resource, "aws-sdk:sfn:sendTask")]) ? {
          state_machine_arns = sort([for caller, sources in local.workflow_sources : local.template_values["state_machines.${caller}.arn"] if contains(sources, "state_machines.${workflow}.arn")])
        } : null
        dynamodb = contains(local.workflow_sources[workflow], "runs_table.name") ? {
          table_arns = [module.runs_table.arn]
          # dynamodb:putItem in the template -> PutItem in the policy.
          actions      = sort([for resource in local.workflow_resources[workflow] : title(trimprefix(resource, "dynamodb:")) if startswith(resource, "dynamodb:")])
          kms_key_arns = local.kms_key_arn == null ? [] : [local.kms_key_arn]
        } : null
        # null, like every integration a template does not use (the module reads null as false).
        describe_own_executions = contains(local.workflow_resources[workflow], "aws-sdk:sfn:describeExecution") ? true : null
      }
    }
  }

  # The topics a template can publish to, by source, with the key that encrypts each (null: AWS managed).
  topics = {
    "notifications.topic_arn"              = { arn = module.notifications.arn, kms_key_arn = local.kms_key_arn }
    "orchestrator_notifications.topic_arn" = { arn = local.template_values["orchestrator_notifications.topic_arn"], kms_key_arn = module.orchestrator_notifications.kms_key_arn }
  }
  # Who may publish to each topic: the roles of the workflows wired to it (its policy depends on the roles, the
  # topic itself does not, so there is no cycle).
  topic_publishers = {
    for source in keys(local.topics) : source => [for workflow, state_machine in module.workflow : state_machine.role_arn if contains(local.workflows[workflow].sources, source)]
  }

  ecs_task_integration = {
    task_definition_arn = module.container_task.task_definition_arn
    cluster_arn         = module.container_task.cluster_arn
    pass_role_arns      = [module.container_task.execution_role_arn, module.container_task.task_role_arn]
  }
}

# One state machine per workflow of deployment.json.
module "workflow" {
  source   = "./modules/state-machine"
  for_each = local.workflows

  name                 = each.value.name
  type                 = each.value.type
  definition_template  = each.value.definition_template
  definition_variables = each.value.definition_variables
  integrations         = each.value.integrations

  logging_level                     = each.value.logging_level
  include_execution_data            = each.value.include_execution_data
  cloudwatch_logs_retention_in_days = var.cloudwatch_logs_retention_in_days
  kms_key_arn                       = local.kms_key_arn
}

moved {
  from = module.number_processor
  to   = module.workflow["number-processor"]
}

moved {
  from = module.container_workflow
  to   = module.workflow["container-task"]
}
