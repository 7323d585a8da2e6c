#!/bin/sh
# demo.sh B - run the sitrep command built in directory B on the bundled
# sample articles (examples/) and show what it extracts: the JSON Lines
# output, then one line per incident taken from the CSV output.
set -eu

cd "$(dirname "$0")/.."
B=${1:-build}
SITREP=$B/sitrep
[ -x "$SITREP" ] || { echo "demo: $SITREP not built (run make)" >&2; exit 1; }

echo "== $SITREP extract examples/   (JSON Lines, one object per article)"
echo
"$SITREP" extract examples/
echo
echo "== $SITREP extract --format csv examples/   (one row per incident)"
echo
# The CSV is read with a small quote-aware parser (fields may hold commas,
# quotes and newlines) and columns are picked by header name.
"$SITREP" extract --format csv examples/ | awk '
function parse(line,    n, i, c, f, q) {
    n = 0; f = ""; q = 0
    for (i = 1; i <= length(line); i++) {
        c = substr(line, i, 1)
        if (q) {
            if (c == "\"") {
                if (substr(line, i + 1, 1) == "\"") { f = f "\""; i++ } else q = 0
            } else f = f c
        } else if (c == "\"") q = 1
        else if (c == ",") { fld[++n] = f; f = "" }
        else f = f c
    }
    fld[++n] = f
    return n
}
function quotes_open(s,    t) { t = s; return gsub(/"/, "", t) % 2 }
function col(name) { return (name in idx) ? fld[idx[name]] : "" }
function cut(s, w) { gsub(/[\r\n]+/, " ", s); return length(s) > w ? substr(s, 1, w - 1) "~" : s }
{
    rec = (pending == "") ? $0 : pending "\n" $0
    if (quotes_open(rec)) { pending = rec; next }
    pending = ""
    n = parse(rec)
    if (!header) {
        for (i = 1; i <= n; i++) idx[fld[i]] = i
        header = 1
        printf "%-20s %-10s %-24s %-22s %-20s %6s %7s\n", "incident", "date", "place", "type", "perpetrator", "killed", "injured"
        next
    }
    date = col("iyear")
    if (date != "" && col("imonth") != "") date = date sprintf("-%02d", col("imonth"))
    if (date != "" && col("imonth") != "" && col("iday") != "") date = date sprintf("-%02d", col("iday"))
    place = col("city"); if (place == "") place = col("provstate")
    if (col("country") != "") place = place (place != "" ? ", " : "") col("country")
    printf "%-20s %-10s %-24s %-22s %-20s %6s %7s\n", cut(col("eventid"), 20), cut(date, 10), cut(place, 24), \
        cut(col("attacktype1_txt"), 22), cut(col("gname"), 20), col("nkill"), col("nwound")
    rows++
}
END { printf "\n%d incident(s)\n", rows }'

# The incident store: the four reports of the Baghdad market bombing (its
# toll rising from "at least 12" to 47 over two days) become one incident
# with the history of each figure.
db=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-demo.XXXXXX")
trap 'rm -rf "$db"' EXIT
echo
echo "== $SITREP ingest --db DB examples/articles.jsonl; $SITREP incidents --db DB"
echo
"$SITREP" ingest --db "$db/demo.db" examples/articles.jsonl
"$SITREP" incidents --db "$db/demo.db"
id=$("$SITREP" incidents --db "$db/demo.db" --country IQ --type bombing --format csv | awk -F, 'NR == 2 { print $1 }')
echo
echo "== $SITREP show --db DB $id   (the developing Baghdad bombing)"
echo
"$SITREP" show --db "$db/demo.db" "$id"

# The situation report of the store: Markdown here, and the HTML page (map,
# charts, every number linked to its evidence) written beside the build.
echo
echo "== $SITREP report --db DB --format md --detail 2"
echo
"$SITREP" report --db "$db/demo.db" --format md --detail 2
"$SITREP" report --db "$db/demo.db" -o "$B/demo-report.html"
echo
echo "demo: the HTML situation report is in $B/demo-report.html (open it in a browser)"
