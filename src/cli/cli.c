/* cli.c — argument parsing, opening, printing and failing; see cli.h. */
#include "cli/cli.h"

#include <errno.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/org.h"
#include "util/encoding.h"
#include "util/idnum.h"

const char *cli_datadir;
const char *cli_user;

/* The arguments cli_parse put into NFC: they live as long as the command
 * (argv points at them), so they are kept here and never freed. */
static char **nfc_args;
static size_t nfc_nargs;

/* Replaces *arg by its NFC, the form text is stored in (util/encoding.h),
 * when it is not in it already. */
static void arg_nfc(char **arg)
{
	char *nfc = text_nfc_dup(*arg);
	if (!nfc)
		return;
	char **grown = realloc(nfc_args, (nfc_nargs + 1) * sizeof *nfc_args);
	if (!grown)
		abort();
	nfc_args = grown;
	nfc_args[nfc_nargs++] = nfc;
	*arg = nfc;
}

/* Finds name in spec; returns 0 flag, 1 value, 2 repeatable value, -1 unknown. */
static int spec_kind(const char *spec, const char *name, size_t nlen)
{
	const char *p = spec;
	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		size_t base = len;
		int kind = 0;
		if (len >= 2 && p[len - 2] == '=' && p[len - 1] == '*')
			base = len - 2, kind = 2;
		else if (len >= 1 && p[len - 1] == '=')
			base = len - 1, kind = 1;
		if (base == nlen && strncmp(p, name, nlen) == 0)
			return kind;
		p = end ? end + 1 : NULL;
	}
	return -1;
}

int cli_parse(int argc, char **argv, const char *spec, int min_pos, int max_pos,
              const char *usage, cli_args *a)
{
	memset(a, 0, sizeof *a);
	int only_pos = 0;
	/* Every argument is text before any command sees it: a value may have
	 * several lines (core decides where one is wanted), nothing else. */
	for (int i = 0; i < argc; i++) {
		size_t bad;
		if (!text_check(argv[i], strlen(argv[i]), TEXT_MULTILINE, &bad))
			continue;
		/* Name the option when its name is text; never echo the bytes. */
		const char *opt = !strncmp(argv[i], "--", 2) ? argv[i]
		                  : i > 0 && !strncmp(argv[i - 1], "--", 2) && !strchr(argv[i - 1], '=') ? argv[i - 1] : NULL;
		size_t olen = opt ? strcspn(opt, "=") : 0;
		if (opt && !text_check(opt, olen, TEXT_LINE, NULL) && (opt != argv[i] || bad > olen))
			fprintf(stderr, "kansli: the value of %.*s is not text: invalid UTF-8 or a control character "
			        "at byte %zu\n", (int)olen, opt, opt == argv[i] ? bad - olen - 1 : bad);
		else
			fprintf(stderr, "kansli: an argument is not text: invalid UTF-8 or a control character at byte %zu\n",
			        bad);
		return 2;
	}
	for (int i = 0; i < argc; i++)
		arg_nfc(&argv[i]);
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i];
		if (!only_pos && strcmp(arg, "--") == 0) {
			only_pos = 1;
			continue;
		}
		if (!only_pos && (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)) {
			fputs(usage, stdout);
			return 0;
		}
		if (!only_pos && arg[0] == '-' && arg[1] == '-' && arg[2]) {
			const char *name = arg + 2, *eq = strchr(name, '=');
			size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
			int kind = spec_kind(spec, name, nlen);
			if (kind < 0) {
				fprintf(stderr, "kansli: unknown option --%.*s (see --help)\n", (int)nlen, name);
				return 2;
			}
			const char *val = "";
			if (kind > 0) {
				if (eq)
					val = eq + 1;
				else if (i + 1 < argc)
					val = argv[++i];
				else {
					fprintf(stderr, "kansli: option --%.*s needs a value\n", (int)nlen, name);
					return 2;
				}
			} else if (eq) {
				fprintf(stderr, "kansli: option --%.*s takes no value\n", (int)nlen, name);
				return 2;
			}
			if (a->nkv == CLI_MAX_KV) {
				fputs("kansli: too many options\n", stderr);
				return 2;
			}
			if (kind == 1) {
				for (int j = 0; j < a->nkv; j++)
					if (a->klen[j] == nlen && strncmp(a->key[j], name, nlen) == 0) {
						fprintf(stderr, "kansli: option --%.*s given twice\n", (int)nlen, name);
						return 2;
					}
			}
			a->key[a->nkv] = name;
			a->klen[a->nkv] = nlen;
			a->val[a->nkv++] = val;
			continue;
		}
		if (a->npos == CLI_MAX_POS || a->npos >= max_pos) {
			fprintf(stderr, "kansli: unexpected argument '%s' (see --help)\n", arg);
			return 2;
		}
		a->pos[a->npos++] = arg;
	}
	if (a->npos < min_pos) {
		fprintf(stderr, "kansli: missing argument\n%s", usage);
		return 2;
	}
	return -1;
}

