#!/bin/sh
# Installs the CRD validators (exactly package-lock.json) before deploy/kubernetes' tests run (deploy/kubernetes/pom.xml).
# npm is not a prerequisite of the build (a JDK is): without it this says so, and CrdSchemasTest is skipped.
set -e
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "crd-check: npm not found, the CRD schema checks (CrdSchemasTest) are skipped"
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
