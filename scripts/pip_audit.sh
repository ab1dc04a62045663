#!/usr/bin/env bash
# Audit the pinned dependencies of pyproject.toml with pip-audit (PyPI/OSV advisories).
#
# Exit 0: every pinned package was checked and none has a known vulnerability.
# Exit 1: a pinned package has a known vulnerability.
# Exit 2: not checked: the vulnerability service could not be reached, pip-audit timed out
#         or failed, or it skipped one or more packages. Said as "not checked" on stderr,
#         never as "no known vulnerabilities"; .ci/run turns this into a warning.
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
pinned=$(grep -c . "$work/requirements.txt")

timeout "$LIMIT" "$BIN" --requirement "$work/requirements.txt" --no-deps --disable-pip \
  --progress-spinner off --format json --output "$work/audit.json" 2>"$work/stderr"
rc=$?

not_checked() {
  echo "pip-audit: NOT CHECKED: $1" >&2
  if [ -s "$work/stderr" ]; then tail -n 5 "$work/stderr" >&2; fi
  exit 2
}

if [ "$rc" -eq 124 ]; then
  not_checked "no answer from the vulnerability service within ${LIMIT}s"
fi
if [ ! -s "$work/audit.json" ]; then
  not_checked "pip-audit wrote no report (exit $rc); the vulnerability service may be unreachable"
fi

# The report decides, not pip-audit's exit code: it exits 0 when it skipped every package.
"$PY" - "$work/audit.json" "$pinned" "$rc" <<'PY'
import json, sys
try:
    report = json.load(open(sys.argv[1]))
    deps = report["dependencies"] if isinstance(report, dict) else report
    if not isinstance(deps, list) or not all(isinstance(d, dict) for d in deps):
        raise ValueError("unexpected shape")
except (ValueError, KeyError, TypeError):
    print("pip-audit: NOT CHECKED: the report could not be read", file=sys.stderr)
    sys.exit(2)
pinned, rc = int(sys.argv[2]), int(sys.argv[3])
bad = [d for d in deps if d.get("vulns")]
skipped = [d for d in deps if d.get("skip_reason")]
checked = [d for d in deps if not d.get("skip_reason")]
for d in bad:
    ids = ", ".join(v["id"] + (f" (fixed in {', '.join(v['fix_versions'])})"
                               if v.get("fix_versions") else "") for v in d["vulns"])
    print(f"pip-audit: {d['name']}=={d['version']}: {ids}")
if bad:
    sys.exit(1)
if skipped or len(checked) < pinned or rc != 0:
    reasons = sorted({str(d["skip_reason"]).splitlines()[0][:120] for d in skipped})
    print(f"pip-audit: NOT CHECKED: {pinned - len(checked)} of {pinned} pinned packages could "
          f"not be audited ({'; '.join(reasons) or f'pip-audit exit {rc}'}); "
          f"{len(checked)} were checked without findings", file=sys.stderr)
    sys.exit(2)
print(f"pip-audit: all {len(checked)} pinned packages checked; no known vulnerabilities")
PY
