terraform {
  required_version = ">= 1.11.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.67, < 6.0"
    }
  }

  # Local state on purpose: this runs once per account, by an administrator, before any pipeline
  # exists. Keep terraform.tfstate somewhere safe, or add a backend "s3" block with its own key.
}

provider "aws" {
  region = var.region

  default_tags {
    tags = merge({ Project = var.name, ManagedBy = "terraform", Purpose = "pull-request-plan" }, var.tags)
  }
}
