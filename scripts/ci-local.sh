#!/usr/bin/env bash
# Run the steps of .github/workflows/briefing.yml on this machine, in the same order and with the
# same commands: install, validate, test, build the national briefing and each share of the areas
# separately, merge them into out/, and write the outbox (a dry run: nothing is sent).
# The state folder (state/) is used in place; the workflow restores and saves it as an artifact.
# test/ci/workflow.test.ts checks that every command of the workflow is here.
set -euo pipefail
cd "$(dirname "$0")/.."
export CI=true
SHARDS=4
REPORTS="${REPORTS:-all}"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Install (as the README says)"
bash scripts/setup-system.sh
npm ci --no-audit --no-fund

step "Validate the data, content, templates and state"
npm run validate
step "Validate the recipients"
npm run distribute -- --check

step "Typecheck, lint and test"
npm run typecheck && npm run lint
npm test

rm -rf parts
if [ "$REPORTS" != "areas" ]; then
  step "National briefing"
  npm run build:report -- --only national --out parts/national
fi
if [ "$REPORTS" != "national" ]; then
  for i in $(seq 1 "$SHARDS"); do
    step "Area briefings $i/$SHARDS"
    npm run build:report -- --only areas --shard "$i/$SHARDS" --out "parts/areas-$i"
  done
fi

step "Merge into one out/"
npm run build:report -- --merge parts/*
echo "sha256 of out/manifest.json (what a send must approve): $(sha256sum out/manifest.json | cut -d' ' -f1)"
cat out/changes.md

step "Distribute (dry run)"
npm run distribute -- --only "$REPORTS"
