variable "name" {
  description = "Prefix of the alarms' names (the deployment's name)."
  type        = string
}

variable "enabled" {
  description = "Create the alarms. False creates none (for example in a sandbox where failures are expected)."
  type        = bool
  default     = true
}

variable "state_machine_arns" {
  description = "The state machines to watch, by a short name used in the alarm's name (workflow => ARN)."
  type        = map(string)
  default     = {}
}

variable "function_names" {
  description = "The Lambda functions to watch, by a short name used in the alarm's name (function => function name)."
  type        = map(string)
  default     = {}
}

variable "alarm_topic_arn" {
  description = "The SNS topic each alarm notifies when it goes to ALARM and back to OK."
  type        = string
}

variable "state_machine_thresholds" {
  description = "Per AWS/States metric, the count within one period that raises the alarm (at or above). A metric left out is not alarmed on."
  type        = map(number)
  default = {
    ExecutionsFailed   = 1
    ExecutionsTimedOut = 1
    ExecutionsAborted  = 1
    ExecutionThrottled = 1
  }

  validation {
    condition     = alltrue([for metric in keys(var.state_machine_thresholds) : contains(["ExecutionsFailed", "ExecutionsTimedOut", "ExecutionsAborted", "ExecutionThrottled"], metric)])
    error_message = "The state_machine_thresholds keys must be among ExecutionsFailed, ExecutionsTimedOut, ExecutionsAborted and ExecutionThrottled."
  }
}

variable "function_thresholds" {
  description = "Per AWS/Lambda metric, the count within one period that raises the alarm (at or above). A metric left out is not alarmed on."
  type        = map(number)
  default = {
    Errors    = 1
    Throttles = 1
  }

  validation {
    condition     = alltrue([for metric in keys(var.function_thresholds) : contains(["Errors", "Throttles"], metric)])
    error_message = "The function_thresholds keys must be among Errors and Throttles."
  }
}

variable "period_seconds" {
  description = "The period each metric is summed over (60, or a multiple of 60)."
  type        = number
  default     = 300

  validation {
    condition     = var.period_seconds >= 60 && var.period_seconds % 60 == 0
    error_message = "The period_seconds must be 60 or a multiple of 60."
  }
}