const char *cli_get(const cli_args *a, const char *name)
{
	size_t n = strlen(name);
	for (int i = 0; i < a->nkv; i++)
		if (a->klen[i] == n && strncmp(a->key[i], name, n) == 0)
			return a->val[i];
	return NULL;
}

int cli_has(const cli_args *a, const char *name)
{
	return cli_get(a, name) != NULL;
}

void cli_secrecy(const cli_args *a, const char **secrecy, const char **legal_ground, const char **masked)
{
	*secrecy = cli_get(a, "secrecy");
	/* --ground is the short form, for a spec that declares it. */
	*legal_ground = cli_has(a, "legal-ground") ? cli_get(a, "legal-ground") : cli_get(a, "ground");
	*masked = cli_get(a, "mask");
}

int cli_all(const cli_args *a, const char *name, const char **out, int max)
{
	int n = 0;
	size_t len = strlen(name);
	for (int i = 0; i < a->nkv; i++)
		if (a->klen[i] == len && strncmp(a->key[i], name, len) == 0) {
			if (n == max)
				return -1;
			out[n++] = a->val[i];
		}
	return n;
}

int cli_int(const cli_args *a, const char *name, long min, long max, long *out)
{
	const char *v = cli_get(a, name);
	if (!v)
		return 0;
	char *end;
	long n = strtol(v, &end, 10);
	if (!*v || *end || n < min || n > max) {
		fprintf(stderr, "kansli: --%s must be a number from %ld to %ld, not '%s'\n", name, min, max, v);
		return -1;
	}
	*out = n;
	return 0;
}

int cli_id(const char *s, const char *what, int64_t *id)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	if (!*s || *end || v < 1) {
		fprintf(stderr, "kansli: '%s' is not %s\n", s, what);
		return 2;
	}
	*id = v;
	return 0;
}

int cli_exit_code(int code)
{
	switch (code) {
	case KERR_OK: return 0;
	case KERR_TAMPERED: return 1;
	case KERR_INVALID: return 2;
	case KERR_NOTFOUND: return 3;
	case KERR_CONFLICT: return 4;
	case KERR_DENIED: return 5;
	case KERR_IO: return 6;
	default: return 7;
	}
}

/* core's messages name fields, not this CLI's flags (the API and the web
 * show them too); the CLI names the flag that gives the field itself. */
static const struct {
	const char *field;
	int why; /* KWHY_*, or -1 for any */
	const char *hint;
} flag_hints[] = {
	{ "idnum", KWHY_DUPLICATE, "--same-person confirms it is the same person" },
	{ "idnum", -1, "--id" },
	{ "series", -1, "--series" },
	{ "date", -1, "--date" },
	{ "time", -1, "--time" },
	{ "place", -1, "--place" },
	{ "reason", -1, "--reason" },
	{ "mask", -1, "--mask" },
	{ "case", KWHY_REQUIRED, "--case" },
	{ "title", KWHY_REQUIRED, "--title, or --public-title" },
	{ "delegation_point", -1, "--point" },
	{ "decided_by", -1, "--by" },
	{ "term_from", -1, "--from" },
	{ "scope", -1, "--unit, --board" },
	{ "out", -1, "--out" },
	{ "run", KWHY_FOUR_EYES, "--user NAME" },
	{ "mapping", -1, "--mapping" },
	{ "user", KWHY_REQUIRED, "--user NAME" },
	{ "org", KWHY_REQUIRED, "--org CODE" },
};

