/* cmd_request.c — `kansli request ...`: document requests from the shell. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "core/docrequest.h"
#include "core/request_filing.h"

static const char usage[] =
	"usage: kansli request submit --message TEXT [--document NUMBER] [--name N] [--contact C]\n"
	"       kansli request list [--all] [--json]\n"
	"       kansli request show ID [--json]\n"
	"       kansli request decide ID released|released_masked|refused [--legal-ground G]\n"
	"                             [--reasoning TEXT]\n"
	"       kansli request settings [--series PREFIX [--class CODE]] [--json]\n\n"
	"Requests for public documents (begäran om allmän handling). A request is\n"
	"registered in a case of its own; the decision is registered as an outgoing\n"
	"record and the case closed. Masking and refusing need the legal ground;\n"
	"the decision then says how to appeal. `settings` shows, or with --series\n"
	"chooses (administrators), the series and class requests without a known\n"
	"document number are filed in. Every form takes --org ORG.\n";

int cmd_request(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int64_t org;
	int rc;
	const char *sub = argc >= 1 ? argv[0] : "";
	if (!strcmp(sub, "submit")) {
		if ((rc = cli_parse_org(argc - 1, argv + 1, "org=,message=,document=,name=,contact=", 0, 0, usage,
		                        &a, &k, &org)) >= 0)
			return rc;
		request_new q = { .requested = cli_get(&a, "document"), .message = cli_get(&a, "message"),
		                  .name = cli_get(&a, "name"), .contact = cli_get(&a, "contact") };
		int64_t id = 0;
		char num[64] = "";
		rc = request_submit(k, org, &q, &id, num, &e);
		return cli_close_done(k, rc, &e, "request %lld registered in %s", (long long)id, num);
	}
	if (!strcmp(sub, "list")) {
		if ((rc = cli_parse_org(argc - 1, argv + 1, "org=,all,json", 0, 0, usage, &a, &k, &org)) >= 0)
			return rc;
		return cli_close_emit(k, &a, request_list(k, org, !cli_has(&a, "all"), &e), &e);
	}
	if (!strcmp(sub, "show") || !strcmp(sub, "decide")) {
		int deciding = !strcmp(sub, "decide");
		if ((rc = cli_parse(argc - 1, argv + 1, "org=,legal-ground=,reasoning=,json", deciding ? 2 : 1,
		                    deciding ? 2 : 1, usage, &a)) >= 0)
			return rc;
		int64_t id;
		if ((rc = cli_id(a.pos[0], "a request id", &id)) || (rc = cli_open_org(&a, &k, &org)))
			return rc;
		if (!deciding)
			return cli_close_emit(k, &a, request_show(k, org, id, &e), &e);
		rc = request_decide(k, org, id, a.pos[1], cli_get(&a, "legal-ground"), cli_get(&a, "reasoning"), &e);
		return cli_close_done(k, rc, &e, "request %lld decided: %s", (long long)id, a.pos[1]);
	}
	if (!strcmp(sub, "settings")) {
		if ((rc = cli_parse_org(argc - 1, argv + 1, "org=,series=,class=,json", 0, 0, usage, &a, &k, &org)) >= 0)
			return rc;
		const char *series = cli_get(&a, "series"), *class_code = cli_get(&a, "class");
		if (!series && !class_code)
			return cli_close_emit(k, &a, request_settings_show(k, org, &e), &e);
		rc = request_settings_set(k, org, series, class_code, &e);
		return cli_close_done(k, rc, &e, "requests are filed in %s%s%s", series ? series : "",
		                      class_code && *class_code ? ", class " : ", unclassified",
		                      class_code && *class_code ? class_code : "");
	}
	return cli_usage(sub, usage);
}
