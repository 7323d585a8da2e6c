#!/bin/sh
# bench_serve.sh SITREP GAZETTEER [--quick] - throughput of `sitrep serve`
# with wrk on loopback (docs/serve.md, "Benchmark").
#
# 1. Builds a store of at least 10,000 incidents from generated articles
#    (fictional reports: 100 cities of 60 countries, a week apart, six kinds
#    of incident) with `sitrep ingest`.
# 2. Starts the service on a free port and runs
#      wrk -t2 -c8 -d10s http://127.0.0.1:PORT/incidents
#    (the default list of 100 incidents, about 100 KB of JSON), then 5 s
#    of GET /incidents/ID (not cached: one store read each).
# 3. POSTs distinct articles (one JSON object each, a counter in the wrk Lua
#    script makes every body unique) on 8 connections for 60 s (10 s with
#    --quick); the script counts the 2xx answers.  At the deadline each
#    connection sends GET /healthz instead of articles and each wrk thread
#    stops once every article it sent is answered, so that no article is
#    in flight when wrk ends 3 s later.
# 4. Stops the service with SIGTERM and checks with `sitrep db-check` that
#    the store holds exactly the initial articles plus the acknowledged
#    ones.
#
# Prints "metric NAME VALUE" lines (serve_get_incidents_rps,
# serve_get_incident_rps, serve_post_articles_per_s, serve_post_acked,
# serve_post_stored, serve_post_lost) and exits 1 when an acknowledged
# article is missing, the store holds unacknowledged ones, or the service
# did not stop cleanly.  Targets: 5,000 GET/s and 1,000 articles/s.
set -u
[ $# -ge 2 ] || { echo "usage: $0 SITREP GAZETTEER [--quick]" >&2; exit 2; }
case $1 in /*) sitrep=$1 ;; *) sitrep=$(pwd)/$1 ;; esac
gaz=$2
secs=60
[ "${3:-}" = "--quick" ] && secs=10
command -v wrk >/dev/null 2>&1 || { echo "bench_serve: wrk not found" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-bench-serve.XXXXXX") || exit 2
PID=
trap '[ -n "$PID" ] && kill -9 "$PID" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 2' INT TERM
LC_ALL=C
export LC_ALL
status=0

# ---------------------------------------------------------------- store
# Article i: city i % 100, date 7 * (i / 100) days after 2012-01-02, so
# that no two share a city within a week and each opens its own incident.
gen() {
    awk -v n="$1" 'BEGIN {
        split("Baghdad:Iraq Kabul:Afghanistan Peshawar:Pakistan Mogadishu:Somalia Maiduguri:Nigeria Quetta:Pakistan Mosul:Iraq Kandahar:Afghanistan Aleppo:Syria Sanaa:Yemen Lahore:Pakistan Karachi:Pakistan Kirkuk:Iraq Jalalabad:Afghanistan Benghazi:Libya Tripoli:Libya Damascus:Syria Homs:Syria Aden:Yemen Kano:Nigeria Abuja:Nigeria Lagos:Nigeria Nairobi:Kenya Mombasa:Kenya Kampala:Uganda Juba:South_Sudan Khartoum:Sudan Bamako:Mali Niamey:Niger Ouagadougou:Burkina_Faso Goma:Congo Bangui:Central_African_Republic Kinshasa:Congo Manila:Philippines Davao:Philippines Jakarta:Indonesia Dhaka:Bangladesh Chittagong:Bangladesh Colombo:Sri_Lanka Kathmandu:Nepal Delhi:India Mumbai:India Srinagar:India Bogota:Colombia Medellin:Colombia Cali:Colombia Caracas:Venezuela Lima:Peru Quito:Ecuador Tijuana:Mexico Culiacan:Mexico Istanbul:Turkey Ankara:Turkey Izmir:Turkey Tehran:Iran Mashhad:Iran Cairo:Egypt Alexandria:Egypt Tunis:Tunisia Algiers:Algeria Casablanca:Morocco Beirut:Lebanon Amman:Jordan Riyadh:Saudi_Arabia Jeddah:Saudi_Arabia Moscow:Russia Kharkiv:Ukraine Odesa:Ukraine Paris:France Brussels:Belgium London:United_Kingdom Manchester:United_Kingdom Berlin:Germany Madrid:Spain Barcelona:Spain Rome:Italy Athens:Greece Chicago:United_States Houston:United_States Dallas:United_States Atlanta:United_States Denver:United_States Seattle:United_States Toronto:Canada Sydney:Australia Melbourne:Australia Kolkata:India Chennai:India Hyderabad:India Surabaya:Indonesia Medan:Indonesia Hanoi:Vietnam Bangkok:Thailand Yangon:Myanmar Mandalay:Myanmar Dakar:Senegal Accra:Ghana Kumasi:Ghana Harare:Zimbabwe Lusaka:Zambia Maputo:Mozambique", cities, " ")
        split("car bomb exploded near a checkpoint|suicide bomber blew himself up outside a mosque|roadside bomb struck a police convoy|gunmen opened fire on a wedding party|fire swept through a crowded market|building collapsed on a busy street", what, "|")
        split("police said|the health ministry said|officials said|a hospital official said|the army said|witnesses said", who, "|")
        split("January February March April May June July August September October November December", mon, " ")
        split("31 28 31 30 31 30 31 31 30 31 30 31", mdays, " ")
        for (i = 0; i < n; i++) {
            c = i % 100
            split(cities[c + 1], cc, ":")
            city = cc[1]
            country = cc[2]
            gsub("_", " ", country)
            d = 7 * int(i / 100) + (i % 3)
            y = 2012
            for (;;) {
                ylen = (y % 4 == 0) ? 366 : 365
                if (d < ylen) break
                d -= ylen
                y++
            }
            m = 1
            for (;;) {
                ml = mdays[m] + (m == 2 && y % 4 == 0)
                if (d < ml) break
                d -= ml
                m++
            }
            k = 2 + (i * 7) % 61
            w = 3 + (i * 13) % 97
            printf "{\"id\":\"seed-%d\",\"url\":\"https://bench.example/seed/%d\",\"source\":\"Bench Wire %d\",\"published\":\"%04d-%02d-%02dT12:00:00Z\",\"title\":\"%d dead in %s\",\"text\":\"%s, %s - A %s in %s on %s %d, %d, killing %d people and wounding %d others, %s. Dispatch %d of the bench series; the district had seen %d quiet days.\"}\n", \
                i, i, i % 17, y, m, d + 1, k, city, toupper(city), country, what[1 + i % 6], city, mon[m], d + 1, y, k, w, who[1 + i % 6], i, 11 + (i * 31) % 89
        }
    }'
}

echo "== serve: store of 10,000 incidents"
db=$tmp/bench.db
gen 10500 > "$tmp/seed.jsonl"
t0=$(date +%s)
"$sitrep" ingest --db "$db" --gazetteer "$gaz" "$tmp/seed.jsonl" > /dev/null 2> "$tmp/ingest.err" || {
    echo "bench_serve: ingest failed: $(cat "$tmp/ingest.err")" >&2
    exit 1
}
"$sitrep" db-check --db "$db" > "$tmp/check.out" 2>&1 || { cat "$tmp/check.out" >&2; exit 1; }
initial=$(sed -n 's/^ok: schema [0-9]*, \([0-9]*\) articles.*/\1/p' "$tmp/check.out")
incidents=$(sed -n 's/.* \([0-9]*\) incidents,.*/\1/p' "$tmp/check.out")
echo "store: $initial articles, $incidents incidents (ingested in $(($(date +%s) - t0)) s)"
echo "metric serve_store_incidents $incidents"
[ "${incidents:-0}" -ge 10000 ] || { echo "bench_serve: fewer than 10,000 incidents" >&2; status=1; }

# ---------------------------------------------------------------- serve
"$sitrep" serve --db "$db" --gazetteer "$gaz" --listen 127.0.0.1:0 2> "$tmp/serve.err" &
PID=$!
i=0
until grep -q 'serving on' "$tmp/serve.err"; do
    i=$((i + 1))
    if [ $i -gt 200 ] || ! kill -0 "$PID" 2>/dev/null; then
        echo "bench_serve: the service did not start: $(cat "$tmp/serve.err")" >&2
        exit 1
    fi
    sleep 0.05
done
B=$(sed -n 's/.*serving on \(http:[^ ]*\).*/\1/p' "$tmp/serve.err" | head -n 1)

# rps FILE: the Requests/sec figure of a wrk report.
rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$1"; }

echo
echo "== serve: GET /incidents (wrk -t2 -c8 -d10s)"
wrk -t2 -c8 -d10s "$B/incidents" > "$tmp/get.out" 2>&1
sed 's/^/  /' "$tmp/get.out"
get=$(rps "$tmp/get.out")
echo "metric serve_get_incidents_rps ${get:-0}"
echo
echo "== serve: GET /incidents/ID, not cached (wrk -t2 -c8 -d5s)"
wrk -t2 -c8 -d5s "$B/incidents/5000" > "$tmp/one.out" 2>&1
grep -E 'Requests/sec|Latency|Non-2xx' "$tmp/one.out" | sed 's/^/  /'
echo "metric serve_get_incident_rps $(rps "$tmp/one.out")"

# ----------------------------------------------------------------- POST
cat > "$tmp/post.lua" <<'EOF'
-- Distinct articles, one per POST; counts the 2xx answers.  At the
-- deadline the connections switch to GET /healthz and each thread stops
-- once every article it sent has been answered (wrk itself ends 3 s after
-- the deadline).
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } sr_timespec;
int clock_gettime(int clk, sr_timespec *ts);
]]
local ts = ffi.new("sr_timespec")
local function now()
    ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
    return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
