variable "function_name" {
  description = "Name of the Lambda function; also names its IAM role and its log group (/aws/lambda/<name>)."
  type        = string

  validation {
    # Lambda allows 64 characters; the role name adds a 5-character suffix and IAM stops at 64.
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9_-]{0,58}$", var.function_name))
    error_message = "The function_name must be 1-59 characters of letters, digits, '-' or '_', starting with a letter or digit."
  }
}

variable "description" {
  description = "Description of the function."
  type        = string
  default     = ""
}

variable "filename" {
  description = "Path of the deployment zip (an executable named bootstrap at its root)."
  type        = string
}

variable "source_code_hash" {
  description = "Base64 SHA-256 of the zip, from the build manifest, so the function only updates when the code changes."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9+/]{43}=$", var.source_code_hash))
    error_message = "The source_code_hash must be the base64-encoded SHA-256 of the zip (44 characters ending in '=')."
  }
}

variable "handler" {
  description = "Handler passed to the custom runtime as _HANDLER."
  type        = string
  default     = "bootstrap"
}

variable "runtime" {
  description = "Lambda runtime: an OS-only runtime for a self-contained bootstrap."
  type        = string
  default     = "provided.al2023"

  validation {
    condition     = contains(["provided.al2023", "provided.al2"], var.runtime)
    error_message = "The runtime must be provided.al2023 or provided.al2 (the bootstrap is self-contained)."
  }
}

variable "architecture" {
  description = "Instruction set of the bootstrap: x86_64 or arm64."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "The architecture must be x86_64 or arm64."
  }
}

variable "memory_size" {
  description = "Memory in MB (128-10240); CPU is allocated in proportion."
  type        = number
  default     = 256

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240 && floor(var.memory_size) == var.memory_size
    error_message = "The memory_size must be a whole number of MB from 128 to 10240."
  }
}

variable "timeout" {
  description = "Timeout in seconds (1-900)."
  type        = number
  default     = 10

  validation {
    condition     = var.timeout >= 1 && var.timeout <= 900 && floor(var.timeout) == var.timeout
    error_message = "The timeout must be a whole number of seconds from 1 to 900."
  }
}

variable "log_format" {
  description = "Format of the function's logs: JSON (needed for log_level and system_log_level to apply) or Text."
  type        = string
  default     = "JSON"

  validation {
    condition     = contains(["JSON", "Text"], var.log_format)
    error_message = "The log_format must be JSON or Text."
  }
}

variable "log_level" {
  description = "Application log level sent to the function as AWS_LAMBDA_LOG_LEVEL: TRACE, DEBUG, INFO, WARN, ERROR or FATAL."
  type        = string
  default     = "INFO"

  validation {
    condition     = contains(["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"], var.log_level)
    error_message = "The log_level must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL."
  }
}

variable "system_log_level" {
  description = "Level of the Lambda platform's own log records: DEBUG, INFO or WARN."
  type        = string
  default     = "WARN"

  validation {
    condition     = contains(["DEBUG", "INFO", "WARN"], var.system_log_level)
    error_message = "The system_log_level must be one of DEBUG, INFO, WARN."
  }
}

variable "tracing_mode" {
  description = "X-Ray tracing: Active (sample and trace) or PassThrough (trace only when the caller sampled)."
  type        = string
  default     = "Active"

  validation {
    condition     = contains(["Active", "PassThrough"], var.tracing_mode)
    error_message = "The tracing_mode must be Active or PassThrough."
  }
}

variable "environment_variables" {
  description = "Environment variables of the function."
  type        = map(string)
  default     = {}
}

variable "cloudwatch_logs_retention_in_days" {
  description = "Retention of the function's log group, in days (0 = never expire)."
  type        = number
  default     = 30

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.cloudwatch_logs_retention_in_days)
    error_message = "The cloudwatch_logs_retention_in_days must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key ARN encrypting the function's log group and environment variables. Null (the default) keeps the AWS-owned CloudWatch Logs key and Lambda's AWS managed key."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.kms_key_arn))
    error_message = "The kms_key_arn must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), not an alias, or null for AWS-owned keys."
  }
}

variable "tags" {
  description = "Tags for every resource the module creates."
  type        = map(string)
  default     = {}
}
