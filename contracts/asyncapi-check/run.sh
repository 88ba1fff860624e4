#!/bin/sh
# The AsyncAPI document through the official parser, as part of `./mvnw verify` (contracts/pom.xml).
# npm is not a prerequisite of the build (a JDK is): without it the check says so and is skipped; CI machines have it.
set -e
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "asyncapi-check: npm not found, the AsyncAPI parser check is skipped"
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
npm run --silent check
