#!/usr/bin/env bash
# The offline Terraform checks, exactly as the Cake build (`make test`) and CI run them:
# fmt over the whole tree, then init (no backend), validate and test in the root and in each module.
# Uses the provider mirror in $TF_PLUGIN_DIR when it is set (offline machines), the registry otherwise.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

plugin_args=()
if [ -n "${TF_PLUGIN_DIR:-}" ]; then plugin_args=("-plugin-dir=${TF_PLUGIN_DIR}"); fi

terraform fmt -check -recursive "$here"

for dir in "$here" "$here"/modules/*; do
  if [ "$dir" = "$here" ]; then label="terraform"; else label="terraform/${dir#"$here"/}"; fi
  echo "== terraform checks: $label"
  terraform -chdir="$dir" init -backend=false -input=false -no-color "${plugin_args[@]}" >/dev/null
  terraform -chdir="$dir" validate -no-color
  terraform -chdir="$dir" test -no-color
done
