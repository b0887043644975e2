variable "name" {
  description = "Name of the cluster, task definition family, roles, security group and log group (/ecs/<name>)."
  type        = string

  validation {
    # Role names add up to 15 characters ("-task-execution") and IAM stops at 64.
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9_-]{0,48}$", var.name))
    error_message = "The name must be 1-49 characters of letters, digits, '-' or '_', starting with a letter or digit."
  }
}

variable "container_name" {
  description = "Name of the container in the task definition (used by RunTask overrides)."
  type        = string
  default     = "app"

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$", var.container_name))
    error_message = "The container_name must be 1-255 characters of letters, digits, '-' or '_'."
  }
}

variable "image" {
  description = "Container image as [registry/]repository:tag or [registry/]repository@sha256:<digest> (a digest pins the exact image; a tag can be moved). The default is a small public image that needs no registry credentials."
  type        = string
  default     = "public.ecr.aws/docker/library/busybox:stable"

  validation {
    # The Docker reference grammar, requiring a tag or a digest: an untagged image silently means :latest.
    condition     = can(regex("^([a-z0-9][a-z0-9.-]*(:[0-9]+)?/)?[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64}|:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}@sha256:[a-f0-9]{64})$", var.image))
    error_message = "The image must be a container image reference with a tag or a digest, such as public.ecr.aws/docker/library/busybox:stable or 123456789012.dkr.ecr.us-east-1.amazonaws.com/job@sha256:<64 hex digits> (lowercase repository, no spaces, no implicit :latest)."
  }
}

variable "command" {
  description = "Command run by the container; the default prints a line and exits 0. EXECUTION_ID is set by the state machine."
  type        = list(string)
  default     = ["sh", "-c", "echo container task finished for execution $EXECUTION_ID"]
}

variable "environment" {
  description = "Environment variables of the container."
  type        = map(string)
  default     = {}
}

variable "cpu" {
  description = "Task CPU units: 256, 512, 1024, 2048, 4096, 8192 or 16384."
  type        = number
  default     = 256

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.cpu)
    error_message = "The cpu must be one of 256, 512, 1024, 2048, 4096, 8192, 16384."
  }
}

variable "memory" {
  description = "Task memory in MiB; must be a Fargate combination with cpu (256: 512-2048, 512: 1024-4096, 1024: 2048-8192, 2048: 4096-16384, 4096: 8192-30720, in 1024 steps; 8192: 16384-61440 in 4096 steps; 16384: 32768-122880 in 8192 steps; 256 also allows 512)."
  type        = number
  default     = 512

  validation {
    condition = anytrue([
      for range in [
        { cpu = 256, min = 512, max = 512, step = 512 },
        { cpu = 256, min = 1024, max = 2048, step = 1024 },
        { cpu = 512, min = 1024, max = 4096, step = 1024 },
        { cpu = 1024, min = 2048, max = 8192, step = 1024 },
        { cpu = 2048, min = 4096, max = 16384, step = 1024 },
        { cpu = 4096, min = 8192, max = 30720, step = 1024 },
        { cpu = 8192, min = 16384, max = 61440, step = 4096 },
        { cpu = 16384, min = 32768, max = 122880, step = 8192 },
      ] : range.cpu == var.cpu && var.memory >= range.min && var.memory <= range.max && (var.memory - range.min) % range.step == 0
    ])
    error_message = "The memory is not a Fargate combination with this cpu. Allowed: cpu 256 -> 512, 1024, 2048; 512 -> 1024-4096; 1024 -> 2048-8192; 2048 -> 4096-16384; 4096 -> 8192-30720 (1024 steps); 8192 -> 16384-61440 (4096 steps); 16384 -> 32768-122880 (8192 steps)."
  }
}

variable "cpu_architecture" {
  description = "CPU architecture of the image: X86_64 or ARM64."
  type        = string
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "The cpu_architecture must be X86_64 or ARM64."
  }
}

variable "readonly_root_filesystem" {
  description = "Whether the container's root filesystem is read-only."
  type        = bool
  default     = true
}

variable "container_insights" {
  description = "Container Insights mode of the cluster: enabled or enhanced."
  type        = string
  default     = "enabled"

  validation {
    condition     = contains(["enabled", "enhanced"], var.container_insights)
    error_message = "The container_insights must be enabled or enhanced (it is never turned off)."
  }
}

variable "vpc_id" {
  description = "VPC of the task's security group. Null uses the default VPC."
  type        = string
  default     = null
}

variable "subnet_ids" {
  description = "Subnets the task runs in. Empty uses the default VPC's default subnets."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = length(var.subnet_ids) == 0 || var.vpc_id != null
    error_message = "Set vpc_id to the subnets' VPC when subnet_ids are given (the security group must live in the same VPC)."
  }
}

variable "ecr_repository_arns" {
  description = "Private ECR repositories the execution role may pull from (not needed for public images)."
  type        = list(string)
  default     = []
}

variable "task_role_policy_json" {
  description = "Optional inline policy for the task role (what the container itself may call). Null grants nothing."
  type        = string
  default     = null
}

variable "cloudwatch_logs_retention_in_days" {
  description = "Retention of the container log group, in days (0 = never expire)."
  type        = number
  default     = 30

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.cloudwatch_logs_retention_in_days)
    error_message = "The cloudwatch_logs_retention_in_days must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key ARN encrypting the container's log group. Null (the default) keeps CloudWatch Logs' AWS-owned key."
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
