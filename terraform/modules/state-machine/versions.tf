terraform {
  required_version = ">= 1.11.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.67 validates definitions at plan time (states:ValidateStateMachineDefinition).
      version = ">= 5.67, < 6.0"
    }
  }
}
