#!/usr/bin/env bash
# Audit the pinned dependencies of pyproject.toml with pip-audit (PyPI/OSV advisories).
# Exit 0: no known vulnerability, or the vulnerability service could not be reached (reported
# on stderr, not a CI failure). Exit 1: a pinned package has a known vulnerability.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN="${PIP_AUDIT:-.venv/bin/pip-audit}"
PY="${PYTHON:-.venv/bin/python}"
LIMIT="${PIP_AUDIT_TIMEOUT:-300}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The pins, runtime and dev: exactly the versions we ship and test with.
"$PY" - "$work/requirements.txt" <<'PY'
import sys, tomllib
data = tomllib.load(open("pyproject.toml", "rb"))
project = data["project"]
pins = list(project["dependencies"]) + list(project.get("optional-dependencies", {}).get("dev", []))
open(sys.argv[1], "w").write("\n".join(pins) + "\n")
PY

timeout "$LIMIT" "$BIN" --requirement "$work/requirements.txt" --no-deps --disable-pip \
  --progress-spinner off --format json --output "$work/audit.json" 2>"$work/stderr"
rc=$?

if [ "$rc" -eq 0 ]; then
  echo "pip-audit: no known vulnerabilities in $(wc -l <"$work/requirements.txt") pinned packages"
  exit 0
fi
if [ -s "$work/audit.json" ] && "$PY" - "$work/audit.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
deps = report["dependencies"] if isinstance(report, dict) else report
bad = [d for d in deps if d.get("vulns")]
for d in bad:
    ids = ", ".join(v["id"] + (f" (fixed in {', '.join(v['fix_versions'])})" if v.get("fix_versions") else "") for v in d["vulns"])
    print(f"pip-audit: {d['name']}=={d['version']}: {ids}")
sys.exit(0 if bad else 1)
PY
then
  exit 1
fi
if [ "$rc" -eq 124 ]; then
  echo "pip-audit: vulnerability service unreachable (no answer within ${LIMIT}s); audit skipped" >&2
else
  echo "pip-audit: vulnerability service unreachable or audit could not run (exit $rc); audit skipped:" >&2
  tail -n 5 "$work/stderr" >&2
fi
exit 0
