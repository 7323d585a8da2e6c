#!/bin/sh
# run.sh SITREP GAZETTEER - tests of `sitrep serve` (docs/serve.md) with curl.
#
# Starts the service on a free loopback port (--listen 127.0.0.1:0, the port
# read from its "serving on" line) with a scratch database and checks every
# endpoint and status code: posts of one article and of JSON Lines,
# duplicates, the incident list and its filters, an incident with its
# timelines, the live page and its headers, malformed requests (bad JSON,
# wrong content type, bodies over --max-body, invalid UTF-8, huge headers,
# a slowloris trickle, path traversal), bearer tokens, then concurrent posts
# stopped by SIGTERM (exit 0, db-check, every acknowledged article stored)
# and by SIGKILL (after a restart every article acknowledged with 2xx is
# there).  Prints one line per check and "serve: N passed, N failed";
# exits 1 when a check failed, 2 when it cannot run.  Takes about 30 s.
set -u
[ $# -ge 2 ] || { echo "usage: $0 SITREP GAZETTEER" >&2; exit 2; }
case $1 in /*) sitrep=$1 ;; *) sitrep=$(pwd)/$1 ;; esac
gaz=$2
command -v curl >/dev/null 2>&1 || { echo "run.sh: curl not found" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-serve.XXXXXX") || exit 2
PID=
cleanup() {
    [ -n "$PID" ] && kill -9 "$PID" 2>/dev/null
    for p in $(cat "$tmp"/loop.*.pid 2>/dev/null); do kill "$p" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 2' INT TERM
LC_ALL=C
export LC_ALL

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; }
# check WHAT EXPECTED GOT
check() { if [ "$2" = "$3" ]; then ok "$1"; else ko "$1: expected $2, got $3"; fi; }
# has WHAT FILE FIXED-STRING
has() { if grep -qF -- "$3" "$2"; then ok "$1"; else ko "$1: no '$3' in: $(head -c 300 "$2")"; fi; }

# serve NAME ARGS...: start the service on db $tmp/NAME.db; sets PID, B.
serve() {
    name=$1
    shift
    : > "$tmp/$name.err"
    "$sitrep" serve --db "$tmp/$name.db" --listen 127.0.0.1:0 "$@" 2>> "$tmp/$name.err" &
    PID=$!
    i=0
    while ! grep -q 'serving on' "$tmp/$name.err"; do
        i=$((i + 1))
        if [ $i -gt 300 ] || ! kill -0 "$PID" 2>/dev/null; then
            ko "$name: the service did not start: $(cat "$tmp/$name.err")"
            PID=
            return 1
        fi
        sleep 0.05
    done
    B=$(sed -n 's/.*serving on \(http:[^ ]*\).*/\1/p' "$tmp/$name.err" | head -n 1)
}

# stop SIGNAL: signal the service and wait for it; its exit status in rc.
stop() {
    kill "-$1" "$PID" 2>/dev/null
    wait "$PID"
    rc=$?
    PID=
}

# req METHOD PATH [CURL ARGS...]: the status code; the body in $tmp/body,
# the headers in $tmp/head.
req() {
    m=$1
    p=$2
    shift 2
    curl -s -m 10 --path-as-is -X "$m" -D "$tmp/head" -o "$tmp/body" -w '%{http_code}' "$@" "$B$p"
}
post() { req POST /articles -H "Content-Type: $1" --data-binary "@$2"; }

# art ID CITY KILLED DAY: one article as a JSON line.
art() {
    printf '{"id":"%s","url":"https://test.example/%s","source":"Test Wire","published":"2024-05-%02dT08:00:00Z","title":"Blast in %s","text":"A car bomb exploded at a crowded market in %s on Monday, killing %s people and wounding %s others, police said. Report %s."}\n' \
        "$1" "$1" "$4" "$2" "$2" "$3" "$(($3 * 2))" "$1"
}

