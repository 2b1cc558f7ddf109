#!/usr/bin/env bash
# sqlmap at its default level and risk against the running production server.
#   bench/security/serve.sh        # starts gunicorn on :8611 with demo data
#   bench/security/sqlmap.sh       # then this; prints one verdict line per target
# sqlmap lives in its own venv (pip install sqlmap into /tmp/sqlmap-venv) or
# comes from Debian (`apt-get install sqlmap`); SQLMAP=... picks another.
# Exit status 1 if sqlmap reports any injectable parameter.
set -uo pipefail
BASE=${SCAN_BASE:-http://127.0.0.1:8611}
SQLMAP=${SQLMAP:-$( [ -x /tmp/sqlmap-venv/bin/sqlmap ] && echo /tmp/sqlmap-venv/bin/sqlmap || echo sqlmap )}
OUT=${SQLMAP_OUT:-/tmp/sqlmap-out}
ARTICLE=${SCAN_ARTICLE:-$(curl -fsS "$BASE/" | grep -o '/article/[0-9]*/' | head -1 | tr -dc 0-9)}
CHANNEL=${SCAN_CHANNEL:-sichuan}
rm -rf "$OUT"; mkdir -p "$OUT"
# --batch: default answers; nothing below raises level/risk above sqlmap's defaults (1/1).
COMMON=(--batch --flush-session --output-dir="$OUT" --disable-coloring)

run() {
    local name=$1; shift
    echo "== $name"
    "$SQLMAP" "${COMMON[@]}" "$@" > "$OUT/$name.log" 2>&1
    if grep -q "is vulnerable\|sqlmap identified the following injection point" "$OUT/$name.log"; then
        echo "INJECTABLE: see $OUT/$name.log"; FOUND=1
    elif grep -q "all tested parameters do not appear to be injectable" "$OUT/$name.log"; then
        grep -E "does not seem to be injectable" "$OUT/$name.log" | sed 's/^.*\[WARNING\] /   /'
        echo "   $(grep -c "testing '" "$OUT/$name.log") techniques tried"
    else
        echo "DID NOT FINISH: see $OUT/$name.log"; FOUND=2
    fi
}
FOUND=0
run search -u "$BASE/search/?q=%E4%B9%90%E8%87%B3&region=$CHANNEL&page=1" -p q,region,page
run channel-page -u "$BASE/$CHANNEL/?page=2" -p page
# The region path of a channel and a feed; * marks where sqlmap injects.
run channel-path -u "$BASE/$CHANNEL*/"
run feed-latest -u "$BASE/feeds/latest/?page=1*"
run feed-region -u "$BASE/feeds/region/$CHANNEL*/"
run article-id -u "$BASE/article/$ARTICLE*/"
# The comment form is CSRF-protected: sqlmap fetches a fresh token (and the
# csrftoken cookie) from the no-JavaScript write page before every request,
# so each probe is a real, accepted form post.
run comment-post -u "$BASE/comments/post/$ARTICLE/" \
    --data="nickname=scanner&body=%E5%86%99%E5%BE%97%E5%A5%BD&parent=&csrfmiddlewaretoken=x" \
    -p nickname,body,parent --csrf-token=csrfmiddlewaretoken --csrf-url="$BASE/comments/write/$ARTICLE/"
run comment-report -u "$BASE/comments/report/1/" --data="reason=spam&detail=x&csrfmiddlewaretoken=x" \
    -p reason,detail --csrf-token=csrfmiddlewaretoken --csrf-url="$BASE/comments/report/1/"
case $FOUND in 0) verdict="nothing injectable";; 1) verdict="INJECTION FOUND";; *) verdict="a scan did not finish";; esac
echo "sqlmap verdict: $verdict"
exit $FOUND
