#!/usr/bin/env bash
# The build's check of the alert rules (pom.xml runs it in the test phase): promtool checks rules/rideops.rules.yml,
# then runs its unit tests in rules/rideops.rules.test.yml. promtool comes with Debian's prometheus package; without
# it a CI build (CI=true) fails, and a local build warns and goes on.
set -euo pipefail
cd "$(dirname "$0")/rules"
if ! command -v promtool >/dev/null 2>&1; then
  if [[ "${CI:-}" == "true" ]]; then
    echo "[ERROR] promtool is not installed, so the alert rules cannot be tested: apt-get install prometheus" >&2
    exit 1
  fi
  echo "[WARNING] promtool is not installed: the alert rules were not tested (apt-get install prometheus)" >&2
  exit 0
fi
promtool check rules rideops.rules.yml
promtool test rules rideops.rules.test.yml
