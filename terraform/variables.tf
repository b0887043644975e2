variable "name" {
  description = "Prefix of every resource name (functions, state machines, topic, cluster, roles). Null means deployment.json's name (serverless-workflows)."
  type        = string
  default     = null

  validation {
    condition     = var.name == null ? true : can(regex("^[a-z][a-z0-9-]{1,31}$", var.name))
    error_message = "The name must be 2-32 characters of lowercase letters, digits or '-', starting with a letter (e.g. serverless-workflows)."
  }
}

variable "region" {
  description = "AWS region to deploy to."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$", var.region))
    error_message = "The region must be an AWS region code such as us-east-1 or eu-west-1."
  }
}

variable "tags" {
  description = "Extra tags on every resource (added to Project and ManagedBy)."
  type        = map(string)
  default     = {}
}

variable "lambda_manifest_path" {
  description = "Path of the build's Lambda manifest (contract: {\"format\": 1, \"functions\": {\"<name>\": {\"zip\", \"size\", \"sha256\"}}}). Null means ../artifacts/lambdas/manifest.json next to this folder."
  type        = string
  default     = null

  validation {
    condition     = fileexists(coalesce(var.lambda_manifest_path, local.default_manifest_path))
    error_message = "The Lambda manifest was not found. Run `make package` first (it writes artifacts/lambdas/manifest.json), or set lambda_manifest_path."
  }

  validation {
    condition = try(jsondecode(file(coalesce(var.lambda_manifest_path, local.default_manifest_path))).format, null) == 1 && alltrue([
      for function, package in try(jsondecode(file(coalesce(var.lambda_manifest_path, local.default_manifest_path))).functions, {}) :
      can(regex("^[a-z][a-z0-9-]*$", function)) && can(regex("^[A-Za-z0-9+/]{43}=$", package.sha256)) && can(regex("\\.zip$", package.zip))
    ])
    error_message = "The Lambda manifest must be format 1, each function entry with a zip file name and a base64 sha256. Rebuild it with `make package`."
  }

  validation {
    # Every function deployment.json configures or wires into a workflow must have been packaged.
    condition = length(setsubtract(
      concat(
        keys(jsondecode(file("${path.module}/deployment.json")).functions),
        flatten([for workflow in jsondecode(file("${path.module}/deployment.json")).workflows :
        [for source in values(workflow.variables) : regex("^functions\\.(.+)\\.arn$", source)[0] if can(regex("^functions\\.", source))]]),
      ),
      keys(try(jsondecode(file(coalesce(var.lambda_manifest_path, local.default_manifest_path))).functions, {})),
    )) == 0
    error_message = "The Lambda manifest lacks a function that terraform/deployment.json configures or wires into a workflow (a lambdas/ project missing from the build, or a stale name in deployment.json). Rebuild with `make package`, or fix deployment.json."
  }
}

variable "lambda_memory_size" {
  description = "Memory of every Lambda function in MB (128-10240). Null means each function's memory_size in deployment.json (256)."
  type        = number
  default     = null

  validation {
    condition     = var.lambda_memory_size == null ? true : (var.lambda_memory_size >= 128 && var.lambda_memory_size <= 10240 && floor(var.lambda_memory_size) == var.lambda_memory_size)
    error_message = "The lambda_memory_size must be a whole number of MB from 128 to 10240."
  }
}

variable "lambda_timeout" {
  description = "Timeout of every Lambda function in seconds (1-900). Null means each function's timeout in deployment.json (10)."
  type        = number
  default     = null

  validation {
    condition     = var.lambda_timeout == null ? true : (var.lambda_timeout >= 1 && var.lambda_timeout <= 900 && floor(var.lambda_timeout) == var.lambda_timeout)
    error_message = "The lambda_timeout must be a whole number of seconds from 1 to 900."
  }
}

