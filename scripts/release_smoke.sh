#!/usr/bin/env bash
# Smoke test of a compiled lmeter binary (the release workflow runs it on each Linux target):
# --version, the built-in simulator, a 20-request perf run and a 5-sample evaluation against it.
set -euo pipefail
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
work="$(mktemp -d)"
trap 'kill "$sim" 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin" --version
"$bin" sim --port 18801 --ttft-ms 5 --itl-ms 1 > "$work/sim.log" 2>&1 &
sim=$!
for _ in $(seq 50); do curl -fs http://127.0.0.1:18801/v1/models > /dev/null && break; sleep 0.2; done
"$bin" perf --url http://127.0.0.1:18801/v1/chat/completions --model lmeter-sim \
  --parallel 4 --number 20 --max-tokens 16 --prompt hello --no-calibrate --outputs-dir "$work/perf"
"$bin" eval --model lmeter-sim --api-url http://127.0.0.1:18801/v1 --datasets gsm8k --limit 5 \
  --work-dir "$work/eval"
echo "smoke test passed: $bin"
