#!/bin/sh
# muc4-jsonl.sh FILE... - split MUC-3/MUC-4 corpus files (../shared/data/muc4)
# into JSON Lines, one article per message: {"id": "<message id>", "text": ...}.
# A message starts at a line holding only its id ("DEV-MUC3-nnnn (NOSC)",
# "TST3-MUC4-nnnn"); the id is the first word.  The corpus is ASCII.
exec awk '
function flush() {
    if (id != "") {
        gsub(/\\/, "\\\\", text); gsub(/"/, "\\\"", text); gsub(/\t/, "\\t", text)
        gsub(/\r/, "", text); gsub(/\n/, "\\n", text)
        printf "{\"id\":\"%s\",\"text\":\"%s\"}\n", id, text
    }
    id = ""; text = ""
}
/^(DEV-MUC3|TST[0-9]-MUC[34])-[0-9]+/ { flush(); id = $1; next }
{ if (id != "") text = text $0 "\n" }
END { flush() }
' "$@"