# ---------------------------------------------------------------- usage
"$sitrep" serve --db "$tmp/u.db" --listen 0.0.0.0:0 > /dev/null 2> "$tmp/u.err"
check "non-loopback address without a token: usage error" 2 $?
has "non-loopback address: says why" "$tmp/u.err" "not a loopback address"
"$sitrep" serve --db "$tmp/u.db" --listen nowhere > /dev/null 2>&1
check "bad --listen: usage error" 2 $?
"$sitrep" serve --db "$tmp/u.db" --max-body 0 > /dev/null 2>&1
check "bad --max-body: usage error" 2 $?
: > "$tmp/empty.token"
"$sitrep" serve --db "$tmp/u.db" --listen 127.0.0.1:0 --token-file "$tmp/empty.token" > /dev/null 2>&1
check "empty token file: refused (data error)" 4 $?
"$sitrep" serve --db "$tmp/u.db" --listen 127.0.0.1:0 --token-file "$tmp/missing.token" > /dev/null 2>&1
check "missing token file: refused (data error)" 4 $?

# -------------------------------------------------------- the endpoints
serve main --gazetteer "$gaz" --timeout 2 --max-body 64K || exit 1

check "GET /healthz" 200 "$(req GET /healthz)"
has "GET /healthz body" "$tmp/body" '{"status":"ok"}'
has "answers say nosniff" "$tmp/head" "X-Content-Type-Options: nosniff"
check "HEAD /healthz" 200 "$(curl -s -m 5 -I -o /dev/null -w '%{http_code}' "$B/healthz")"
check "GET /version of an empty store" 200 "$(req GET /version)"
has "version 0" "$tmp/body" '{"version":0}'

# The developing incident of three reports.
cat > "$tmp/k1.json" <<'EOF'
{"id":"kirkuk-1","url":"https://news.example.org/kirkuk-1","source":"Northern Wire","published":"2024-03-11T09:40:00Z","title":"Car bomb hits Kirkuk market",
 "text":"KIRKUK, Iraq (Northern Wire) - A car bomb exploded in a crowded vegetable market in Kirkuk on Monday morning, killing at least 7 people and wounding 20 others, police said."}
EOF
cat > "$tmp/k23.jsonl" <<'EOF'
{"id":"kirkuk-2","url":"https://daily.example.com/kirkuk-2","source":"Tigris Daily","published":"2024-03-11T15:05:00Z","title":"Kirkuk bombing toll rises","text":"KIRKUK, Iraq - The death toll from Monday's car bombing at a market in Kirkuk rose to 15, a provincial health official said, and 34 people were wounded."}
{"id":"kirkuk-3","url":"https://news.example.org/kirkuk-3","source":"Northern Wire","published":"2024-03-12T08:15:00Z","title":"Islamic State claims Kirkuk market bombing","text":"KIRKUK, Iraq (Northern Wire) - The Islamic State group claimed responsibility on Tuesday for the car bombing that killed 23 people at a vegetable market in Kirkuk on Monday, the health ministry said."}
{"id":"mosul-1","url":"https://news.example.org/mosul-1","source":"Northern Wire","published":"2024-04-02T10:00:00Z","title":"Gunmen attack checkpoint","text":"MOSUL, Iraq - Gunmen attacked a police checkpoint in Mosul on Tuesday, killing four policemen, officials said."}
EOF
check "POST one article (application/json over two lines)" 201 "$(post application/json "$tmp/k1.json")"
has "POST answer: stored 1" "$tmp/body" '"stored":1,"duplicates":0'
has "POST answer: the article's id" "$tmp/body" '"id":"kirkuk-1"'
inc=$(sed -n 's/.*"incident":\([0-9]*\).*/\1/p' "$tmp/body")
check "GET /incidents after the post" 200 "$(req GET /incidents)"
has "the incident is listed" "$tmp/body" '"place":"Kirkuk"'
has "one incident" "$tmp/body" '"count":1'
check "POST three articles as JSON Lines" 201 "$(post application/x-ndjson "$tmp/k23.jsonl")"
has "JSON Lines: stored 3" "$tmp/body" '"stored":3,"duplicates":0'
check "the same JSON Lines again: nothing new" 200 "$(post application/jsonl "$tmp/k23.jsonl")"
has "duplicates reported" "$tmp/body" '"stored":0,"duplicates":3'
check "GET /version after 4 articles" 200 "$(req GET /version)"
has "version 4" "$tmp/body" '{"version":4}'
check "GET /incidents/ID" 200 "$(req GET "/incidents/${inc:-1}")"
has "incident with its reports linked" "$tmp/body" '"reports":3'
has "killed timeline: first report" "$tmp/body" '"figure":"killed","value":7,"qualifier":"at_least"'
has "killed timeline: raised to 23" "$tmp/body" '"figure":"killed","value":23'
has "consolidated toll 23" "$tmp/body" '"killed":{"value":23'
check "GET /incidents?country=iq&min_killed=10" 200 "$(req GET '/incidents?country=iq&min_killed=10')"
has "filtered list" "$tmp/body" '"count":1,'
check "GET /incidents?limit=1" 200 "$(req GET '/incidents?limit=1')"
has "limit 1" "$tmp/body" '"count":1,'
check "GET /incidents?from=2024-04-01&to=2024-04-30" 200 \
    "$(req GET '/incidents?from=2024-04-01&to=2024-04-30')"