variable "lambda_log_level" {
  description = "Application log level of every function: TRACE, DEBUG, INFO, WARN, ERROR or FATAL. Null means each function's log_level in deployment.json (INFO)."
  type        = string
  default     = null

  validation {
    condition     = var.lambda_log_level == null ? true : contains(["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"], var.lambda_log_level)
    error_message = "The lambda_log_level must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL."
  }
}

variable "cloudwatch_logs_retention_in_days" {
  description = "Retention of every log group (functions, state machines, container), in days (0 = never expire)."
  type        = number
  default     = 30

  validation {
    condition     = contains(local.cloudwatch_retention_days, var.cloudwatch_logs_retention_in_days)
    error_message = "The cloudwatch_logs_retention_in_days must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "number_processor_type" {
  description = "Workflow type of the number processor: STANDARD or EXPRESS. Null means its type in deployment.json (STANDARD). (The container workflow is always STANDARD: EXPRESS has no .sync.)"
  type        = string
  default     = null

  validation {
    condition     = var.number_processor_type == null ? true : contains(["STANDARD", "EXPRESS"], var.number_processor_type)
    error_message = "The number_processor_type must be STANDARD or EXPRESS."
  }
}

variable "state_machine_logging_level" {
  description = "Execution logging level of the state machines: ALL, ERROR, FATAL or OFF."
  type        = string
  default     = "ERROR"

  validation {
    condition     = contains(["ALL", "ERROR", "FATAL", "OFF"], var.state_machine_logging_level)
    error_message = "The state_machine_logging_level must be one of ALL, ERROR, FATAL, OFF."
  }
}

variable "state_machine_include_execution_data" {
  description = "Whether execution logs include input and output (may contain sensitive data)."
  type        = bool
  default     = false
}

variable "container_image" {
  description = "Image of the container task."
  type        = string
  default     = "public.ecr.aws/docker/library/busybox:stable"
}

variable "container_command" {
  description = "Command of the container task; the default prints a line and exits 0."
  type        = list(string)
  default     = ["sh", "-c", "echo container task finished for execution $EXECUTION_ID"]
}

variable "container_cpu" {
  description = "CPU units of the container task (256, 512, 1024, ...)."
  type        = number
  default     = 256
}

variable "container_memory" {
  description = "Memory of the container task in MiB (a Fargate combination with container_cpu)."
  type        = number
  default     = 512
}

variable "container_task_timeout_seconds" {
  description = "How long the state machine waits for the container task before failing it with States.Timeout (60-86400). Null means deployment.json's container.task_timeout_seconds (900)."
  type        = number
  default     = null

  validation {
    condition     = var.container_task_timeout_seconds == null ? true : (var.container_task_timeout_seconds >= 60 && var.container_task_timeout_seconds <= 86400 && floor(var.container_task_timeout_seconds) == var.container_task_timeout_seconds)
    error_message = "The container_task_timeout_seconds must be a whole number of seconds from 60 to 86400."
  }
}

variable "vpc_id" {
  description = "VPC of the container task. Null uses the default VPC."
  type        = string
  default     = null
}

variable "subnet_ids" {
  description = "Subnets of the container task. Empty uses the default VPC's default subnets."
  type        = list(string)
  default     = []
}

variable "assign_public_ip" {
  description = "Whether the container task gets a public IP (needed to pull a public image from subnets without a NAT gateway, such as the default VPC's)."
  type        = bool
  default     = true
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key ARN encrypting everything at rest: state machine definitions and execution history, every log group, the SNS topic, Lambda environment variables (and every module added later). Null (the default) keeps the AWS keys: AWS-owned keys for Step Functions and CloudWatch Logs, the AWS managed alias/aws/sns and aws/lambda keys. See create_kms_key to have one made."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.kms_key_arn))
    error_message = "The kms_key_arn must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), not an alias, or null for AWS-owned keys."
  }
}

