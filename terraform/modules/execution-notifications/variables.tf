variable "name" {
  description = "Name of the EventBridge rule, the SNS topic and the key's description."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{1,64}$", var.name))
    error_message = "The name must be 1-64 characters of letters, digits, '_', '-' or '.' (an EventBridge rule name)."
  }
}

variable "state_machine_arns" {
  description = "State machines whose executions are announced."
  type        = list(string)

  validation {
    condition     = length(var.state_machine_arns) > 0 && alltrue([for arn in var.state_machine_arns : can(regex("^arn:aws[a-z-]*:states:[a-z0-9-]+:[0-9]{12}:stateMachine:.+$", arn))])
    error_message = "The state_machine_arns must hold at least one state machine ARN (arn:aws:states:<region>:<account>:stateMachine:<name>)."
  }
}

variable "statuses" {
  description = "Execution statuses announced: any of FAILED, TIMED_OUT, ABORTED (SUCCEEDED is added by notify_on_success)."
  type        = list(string)
  default     = ["FAILED", "TIMED_OUT", "ABORTED"]

  validation {
    condition     = length(var.statuses) > 0 && alltrue([for status in var.statuses : contains(["FAILED", "TIMED_OUT", "ABORTED"], status)])
    error_message = "The statuses must be a non-empty list of FAILED, TIMED_OUT, ABORTED; use notify_on_success for SUCCEEDED."
  }
}

variable "notify_on_success" {
  description = "Whether SUCCEEDED executions are announced too."
  type        = bool
  default     = false
}

variable "input_transformer" {
  description = "How the event becomes the message: input_paths (variable name => JSON path into the event) and input_template (text using <variable>)."
  type = object({
    input_paths    = map(string)
    input_template = string
  })

  validation {
    condition     = length(var.input_transformer.input_paths) <= 100 && alltrue([for path in values(var.input_transformer.input_paths) : startswith(path, "$.")])
    error_message = "The input_paths must be at most 100 JSON paths, each starting with $. (e.g. $.detail.status)."
  }
}

variable "kms_key_arn" {
  description = "Customer managed KMS key encrypting the topic; its policy must let events.amazonaws.com use it. Null creates a dedicated key (EventBridge cannot use the AWS managed alias/aws/sns)."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.kms_key_arn))
    error_message = "The kms_key_arn must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), not an alias, or null."
  }
}

variable "email_subscriptions" {
  description = "Email addresses to subscribe; each must confirm the subscription from the email AWS sends. Sensitive: plans never show them."
  type        = set(string)
  default     = []
  sensitive   = true

  validation {
    condition     = alltrue([for email in var.email_subscriptions : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", email))])
    error_message = "Each email_subscriptions entry must be an email address such as ops@example.com."
  }
}

variable "tags" {
  description = "Tags for every resource the module creates."
  type        = map(string)
  default     = {}
}

variable "alarm_arn_pattern" {
  description = "CloudWatch alarms that may publish to the topic, as an ARN pattern (arn:aws:cloudwatch:REGION:ACCOUNT:alarm:PREFIX-*); null: none."
  type        = string
  default     = null
}

variable "publisher_role_arns" {
  description = "IAM roles that may publish to the topic besides the rule and the alarms (a workflow's own notices); empty: none."
  type        = list(string)
  default     = []
  nullable    = false
}
