variable "name" {
  description = "The deployment's name prefix (the root configuration's var.name): the plan role may read only resources named <name>-*."
  type        = string
  default     = "serverless-workflows"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,31}$", var.name))
    error_message = "The name must be the root configuration's name: 2-32 characters of lowercase letters, digits or '-', starting with a letter."
  }
}

variable "region" {
  description = "Region of the deployment the role plans (ARNs in the policy name it)."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$", var.region))
    error_message = "The region must be an AWS region code such as us-east-1 or eu-west-1."
  }
}

variable "github_repository" {
  description = "The repository whose pull requests may plan, as owner/name (e.g. my-org/serverless-workflows)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository)) && !strcontains(var.github_repository, "*")
    error_message = "The github_repository must be owner/name exactly, without wildcards (e.g. my-org/serverless-workflows)."
  }
}

variable "github_environment" {
  description = "The GitHub Environment of the plan job (with required reviewers): only jobs in it may assume the role."
  type        = string
  default     = "terraform-plan"

  validation {
    condition     = can(regex("^[A-Za-z0-9_. -]{1,255}$", var.github_environment)) && !strcontains(var.github_environment, "*")
    error_message = "The github_environment must be an environment name without wildcards (e.g. terraform-plan)."
  }
}

variable "create_oidc_provider" {
  description = "Create the account's GitHub OIDC provider (token.actions.githubusercontent.com). False uses the one that exists (an account has at most one per URL)."
  type        = bool
  default     = true
}

variable "state_bucket" {
  description = "The S3 bucket holding the Terraform state (bucket in environments/<env>.s3.tfbackend)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.state_bucket)) && !startswith(lower(var.state_bucket), "change-me")
    error_message = "The state_bucket must be the real bucket name from environments/<env>.s3.tfbackend, not the CHANGE-ME placeholder."
  }
}

variable "state_keys" {
  description = "State objects the role may read (key in environments/<env>.s3.tfbackend), one per environment planned in pull requests."
  type        = list(string)
  default     = ["dev/serverless-workflows.tfstate"]

  validation {
    condition     = length(var.state_keys) > 0 && alltrue([for key in var.state_keys : can(regex("^[A-Za-z0-9!_.()/-]+\\.tfstate$", key))])
    error_message = "Each state_keys entry must be a state object key such as dev/serverless-workflows.tfstate (no wildcards)."
  }
}

variable "state_bucket_kms_key_arn" {
  description = "KMS key of the state bucket when it uses SSE-KMS (null for SSE-S3)."
  type        = string
  default     = null

  validation {
    condition     = var.state_bucket_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.state_bucket_kms_key_arn))
    error_message = "The state_bucket_kms_key_arn must be a KMS key ARN or null."
  }
}

variable "kms_key_arn" {
  description = "The deployment's customer-managed key (root output kms_key_arn) when it has one: reading an encrypted state machine's definition needs kms:Decrypt through Step Functions."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.kms_key_arn))
    error_message = "The kms_key_arn must be a KMS key ARN or null."
  }
}

variable "max_session_duration" {
  description = "Longest session of the plan role, in seconds (3600-43200)."
  type        = number
  default     = 3600

  validation {
    condition     = var.max_session_duration >= 3600 && var.max_session_duration <= 43200
    error_message = "The max_session_duration must be from 3600 to 43200 seconds."
  }
}

variable "tags" {
  description = "Extra tags on every resource."
  type        = map(string)
  default     = {}
}