variable "create_kms_key" {
  description = "Create one customer-managed key (alias/<name>, yearly rotation, a key policy limited to this project's log groups) and encrypt everything with it. Leave kms_key_arn null when true."
  type        = bool
  default     = false

  validation {
    condition     = !(var.create_kms_key && var.kms_key_arn != null)
    error_message = "Set either create_kms_key = true or kms_key_arn, not both."
  }
}

variable "notification_emails" {
  description = "Email addresses subscribed to the container task notifications (each confirms by email). Sensitive: plans and pull-request plan comments never show them."
  type        = set(string)
  default     = []
  sensitive   = true
}

variable "orchestrator_max_jobs" {
  description = "Most jobs one orchestrator run may hold (its manifest is refused with InvalidManifest above it); keeps a run's history under the 25,000-event limit. Null: terraform/deployment.json's orchestrator.max_jobs."
  type        = number
  default     = null

  validation {
    # A ternary, not ||: Terraform 1.11 evaluates both sides of || and a null would fail the comparison
    # (the same in every orchestrator_<setting> variable below).
    condition     = var.orchestrator_max_jobs == null ? true : (var.orchestrator_max_jobs >= 1 && var.orchestrator_max_jobs <= 100 && floor(var.orchestrator_max_jobs) == var.orchestrator_max_jobs)
    error_message = "The orchestrator_max_jobs must be a whole number from 1 to 100."
  }
}

variable "orchestrator_default_max_concurrency" {
  description = "Jobs run at once when a manifest gives no max_concurrency (1 to orchestrator_max_jobs). Null: terraform/deployment.json's orchestrator.default_max_concurrency."
  type        = number
  default     = null

  validation {
    condition     = var.orchestrator_default_max_concurrency == null ? true : (var.orchestrator_default_max_concurrency >= 1 && var.orchestrator_default_max_concurrency <= coalesce(var.orchestrator_max_jobs, local.deployment.orchestrator.max_jobs) && floor(var.orchestrator_default_max_concurrency) == var.orchestrator_default_max_concurrency)
    error_message = "The orchestrator_default_max_concurrency must be a whole number from 1 to orchestrator_max_jobs."
  }
}

variable "orchestrator_poll_interval_seconds" {
  description = "Seconds between two checks of a running container job (5-300). Null: terraform/deployment.json's orchestrator.poll_interval_seconds."
  type        = number
  default     = null

  validation {
    condition     = var.orchestrator_poll_interval_seconds == null ? true : (var.orchestrator_poll_interval_seconds >= 5 && var.orchestrator_poll_interval_seconds <= 300 && floor(var.orchestrator_poll_interval_seconds) == var.orchestrator_poll_interval_seconds)
    error_message = "The orchestrator_poll_interval_seconds must be a whole number of seconds from 5 to 300."
  }
}

variable "orchestrator_container_job_timeout_seconds" {
  description = "How long a container job may run before the orchestrator stops it and fails the job with JobTimedOut (at least one poll interval, at most 86400). Null: terraform/deployment.json's orchestrator.container_job_timeout_seconds."
  type        = number
  default     = null

  validation {
    condition     = var.orchestrator_container_job_timeout_seconds == null ? true : (var.orchestrator_container_job_timeout_seconds >= coalesce(var.orchestrator_poll_interval_seconds, local.deployment.orchestrator.poll_interval_seconds) && var.orchestrator_container_job_timeout_seconds <= 86400 && floor(var.orchestrator_container_job_timeout_seconds) == var.orchestrator_container_job_timeout_seconds)
    error_message = "The orchestrator_container_job_timeout_seconds must be a whole number of seconds from orchestrator_poll_interval_seconds to 86400."
  }
}

variable "orchestrator_child_timeout_seconds" {
  description = "How long a child workflow job may run before it is stopped and the job fails with States.Timeout (60-86400). Null: terraform/deployment.json's orchestrator.child_timeout_seconds."
  type        = number
  default     = null

  validation {
    condition     = var.orchestrator_child_timeout_seconds == null ? true : (var.orchestrator_child_timeout_seconds >= 60 && var.orchestrator_child_timeout_seconds <= 86400 && floor(var.orchestrator_child_timeout_seconds) == var.orchestrator_child_timeout_seconds)
    error_message = "The orchestrator_child_timeout_seconds must be a whole number of seconds from 60 to 86400."
  }
}

