// scenario.mts — an integrator's client of kansli, typed from the OpenAPI
// document alone: tests/cli/t0126 generates ./kansli.d.ts from the served
// /api/v1/openapi.json with openapi-typescript, compiles this file against
// it with tsc --strict (a document a client cannot be typed from fails
// here), and runs it with openapi-fetch against a test server. It runs
// registration to decision: open a case, register its letters, upload a
// file, assign the officer, decide, close, list with pagination, and read
// the record as the public and a reader see it. Prints PASS/FAIL lines.
//
// Environment: U (the server), TREG, THAND, TANNA (tokens), TEST_NAME.
import createClient from "openapi-fetch";
import type { components, paths } from "./kansli.js";

// What this file uses of Node, declared here rather than by @types/node.
declare const process: { env: Record<string, string | undefined>; exitCode?: number };

type CaseSummary = components["schemas"]["CaseSummary"];
type ApiError = components["schemas"]["Error"];

const env = (name: string): string => {
	const v = process.env[name];
	if (!v)
		throw new Error(`${name} is not set`);
	return v;
};
const U = env("U"), test = env("TEST_NAME");
let failed = 0;
const check = (ok: boolean, what: string): void => {
	console.log(`${ok ? "PASS" : "FAIL"} ${test}: ${what}`);
	if (!ok)
		failed++;
};
const client = (token: string) =>
	createClient<paths>({ baseUrl: `${U}/api/v1`, headers: { Authorization: `Bearer ${token}` } });
const reg = client(env("TREG")), hand = client(env("THAND")), anna = client(env("TANNA"));
const org = "kommun";
// "KS 2026/0001-1" is KS-2026-0001-1 in a path
const slug = (n: string): string => n.replace(/[ /]/g, "-");
const why = (e: ApiError | undefined): string => (e ? ` (${e.error.code}: ${e.error.message})` : "");

async function main(): Promise<void> {
	// Open the case.
	const opened = await reg.POST("/cases", {
		params: { query: { org } },
		body: { series: "KS", title: "Bygglov för garage, Storgatan 1", class: "3.2.1", unit: "SBF" },
	});
	check(opened.response.status === 201 && !!opened.data, `open a case${why(opened.error)}`);
	const number = opened.data!.number;

	// Register the application, safely retried with an Idempotency-Key.
	const letter = {
		case: number,
		direction: "in" as const,
		title: "Ansökan om bygglov",
		date: "2026-03-01",
		party: { kind: "person" as const, name: "Sven Svensson", id: "19121212-1212" },
		doc_type: "Ansökan",
	};
	const key = `scenario-${Date.now()}`;
	const first = await reg.POST("/records", {
		params: { query: { org }, header: { "Idempotency-Key": key } },
		body: letter,
	});
	check(first.response.status === 201 && !!first.data, `register the application${why(first.error)}`);
	const again = await reg.POST("/records", {
		params: { query: { org }, header: { "Idempotency-Key": key } },
		body: letter,
	});
	check(again.data?.number === first.data?.number && again.response.headers.get("Idempotent-Replayed") === "true",
	      "the same registration sent again is the first one replayed, not a second record");
	const record = first.data!.number;
	const secret = await reg.POST("/records", {
		params: { query: { org } },
		body: {
			case: number, direction: "in", title: "Yttrande från grannen", party: { kind: "person", name: "Karin Zebrafink" },
			secrecy: "partial", legal_ground: "OSL 21 kap. 1 §", masked: "party",
		},
	});
	check(secret.response.status === 201, `register a letter whose sender is secret${why(secret.error)}`);

	// Upload a drawing: a new version of the record.
	const uploaded = await reg.POST("/records/{record}/files", {
		params: { path: { record: slug(record) }, query: { org } },
		body: { file: [], reason: "Ritning inkommen" },
		bodySerializer: (b) => {
			const form = new FormData();
			form.append("file", new Blob(["Ritning över garaget\n"], { type: "text/plain" }), "ritning.txt");
			form.append("reason", b.reason ?? "");
			return form;
		},
	});
	check(uploaded.response.status === 201 && uploaded.data?.files.some((f) => f.name === "ritning.txt") === true,
	      `upload a file${why(uploaded.error)}`);

	// Refusals are typed too: a stable code, the field, both languages.
	const refused = await reg.POST("/cases", { params: { query: { org } }, body: { series: "KS", title: "" } });
	check(refused.response.status === 422 && refused.error?.error.field === "title" && !!refused.error.error.message_sv,
	      `a case without a title is refused with its field and a Swedish message (${refused.error?.error.message_sv})`);

	// The officer, the decision, the closing.
	const assigned = await reg.POST("/cases/{case}/changes", {
		params: { path: { case: slug(number) }, query: { org } },
		body: { officer: "hand" },
	});
	check(assigned.data?.officer === "hand", `assign the officer${why(assigned.error)}`);
	const decided = await hand.POST("/cases/{case}/changes", {
		params: { path: { case: slug(number) }, query: { org } },
		body: { status: "decided" },
	});
	check(decided.data?.status === "decided", `the officer decides${why(decided.error)}`);
	const closed = await hand.POST("/cases/{case}/changes", {
		params: { path: { case: slug(number) }, query: { org } },
		body: { status: "closed" },
	});
	check(closed.data?.status === "closed", `and closes the case${why(closed.error)}`);

	// Every case, a page at a time, following next's cursor.
	const whole = await reg.GET("/cases", { params: { query: { org, limit: 1000 } } });
	const all: CaseSummary[] = [];
	let cursor: string | undefined;
	let pages = 0;
	for (;;) {
		const page = await reg.GET("/cases", { params: { query: { org, limit: 2, cursor } } });
		if (!page.data) {
			check(false, `a page of cases${why(page.error)}`);
			break;
		}
		pages++;
		all.push(...page.data.cases);
		if (page.data.next === null)
			break;
		cursor = new URL(page.data.next, U).searchParams.get("cursor") ?? undefined;
	}
	check(pages > 1 && JSON.stringify(all) === JSON.stringify(whole.data?.cases),
	      `the cases listed by 2 in ${pages} pages are the whole list (${whole.data?.total} cases)`);
	check(all.some((c) => c.number === number && c.status === "closed"), "the closed case is among them");

	// The record as a reader sees it: the secret sender masked.
	const read = await anna.GET("/records/{record}", {
		params: { path: { record: slug(secret.data!.number) }, query: { org } },
	});
	check(read.data?.party === "Sekretess enligt OSL 21 kap. 1 §",
	      `a reader reads the letter with its sender masked (${read.data?.party})`);
	const application = await anna.GET("/records/{record}", { params: { path: { record: slug(record) }, query: { org } } });
	check(application.data?.title === "Ansökan om bygglov" && application.data.version === 2,
	      "and the application with both its versions");

	// And the public registry's open data, no token.
	const pub = await fetch(`${U}/offentlig/data.json?org=${org}`);
	const text = await pub.text();
	check(pub.status === 200 && text.includes(record) && !text.includes("Zebrafink"),
	      "the public registry lists the application, and not the secret sender");

	process.exitCode = failed ? 1 : 0;
}

main().catch((e: unknown) => {
	check(false, `the scenario stopped: ${e instanceof Error ? e.message : String(e)}`);
	process.exitCode = 1;
});
