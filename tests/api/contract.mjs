// contract.mjs — checks recorded API traffic against kansli's OpenAPI
// document. The document must pass swagger-parser's validation; then every
// recorded answer (KANSLI_API_RECORD, web/api_record.c: one JSON line per
// answer) must be declared: its path and method an operation of the
// document (or 404/405 with the error envelope), its status one the
// operation lists, its content type one that status lists, and a JSON body
// valid against that schema, which allows no undeclared member. A request
// that succeeded must itself have been valid: its JSON body, its query and
// path parameters against their declarations.
//
//   node contract.mjs NAME DOCUMENT.json RECORD.jsonl [--cover]
//
// Prints "PASS NAME: ..." and "FAIL NAME: ..." lines (tests/run counts
// them); with --cover, an operation the record never reached with a
// success is a failure too. Exit status 1 on any failure.
import fs from "node:fs";
import SwaggerParser from "@apidevtools/swagger-parser";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [name, docFile, recFile, ...flags] = process.argv.slice(2);
if (!recFile) {
	console.error("usage: node contract.mjs NAME DOCUMENT.json RECORD.jsonl [--cover]");
	process.exit(2);
}
let failed = 0;
const pass = (m) => console.log(`PASS ${name}: ${m}`);
const fail = (m) => { console.log(`FAIL ${name}: ${m}`); failed++; };

const raw = JSON.parse(fs.readFileSync(docFile, "utf8"));
try {
	await SwaggerParser.validate(structuredClone(raw));
	pass(`the document is valid OpenAPI ${raw.openapi} (swagger-parser)`);
} catch (e) {
	fail(`swagger-parser refuses the document: ${e.message.slice(0, 400)}`);
	process.exit(1);
}
const doc = await SwaggerParser.dereference(structuredClone(raw));
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
const compiled = new Map();
function check(schema, value) {
	let v = compiled.get(schema);
	if (!v) {
		v = ajv.compile(schema);
		compiled.set(schema, v);
	}
	if (v(value))
		return null;
	return ajv.errorsText(v.errors, { separator: "; " }).slice(0, 500);
}

// The document's examples are answers and bodies too: each must be valid.
let examples = 0;
for (const [sname, schema] of Object.entries(doc.components.schemas))
	for (const ex of schema.examples || []) {
		examples++;
		const err = check(schema, ex);
		if (err)
			fail(`the example of ${sname} does not match its schema: ${err}`);
	}
pass(`the document's ${examples} examples match their schemas`);

const base = (raw.servers && raw.servers[0] && raw.servers[0].url) || "";
const templates = Object.keys(doc.paths).map((p) => {
	const segs = p.split("/");
	return { path: p, segs, literal: segs.filter((s) => !s.startsWith("{")).length };
});
// The templates a path matches, the most literal first, with the values of
// their parameters.
function matches(path) {
	const segs = path.split("/");
	const out = [];
	for (const t of templates) {
		if (t.segs.length !== segs.length)
			continue;
		const params = {};
		let ok = true;
		t.segs.forEach((s, i) => {
			if (s.startsWith("{"))
				ok = ok && segs[i] !== "" && (params[s.slice(1, -1)] = decodeURIComponent(segs[i])) !== undefined;
			else
				ok = ok && s === segs[i];
		});
		if (ok)
			out.push({ t, params });
	}
	return out.sort((a, b) => b.t.literal - a.t.literal);
}
// A parameter's text as the type its schema declares, for ajv.
function typed(schema, text) {
	const type = schema && (Array.isArray(schema.type) ? schema.type[0] : schema.type);
	if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?$/.test(text))
		return Number(text);
	if (type === "boolean" && (text === "true" || text === "false"))
		return text === "true";
	return text;
}

const problems = new Map(); // a message once, with how often it was seen
const covered = new Map();  // "METHOD path status" -> count
function problem(m) { problems.set(m, (problems.get(m) || 0) + 1); }