end
local threads = {}
function setup(thread)
    table.insert(threads, thread)
    thread:set("tid", #threads)
end
local cities = {"Baghdad", "Kabul", "Mosul", "Aleppo", "Sanaa", "Lahore", "Karachi", "Kano",
                "Nairobi", "Kampala", "Bamako", "Manila", "Dhaka", "Bogota", "Lima", "Cairo",
                "Tunis", "Beirut", "Amman", "Istanbul", "Tehran", "Delhi", "Jakarta", "Goma"}
local what = {"car bomb exploded near a checkpoint", "gunmen opened fire on a bus",
              "fire swept through a factory", "roadside bomb struck an army truck"}
function init(args)
    first = now()
    deadline = first + tonumber(os.getenv("POST_SECONDS") or "60")
    last = first
    n, sent, answered, acked, rejected, stopping = 0, 0, 0, 0, 0, false
    -- wrk calls request() of the first thread once before it starts, to
    -- check the request; that one is never sent.
    verify = tid == 1
end
function request()
    if verify then
        verify = false
        return wrk.format("GET", "/healthz")
    end
    if stopping or now() >= deadline then
        stopping = true
        return wrk.format("GET", "/healthz")
    end
    n = n + 1
    sent = sent + 1
    local city = cities[(n * 7 + tid) % #cities + 1]
    local body = string.format(
        '{"id":"post-%d-%d","url":"https://bench.example/post/%d/%d","source":"Load Wire",' ..
        '"published":"2025-%02d-%02dT08:00:00Z","text":"%s - A %s in %s on Monday, killing %d ' ..
        'people and wounding %d others, police said. Update %d from thread %d."}',
        tid, n, tid, n, n % 12 + 1, n % 28 + 1, string.upper(city), what[n % 4 + 1], city,
        n % 40 + 2, n % 90 + 3, n, tid)
    return wrk.format("POST", "/articles", {["Content-Type"] = "application/json"}, body)
end
function response(status, headers, body)
    if string.sub(body, 1, 10) ~= '{"status":' then
        answered = answered + 1
        last = now()
        if status >= 200 and status < 300 then acked = acked + 1 else rejected = rejected + 1 end
    end
    if stopping and answered == sent then wrk.thread:stop() end
end
function done(summary, latency, requests)
    local a, r, s, t0, t1 = 0, 0, 0, nil, nil
    for _, t in ipairs(threads) do
        a = a + t:get("acked")
        r = r + t:get("rejected")
        s = s + t:get("sent")
        if not t0 or t:get("first") < t0 then t0 = t:get("first") end
        if not t1 or t:get("last") > t1 then t1 = t:get("last") end
    end
    local e = summary.errors
    io.write(string.format("sent %d\nacked %d\nrejected %d\nseconds %.3f\n", s, a, r, t1 - t0))
    io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d\n",
        e.connect, e.read, e.write, e.timeout))