variable "orchestrator_retry_interval_seconds" {
  description = "Wait before a failed job's first retry (the manifest's retries); each further retry waits twice as long (1-3600). Null: terraform/deployment.json's orchestrator.retry_interval_seconds."
  type        = number
  default     = null

  validation {
    condition     = var.orchestrator_retry_interval_seconds == null ? true : (var.orchestrator_retry_interval_seconds >= 1 && var.orchestrator_retry_interval_seconds <= 3600 && floor(var.orchestrator_retry_interval_seconds) == var.orchestrator_retry_interval_seconds)
    error_message = "The orchestrator_retry_interval_seconds must be a whole number of seconds from 1 to 3600."
  }
}

variable "orchestrator_record_ttl_days" {
  description = "Days a run's records stay in the table before TTL deletes them; a run_id can be used again afterwards (1-3650). Null: terraform/deployment.json's orchestrator.record_ttl_days."
  type        = number
  default     = null

  validation {
    condition     = var.orchestrator_record_ttl_days == null ? true : (var.orchestrator_record_ttl_days >= 1 && var.orchestrator_record_ttl_days <= 3650 && floor(var.orchestrator_record_ttl_days) == var.orchestrator_record_ttl_days)
    error_message = "The orchestrator_record_ttl_days must be a whole number of days from 1 to 3650."
  }
}

variable "orchestrator_default_deadline_seconds" {
  description = "The deadline of a run whose manifest has no deadline_seconds: after it, a still RUNNING run sends one \"run late\" notice to the orchestrator's topic (1-31536000). Null: terraform/deployment.json's orchestrator.default_deadline_seconds (null there: no deadline)."
  type        = number
  default     = null

  validation {
    condition     = var.orchestrator_default_deadline_seconds == null ? true : (var.orchestrator_default_deadline_seconds >= 1 && var.orchestrator_default_deadline_seconds <= 31536000 && floor(var.orchestrator_default_deadline_seconds) == var.orchestrator_default_deadline_seconds)
    error_message = "The orchestrator_default_deadline_seconds must be a whole number of seconds from 1 to 31536000 (a year), or null for none."
  }
}

variable "orchestrator_notify_on_success" {
  description = "Whether the notification topic also announces SUCCEEDED runs (FAILED, TIMED_OUT and ABORTED always are)."
  type        = bool
  default     = false
}

variable "orchestrator_notification_emails" {
  description = "Email addresses subscribed to the orchestrator's run notifications (each confirms by email). Sensitive: plans never show them."
  type        = set(string)
  default     = []
  sensitive   = true
}

variable "orchestrator_schedule_expression" {
  description = "When the schedule starts a run: cron(minutes hours day-of-month month day-of-week year), rate(...) or at(...). Null: terraform/deployment.json's orchestrator_triggers.schedule.expression."
  type        = string
  default     = null
}

variable "orchestrator_schedule_timezone" {
  description = "IANA time zone of the schedule expression, e.g. Europe/Paris. Null: terraform/deployment.json's orchestrator_triggers.schedule.timezone."
  type        = string
  default     = null
}

variable "orchestrator_schedule_enabled" {
  description = "Whether the schedule runs. Null: terraform/deployment.json's orchestrator_triggers.schedule.enabled (false: deploy, try a run by hand, then enable)."
  type        = bool
  default     = null
}