has "date filter" "$tmp/body" '"place":"Mosul"'
check "GET /incidents/999999: no such incident" 404 "$(req GET /incidents/999999)"

# The live page.
check "GET / (the live page)" 200 "$(req GET /)"
has "live page is HTML" "$tmp/head" "Content-Type: text/html"
has "live page: Content-Security-Policy" "$tmp/head" "connect-src 'self'"
has "live page polls /version" "$tmp/body" "/version"

# ------------------------------------------------------ malformed requests
before=$(req GET /version >/dev/null; cat "$tmp/body")
printf '{"id":"bad-1","text":' > "$tmp/bad.json"
check "bad JSON: 400" 400 "$(post application/json "$tmp/bad.json")"
# The error of an object over several lines is at its own line and column.
printf '{"id":"bad-2",\n "source":"x",\n   "text": tru}\n' > "$tmp/bad3.json"
check "bad JSON on line 3: 400" 400 "$(post application/json "$tmp/bad3.json")"
has "bad JSON on line 3: its line and column" "$tmp/body" 'line 3, column 12'
check "wrong content type: 415" 415 "$(post text/plain "$tmp/k1.json")"
check "no content type: 415" 415 "$(req POST /articles --data-binary "@$tmp/k1.json" -H 'Content-Type:')"
{ art good-1 Basra 5 3; printf '{"id":"bad-2","text":"unterminated}\n'; } > "$tmp/mixed.jsonl"
check "JSON Lines with a bad line: 400" 400 "$(post application/x-ndjson "$tmp/mixed.jsonl")"
has "the bad line is named" "$tmp/body" "line 2"
{ art two-1 Basra 5 3; art two-2 Najaf 6 4; } > "$tmp/two.jsonl"
check "two objects as application/json: 400" 400 "$(post application/json "$tmp/two.jsonl")"
printf '{"id":"utf8-1","text":"A bomb killed \377\376 two people in Basra."}' > "$tmp/badutf8.json"
check "invalid UTF-8 in the text: 400" 400 "$(post application/json "$tmp/badutf8.json")"
printf '{"id":"utf8-2","title":"\300\257 overlong","text":"A bomb killed two people in Basra."}' > "$tmp/badutf8.json"
check "invalid UTF-8 in the title: 400" 400 "$(post application/json "$tmp/badutf8.json")"
printf '[{"id":"arr"}]' > "$tmp/array.json"
check "a JSON array: 400" 400 "$(post application/json "$tmp/array.json")"
: > "$tmp/nothing.json"
check "empty body: 400" 400 "$(post application/json "$tmp/nothing.json")"
awk 'BEGIN { printf "{\"id\":\"huge\",\"text\":\""; for (i = 0; i < 7000; i++) printf "0123456789"; print "\"}" }' > "$tmp/huge.json"
check "body over --max-body (Content-Length): 413" 413 "$(post application/json "$tmp/huge.json")"
check "body over --max-body (chunked): 413" 413 \
    "$(req POST /articles -H 'Content-Type: application/json' -H 'Transfer-Encoding: chunked' --data-binary "@$tmp/huge.json")"
