# Front door. Every target delegates to the Cake build (build/build.cake) or to a project tool,
# so CI, pull requests and people run the same steps.
SHELL := bash
.DEFAULT_GOAL := help

# Offline machines keep the AWS provider in a filesystem mirror; use it when present.
TF_PLUGIN_DIR ?= $(firstword $(wildcard /opt/tf-plugins))
export TF_PLUGIN_DIR

CAKE := dotnet tool run dotnet-cake build/build.cake

.PHONY: help tools build test package plan deploy destroy fmt run bench clean sfn-local bench-sfn

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

tools:
	@dotnet tool restore >/dev/null

build: tools ## Compile everything
	@$(CAKE) --target=build

test: tools ## Run every test suite (.NET, Terraform), offline
	@$(CAKE) --target=test

package: tools ## Publish and zip each Lambda into artifacts/lambdas/
	@$(CAKE) --target=package

clean: tools ## Remove build output
	@$(CAKE) --target=clean

sfn-local: ## Publish the local Step Functions CLI to artifacts/bin/sfn-local
	@dotnet publish local/StepFunctions.Local.Cli -c Release -o artifacts/bin --nologo -v q

bench: bench-sfn

bench-sfn: ## Benchmark StepFunctions.Local against aws-local-stepfunctions (npm, installed here)
	@cd bench/sfn-comparator && (npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error)
	@dotnet run --project bench/StepFunctions.Bench -c Release -- --comparator bench/sfn-comparator
