/* cmd_retention.c — `kansli retention ...`, `kansli hold ...` and `kansli
 * disposal ...`: the retention schedule, legal holds and disposal runs. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "core/disposal.h"
#include "core/disposal_copies.h"
#include "core/retention.h"
#include "util/buf.h"

static const char retention_usage[] =
	"usage: kansli retention schedule list [--json]\n"
	"       kansli retention schedule export [--output FILE]\n"
	"       kansli retention schedule import FILE|-\n"
	"       kansli retention schedule set CLASS --action bevaras|gallras [--type DOCTYPE]\n"
	"                                 [--years N] [--decision TEXT] [--keep-registration ja|nej]\n"
	"       kansli retention schedule unset CLASS [--type DOCTYPE]\n"
	"       kansli retention due [--json]\n"
	"       kansli retention report-series PREFIX\n\n"
	"The retention schedule (informationshanteringsplan): per class, optionally\n"
	"per document type (record add --type), keep (bevaras) or dispose (gallras)\n"
	"N years after the case was closed, by a decision or legal basis, keeping\n"
	"the registry entry (ja, the default) or clearing it (nej). The CSV form is\n"
	"klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n"
	"(UTF-8, ';', a header row); import replaces the schedule, all rows or\n"
	"nothing, and adds or renames the classes it names. `due` lists what may be\n"
	"disposed of today; `report-series` names the series disposal reports are\n"
	"registered in. Every form takes --org ORG.\n";

static const char hold_usage[] =
	"usage: kansli hold add CASE --reason TEXT\n"
	"       kansli hold release CASE --reason TEXT\n"
	"       kansli hold list [--all] [--json]\n\n"
	"Legal holds: a case under a hold is never disposed of. Every form takes --org ORG.\n";

static const char disposal_usage[] =
	"usage: kansli disposal propose\n"
	"       kansli disposal approve RUN\n"
	"       kansli disposal execute RUN [--series PREFIX]\n"
	"       kansli disposal cancel RUN --reason TEXT\n"
	"       kansli disposal list [--json]\n"
	"       kansli disposal show RUN [--json]\n"
	"       kansli disposal sweep\n\n"
	"Disposal (gallring): a proposal freezes today's due list; another archivist\n"
	"approves it (four eyes), or cancels it; executing it disposes of the records, keeps or\n"
	"clears their registry entries as the schedule says, deletes files no other\n"
	"record uses, and registers a disposal report (text and CSV) in a case per\n"
	"year in the report series. Every form but sweep takes --org ORG.\n\n"
	"sweep removes the files of executed disposals that are still in the blob store\n"
	"(a disposal killed between its commit and its files' removal leaves them;\n"
	"the next disposal and each start of `kansli serve` remove them too) and\n"
	"prints how many it removed.\n";

static int schedule_cmd(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int64_t org;
	int rc;
	const char *sub = argc >= 1 ? argv[0] : "";
	if (!strcmp(sub, "list"))
		return cli_show_org(argc - 1, argv + 1, retention_usage, retention_schedule);
	if (!strcmp(sub, "export")) {
		if ((rc = cli_parse_org(argc - 1, argv + 1, "org=,output=", 0, 0, retention_usage, &a, &k, &org)) >= 0)
			return rc;
		buf out = BUF_INIT;
		rc = retention_export_csv(k, org, &out, &e);
		kansli_close(k);
		if (rc) {
			buf_free(&out);
			return cli_fail(&e);
		}
		const char *path = cli_get(&a, "output");
		FILE *f = path ? fopen(path, "wb") : stdout;
		if (!f) {
			buf_free(&out);
			fprintf(stderr, "kansli: cannot write %s\n", path);
			return 6;
		}
		int bad = fwrite(out.s, 1, out.len, f) != out.len;
		if (path)
			bad |= fclose(f) != 0;
		buf_free(&out);
		return bad ? 6 : 0;
	}
	if (!strcmp(sub, "import")) {
		if ((rc = cli_parse(argc - 1, argv + 1, "org=", 1, 1, retention_usage, &a)) >= 0)
			return rc;
		buf in = BUF_INIT;
		if (cli_read_input(a.pos[0], &in) != 0) {
			buf_free(&in);
			return 2;
		}
		if ((rc = cli_open_org(&a, &k, &org))) {
			buf_free(&in);
			return rc;
		}
		int rules;
		rc = retention_import_csv(k, org, in.s, in.len, &rules, &e);
		kansli_close(k);
		buf_free(&in);
		if (rc)
			return cli_fail(&e);
		printf("retention schedule imported: %d rules\n", rules);
		return 0;
	}
	if (!strcmp(sub, "set") || !strcmp(sub, "unset")) {
		int set = !strcmp(sub, "set");
		const char *spec = set ? "org=,type=,action=,years=,decision=,keep-registration=" : "org=,type=";
		if ((rc = cli_parse_org(argc - 1, argv + 1, spec, 1, 1, retention_usage, &a, &k, &org)) >= 0)
			return rc;
		retention_rule_in in = { .class_code = a.pos[0], .doc_type = cli_get(&a, "type"),
		                         .action = cli_get(&a, "action"), .years = cli_get(&a, "years"),
		                         .decision = cli_get(&a, "decision"),
		                         .keep_registration = cli_get(&a, "keep-registration") };
		rc = set ? retention_rule_set(k, org, &in, &e) : retention_rule_remove(k, org, a.pos[0], in.doc_type, &e);
		return cli_close_done(k, rc, &e, "class %s%s%s: rule %s", a.pos[0], in.doc_type ? " type " : "",
		                      in.doc_type ? in.doc_type : "", set ? "set" : "removed");
	}
	/* No --help here: `retention schedule --help` has always been a usage error. */
	fputs(retention_usage, stderr);
	return 2;
}

