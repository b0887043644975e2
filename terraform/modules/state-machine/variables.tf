variable "name" {
  description = "Name of the state machine; also names its IAM role and its log group (/aws/vendedlogs/states/<name>)."
  type        = string

  validation {
    # The role name gets a 5-character suffix and IAM role names stop at 64 characters.
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9_-]{0,57}$", var.name))
    error_message = "The name must be 1-58 characters of letters, digits, '-' or '_', starting with a letter or digit."
  }
}

variable "type" {
  description = "Workflow type. EXPRESS does not support .sync or .waitForTaskToken integrations. Changing it replaces the state machine."
  type        = string
  default     = "STANDARD"

  validation {
    condition     = contains(["STANDARD", "EXPRESS"], var.type)
    error_message = "The type must be STANDARD or EXPRESS."
  }
}

variable "definition_template" {
  description = "Path of the ASL template (JSON) rendered with templatefile()."
  type        = string
}

variable "definition_variables" {
  description = "Values for the template's $${identifier} placeholders. Lists and objects are passed pre-encoded with jsonencode()."
  type        = map(string)
  default     = {}
}

variable "integrations" {
  description = <<-EOT
    The service integrations the definition calls; each present key adds the least-privilege statements it needs:
    lambda (function_arns), ecs_run_task_sync (task_definition_arn, cluster_arn, pass_role_arns),
    sns_publish (topic_arns, kms_key_arns for customer-managed keys), nested_executions (state_machine_arns,
    sync = true for startExecution.sync), eventbridge_put_events (event_bus_arns), ecs_run_task (ecs:runTask
    without .sync, polled with aws-sdk:ecs:describeTasks/stopTask: task_definition_arn, cluster_arn,
    pass_role_arns), dynamodb (table_arns, actions among GetItem, PutItem, UpdateItem, DeleteItem, kms_key_arns for
    tables encrypted with customer-managed keys), task_callbacks (aws-sdk:sfn:sendTaskSuccess/sendTaskFailure
    answering the callback tasks of state_machine_arns),
    describe_own_executions (true when the definition calls
    aws-sdk:sfn:describeExecution on executions of this same state machine).
  EOT
  type = object({
    lambda = optional(object({
      function_arns = list(string)
    }))
    ecs_run_task_sync = optional(object({
      task_definition_arn = string
      cluster_arn         = string
      pass_role_arns      = list(string)
    }))
    sns_publish = optional(object({
      topic_arns   = list(string)
      kms_key_arns = optional(list(string), [])
    }))
    nested_executions = optional(object({
      state_machine_arns = list(string)
      sync               = optional(bool, true)
    }))
    eventbridge_put_events = optional(object({
      event_bus_arns = list(string)
    }))
    ecs_run_task = optional(object({
      task_definition_arn = string
      cluster_arn         = string
      pass_role_arns      = list(string)
    }))
    dynamodb = optional(object({
      table_arns   = list(string)
      actions      = list(string)
      kms_key_arns = optional(list(string), [])
    }))
    task_callbacks = optional(object({
      state_machine_arns = list(string)
    }))
    describe_own_executions = optional(bool, false)
  })
  default  = {}
  nullable = false

  validation {
    condition = var.integrations.dynamodb == null || (
      length(try(var.integrations.dynamodb.actions, [])) > 0 &&
      alltrue([for action in try(var.integrations.dynamodb.actions, []) : contains(["GetItem", "PutItem", "UpdateItem", "DeleteItem"], action)])
    )
    error_message = "The dynamodb actions must be a non-empty list of GetItem, PutItem, UpdateItem, DeleteItem (the optimized dynamodb: integrations the definition calls)."
  }

  validation {
    condition     = var.integrations.ecs_run_task == null || can(regex("^arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:cluster/[A-Za-z0-9_-]+$", var.integrations.ecs_run_task.cluster_arn))
    error_message = "The ecs_run_task cluster_arn must be a cluster ARN (arn:aws:ecs:<region>:<account>:cluster/<name>): the task statements are scoped to its tasks."
  }
}

variable "logging_level" {
  description = "Execution history logged to CloudWatch Logs: ALL, ERROR, FATAL or OFF."
  type        = string
  default     = "ERROR"

  validation {
    condition     = contains(["ALL", "ERROR", "FATAL", "OFF"], var.logging_level)
    error_message = "The logging_level must be one of ALL, ERROR, FATAL, OFF."
  }
}

variable "include_execution_data" {
  description = "Whether logs include execution input/output (may contain sensitive data)."
  type        = bool
  default     = false
}

variable "cloudwatch_logs_retention_in_days" {
  description = "Retention of the state machine's log group, in days (0 = never expire)."
  type        = number
  default     = 30

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.cloudwatch_logs_retention_in_days)
    error_message = "The cloudwatch_logs_retention_in_days must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key ARN encrypting the definition, the execution history and the log group. Null (the default) keeps AWS-owned keys: the state machine's encryption_configuration says AWS_OWNED_KEY explicitly."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.kms_key_arn))
    error_message = "The kms_key_arn must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), not an alias, or null for AWS-owned keys."
  }
}

variable "kms_data_key_reuse_period_seconds" {
  description = "How long Step Functions reuses a data key of the customer-managed key before asking KMS again (60-900 seconds)."
  type        = number
  default     = 300

  validation {
    condition     = var.kms_data_key_reuse_period_seconds >= 60 && var.kms_data_key_reuse_period_seconds <= 900
    error_message = "The kms_data_key_reuse_period_seconds must be from 60 to 900."
  }
}

variable "tracing_enabled" {
  description = "Whether AWS X-Ray tracing is enabled."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags for every resource the module creates."
  type        = map(string)
  default     = {}
}
