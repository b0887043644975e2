variable "name" {
  description = "Alias of the key (alias/<name>)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9/_-]{1,200}$", var.name)) && !startswith(var.name, "aws/")
    error_message = "The name must be 1-200 characters of letters, digits, '/', '_' or '-', and must not start with aws/ (reserved for AWS managed keys)."
  }
}

variable "description" {
  description = "Description of the key."
  type        = string
  default     = "Encrypts the serverless workflows' data at rest."
}

variable "log_group_name_prefixes" {
  description = "CloudWatch Logs may encrypt the log groups whose names start with one of these prefixes (e.g. /aws/lambda/myapp-)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for prefix in var.log_group_name_prefixes : length(trimspace(prefix)) > 1 && !strcontains(prefix, "*")])
    error_message = "Each log_group_name_prefixes entry must be a non-empty name prefix without '*' (the module adds it)."
  }
}

variable "step_functions_log_delivery" {
  description = "Whether encrypted state machines log executions (lets delivery.logs.amazonaws.com decrypt for this account)."
  type        = bool
  default     = true
}

variable "sns_publisher_service_principals" {
  description = "Service principals that publish to topics encrypted with this key, e.g. events.amazonaws.com (EventBridge rules targeting a topic)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for principal in var.sns_publisher_service_principals : can(regex("^[a-z0-9.-]+\\.amazonaws\\.com(\\.cn)?$", principal))])
    error_message = "Each sns_publisher_service_principals entry must be a service principal such as events.amazonaws.com."
  }
}

variable "deletion_window_in_days" {
  description = "Days between scheduling the key's deletion and the deletion (7-30); data encrypted with it is lost after."
  type        = number
  default     = 30

  validation {
    condition     = var.deletion_window_in_days >= 7 && var.deletion_window_in_days <= 30 && floor(var.deletion_window_in_days) == var.deletion_window_in_days
    error_message = "The deletion_window_in_days must be a whole number from 7 to 30."
  }
}

variable "tags" {
  description = "Tags for every resource the module creates."
  type        = map(string)
  default     = {}
}