end
EOF
echo
echo "== serve: POST /articles, distinct articles (wrk -t2 -c8, ${secs} s)"
t0=$(date +%s.%N)
POST_SECONDS=$secs wrk -t2 -c8 -d$((secs + 3))s --timeout 10s -s "$tmp/post.lua" "$B" \
    > "$tmp/post.out" 2>&1
t1=$(date +%s.%N)
sed 's/^/  /' "$tmp/post.out"
sent=$(sed -n 's/^sent \([0-9]*\)$/\1/p' "$tmp/post.out")
acked=$(sed -n 's/^acked \([0-9]*\)$/\1/p' "$tmp/post.out")
rejected=$(sed -n 's/^rejected \([0-9]*\)$/\1/p' "$tmp/post.out")
took=$(sed -n 's/^seconds \([0-9.]*\)$/\1/p' "$tmp/post.out")
per_s=$(awk -v a="${acked:-0}" -v s="${took:-0}" 'BEGIN { printf "%.0f", (s > 0 ? a / s : 0) }')
echo "posted ${sent:-0}, acknowledged ${acked:-0}, refused ${rejected:-0} in ${took:-?} s (first article sent to last answered); wrk ran $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s"
echo "metric serve_post_articles_per_s $per_s"
echo "metric serve_post_acked ${acked:-0}"

kill -TERM "$PID"
wait "$PID"
rc=$?
PID=
[ $rc -eq 0 ] || { echo "bench_serve: the service exited $rc after SIGTERM" >&2; status=1; }
"$sitrep" db-check --db "$db" > "$tmp/check.out" 2>&1 || { cat "$tmp/check.out" >&2; status=1; }
final=$(sed -n 's/^ok: schema [0-9]*, \([0-9]*\) articles.*/\1/p' "$tmp/check.out")
stored=$((${final:-0} - ${initial:-0}))
echo "store after the run: ${final:-?} articles = $initial initial + $stored stored by the run"
echo "metric serve_post_stored $stored"
echo "metric serve_post_lost $((${acked:-0} - stored))"
if [ "$stored" -eq "${acked:-0}" ]; then
    echo "acknowledged = stored: ok"
else
    echo "acknowledged ${acked:-0} != stored $stored: FAIL"
    status=1
fi
exit $status
