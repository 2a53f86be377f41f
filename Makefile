# gongkai: GNU Make + pkg-config. `make` builds build/gongkai; `make test`
# runs every test; `make help` lists the other targets.
#
# Sources are found by wildcard: a new module is a new src/<layer>/<name>.c,
# a new unit test is tests/unit/test_<name>.c, a new fuzz target is
# fuzz/fuzz_<name>.c. Nothing here needs editing for them.

CC      ?= cc
# `make V=1` prints every command; by default one short line per step.
Q       := $(if $(V),,@)
say      = $(if $(V),,@printf '  %-6s %s\n' $(1) $(2);)
CLANG   ?= clang
PKGS    := jansson libutf8proc libxml-2.0 xlsxwriter libzip sqlite3 libsodium libmicrohttpd zlib pangocairo
BUILD   := build

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 -Wvla \
           -Wno-error=deprecated-declarations
DEFS    := -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L
BASE_CFLAGS = -std=c11 $(WARN) $(DEFS) -Isrc $(PKG_CFLAGS) -MMD -MP

# pkg-config is evaluated lazily so that `make bootstrap` works before the
# packages exist.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

REL_CFLAGS  = $(BASE_CFLAGS) -O2 -g -D_FORTIFY_SOURCE=3 -fstack-protector-strong
# Tests: ASan + UBSan, no recovery, so the first report fails the test.
SAN         := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
ASAN_CFLAGS = $(BASE_CFLAGS) -O1 -g $(SAN)

SRCS      := $(wildcard src/*/*.c)
MAIN_SRC  := src/cli/main.c
# Data built into the binary, so one file is the whole program.
GEN_SRCS  := $(BUILD)/gen/calendar_data.c
LIB_SRCS  := $(filter-out $(MAIN_SRC),$(SRCS)) $(GEN_SRCS)
TEST_SRCS := $(wildcard tests/unit/test_*.c)
FUZZ_SRCS := $(wildcard fuzz/fuzz_*.c)

REL_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/rel/%.o)
ASAN_OBJS := $(LIB_SRCS:%.c=$(BUILD)/asan/%.o)
TESTS     := $(TEST_SRCS:tests/unit/%.c=$(BUILD)/asan/tests/%)
FUZZERS   := $(FUZZ_SRCS:fuzz/%.c=$(BUILD)/fuzz/%)

# Keep the objects of pattern chains (fuzz objects, generated sources).
.SECONDARY:

.PHONY: all bootstrap test fuzz fuzz-long bench run format help clean

all: $(BUILD)/gongkai

bootstrap:
	@scripts/bootstrap

$(BUILD)/gen/calendar_data.c: data/calendar/cn.tsv scripts/embed
	@mkdir -p $(dir $@)
	$(call say,EMBED,$<)scripts/embed $< calendar_builtin_tsv > $@

$(BUILD)/gongkai: $(BUILD)/rel/$(MAIN_SRC:.c=.o) $(REL_OBJS)
	$(call say,LINK,$@)$(CC) $(REL_CFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(BUILD)/rel/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)$(CC) $(REL_CFLAGS) -c -o $@ $<

$(BUILD)/asan/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC-SAN,$<)$(CC) $(ASAN_CFLAGS) -c -o $@ $<

# The CLI tests run the sanitized binary, so a memory error fails them too.
$(BUILD)/asan/gongkai: $(BUILD)/asan/$(MAIN_SRC:.c=.o) $(ASAN_OBJS)
	$(call say,LINK,$@)$(CC) $(ASAN_CFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(BUILD)/asan/tests/%: tests/unit/%.c $(ASAN_OBJS)
	@mkdir -p $(dir $@)
	$(call say,TEST,$@)$(CC) $(ASAN_CFLAGS) -Itests/unit -o $@ $< $(ASAN_OBJS) $(PKG_LIBS) -lcmocka -lm

# `make test`: install what is missing, build, run unit and CLI tests.
test:
	@scripts/bootstrap
	@$(MAKE) --no-print-directory $(BUILD)/gongkai $(BUILD)/asan/gongkai $(TESTS)
	@scripts/run-tests $(TESTS)

# libFuzzer targets (clang). Each links the library built for fuzzing.
FUZZ_COMMON = -std=c11 $(DEFS) -Isrc $(PKG_CFLAGS) -g -O1 -MMD -MP
FUZZ_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/fuzz/obj/%.o)

$(BUILD)/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC-FUZ,$<)$(CLANG) $(FUZZ_COMMON) -fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

$(BUILD)/fuzz/%: fuzz/%.c $(FUZZ_OBJS)
	@mkdir -p $(dir $@)
	$(call say,FUZZER,$@)$(CLANG) $(FUZZ_COMMON) -fsanitize=fuzzer,address,undefined -o $@ $< $(FUZZ_OBJS) $(PKG_LIBS) -lm

# `make fuzz`: every target briefly (FUZZ_SECONDS each) on its kept corpus.
FUZZ_SECONDS ?= 20
fuzz:
	@scripts/bootstrap --fuzz
	@$(MAKE) --no-print-directory $(FUZZERS)
	@scripts/run-fuzz $(FUZZ_SECONDS) $(FUZZERS)

fuzz-long:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=600

# Benchmarks: one program per bench/bench_*.c, built optimised like the
# release binary; bench/run runs them (and the CLI ones) pinned to one core.
BENCH_SRCS := $(wildcard bench/bench_*.c)
BENCHES    := $(BENCH_SRCS:bench/%.c=$(BUILD)/bench/%)

$(BUILD)/bench/%: bench/%.c $(REL_OBJS)
	@mkdir -p $(dir $@)
	$(call say,BENCH,$@)$(CC) $(REL_CFLAGS) -o $@ $< $(REL_OBJS) $(PKG_LIBS) -lm

bench:
	@scripts/bootstrap --bench
	@$(MAKE) --no-print-directory $(BUILD)/gongkai $(BENCHES)
	@bench/run

# `make run`: build, make var/demo.db once, serve the portal on 127.0.0.1:8080.
run:
	@scripts/bootstrap --build-only
	@$(MAKE) --no-print-directory $(BUILD)/gongkai
	@scripts/run-portal

format:
	clang-format -i $(SRCS) $(TEST_SRCS) $(FUZZ_SRCS) $(wildcard src/*/*.h)

help:
	@echo "make            build build/gongkai"
	@echo "make test       install missing packages, run every test (unit under ASan+UBSan, CLI)"
	@echo "make run        build and run the portal with demo data"
	@echo "make fuzz       run each libFuzzer target for FUZZ_SECONDS (default 20)"
	@echo "make fuzz-long  run each libFuzzer target for 10 minutes"
	@echo "make bench      run the benchmarks in bench/ and print the results"
	@echo "make format     clang-format every source file"

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
