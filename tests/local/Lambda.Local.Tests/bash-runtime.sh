#!/usr/bin/env bash
# A Lambda custom runtime in bash over /dev/tcp (ASCII payloads only): real processes with controllable
# behaviour for testing Lambda.Local. The event decides: "crash" exits, "hang" never answers, {"wait":"<file>"}
# answers once the file exists, "env" reports the environment, anything else is echoed.
echo "init $AWS_LAMBDA_FUNCTION_NAME"
if [ -n "${INIT_EXIT:-}" ]; then exit "$INIT_EXIT"; fi
if [ -n "${INIT_HANG:-}" ]; then sleep 600; fi
api=$AWS_LAMBDA_RUNTIME_API
host=${api%:*}
port=${api##*:}

while true; do
  exec 3<>"/dev/tcp/$host/$port"
  printf 'GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$api" >&3
  id=""
  len=0
  while IFS= read -r line <&3; do
    line=${line%$'\r'}
    [ -z "$line" ] && break
    case "${line,,}" in
      lambda-runtime-aws-request-id:*) id=${line#*: } ;;
      content-length:*) len=${line#*: } ;;
    esac
  done
  body=""
  if [ "$len" -gt 0 ]; then IFS= read -r -N "$len" body <&3; fi
  exec 3<&-

  echo "handling $id"
  echo "stderr $id" >&2
  case "$body" in
    *crash*) exit 9 ;;
    *hang*) sleep 600 ;;
    *wait*)
      gate=${body#*\"wait\":\"}
      gate=${gate%%\"*}
      until [ -e "$gate" ]; do sleep 0.01; done ;;
    *env*) body="{\"name\":\"$AWS_LAMBDA_FUNCTION_NAME\",\"memory\":\"$AWS_LAMBDA_FUNCTION_MEMORY_SIZE\",\"format\":\"$AWS_LAMBDA_LOG_FORMAT\",\"parent\":\"${LAMBDA_LOCAL_TEST_PARENT:-unset}\",\"extra\":\"${EXTRA:-}\",\"root\":\"$LAMBDA_TASK_ROOT\"}" ;;
  esac

  exec 3<>"/dev/tcp/$host/$port"
  printf 'POST /2018-06-01/runtime/invocation/%s/response HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "$id" "$api" "${#body}" "$body" >&3
  while IFS= read -r line <&3; do line=${line%$'\r'}; [ -z "$line" ] && break; done
  exec 3<&-
done
