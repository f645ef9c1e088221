#!/bin/sh
# The README's quick start: audit the bundled unhardened example (Dockerfile, compose, Kubernetes, ECS,
# requirements). Exit 1 (findings) is the expected outcome; anything else fails the demo.
# Dependency pins are checked against the real OSV PyPI records in ../shared/data when they are there.
cd "$(dirname "$0")/.." || exit 2
osv=""
if [ -d ../shared/data/osv/pypi ]; then osv="--osv ../shared/data/osv/pypi"; fi
# shellcheck disable=SC2086
node bin/drydock.js audit examples/migrate-platform $osv "$@"
rc=$?
if [ "$rc" -ne 1 ]; then
  echo "demo: expected exit 1 (the example has findings), got $rc" >&2
  exit 1
fi
