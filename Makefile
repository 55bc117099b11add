# kansli — the project's index of what can be done.
#
#   make          build ./kansli (optimised, hardened)
#   make check    install deps, build, run every test under ASan+UBSan
#   make demo     install deps, build, create ./demo-data, serve on :8080
#   make bench    import/registration benchmarks against plain SQLite
#   make mutate   mutation testing of the trust core (not in check: slow)
#   make clean

CC      ?= cc
PKGS    := sqlite3 libsodium libcrypto jansson libmicrohttpd libmagic libarchive libxml-2.0 gmime-3.0 libcurl \
           pangocairo libutf8proc
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstemmer

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2
HARDEN  := -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
CFLAGS  ?= -O2 -g
ALL_CFLAGS := -std=c17 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Isrc -Ibuild/gen $(PKG_CFLAGS)
LDFLAGS_HARD := -pie -Wl,-z,relro,-z,now

# KANSLI_FAULTS: the test build's fault injection (store/db_sqlite.c).
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=undefined -DKANSLI_FAULTS

SRC      := $(sort $(wildcard src/*/*.c))
LIB_SRC  := $(filter-out src/main.c,$(SRC))
OBJ      := $(patsubst src/%.c,build/rel/%.o,$(SRC) src/main.c)
SAN_OBJ  := $(patsubst src/%.c,build/san/%.o,$(SRC) src/main.c)
SAN_LIB  := $(patsubst src/%.c,build/san/%.o,$(LIB_SRC))
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,build/san/tests/%,$(UNIT_SRC))
HDR      := $(wildcard src/*.h src/*/*.h tests/unit/*.h)

.PHONY: all check demo bench clean deps kansli-san unit fuzz mutate

all: kansli

deps:
	@./scripts/install-deps

# The web UI's message catalogues (web/i18n.h): po/LANG.po compiled to
# build/locale/C/LC_MESSAGES/kansli-LANG.mo, where the server finds them
# beside ./kansli and build/san/kansli (or kansli serve --locale-dir).
PO := $(wildcard po/*.po)
MO := $(patsubst po/%.po,build/locale/C/LC_MESSAGES/kansli-%.mo,$(PO))
# A catalogue with a message untranslated or fuzzy is refused
# (scripts/check-catalogue), so an English page never shows Swedish
# because a translation was forgotten; tests/lint-catalogues also checks
# each catalogue against the msgids of the source.
build/locale/C/LC_MESSAGES/kansli-%.mo: po/%.po scripts/check-catalogue
	@mkdir -p $(dir $@)
	$(Q)scripts/check-catalogue $< >/dev/null
	$(Q)msgfmt --check -o $@ $<

# `make pot` extracts the msgids, the Swedish texts marked _() and N_(), of
# web/ into po/kansli.pot and merges them into each catalogue (then write
# the new English in po/en.po; tests/cli/t0083 fails on any left out).
XGETTEXT := xgettext --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --sort-output \
            --add-location=file --package-name=kansli --add-comments=TRANSLATORS:
.PHONY: pot
pot:
	$(XGETTEXT) -o po/kansli.pot $(sort $(wildcard src/web/*.c))
	@# no creation date: it would make every run a change (and a merge conflict)
	sed -i '/^"POT-Creation-Date:/d' po/kansli.pot
	for po in $(PO); do msgmerge --quiet --update --backup=none --no-fuzzy-matching $$po po/kansli.pot || exit 1; \
	  msgattrib --no-obsolete -o $$po $$po || exit 1; done
	@# Swedish is the msgids themselves: sv.po's new messages are filled in
	msgen -o po/sv.po po/sv.po

kansli: $(OBJ) $(MO)
	$(CC) $(ALL_CFLAGS) $(HARDEN) $(LDFLAGS_HARD) -o $@ $(OBJ) $(PKG_LIBS)

# Quiet by default; `make V=1` shows the commands.
Q := $(if $(V),,@)

# The web pages' route table, from the route comments of the page files
# (web/page.h); gen-routes refuses a wrong or incomplete table.
build/gen/web_routes.inc: scripts/gen-routes src/web/routes.c $(wildcard src/web/page_*.c)
	@mkdir -p $(dir $@)
	$(Q)scripts/gen-routes $(sort $(wildcard src/web/page_*.c)) >$@.tmp && mv $@.tmp $@
build/rel/web/routes.o build/san/web/routes.o: build/gen/web_routes.inc

# The schemas packages carry are built into the program (src/export/schemas.c).
SCHEMAS := $(wildcard share/schemas/*.xsd)
build/rel/export/schemas.o build/san/export/schemas.o: $(SCHEMAS)
# So is the stylesheet (src/web/page_static.c).
build/rel/web/page_static.o build/san/web/page_static.o: share/kansli.css
# So are the API's declarations, its OpenAPI document's source (web/api_doc.h).
build/rel/web/api_doc.o build/san/web/api_doc.o: src/web/api_doc.json

build/rel/%.o: src/%.c $(HDR)
	@mkdir -p $(dir $@)
	@$(if $(V),:,echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) $(HARDEN) -c -o $@ $<

build/san/%.o: src/%.c $(HDR)
	@mkdir -p $(dir $@)
	@$(if $(V),:,echo "  CC/SAN  $<")
	$(Q)$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -c -o $@ $<

build/san/kansli: $(SAN_OBJ) $(MO)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -o $@ $(SAN_OBJ) $(PKG_LIBS)

build/san/tests/%: tests/unit/%.c $(SAN_LIB) $(HDR) $(MO)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -Itests/unit -o $@ $< $(SAN_LIB) $(PKG_LIBS)

REL_LIB := $(patsubst src/%.c,build/rel/%.o,$(LIB_SRC))

build/register-bench: tests/bench/register_bench.c $(REL_LIB) $(HDR)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(REL_LIB) $(PKG_LIBS)

build/search-bench: tests/bench/search_bench.c $(REL_LIB) $(HDR)
	$(CC) $(ALL_CFLAGS) -I$(shell pg_config --includedir 2>/dev/null) -o $@ $< $(REL_LIB) $(PKG_LIBS) -lpq

build/sqlite-peer: tests/bench/sqlite_peer.c
	@mkdir -p build
	$(CC) $(ALL_CFLAGS) -o $@ $< $(PKG_LIBS)

# Fuzzers: libFuzzer through clang, with ASan and UBSan.
FUZZ_CC    := clang
FUZZ_FLAGS := -std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror -g -O1 -Isrc $(PKG_CFLAGS) \
              -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FUZZ_SRC   := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN   := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRC))
FUZZ_LIB   := $(filter-out src/web/% src/cli/%,$(LIB_SRC))

build/fuzz/%: tests/fuzz/%.c $(FUZZ_LIB) $(HDR)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(FUZZ_LIB) $(PKG_LIBS)

kansli-san: build/san/kansli
unit: $(UNIT_BIN)

# The suite runs the sanitized binary; the release binary is built too so a
# warning in either configuration fails the check.
check: deps
	$(MAKE) kansli build/san/kansli $(UNIT_BIN) $(FUZZ_BIN)
	KANSLI=$(CURDIR)/build/san/kansli KANSLI_REL=$(CURDIR)/kansli \
	  UNIT_BIN="$(UNIT_BIN)" FUZZ_BIN="$(FUZZ_BIN)" tests/run

# Longer fuzz runs than the check's short ones: FUZZ_SECONDS per target.
fuzz: deps
	$(MAKE) $(FUZZ_BIN)
	for f in $(FUZZ_BIN); do mkdir -p build/corpus/$$(basename $$f); \
	  $$f -max_total_time=$${FUZZ_SECONDS:-300} build/corpus/$$(basename $$f) tests/fuzz/seeds/$$(basename $$f) || exit 1; done

demo: deps
	$(MAKE) kansli
	scripts/demo

# Mutation testing (scripts/mutate, tests/mutation-map, docs/MUTATION.md):
# MUTATE_ARGS="--seed 7 --count 300" to change the sample.
mutate: deps
	$(MAKE) kansli build/san/kansli $(UNIT_BIN)
	nice scripts/mutate $(MUTATE_ARGS)

bench:
	@./scripts/install-deps --bench
	$(MAKE) kansli build/san/kansli build/sqlite-peer build/register-bench build/search-bench
	tests/bench/run

clean:
	rm -rf build kansli
