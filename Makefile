# Front door. Every target delegates to the Cake build (build/build.cake) or to a project tool,
# so CI, pull requests and people run the same steps. `make help` lists them.
SHELL := bash
.DEFAULT_GOAL := help

# Offline machines keep the AWS provider in a filesystem mirror; use it when present.
TF_PLUGIN_DIR ?= $(firstword $(wildcard /opt/tf-plugins))
export TF_PLUGIN_DIR
# A TF_CLI_CONFIG_FILE naming a missing file only makes terraform print a warning on every call: drop it.
ifneq ($(TF_CLI_CONFIG_FILE),)
ifeq ($(wildcard $(TF_CLI_CONFIG_FILE)),)
unexport TF_CLI_CONFIG_FILE
endif
endif
# Deployment settings read by the Cake build (see README "Deploying"):
#   ENV=dev (default)  BACKEND_CONFIG=path/to/x.s3.tfbackend  AUTO_APPROVE=true (destroy without a prompt)
#   PLAN_LOCK=false (plan without the state lock: the read-only pull-request plan role)
export ENV BACKEND_CONFIG AUTO_APPROVE PLAN_LOCK
# PUBLISH_AOT=false publishes the ReadyToRun fallback instead of Native AOT (machines without gcc/clang; build/README.md).
export PUBLISH_AOT

# The script cache skips recompiling build/*.cake when they have not changed (it lives in build/tools/, ignored).
CAKE := dotnet tool run dotnet-cake build/build.cake --settings_enablescriptcache=true

.PHONY: help tools prerequisites build test package plan apply deploy destroy fmt clean run console sfn-local bench bench-lambdas bench-sfn bench-console bench-console-paint

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

tools:
	@dotnet tool restore >/dev/null

prerequisites: ## Install what the tests need that this machine lacks (apt/npm; idempotent)
	@bash build/prerequisites.sh

build: tools ## Compile everything
	@$(CAKE) --target=build

test: tools prerequisites ## Run every test suite (.NET, Terraform), offline
	@$(CAKE) --target=test

package: tools ## Publish, zip and guard each Lambda into artifacts/lambdas/
	@$(CAKE) --target=package

plan: tools ## Package, then terraform plan for ENV (needs AWS credentials)
	@$(CAKE) --target=plan

apply: tools ## Apply the plan `make plan` saved for ENV, only at the commit it was made for
	@$(CAKE) --target=apply

deploy: tools ## Test, package, guard, plan and apply for ENV (needs AWS credentials)
	@$(CAKE) --target=deploy

destroy: tools ## Destroy the ENV deployment (needs AWS credentials)
	@$(CAKE) --target=destroy

fmt: tools ## Format Terraform and C# whitespace in place
	@$(CAKE) --target=fmt

clean: tools ## Remove build output
	@$(CAKE) --target=clean

# ---- Project tools (run, bench, ...) go below ----

# make run: the whole system offline. Rebuilds only what changed (the packages from lambdas/, the runner
# from local/), then runs WORKFLOW on the packaged bootstraps with the local Step Functions executor.
WORKFLOW ?= number-processor
INPUT ?= {}
ECS_EXIT_CODE ?= 0
# make run's waits and retry intervals run at TIME_SCALE × real time (default 0.01: the orchestrator's 30 s
# polls take 0.3 s); TIME_SCALE=1 runs in real time. make console reads TIME_SCALE too (default 1 there).
# ECS_FAIL_JOBS=stop-app-2,...: the orchestrator jobs whose simulated container exits 1 (make run and make console).
export WORKFLOW INPUT ECS_EXIT_CODE TIME_SCALE ECS_FAIL_JOBS

DOTNET_SHARED := global.json Directory.Build.props Directory.Packages.props
LAMBDA_SOURCES := $(shell find lambdas -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \)) $(DOTNET_SHARED)
LOCAL_SOURCES := $(shell find local -type f \( -name '*.cs' -o -name '*.csproj' \)) $(DOTNET_SHARED)

artifacts/lambdas/manifest.json: $(LAMBDA_SOURCES) | tools
	@$(CAKE) --target=package

