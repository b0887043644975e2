variable "name" {
  description = "Name of the table."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{3,255}$", var.name))
    error_message = "The name must be 3-255 characters of letters, digits, '_', '-' or '.'."
  }
}

variable "hash_key" {
  description = "Partition key attribute (a string)."
  type        = string
}

variable "range_key" {
  description = "Sort key attribute (a string); null for a table without one."
  type        = string
  default     = null
}

variable "ttl_attribute_name" {
  description = "Attribute holding each item's expiry time (epoch seconds); DynamoDB deletes expired items. Null turns TTL off."
  type        = string
  default     = "expires_at"
}

variable "point_in_time_recovery_enabled" {
  description = "Whether continuous backups allow restoring the table to any second of the last 35 days."
  type        = bool
  default     = true
}

variable "kms_key_arn" {
  description = "Customer managed KMS key encrypting the table. Null uses an AWS owned key (DynamoDB encrypts every table at rest)."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.kms_key_arn))
    error_message = "The kms_key_arn must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), not an alias, or null."
  }
}

variable "deletion_protection_enabled" {
  description = "Whether the table refuses deletion (turn off before destroy)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for every resource the module creates."
  type        = map(string)
  default     = {}
}
