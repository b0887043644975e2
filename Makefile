# Front door. Every target delegates to the Cake build (build/build.cake) or to a project tool,
# so CI, pull requests and people run the same steps.
SHELL := bash
.DEFAULT_GOAL := help

# Offline machines keep the AWS provider in a filesystem mirror; use it when present.
TF_PLUGIN_DIR ?= $(firstword $(wildcard /opt/tf-plugins))
export TF_PLUGIN_DIR

CAKE := dotnet tool run dotnet-cake build/build.cake

.PHONY: help tools build test package plan deploy destroy fmt run bench bench-lambdas clean

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

bench: bench-lambdas ## Print every benchmark's figures

bench-lambdas: ## Lambda bootstraps: cold start (vs a JIT build), warm overhead, zip size
	@dotnet run --project bench/Lambdas.Bench -c Release