int cmd_retention(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int64_t org;
	int rc;
	const char *sub = argc >= 1 ? argv[0] : "";
	if (!strcmp(sub, "schedule"))
		return schedule_cmd(argc - 1, argv + 1);
	if (!strcmp(sub, "due")) {
		if ((rc = cli_parse_org(argc - 1, argv + 1, "org=,json", 0, 0, retention_usage, &a, &k, &org)) >= 0)
			return rc;
		json_t *v = retention_due(k, org, &e);
		kansli_close(k);
		if (v && !cli_has(&a, "json")) { /* the list, one line a record */
			size_t i;
			json_t *o;
			json_array_foreach(json_object_get(v, "items"), i, o) {
				json_t *run = json_object_get(o, "run");
				printf("%s\t%s\tclass %s%s%s\t%lld years\tdue %s\t%s%s",
				       json_string_value(json_object_get(o, "number")), json_string_value(json_object_get(o, "title")),
				       json_string_value(json_object_get(o, "class")),
				       *json_string_value(json_object_get(o, "doc_type")) ? " type " : "",
				       json_string_value(json_object_get(o, "doc_type")),
				       (long long)json_integer_value(json_object_get(o, "years")),
				       json_string_value(json_object_get(o, "due")), json_string_value(json_object_get(o, "decision")),
				       run ? "\t(in a proposed run)" : "");
				putchar('\n');
			}
			printf("%lld due on %s; %lld cases under a legal hold\n",
			       (long long)json_integer_value(json_object_get(v, "count")),
			       json_string_value(json_object_get(v, "as_of")),
			       (long long)json_integer_value(json_object_get(v, "held")));
			json_decref(v);
			return 0;
		}
		return cli_emit(&a, v, &e);
	}
	if (!strcmp(sub, "report-series")) {
		if ((rc = cli_parse_org(argc - 1, argv + 1, "org=", 1, 1, retention_usage, &a, &k, &org)) >= 0)
			return rc;
		rc = retention_set_report_series(k, org, a.pos[0], &e);
		return cli_close_done(k, rc, &e, "disposal reports go to series %s", a.pos[0]);
	}
	return cli_usage(sub, retention_usage);
}

