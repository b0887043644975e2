variable "name" {
  description = "Prefix of the schedule, rule, API and the three roles (<name>-schedule, <name>-event, <name>-api)."
  type        = string

  validation {
    # The longest role name is <name>-schedule and IAM role names stop at 64 characters.
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9_-]{0,54}$", var.name))
    error_message = "The name must be 1-55 characters of letters, digits, '-' or '_', starting with a letter or digit."
  }
}

variable "state_machine_arn" {
  description = "The state machine every trigger starts."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:states:[a-z0-9-]+:[0-9]{12}:stateMachine:[A-Za-z0-9_-]+$", var.state_machine_arn))
    error_message = "The state_machine_arn must be a state machine ARN (arn:aws:states:<region>:<account>:stateMachine:<name>)."
  }
}

variable "schedule" {
  description = <<-EOT
    EventBridge Scheduler schedule, or null for none: expression (cron(minutes hours day-of-month month
    day-of-week year), rate(N unit) or at(yyyy-mm-ddThh:mm:ss)), timezone (IANA name such as Europe/Paris),
    input (the execution input, a JSON object; <aws.scheduler.scheduled-time> and the other context
    attributes are replaced at each run) and enabled (false by default: deploy first, enable deliberately).
  EOT
  type = object({
    expression = string
    timezone   = optional(string, "UTC")
    input      = optional(string, "{}")
    enabled    = optional(bool, false)
  })
  default = null

  validation {
    condition = var.schedule == null || (
      can(regex("^rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\)$", var.schedule.expression)) ||
      can(regex("^at\\([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\)$", var.schedule.expression)) ||
      can(regex("^cron\\([^ ()]+( [^ ()]+){5}\\)$", var.schedule.expression))
    )
    error_message = "The schedule expression must be cron() with six fields (minutes hours day-of-month month day-of-week year, e.g. cron(0 2 * * ? *)), rate(N minutes|hours|days) or at(yyyy-mm-ddThh:mm:ss)."
  }

  validation {
    # AWS cron: exactly one of day-of-month and day-of-week is '?'.
    condition = var.schedule == null || !startswith(try(var.schedule.expression, ""), "cron(") || (
      length([for field in [2, 4] : field if try(split(" ", trimsuffix(trimprefix(var.schedule.expression, "cron("), ")"))[field], "") == "?"]) == 1
    )
    error_message = "In a cron() schedule exactly one of day-of-month (3rd field) and day-of-week (5th field) must be '?', e.g. cron(0 2 * * ? *) or cron(0 2 ? * MON-FRI *)."
  }

  validation {
    condition     = var.schedule == null || can(regex("^(UTC|[A-Z][A-Za-z_-]+(/[A-Za-z0-9_+-]+){1,2})$", try(var.schedule.timezone, "")))
    error_message = "The schedule timezone must be UTC or an IANA time zone name such as Europe/Paris or America/New_York."
  }

  validation {
    condition     = var.schedule == null || can(keys(jsondecode(var.schedule.input)))
    error_message = "The schedule input must be a JSON object (the execution input), e.g. {\"run_id\": \"nightly-<aws.scheduler.scheduled-time>\", \"jobs\": [...]}."
  }
}

variable "event" {
  description = "Custom-event trigger, or null for none: events with this source and detail-type on the module's own event bus (named like the module) start an execution whose input is the event's detail. Only the IAM principals in put_events_principal_arns (role or user ARNs; none by default) may put events on that bus: its policy denies everyone else, whatever their IAM policies allow."
  type = object({
    source                    = string
    detail_type               = string
    put_events_principal_arns = optional(list(string), [])
  })
  default = null

  validation {
    condition     = var.event == null || (length(try(var.event.source, "")) > 0 && !startswith(try(var.event.source, ""), "aws."))
    error_message = "The event source must be a non-empty custom source (sources starting with aws. are reserved for AWS services), e.g. com.example.release."
  }

  validation {
    condition     = var.event == null || length(try(var.event.detail_type, "")) > 0
    error_message = "The event detail_type must not be empty, e.g. \"Release Requested\"."
  }

  validation {
    condition     = var.event == null || alltrue([for arn in try(var.event.put_events_principal_arns, []) : can(regex("^arn:aws[a-z-]*:(iam::[0-9]{12}:(role|user)/.+|sts::[0-9]{12}:assumed-role/.+)$", arn))])
    error_message = "Each put_events_principal_arns entry must be an IAM role or user ARN (arn:aws:iam::<account>:role/<name>): the bus policy matches aws:PrincipalArn, which is never an account root."
  }
}

variable "http_api" {
  description = "HTTP API trigger (POST /runs, IAM-authorised), or null for none; throttling applies to the whole stage."
  type = object({
    throttling_burst_limit = optional(number, 10)
    throttling_rate_limit  = optional(number, 5)
  })
  default = null

  validation {
    condition     = var.http_api == null || (try(var.http_api.throttling_burst_limit, 0) >= 1 && try(var.http_api.throttling_rate_limit, 0) > 0)
    error_message = "The http_api throttling limits must be positive (burst at least 1 request, rate above 0 per second)."
  }
}

variable "cloudwatch_logs_retention_in_days" {
  description = "Retention of the HTTP API's access log group, in days (0 = never expire)."
  type        = number
  default     = 30

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.cloudwatch_logs_retention_in_days)
    error_message = "The cloudwatch_logs_retention_in_days must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key ARN encrypting the HTTP API's access log group (its policy must let CloudWatch Logs use it). Null keeps the AWS-owned key."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.kms_key_arn))
    error_message = "The kms_key_arn must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), not an alias, or null."
  }
}

variable "tags" {
  description = "Tags for every resource the module creates."
  type        = map(string)
  default     = {}
}
