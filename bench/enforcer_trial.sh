#!/usr/bin/env bash
# Proves the dependency rules bite: takes the commons-io pin out of a copy of the parent pom and
# expects `validate` to fail on the conflict of issue 12 (Twilio's commons-io 2.14.0 against the
# 2.20.0+ that commons-compress, which extracts embedded PostgreSQL, needs). Prints one line.
set -euo pipefail
cd "$(dirname "$0")/.."
trial=$(mktemp -d "${TMPDIR:-/tmp}/fireline-enforcer-XXXXXX")
trap 'rm -rf "$trial"' EXIT
git ls-files -z -- pom.xml '*/pom.xml' .mvn mvnw | xargs -0 cp --parents -t "$trial"
python3 - "$trial/pom.xml" <<'PY'
import re, sys
path = sys.argv[1]
pom = open(path).read()
unpinned, n = re.subn(r'<dependency>\s*<!-- Twilio 13\.0\.1 asks.*?</dependency>\s*', '', pom, flags=re.S)
if n != 1:
    sys.exit("the commons-io pin was not found in pom.xml; update bench/enforcer_trial.sh")
open(path, 'w').write(unpinned)
PY
if (cd "$trial" && ./mvnw -B -q validate >"$trial/validate.log" 2>&1); then
  echo "FAIL: without the commons-io pin the build still validates" >&2
  exit 1
fi
if grep -q 'Require upper bound dependencies error for commons-io:commons-io:2.14.0' "$trial/validate.log"; then
  echo "ok: without the commons-io pin, validate fails on $(grep -m1 -oE 'on project [a-z-]+' "$trial/validate.log" | cut -d' ' -f3) (requireUpperBoundDeps: commons-io 2.14.0)"
else
  grep ERROR "$trial/validate.log" | head -20 >&2
  echo "FAIL: validate failed, but not on the commons-io conflict" >&2
  exit 1
fi