check "nothing of the refused bodies was stored" "$before" "$(req GET /version >/dev/null; cat "$tmp/body")"
check "path traversal /incidents/../etc/passwd: 400" 400 "$(req GET /incidents/../etc/passwd)"
check "path traversal %2e%2e: 400" 400 "$(req GET /incidents/%2e%2e/%2e%2e/etc/passwd)"
check "encoded NUL: 400" 400 "$(req GET /incidents%00/1)"
check "double slash: 400" 400 "$(req GET //incidents)"
check "non-ASCII path: 400" 400 "$(req GET "/incidents/$(printf '\303\251')")"
check "unknown path: 404" 404 "$(req GET /etc/passwd)"
check "/incidents/abc: 404" 404 "$(req GET /incidents/abc)"
check "/incidents/0: 404" 404 "$(req GET /incidents/0)"
check "?limit=0: 400" 400 "$(req GET '/incidents?limit=0')"
check "?limit=1001: 400" 400 "$(req GET '/incidents?limit=1001')"
check "?from=2024-13-01: 400" 400 "$(req GET '/incidents?from=2024-13-01')"
check "?country=IRQ: 400" 400 "$(req GET '/incidents?country=IRQ')"
check "?min_killed=-1: 400" 400 "$(req GET '/incidents?min_killed=-1')"
check "unknown parameter: 400" 400 "$(req GET '/incidents?debug=1')"
check "parameter twice: 400" 400 "$(req GET '/incidents?limit=1&limit=2')"
check "DELETE /incidents: 405" 405 "$(req DELETE /incidents)"
has "405 names the allowed methods" "$tmp/head" "Allow: GET, HEAD"
check "GET /articles: 405" 405 "$(req GET /articles)"
has "405 allows POST" "$tmp/head" "Allow: POST"
big=$(head -c 40000 /dev/zero | tr '\0' a)
code=$(req GET /healthz -H "X-Big: $big")
case $code in 4??) ok "huge header (40 KB): $code" ;; *) ko "huge header: expected a 4xx, got $code" ;; esac

# Slowloris: a header line a second never ends the request; the request
# must be dropped after --timeout (2 s) while others are answered.
port=${B##*:}
bash -c '
    trap "" PIPE
    exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
    printf "GET /healthz HTTP/1.1\r\nHost: x\r\n" >&3
    i=0
    while [ $i -lt 8 ]; do
        sleep 1
        i=$((i + 1))
        # The service answers 408 when it drops the request.
        if IFS= read -r -t 0.2 line <&3; then echo "dropped $i: ${line%?}"; exit 0; fi
        printf "X-Slow: %d\r\n" $i >&3 2>/dev/null || { echo "dropped $i: no answer"; exit 0; }
    done
    echo "kept"
' "$port" > "$tmp/slow.out" 2>&1 &
slow=$!
sleep 1
check "answered during a slowloris trickle" 200 "$(req GET /healthz)"
wait $slow
case $(cat "$tmp/slow.out") in
    "dropped "*": HTTP/1.1 408 Request Timeout") ok "slowloris request dropped with 408 ($(cat "$tmp/slow.out"))" ;;
    *) ko "slowloris connection not dropped: $(cat "$tmp/slow.out")" ;;
esac
# A long id ending in a two-byte character comes back whole in the answer.
longid=$(printf 'a%.0s' $(seq 600))é
printf '{"id":"%s","source":"Test","published":"2024-05-01","text":"A fire destroyed a warehouse in Basra on Tuesday, killing 3 workers, officials said."}' \
    "$longid" > "$tmp/long.json"
check "POST an article with a 602-byte id" 201 "$(post application/json "$tmp/long.json")"
has "the answer carries the whole id" "$tmp/body" "\"id\":\"$longid\""
check "still answering after the malformed requests" 200 "$(req GET /healthz)"
stop TERM
check "SIGTERM: exit 0" 0 "$rc"
has "says it stopped" "$tmp/main.err" "stopped; store: 5 articles"
"$sitrep" db-check --db "$tmp/main.db" > "$tmp/check.out" 2>&1
check "db-check after SIGTERM" 0 $?

# ---------------------------------------------------------------- tokens
printf 's3cret-token\n' > "$tmp/good.token"
serve tok --no-gazetteer --token-file "$tmp/good.token" || exit 1
art tok-1 Basra 5 3 > "$tmp/tok.json"
check "token: POST without it: 401" 401 "$(post application/json "$tmp/tok.json")"
has "401 says Bearer" "$tmp/head" "WWW-Authenticate: Bearer"
check "token: POST with a wrong one: 401" 401 \
    "$(req POST /articles -H 'Content-Type: application/json' -H 'Authorization: Bearer s3cret-tokem' --data-binary "@$tmp/tok.json")"
check "token: POST with it: 201" 201 \
    "$(req POST /articles -H 'Content-Type: application/json' -H 'Authorization: Bearer s3cret-token' --data-binary "@$tmp/tok.json")"