const lines = fs.existsSync(recFile) ? fs.readFileSync(recFile, "utf8").split("\n").filter((l) => l) : [];
let n = 0;
for (const line of lines) {
	let r;
	try { r = JSON.parse(line); } catch { problem(`a record line is not JSON: ${line.slice(0, 100)}`); continue; }
	n++;
	const method = r.method === "HEAD" ? "get" : r.method.toLowerCase();
	if (!r.path.startsWith(base + "/") && r.path !== base) {
		continue; // not the API this document describes
	}
	const rel = r.path.slice(base.length);
	const found = matches(rel);
	const hit = found.find((f) => doc.paths[f.t.path][method]);
	const where = `${r.method} ${found.length ? found[0].t.path : rel} ${r.status}`;
	const errorEnvelope = () => {
		const err = r.response ? check(doc.components.schemas.Error, r.response) : "no JSON body";
		if (err)
			problem(`${where}: the error is not the envelope: ${err}`);
	};
	if (!hit) {
		// an unknown path is 404, a known one with another method 405
		const want = found.length ? 405 : 404;
		if (r.status !== want && r.status !== 401 && r.status !== 400)
			problem(`${where}: an undeclared ${found.length ? "method" : "path"} answered ${r.status}, not ${want}`);
		errorEnvelope();
		covered.set(`(undeclared) ${r.status}`, 1);
		continue;
	}
	const op = doc.paths[hit.t.path][method];
	const opName = `${method.toUpperCase()} ${hit.t.path}`;
	const key = `${opName} ${r.status}`;
	covered.set(key, (covered.get(key) || 0) + 1);
	const resp = op.responses[String(r.status)];
	if (!resp) {
		problem(`${key}: status ${r.status} is not declared (declared: ${Object.keys(op.responses).join(" ")})` +
			(r.response && r.response.error ? ` [${r.response.error.code}: ${r.response.error.message}]` : ""));
		continue;
	}
	const media = (r.type || "").split(";")[0].trim();
	const content = resp.content || {};
	if (!resp.content) {
		// an answer without a body (304)
		if (r.response_bytes)
			problem(`${key}: a body where none is declared`);
		continue;
	}
	if (r.method !== "HEAD" && !content[media]) {
		problem(`${key}: content type ${media || "(none)"} is not declared (declared: ${Object.keys(content).join(" ") || "none"})`);
		continue;
	}
	if (media === "application/json" && r.method !== "HEAD") {
		if (r.response === null || r.response === undefined)
			problem(`${key}: the JSON body does not parse`);
		else {
			const err = check(content[media].schema, r.response);
			if (err)
				problem(`${key}: the body does not match the schema: ${err}`);
		}
	}
	if (r.status >= 300)
		continue;
	// A request that succeeded was a valid one.
	const params = op.parameters || [];
	for (const p of params) {
		if (p.in === "path") {
			const err = check(p.schema, typed(p.schema, hit.params[p.name]));
			if (err)
				problem(`${opName}: path parameter ${p.name}=${hit.params[p.name]} is not valid: ${err}`);
		}
		if (p.in === "query" && r.query[p.name] !== undefined && r.query[p.name] !== null) {
			const err = check(p.schema, typed(p.schema, r.query[p.name]));
			if (err)
				problem(`${opName}: query parameter ${p.name}=${r.query[p.name]} is not valid: ${err}`);
		}
		if (p.in === "query" && p.required && r.query[p.name] === undefined)
			problem(`${opName}: succeeded without its required query parameter ${p.name}`);
	}
	// ?org= and ?lang= are read on every request (the organisation, where
	// one applies, and the language of a message), so they are not
	// declared on each operation.
	for (const q of Object.keys(r.query || {}))
		if (q !== "org" && q !== "lang" && !params.some((p) => p.in === "query" && p.name === q))
			problem(`${opName}: undeclared query parameter ${q}`);
	const body = op.requestBody && op.requestBody.content;
	if (r.request !== null && r.request !== undefined) {
		if (!body || !body["application/json"])
			problem(`${opName}: succeeded with a JSON body it does not declare`);
		else {
			const err = check(body["application/json"].schema, r.request);
			if (err)
				problem(`${opName}: the request body does not match the schema: ${err}`);
		}
	} else if (op.requestBody && op.requestBody.required && r.request_type &&
	           r.request_type.startsWith("application/json")) {
		problem(`${opName}: succeeded with a JSON body that does not parse`);
	}
}

if (n === 0)
	fail(`no API traffic was recorded in ${recFile}`);
else
	pass(`${n} recorded answers read, ${covered.size} operation and status pairs`);
for (const [m, count] of problems)
	fail(count > 1 ? `${m} (${count} times)` : m);
if (problems.size === 0 && n > 0)
	pass("every recorded request and answer is as the document declares");
if (flags.includes("--cover")) {
	const missing = [];
	for (const [p, item] of Object.entries(doc.paths))
		for (const m of Object.keys(item))
			if (!["parameters", "summary", "description"].includes(m) &&
			    ![...covered.keys()].some((k) => k.startsWith(`${m.toUpperCase()} ${p} 2`)))
				missing.push(`${m.toUpperCase()} ${p}`);
	if (missing.length)
		fail(`operations never answered with success: ${missing.join(", ")}`);
	else
		pass("every operation of the document was answered with success at least once");
}
process.exit(failed ? 1 : 0);