variable "orchestrator_schedule_manifest" {
  description = "The manifest each scheduled run gets (JSON). <aws.scheduler.scheduled-time> in run_id is replaced at each run, so every run has its own run_id. Null: terraform/deployment.json's orchestrator_triggers.schedule.input."
  type        = string
  default     = null

  validation {
    condition     = var.orchestrator_schedule_manifest == null ? true : can(keys(jsondecode(var.orchestrator_schedule_manifest)))
    error_message = "The orchestrator_schedule_manifest must be a JSON object such as {\"run_id\": \"nightly-<aws.scheduler.scheduled-time>\", \"jobs\": [{\"name\": \"numbers\", \"workflow\": \"number-processor\", \"input\": {}}]}."
  }

  validation {
    condition     = var.orchestrator_schedule_manifest == null ? true : can(regex("^[A-Za-z0-9_:-]+$", replace(jsondecode(var.orchestrator_schedule_manifest).run_id, "/<aws\\.scheduler\\.[a-z-]+>/", "X")))
    error_message = "The orchestrator_schedule_manifest needs a run_id of letters, digits, -, _ or : (context attributes such as <aws.scheduler.scheduled-time> allowed); include <aws.scheduler.scheduled-time> so each run gets its own."
  }

  validation {
    condition     = var.orchestrator_schedule_manifest == null ? true : try(length(jsondecode(var.orchestrator_schedule_manifest).jobs), 0) >= 1 && try(length(jsondecode(var.orchestrator_schedule_manifest).jobs), 0) <= coalesce(var.orchestrator_max_jobs, local.deployment.orchestrator.max_jobs)
    error_message = "The orchestrator_schedule_manifest needs a jobs list with 1 to orchestrator_max_jobs jobs."
  }

  validation {
    condition = var.orchestrator_schedule_manifest == null ? true : !can(jsondecode(var.orchestrator_schedule_manifest).max_concurrency) || try(
      jsondecode(var.orchestrator_schedule_manifest).max_concurrency >= 1 &&
      jsondecode(var.orchestrator_schedule_manifest).max_concurrency <= coalesce(var.orchestrator_max_jobs, local.deployment.orchestrator.max_jobs) &&
      floor(jsondecode(var.orchestrator_schedule_manifest).max_concurrency) == jsondecode(var.orchestrator_schedule_manifest).max_concurrency,
      false
    )
    error_message = "The orchestrator_schedule_manifest's max_concurrency must be a whole number from 1 to orchestrator_max_jobs."
  }
}

variable "orchestrator_event_source" {
  description = "source of the custom events (on the bus <name>-orchestrator-events) that start a run with their detail as the manifest. Null: terraform/deployment.json's orchestrator_triggers.event.source."
  type        = string
  default     = null
}

variable "orchestrator_event_detail_type" {
  description = "detail-type of the custom events that start a run. Null: terraform/deployment.json's orchestrator_triggers.event.detail_type."
  type        = string
  default     = null
}

variable "orchestrator_event_put_events_principal_arns" {
  description = "IAM role or user ARNs that may put events on the orchestrator's event bus (its policy denies everyone else). Empty (the default): nobody can start runs by event."
  type        = list(string)
  default     = []
}

variable "alarms_enabled" {
  description = "Create the CloudWatch alarms (modules/alarms) on every state machine and function, to the orchestrator's notification topic."
  type        = bool
  default     = true
}

variable "alarm_state_machine_thresholds" {
  description = "Per AWS/States metric (ExecutionsFailed, ExecutionsTimedOut, ExecutionsAborted, ExecutionThrottled), the count in one period that raises its alarm; a metric left out gets none."
  type        = map(number)
  default     = { ExecutionsFailed = 1, ExecutionsTimedOut = 1, ExecutionsAborted = 1, ExecutionThrottled = 1 }
}

variable "alarm_function_thresholds" {
  description = "Per AWS/Lambda metric (Errors, Throttles), the count in one period that raises its alarm; a metric left out gets none."
  type        = map(number)
  default     = { Errors = 1, Throttles = 1 }
}

variable "alarm_period_seconds" {
  description = "The period the alarms sum their metric over (60 or a multiple)."
  type        = number
  default     = 300
}
