variable "name" {
  description = "Name of the topic."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,256}$", var.name))
    error_message = "The name must be 1-256 characters of letters, digits, '-' or '_'."
  }
}

variable "kms_master_key_id" {
  description = "KMS key encrypting messages at rest: the AWS managed alias/aws/sns (default) or a customer key ID, ARN or alias."
  type        = string
  default     = "alias/aws/sns"
  nullable    = false

  validation {
    condition     = length(trimspace(var.kms_master_key_id)) > 0
    error_message = "The kms_master_key_id must name a key (alias/aws/sns for the AWS managed key); topics are never left unencrypted."
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
  description = "Email addresses to subscribe; each must confirm the subscription from the email AWS sends."
  type        = set(string)
  default     = []

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
