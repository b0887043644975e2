terraform {
  required_version = ">= 1.11.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.67+ validates state machine definitions at plan time.
      version = ">= 5.67, < 6.0"
    }
  }

  # Partial configuration: bucket, key and region come from environments/<env>.s3.tfbackend
  # (terraform init -backend-config=environments/<env>.s3.tfbackend). The lock is an S3 object
  # next to the state (use_lockfile), so no DynamoDB table is needed.
  backend "s3" {
    use_lockfile = true
    encrypt      = true
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = merge({ Project = local.name, ManagedBy = "terraform" }, var.tags)
  }
}
