/*
 * cli.h — what every command shares: argument parsing against a declared
 * spec, opening the installation, printing results and failing with one
 * clear line on stderr and a meaningful exit status.
 *
 * Exit status: 0 ok, 1 verification found a mismatch, 2 bad input or usage,
 * 3 not found, 4 conflict, 5 not allowed, 6 storage error, 7 internal error.
 */
#ifndef KANSLI_CLI_H
#define KANSLI_CLI_H

#include <jansson.h>
#include <stddef.h>

#include "core/kansli.h"
#include "util/buf.h"

#define CLI_MAX_POS 8
#define CLI_MAX_KV 64

typedef struct cli_args {
	int npos;
	const char *pos[CLI_MAX_POS];
	int nkv;
	const char *key[CLI_MAX_KV];  /* points into argv; klen long */
	size_t klen[CLI_MAX_KV];
	const char *val[CLI_MAX_KV]; /* "" for flags */
} cli_args;

/* Global options, set by main: --data DIR / KANSLI_DATA, --user / KANSLI_USER. */
extern const char *cli_datadir;
extern const char *cli_user;

/*
 * Parses argv against spec, a comma list of option names where "name="
 * takes a value, "name=*" may repeat, and "name" is a flag. Positional
 * arguments must number between min_pos and max_pos. --help prints usage.
 * Returns -1 to go on; otherwise the exit status to return (0 after help).
 */
int cli_parse(int argc, char **argv, const char *spec, int min_pos, int max_pos,
              const char *usage, cli_args *a);
const char *cli_get(const cli_args *a, const char *name); /* NULL if absent */
int cli_has(const cli_args *a, const char *name);
/* The secrecy options every registration shares (record add and correct,
 * delegation register): --secrecy, --legal-ground (or --ground), --mask,
 * each NULL when absent. core validates them (records.c). */
#define CLI_SECRECY_SPEC "secrecy=,legal-ground=,mask="
void cli_secrecy(const cli_args *a, const char **secrecy, const char **legal_ground, const char **masked);
/* Collects every value of a repeated option; returns the count. */
int cli_all(const cli_args *a, const char *name, const char **out, int max);
/* Reads the file at path, or standard input for "-", whole into b
 * (NUL-terminated). 0, or -1 with the message printed. */
int cli_read_input(const char *path, buf *b);
/* Parses an integer option; -1 on error (message printed). */
int cli_int(const cli_args *a, const char *name, long min, long max, long *out);
/* Parses a positional id (a whole number from 1). On error prints
 * "kansli: 'S' is not WHAT" and returns 2; else 0. */
int cli_id(const char *s, const char *what, int64_t *id);

/* Prints "kansli: message" and returns the exit status for e->code. */
int cli_fail(const kerr *e);
int cli_exit_code(int code);
/* Opens the installation named by --data / KANSLI_DATA, acting as --user. */
int cli_open(kansli **k, kerr *e);
/* The same for `kansli verify`: nothing is written (kansli_open_verify). */
int cli_open_verify(kansli **k, kerr *e);
/* Opens and resolves --org (or the only organisation). Returns an exit
 * status (0 = ok). */
int cli_open_org(const cli_args *a, kansli **k, int64_t *org_id);
/* cli_parse, then cli_open_org: the start of most subcommands. Returns -1
 * with *k open (the caller closes it); otherwise the exit status. */
int cli_parse_org(int argc, char **argv, const char *spec, int min_pos, int max_pos,
                  const char *usage, cli_args *a, kansli **k, int64_t *org_id);
/* Ends a command whose subcommand sub is none of its own: --help prints
 * usage and returns 0, anything else prints it on stderr and returns 2. */
int cli_usage(const char *sub, const char *usage);
/* Prints a result: JSON with --json, else readable "key: value" text. */
void cli_print(const cli_args *a, json_t *v);
/* Prints v and releases it; with v NULL, fails with e. Returns the exit status. */
int cli_emit(const cli_args *a, json_t *v, const kerr *e);
/*
 * Whole subcommands that only show what core returns: each parses argv
 * (--json, and --org where the view is per organisation), opens, calls the
 * view and prints its tree. Return the exit status.
 */
typedef json_t *(*cli_view)(kansli *k, kerr *e);
typedef json_t *(*cli_org_view)(kansli *k, int64_t org_id, kerr *e);
typedef json_t *(*cli_org_key_view)(kansli *k, int64_t org_id, const char *key, kerr *e);
int cli_show(int argc, char **argv, const char *usage, cli_view view);
int cli_show_org(int argc, char **argv, const char *usage, cli_org_view view);
/* The one positional argument (a case or record number, a code) is the key. */
int cli_show_org_key(int argc, char **argv, const char *usage, cli_org_key_view view);
/* Closes k, then cli_emit: the end of a command that shows what core returned. */
int cli_close_emit(kansli *k, const cli_args *a, json_t *v, const kerr *e);
/* After what (e.g. "the title of case KS 2026/0042") was stored as text: a
 * personnummer in it is said on stderr, a warning and no refusal. Public
 * views mask it, but staff lists, exports and archive packages keep it,
 * and a title needs none. text may be NULL. */
void cli_warn_personnummer(const char *what, const char *text);
/* Closes k; with rc non-zero fails with e, else prints the printf-style
 * message and a newline. Returns the exit status: the end of a command
 * that changes something and says what it did. */
int cli_close_done(kansli *k, int rc, const kerr *e, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Commands, one file each (cli/cmd_*.c). */
int cmd_init(int argc, char **argv);
int cmd_org(int argc, char **argv);
int cmd_unit(int argc, char **argv);
int cmd_series(int argc, char **argv);
int cmd_class(int argc, char **argv);
int cmd_user(int argc, char **argv);
/* cmd_user's account lifecycle subcommands (cmd_account.c): the exit
 * status, or -1 when argv[0] is none of them. */
int cmd_user_account(int argc, char **argv);
int cmd_party(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_webhook(int argc, char **argv);
int cmd_case(int argc, char **argv);
int cmd_record(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_reindex(int argc, char **argv);
int cmd_log(int argc, char **argv);
int cmd_verify_remote(int argc, char **argv);
int cmd_request(int argc, char **argv);
int cmd_notice(int argc, char **argv);
int cmd_intake(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_board(int argc, char **argv);
int cmd_meeting(int argc, char **argv);
/* The subcommands of `meeting` about how a § is decided (propose,
 * proposal-remove, order, ballot, vote), with meeting's usage. */
int cmd_meeting_decide(const char *sub, int argc, char **argv, const char *usage);
int cmd_delegation(int argc, char **argv);
int cmd_overview(int argc, char **argv);
int cmd_reminder(int argc, char **argv);
int cmd_config(int argc, char **argv);
int cmd_user_email(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_retention(int argc, char **argv);
int cmd_hold(int argc, char **argv);
int cmd_disposal(int argc, char **argv);

#endif
