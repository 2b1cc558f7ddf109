#!/usr/bin/env bash
# wapiti web scanner against the running production server.
#   bench/security/serve.sh        # starts gunicorn on :8611 with demo data
#   bench/security/wapiti.sh       # crawls the reader site and attacks every form and parameter
# wapiti lives in its own venv: python3 -m venv /tmp/wapiti-venv && /tmp/wapiti-venv/bin/pip install wapiti3
# Reports: $WAPITI_OUT/report.txt (human) and report.json (counts printed at the end).
# Known false alarm: the csrf module calls /comments/post/<id>/ "not properly
# checked" because its replay of the genuine form gets the same 403 as its
# forged one: production marks the csrftoken cookie Secure, so an HTTP client
# speaking plain HTTP to 127.0.0.1 never sends it back. A wrong token is
# refused and a right one accepted (tests/security/test_forged_posts.py).
set -uo pipefail
BASE=${SCAN_BASE:-http://127.0.0.1:8611}
WAPITI=${WAPITI:-$( [ -x /tmp/wapiti-venv/bin/wapiti ] && echo /tmp/wapiti-venv/bin/wapiti || echo wapiti )}
OUT=${WAPITI_OUT:-/tmp/wapiti-out}
rm -rf "$OUT"; mkdir -p "$OUT"
# The default module set plus CSRF, CRLF and HTTP-method checks. Crawl depth
# and per-page limits keep the run to minutes: the demo site has hundreds of
# articles built from the same few templates, so more of them tests nothing new.
"$WAPITI" -u "$BASE/" --scope folder --flush-session --no-bugreport \
    -m "${WAPITI_MODULES:-common,csrf,crlf,methods,redirect,ssrf}" \
    -d 3 --max-links-per-page 25 --max-files-per-dir 40 \
    --max-scan-time "${WAPITI_MAX_SECONDS:-1500}" --max-attack-time 240 \
    -x "$BASE/admin/logout/" \
    -f json -o "$OUT/report.json" > "$OUT/wapiti.log" 2>&1
"$WAPITI" -u "$BASE/" --scope folder --skip-crawl -m "" -f txt -o "$OUT/report.txt" >> "$OUT/wapiti.log" 2>&1 || true
python3 - "$OUT/report.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
for section in ("vulnerabilities", "anomalies"):
    for name, findings in report.get(section, {}).items():
        if findings:
            print(f"{section}: {name}: {len(findings)}")
            for finding in findings[:5]:
                print("   ", finding.get("method"), finding.get("path"), "-", finding.get("info", "")[:160])
print("crawled:", report.get("infos", {}).get("crawled_pages_nbr"), "pages")
PY