artifacts/bin/local-run: $(LOCAL_SOURCES)
	@dotnet publish local/Workflows.Local.Cli -nologo -v:q -o artifacts/bin
	@touch $@

run: artifacts/lambdas/manifest.json artifacts/bin/local-run ## Run a workflow offline: WORKFLOW=number-processor|container-task|orchestrator INPUT='{"min":1,"max":10}' (or INPUT=@file.json) DEBUG_FUNCTION=even ECS_EXIT_CODE=1 ECS_FAIL_JOBS=job,... TIME_SCALE=1
	@DEBUG_FUNCTION="$(DEBUG_FUNCTION)" artifacts/bin/local-run --workflow "$$WORKFLOW" --input "$$INPUT" --ecs-exit-code "$$ECS_EXIT_CODE" --time-scale "$${TIME_SCALE:-0.01}"

# make console: AWS's Step Functions API and the web console on 127.0.0.1:PORT, the workflows deployed,
# executions kept in artifacts/console/sfn.db. HOST=0.0.0.0 opens it to the network; TIME_SCALE, ECS_EXIT_CODE,
# SFN_MOCK_CONFIG as in local/StepFunctions.Service/README.md.
PORT ?= 8083
CONSOLE_ASSETS := $(shell find local/StepFunctions.Service/wwwroot -type f 2>/dev/null)

artifacts/bin/sfn-service: $(LOCAL_SOURCES) $(CONSOLE_ASSETS) $(wildcard local/examples/*.json) local/WebConsole/build.mjs local/WebConsole/node_modules
	@dotnet publish local/StepFunctions.Service -nologo -v:q -o artifacts/bin
	@touch $@

# The web console's npm libraries (locked), which the service build copies into wwwroot/vendor/.
local/WebConsole/node_modules: local/WebConsole/package-lock.json
	@cd local/WebConsole && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

console: artifacts/lambdas/manifest.json artifacts/bin/sfn-service ## Serve the Step Functions API + web console on 127.0.0.1:8083 (PORT=, HOST=, TIME_SCALE=, ECS_EXIT_CODE=, ECS_FAIL_JOBS=, SCHEDULE=on|off, SCHEDULE_EXPRESSION=, DEBUG_FUNCTION=even)
	@DEBUG_FUNCTION="$(DEBUG_FUNCTION)" artifacts/bin/sfn-service --port "$(PORT)"

sfn-local: ## Publish the local Step Functions CLI to artifacts/bin/sfn-local
	@dotnet publish local/StepFunctions.Local.Cli -c Release -o artifacts/bin --nologo -v q

bench: bench-lambdas bench-sfn bench-console bench-console-paint ## Print every benchmark's figures

bench-lambdas: artifacts/lambdas/manifest.json ## Lambda bootstraps: cold start (AOT vs R2R fallback vs JIT), warm latency, peak RSS, zip size, clean package time
	@dotnet run --project bench/Lambdas.Bench -c Release

bench-sfn: ## StepFunctions.Local vs aws-local-stepfunctions, Jsonata vs jsonata 2.0.6 (npm, installed here): executions/s, 10,000-item Map, JSONata evaluations/s
	@cd bench/sfn-comparator && (npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error)
	@dotnet run --project bench/StepFunctions.Bench -c Release -- --comparator bench/sfn-comparator
	@dotnet run --project bench/Jsonata.Bench -c Release -- --comparator bench/sfn-comparator

bench-console-paint: ## Web console: first paint of a 200-state execution and of a 20-job run's Jobs view in headless Chromium (artifacts/console/first-paint*.txt)
	@bash build/prerequisites.sh
	@dotnet test tests/local/WebConsole.BrowserTests -nologo --filter "FullyQualifiedName~FirstPaintTests" --logger "console;verbosity=detailed" | grep -E "first paint|Passed!|Failed!"

bench-console: artifacts/lambdas/manifest.json ## sfn-service over HTTP: executions/s and StartExecution p50/p99, mocked and real Lambdas
	@dotnet run --project bench/StepFunctions.Service.Bench -c Release
