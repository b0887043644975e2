# Front door. Every target delegates to the Cake build (build/build.cake) or to a project tool,
# so CI, pull requests and people run the same steps. `make help` lists them.
SHELL := bash
.DEFAULT_GOAL := help

# Offline machines keep the AWS provider in a filesystem mirror; use it when present.
TF_PLUGIN_DIR ?= $(firstword $(wildcard /opt/tf-plugins))
export TF_PLUGIN_DIR
# Deployment settings read by the Cake build (see README "Deploying"):
#   ENV=dev (default)  BACKEND_CONFIG=path/to/x.s3.tfbackend  AUTO_APPROVE=true (destroy without a prompt)
export ENV BACKEND_CONFIG AUTO_APPROVE

# The script cache skips recompiling build/*.cake when they have not changed (it lives in build/tools/, ignored).
CAKE := dotnet tool run dotnet-cake build/build.cake --settings_enablescriptcache=true

.PHONY: help tools build test package plan deploy destroy fmt clean run bench

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

tools:
	@dotnet tool restore >/dev/null

build: tools ## Compile everything
	@$(CAKE) --target=build

test: tools ## Run every test suite (.NET, Terraform), offline
	@$(CAKE) --target=test

package: tools ## Publish, zip and guard each Lambda into artifacts/lambdas/
	@$(CAKE) --target=package

plan: tools ## Package, then terraform plan for ENV (needs AWS credentials)
	@$(CAKE) --target=plan

deploy: tools ## Test, package, guard, plan and apply for ENV (needs AWS credentials)
	@$(CAKE) --target=deploy

destroy: tools ## Destroy the ENV deployment (needs AWS credentials)
	@$(CAKE) --target=destroy

fmt: tools ## Format Terraform and C# whitespace in place
	@$(CAKE) --target=fmt

clean: tools ## Remove build output
	@$(CAKE) --target=clean

# ---- Project tools (run, bench, ...) go below ----