int cmd_hold(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int64_t org;
	int rc;
	const char *sub = argc >= 1 ? argv[0] : "";
	if (!strcmp(sub, "add") || !strcmp(sub, "release")) {
		if ((rc = cli_parse_org(argc - 1, argv + 1, "org=,reason=", 1, 1, hold_usage, &a, &k, &org)) >= 0)
			return rc;
		int add = !strcmp(sub, "add");
		rc = add ? hold_add(k, org, a.pos[0], cli_get(&a, "reason"), &e)
		         : hold_release(k, org, a.pos[0], cli_get(&a, "reason"), &e);
		return cli_close_done(k, rc, &e, "%s: legal hold %s", a.pos[0], add ? "placed" : "released");
	}
	if (!strcmp(sub, "list")) {
		if ((rc = cli_parse_org(argc - 1, argv + 1, "org=,all,json", 0, 0, hold_usage, &a, &k, &org)) >= 0)
			return rc;
		return cli_close_emit(k, &a, hold_list(k, org, cli_has(&a, "all"), &e), &e);
	}
	return cli_usage(sub, hold_usage);
}

int cmd_disposal(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int64_t org, id;
	int rc;
	const char *sub = argc >= 1 ? argv[0] : "";
	if (!strcmp(sub, "propose")) {
		if ((rc = cli_parse_org(argc - 1, argv + 1, "org=", 0, 0, disposal_usage, &a, &k, &org)) >= 0)
			return rc;
		id = 0;
		rc = disposal_propose(k, org, &id, &e);
		return cli_close_done(k, rc, &e, "%lld", (long long)id);
	}
	if (!strcmp(sub, "cancel")) {
		if ((rc = cli_parse(argc - 1, argv + 1, "org=,reason=", 1, 1, disposal_usage, &a)) >= 0)
			return rc;
		if ((rc = cli_id(a.pos[0], "a disposal run number", &id)))
			return rc;
		if ((rc = cli_open_org(&a, &k, &org)))
			return rc;
		rc = disposal_cancel(k, org, id, cli_get(&a, "reason"), &e);
		return cli_close_done(k, rc, &e, "disposal run %lld cancelled", (long long)id);
	}
	if (!strcmp(sub, "approve") || !strcmp(sub, "execute") || !strcmp(sub, "show")) {
		if ((rc = cli_parse(argc - 1, argv + 1, "org=,series=,json", 1, 1, disposal_usage, &a)) >= 0)
			return rc;
		if ((rc = cli_id(a.pos[0], "a disposal run number", &id)))
			return rc;
		if ((rc = cli_open_org(&a, &k, &org)))
			return rc;
		if (!strcmp(sub, "approve")) {
			rc = disposal_approve(k, org, id, &e);
			return cli_close_done(k, rc, &e, "disposal run %lld approved", (long long)id);
		}
		json_t *v = !strcmp(sub, "show") ? disposal_show(k, org, id, &e)
		            : disposal_execute(k, org, id, cli_get(&a, "series"), &e);
		return cli_close_emit(k, &a, v, &e);
	}
	if (!strcmp(sub, "list"))
		return cli_show_org(argc - 1, argv + 1, disposal_usage, disposal_list);
	if (!strcmp(sub, "sweep")) {
		if ((rc = cli_parse(argc - 1, argv + 1, "", 0, 0, disposal_usage, &a)) >= 0)
			return rc;
		if (cli_open(&k, &e))
			return cli_fail(&e);
		int swept = disposal_sweep(k, &e);
		return cli_close_done(k, swept < 0 ? swept : 0, &e, "%d file(s) removed", swept);
	}
	return cli_usage(sub, disposal_usage);
}