int cli_fail(const kerr *e)
{
	const char *hint = NULL;
	for (size_t i = 0; e->field[0] && !strstr(e->msg, "--") && i < sizeof flag_hints / sizeof flag_hints[0] && !hint;
	     i++)
		if (!strcmp(flag_hints[i].field, e->field) && (flag_hints[i].why < 0 || flag_hints[i].why == e->why))
			hint = flag_hints[i].hint;
	if (hint) {
		fprintf(stderr, "kansli: %s (%s)\n", e->msg, hint);
		return cli_exit_code(e->code ? e->code : KERR_INTERNAL);
	}
	fprintf(stderr, "kansli: %s\n", e->msg[0] ? e->msg : "failed");
	return cli_exit_code(e->code ? e->code : KERR_INTERNAL);
}

int cli_open(kansli **k, kerr *e)
{
	const char *dir = cli_datadir ? cli_datadir : getenv("KANSLI_DATA");
	if (!dir || !*dir)
		return kerr_set(e, KERR_INVALID, "no data directory: give --data DIR or set KANSLI_DATA");
	int rc = kansli_open(k, dir, e);
	if (rc)
		return rc;
	const char *user = cli_user ? cli_user : getenv("KANSLI_USER");
	if (user && *user && (rc = kansli_act_as(*k, user, e))) {
		kansli_close(*k);
		*k = NULL;
	}
	return rc;
}

int cli_open_verify(kansli **k, kerr *e)
{
	const char *dir = cli_datadir ? cli_datadir : getenv("KANSLI_DATA");
	if (!dir || !*dir)
		return kerr_set(e, KERR_INVALID, "no data directory: give --data DIR or set KANSLI_DATA");
	return kansli_open_verify(k, dir, e);
}

int cli_open_org(const cli_args *a, kansli **k, int64_t *org_id)
{
	kerr e = KERR_INIT;
	const char *org = cli_get(a, "org");
	if (!org)
		org = getenv("KANSLI_ORG");
	if (cli_open(k, &e))
		return cli_fail(&e);
	if (org_find(*k, org, org_id, &e)) {
		kansli_close(*k);
		*k = NULL;
		return cli_fail(&e);
	}
	return 0;
}

int cli_parse_org(int argc, char **argv, const char *spec, int min_pos, int max_pos,
                  const char *usage, cli_args *a, kansli **k, int64_t *org_id)
{
	int rc = cli_parse(argc, argv, spec, min_pos, max_pos, usage, a);
	if (rc >= 0)
		return rc;
	if ((rc = cli_open_org(a, k, org_id)))
		return rc;
	return -1;
}

int cli_usage(const char *sub, const char *usage)
{
	if (!strcmp(sub, "--help")) {
		fputs(usage, stdout);
		return 0;
	}
	fputs(usage, stderr);
	return 2;
}

static void print_value(json_t *v, int indent);

static void print_object(json_t *o, int indent)
{
	const char *key;
	json_t *v;
	json_object_foreach(o, key, v) {
		if (json_is_null(v))
			continue;
		printf("%*s%s:", indent, "", key);
		if (json_is_object(v) || (json_is_array(v) && json_array_size(v) > 0 &&
		                          json_is_object(json_array_get(v, 0)))) {
			putchar('\n');
			print_value(v, indent + 2);
		} else {
			putchar(' ');
			print_value(v, 0);
			putchar('\n');
		}
	}
}

