variable "name" {
  description = "Name of the topic."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,256}$", var.name))
    error_message = "The name must be 1-256 characters of letters, digits, '-' or '_'."
  }
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key ARN encrypting messages at rest. Null (the default) uses SNS's AWS managed key alias/aws/sns: SNS has no AWS-owned key option, and topics are never left unencrypted."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.kms_key_arn))
    error_message = "The kms_key_arn must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), not an alias, or null for the AWS managed alias/aws/sns."
  }
}

variable "publisher_role_arns" {
  description = "IAM roles (e.g. state machine execution roles) allowed to publish; no other principal may publish."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.publisher_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", arn))])
    error_message = "Each publisher_role_arns entry must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)."
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
