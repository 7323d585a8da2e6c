#!/bin/sh
# gen.sh N SEED - write N fictional JSON Lines reports to stdout: developing
# incidents (a toll that rises over several reports from several outlets)
# mixed with unrelated noise, for the store's crash and re-ingest tests.
# Deterministic for a given N and SEED.
n=${1:-1000}
seed=${2:-1}
awk -v n="$n" -v seed="$seed" 'BEGIN {
    srand(seed)
    split("Baghdad Kabul Peshawar Mogadishu Maiduguri Quetta Mosul Kandahar Aleppo Sanaa Lahore Karachi Kirkuk Jalalabad Benghazi", city, " ")
    split("IQ AF PK SO NG PK IQ AF SY YE PK PK IQ AF LY", cc, " ")
    split("bomb,roadside bomb,car bomb,suicide bomber", weapon, ",")
    split("Harbor Wire|The Daily Ledger|Meridian News|Eastern Courier|Global Dispatch", outlet, "|")
    ninc = int(n / 6) + 1
    for (i = 1; i <= n; i++) {
        day = 1 + int((i - 1) / 40)
        if (day > 28) day = 28
        mon = 1 + int((i - 1) / (40 * 28)) % 12
        o = outlet[1 + int(rand() * 5)]
        if (rand() < 0.2) {
            text = "The city council approved a new budget for road repairs and public parks on Tuesday, officials said, after a long debate about taxes number " i "."
            title = "Council approves budget " i
        } else {
            k = 1 + int(rand() * 15)
            toll = 3 + int(rand() * 40) + (i % 7)
            w = weapon[1 + int(rand() * 4)]
            text = "A " w " exploded at a busy market in " city[k] " on Monday, killing at least " toll " people and wounding " (toll * 2) " others, police said. Report " i " from " o "."
            title = "Blast in " city[k] " kills " toll
        }
        printf "{\"id\":\"gen-%d\",\"url\":\"https://example.org/gen/%d\",\"source\":\"%s\",\"published\":\"2024-%02d-%02dT%02d:%02d:00Z\",\"title\":\"%s\",\"text\":\"%s\"}\n", i, i, o, mon, day, int(rand() * 24), int(rand() * 60), title, text
    }
}'