check "token: GET /incidents without it: 401" 401 "$(req GET /incidents)"
check "token: GET /incidents with it: 200" 200 "$(req GET /incidents -H 'Authorization: bearer s3cret-token')"
check "token: /healthz open" 200 "$(req GET /healthz)"
stop TERM
check "token: SIGTERM exit 0" 0 "$rc"
serve tok --no-gazetteer --token-file "$tmp/good.token" --public-read || exit 1
check "--public-read: GET /incidents without a token: 200" 200 "$(req GET /incidents)"
check "--public-read: POST still needs it: 401" 401 "$(post application/json "$tmp/tok.json")"
stop INT
check "--public-read: SIGINT exit 0" 0 "$rc"

# ------------------------------------------------- concurrency and crashes
# 8 clients post distinct articles; each keeps the ids answered 2xx.
loops() {
    tag=$1
    for c in 1 2 3 4 5 6 7 8; do
        (
            k=0
            while [ $k -lt 400 ]; do
                k=$((k + 1))
                id="$tag-$c-$k"
                art "$id" Kirkuk $((k % 50 + 1)) $((c + 1)) > "$tmp/p.$tag.$c.json"
                code=$(curl -s -m 10 -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
                    --data-binary "@$tmp/p.$tag.$c.json" "$B/articles")
                case $code in
                    2??) echo "$id" >> "$tmp/acked.$tag" ;;
                    000) break ;; # the service is gone
                esac
            done
        ) &
        echo $! > "$tmp/loop.$tag.$c.pid"
    done
}
waitloops() {
    for f in "$tmp"/loop."$1".*.pid; do wait "$(cat "$f")" 2>/dev/null; rm -f "$f"; done
}
# resubmit TAG: post every acknowledged article again in one JSON Lines
# body: all must be duplicates.
resubmit() {
    sort -u "$tmp/acked.$1" > "$tmp/ids.$1"
    : > "$tmp/again.$1.jsonl"
    while read -r id; do
        c=${id#*-}
        c=${c%%-*}
        k=${id##*-}
        art "$id" Kirkuk $((k % 50 + 1)) $((c + 1)) >> "$tmp/again.$1.jsonl"
    done < "$tmp/ids.$1"
    post application/x-ndjson "$tmp/again.$1.jsonl"
}

serve conc --no-gazetteer || exit 1
: > "$tmp/acked.term"
loops term
sleep 3
stop TERM
check "SIGTERM under 8 concurrent posting clients: exit 0" 0 "$rc"
waitloops term
n=$(sort -u "$tmp/acked.term" | wc -l)
"$sitrep" db-check --db "$tmp/conc.db" > "$tmp/check.out" 2>&1
check "db-check after SIGTERM under load" 0 $?
stored=$(sed -n 's/^ok: schema [0-9]*, \([0-9]*\) articles.*/\1/p' "$tmp/check.out")
if [ "$n" -gt 0 ] && [ "${stored:-0}" -ge "$n" ] && [ "${stored:-0}" -le $((n + 8)) ]; then
    ok "SIGTERM: $n articles acknowledged, $stored stored"
else
    ko "SIGTERM: $n articles acknowledged but $stored stored"
fi
serve conc --no-gazetteer || exit 1
code=$(resubmit term)
case $code in 2??) ;; *) ko "resubmit after SIGTERM: HTTP $code" ;; esac
has "every acknowledged article is stored after SIGTERM" "$tmp/body" "\"stored\":0,\"duplicates\":$n"

: > "$tmp/acked.kill"
loops kill
sleep 2
kill -9 "$PID"
wait "$PID" 2>/dev/null
PID=
waitloops kill
n=$(sort -u "$tmp/acked.kill" | wc -l)
"$sitrep" db-check --db "$tmp/conc.db" > "$tmp/check.out" 2>&1
check "db-check after SIGKILL under load" 0 $?
serve conc --no-gazetteer || exit 1
code=$(resubmit kill)
if [ "$n" -gt 0 ] && grep -qF "\"stored\":0,\"duplicates\":$n" "$tmp/body"; then
    ok "SIGKILL: all $n acknowledged articles are stored after a restart"
else
    ko "SIGKILL: $n acknowledged, resubmitting them (HTTP $code): $(head -c 200 "$tmp/body")"
fi
stop TERM
check "restart after SIGKILL: SIGTERM exit 0" 0 "$rc"

echo "serve: $pass passed, $fail failed"
[ $fail -eq 0 ]
