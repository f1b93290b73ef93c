# guichet - GNU make build. See README.md.
#   make                 the guichet binary (and its French catalogue)
#   make run             install what is missing, build, create demo.db, open it
#   make check           install what is missing, build, run every test
#   make check-sanitize  unit and storage tests under ASan + UBSan
#   make bench           figures on a generated large database
#   make install PREFIX=/usr/local DESTDIR=
#   make clean

PREFIX   ?= /usr/local
DESTDIR  ?=
BUILD    ?= build
CC       ?= cc
PKGS      = ncursesw sqlite3
VERSION   = 0.1.0

# ncursesw.pc adds -D_XOPEN_SOURCE=600; we define 700 ourselves.
PKG_CFLAGS := $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

CFLAGS   ?= -O2 -g
CFLAGS   += -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
            -Wno-missing-field-initializers
CPPFLAGS += -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -DGUICHET_VERSION='"$(VERSION)"' \
            -I. $(PKG_CFLAGS)
LDLIBS   += $(PKG_LIBS) -lm -pthread

# One short line per step ("  CC   build/model/civil.o"); V=1 prints the
# full commands.
ifeq ($(V),1)
Q :=
say = @:
else
Q := @
say = @printf '  %-6s %s\n' '$(1)' '$(2)'
endif

ifeq ($(SANITIZE),1)
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif

# Layers, lowest first: common, model <- storage <- demo <- report <- tui <- cli.
COMMON_SRC  := $(wildcard common/*.c)
MODEL_SRC   := $(wildcard model/*.c)
STORAGE_SRC := $(wildcard storage/*.c)
DEMO_SRC    := $(wildcard demo/*.c)
REPORT_SRC  := $(wildcard report/*.c)
TUI_SRC     := $(wildcard tui/*.c)
CLI_SRC     := $(wildcard cli/*.c)
# guichet-notify: the only program linked with libnotify (DESIGN.md §7).
NOTIFY_SRC  := $(wildcard notify/*.c)

obj = $(patsubst %.c,$(BUILD)/%.o,$(1))
COMMON_OBJ  := $(call obj,$(COMMON_SRC))
MODEL_OBJ   := $(call obj,$(MODEL_SRC))
STORAGE_OBJ := $(call obj,$(STORAGE_SRC))
# The shipped school calendar, compiled into the demo (it imports it).
DEMO_OBJ    := $(call obj,$(DEMO_SRC)) $(BUILD)/gen/school_calendar_csv.o
REPORT_OBJ  := $(call obj,$(REPORT_SRC))
TUI_OBJ     := $(call obj,$(TUI_SRC))
CLI_OBJ     := $(call obj,$(CLI_SRC))
NOTIFY_OBJ  := $(call obj,$(NOTIFY_SRC))
ALL_OBJ     := $(COMMON_OBJ) $(MODEL_OBJ) $(STORAGE_OBJ) $(DEMO_OBJ) $(REPORT_OBJ) $(TUI_OBJ) $(CLI_OBJ)

# Tests: one cmocka binary per file. Unit tests link model (+common),
# storage tests link storage, demo tests link demo, tui tests link tui.
UNIT_SRC    := $(wildcard tests/unit/test_*.c)
STORE_SRC   := $(wildcard tests/storage/test_*.c tests/demo/test_*.c)
TUI_TEST_SRC := $(wildcard tests/tui/test_*.c)
CLI_TEST_SRC := $(wildcard tests/cli/test_*.c)
UNIT_BIN    := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC)) \
               $(patsubst tests/tui/%.c,$(BUILD)/tests/%,$(TUI_TEST_SRC)) \
               $(patsubst tests/cli/%.c,$(BUILD)/tests/%,$(CLI_TEST_SRC))
STORE_BIN   := $(patsubst %.c,$(BUILD)/tests/%,$(notdir $(STORE_SRC)))
CLI_LIB_OBJ := $(filter-out $(BUILD)/cli/main.o,$(CLI_OBJ))
TOOL_SRC    := $(wildcard tests/tools/*.c)
TOOL_BIN    := $(patsubst tests/tools/%.c,$(BUILD)/tools/%,$(TOOL_SRC))
BENCH_SRC   := $(wildcard bench/*.c)
BENCH_BIN   := $(patsubst bench/%.c,$(BUILD)/bench/%,$(BENCH_SRC))

PO_LANGS    := $(shell cat po/LINGUAS 2>/dev/null)
MO_FILES    := $(patsubst %,$(BUILD)/locale/%/LC_MESSAGES/guichet.mo,$(PO_LANGS))

.PHONY: check-keys all run check check-sanitize bench install uninstall clean deps pot tests

all: guichet guichet-notify $(MO_FILES)

deps:
	@./scripts/install-deps

guichet: $(ALL_OBJ)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

NOTIFY_CFLAGS := $(shell pkg-config --cflags libnotify 2>/dev/null)
NOTIFY_LIBS   := $(shell pkg-config --libs libnotify 2>/dev/null || echo -lnotify)
$(NOTIFY_OBJ): CPPFLAGS += $(NOTIFY_CFLAGS)
guichet-notify: $(NOTIFY_OBJ) $(STORAGE_OBJ) $(COMMON_OBJ) $(MODEL_OBJ)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(NOTIFY_LIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# data/calendrier-scolaire.csv as a byte array (od: coreutils, no xxd).
$(BUILD)/gen/school_calendar_csv.c: data/calendrier-scolaire.csv
	@mkdir -p $(dir $@)
	$(call say,GEN,$@)
	$(Q){ echo '/* Generated from $< by make: do not edit. */'; \
	  echo '#include "demo/demo.h"'; \
	  echo 'const unsigned char demo_school_calendar_csv[] = {'; \
	  od -An -v -tx1 $< | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '};'; \
	  echo 'const size_t demo_school_calendar_csv_len = sizeof demo_school_calendar_csv;'; \
	} > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/school_calendar_csv.o: $(BUILD)/gen/school_calendar_csv.c
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(COMMON_OBJ) $(MODEL_OBJ)
	@mkdir -p $(dir $@)
	$(call say,CCLD,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -MMD -MP -o $@ $(filter %.c %.o,$^) $(CMOCKA_LIBS) $(LDLIBS)

$(BUILD)/tests/%: tests/storage/%.c $(STORAGE_OBJ) $(COMMON_OBJ) $(MODEL_OBJ)
	@mkdir -p $(dir $@)
	$(call say,CCLD,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -MMD -MP -o $@ $(filter %.c %.o,$^) $(CMOCKA_LIBS) $(LDLIBS)

$(BUILD)/tests/%: tests/demo/%.c $(DEMO_OBJ) $(STORAGE_OBJ) $(COMMON_OBJ) $(MODEL_OBJ)
	@mkdir -p $(dir $@)
	$(call say,CCLD,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -MMD -MP -o $@ $(filter %.c %.o,$^) $(CMOCKA_LIBS) $(LDLIBS)

$(BUILD)/tests/%: tests/tui/%.c $(TUI_OBJ) $(REPORT_OBJ) $(STORAGE_OBJ) $(COMMON_OBJ) $(MODEL_OBJ)
	@mkdir -p $(dir $@)
	$(call say,CCLD,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -MMD -MP -o $@ $(filter %.c %.o,$^) $(CMOCKA_LIBS) $(LDLIBS)

$(BUILD)/tests/%: tests/cli/%.c $(CLI_LIB_OBJ) $(REPORT_OBJ) $(TUI_OBJ) $(DEMO_OBJ) $(STORAGE_OBJ) $(COMMON_OBJ) $(MODEL_OBJ)
	@mkdir -p $(dir $@)
	$(call say,CCLD,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -MMD -MP -o $@ $(filter %.c %.o,$^) $(CMOCKA_LIBS) $(LDLIBS)

$(BUILD)/tools/%: tests/tools/%.c $(STORAGE_OBJ) $(COMMON_OBJ) $(MODEL_OBJ)
	@mkdir -p $(dir $@)
	$(call say,CCLD,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -MMD -MP -o $@ $(filter %.c %.o,$^) $(LDLIBS) -lutil

$(BUILD)/bench/%: bench/%.c
	@mkdir -p $(dir $@)
	$(call say,CCLD,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -MMD -MP -o $@ $(filter %.c %.o,$^) $(LDLIBS) -lutil

$(BUILD)/locale/%/LC_MESSAGES/guichet.mo: po/%.po
	@mkdir -p $(dir $@)
	$(call say,MSGFMT,$@)
	$(Q)msgfmt --check -o $@ $<

tests: $(UNIT_BIN) $(STORE_BIN) $(TOOL_BIN) $(MO_FILES) $(BUILD)/tests/keys_dump

run: deps all
	@test -f demo.db || ./guichet demo --db demo.db
	./guichet --db demo.db

# Every test: unit, storage, concurrency, screen. The runner prints the
# closing "N passed, N failed" line and fails when anything failed.
check: deps all tests $(BENCH_BIN)
	@tests/run-all --build $(BUILD) $(UNIT_BIN) $(STORE_BIN) bench/selftest.sh $(wildcard tests/commands/*.sh tests/notify/*.sh tests/screen/*.sh tests/concurrency/*.sh)

# Every screen's advertised keys pressed one by one (tests/slow/every_key.sh);
# its quick part (bars, help, keys not advertised) is tests/screen/keys_bars.sh,
# in `make check`.
check-keys: deps all tests
	@tests/run-all --build $(BUILD) tests/slow/every_key.sh

check-sanitize: deps
	@$(MAKE) --no-print-directory BUILD=build-san SANITIZE=1 tests
	@ASAN_OPTIONS=detect_leaks=1 tests/run-all --build build-san \
	    $(patsubst $(BUILD)/%,build-san/%,$(UNIT_BIN) $(STORE_BIN))

bench: deps all $(BENCH_BIN) $(TOOL_BIN)
	@bench/run --build $(BUILD)

POT ?= po/guichet.pot
pot:
	xgettext --from-code=UTF-8 -k_ -kN_ -kngettext:1,2 --add-comments=TRANSLATORS: -o $(POT) \
	    --package-name=guichet --package-version=$(VERSION) \
	    $(sort $(wildcard $(addsuffix /*.[ch],common model storage demo tui cli notify report)))

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/guichet/themes
	install -m 755 guichet $(DESTDIR)$(PREFIX)/bin/guichet
	install -m 755 guichet-notify $(DESTDIR)$(PREFIX)/bin/guichet-notify
	install -d $(DESTDIR)$(PREFIX)/share/guichet/autostart $(DESTDIR)$(PREFIX)/lib/systemd/user
	install -m 644 notify/guichet-notify.desktop $(DESTDIR)$(PREFIX)/share/guichet/autostart/
	install -m 644 notify/guichet-notify.service $(DESTDIR)$(PREFIX)/lib/systemd/user/
	install -m 644 docs/guichet.1 $(DESTDIR)$(PREFIX)/share/man/man1/guichet.1
	install -m 644 themes/*.theme $(DESTDIR)$(PREFIX)/share/guichet/themes/
	for l in $(PO_LANGS); do \
	    install -d $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES; \
	    install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/guichet.mo \
	        $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/guichet.mo; \
	done

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/guichet $(DESTDIR)$(PREFIX)/share/man/man1/guichet.1
	rm -f $(DESTDIR)$(PREFIX)/bin/guichet-notify $(DESTDIR)$(PREFIX)/lib/systemd/user/guichet-notify.service
	rm -rf $(DESTDIR)$(PREFIX)/share/guichet
	for l in $(PO_LANGS); do rm -f $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/guichet.mo; done

clean:
	rm -rf build build-san guichet guichet-notify

-include $(ALL_OBJ:.o=.d) $(NOTIFY_OBJ:.o=.d) $(wildcard $(BUILD)/tests/*.d $(BUILD)/tools/*.d $(BUILD)/bench/*.d)