static void print_value(json_t *v, int indent)
{
	size_t i;
	json_t *x;
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		print_object(v, indent);
		break;
	case JSON_ARRAY:
		json_array_foreach(v, i, x) {
			if (json_is_object(x)) {
				print_object(x, indent);
				if (i + 1 < json_array_size(v))
					printf("%*s--\n", indent, "");
			} else {
				if (i)
					fputs(", ", stdout);
				print_value(x, 0);
			}
		}
		break;
	case JSON_STRING:
		fputs(json_string_value(v), stdout);
		break;
	case JSON_INTEGER:
		printf("%lld", (long long)json_integer_value(v));
		break;
	case JSON_TRUE: fputs("yes", stdout); break;
	case JSON_FALSE: fputs("no", stdout); break;
	default: break;
	}
}

void cli_print(const cli_args *a, json_t *v)
{
	if (cli_has(a, "json")) {
		char *s = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		if (s)
			puts(s);
		free(s);
		return;
	}
	if (json_is_array(v) && json_array_size(v) == 0) {
		puts("(none)");
		return;
	}
	print_value(v, 0);
	if (!json_is_object(v) && !(json_is_array(v) && json_is_object(json_array_get(v, 0))))
		putchar('\n');
}

int cli_emit(const cli_args *a, json_t *v, const kerr *e)
{
	if (!v)
		return cli_fail(e);
	cli_print(a, v);
	json_decref(v);
	return 0;
}

int cli_close_emit(kansli *k, const cli_args *a, json_t *v, const kerr *e)
{
	kansli_close(k);
	return cli_emit(a, v, e);
}

void cli_warn_personnummer(const char *what, const char *text)
{
	size_t at, len;
	if (text && idnum_find_personnummer(text, &at, &len)) /* the number itself is not repeated */
		fprintf(stderr, "kansli: warning: %s holds a personnummer: public views mask it, but staff "
		        "lists, exports and archive packages keep it; a title needs none\n", what);
}

int cli_close_done(kansli *k, int rc, const kerr *e, const char *fmt, ...)
{
	kansli_close(k);
	if (rc)
		return cli_fail(e);
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	return 0;
}

/* The three show helpers in one: exactly one of the views is given. */
static int show(int argc, char **argv, const char *usage, cli_view view, cli_org_view org_view,
                cli_org_key_view key_view)
{
	cli_args a;
	kansli *k;
	int64_t org = 0;
	kerr e = KERR_INIT;
	int rc = cli_parse(argc, argv, view ? "json" : "org=,json", key_view ? 1 : 0, key_view ? 1 : 0, usage, &a);
	if (rc >= 0)
		return rc;
	if (view) {
		if (cli_open(&k, &e))
			return cli_fail(&e);
	} else if ((rc = cli_open_org(&a, &k, &org))) {
		return rc;
	}
	json_t *v = view ? view(k, &e) : org_view ? org_view(k, org, &e) : key_view(k, org, a.pos[0], &e);
	return cli_close_emit(k, &a, v, &e);
}

int cli_show(int argc, char **argv, const char *usage, cli_view view)
{
	return show(argc, argv, usage, view, NULL, NULL);
}

int cli_show_org(int argc, char **argv, const char *usage, cli_org_view view)
{
	return show(argc, argv, usage, NULL, view, NULL);
}

int cli_show_org_key(int argc, char **argv, const char *usage, cli_org_key_view view)
{
	return show(argc, argv, usage, NULL, NULL, view);
}

int cli_read_input(const char *path, buf *b)
{
	if (strcmp(path, "-")) {
		if (buf_read_file(b, path) == 0)
			return 0;
		fprintf(stderr, "kansli: cannot read %s: %s\n", path, strerror(errno));
		return -1;
	}
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		buf_add(b, chunk, n);
	if (ferror(stdin)) {
		fprintf(stderr, "kansli: cannot read standard input\n");
		return -1;
	}
	buf_add(b, "", 0);
	return 0;
}
