/*
 * page_static.c — the one stylesheet. Served from memory with a long cache
 * lifetime and an ETag; no inline styles anywhere, so the CSP can forbid
 * them. Colours meet WCAG 2.1 AA contrast (4.5:1 for text).
 */
#include <string.h>

#include "web/pages.h"
#include "web/respond.h"

static const char css[] =
	":root{--ink:#1a1a1a;--muted:#4a4a4a;--line:#c8c8c8;--bg:#fff;--accent:#0b4f8a;"
	"--accent-ink:#fff;--error:#a4000f;--ok:#1d5e20;--band:#f3f5f7}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;font:1rem/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--ink);"
	"background:var(--bg)}\n"
	".skip{position:absolute;left:-999px;top:0;background:var(--accent);color:var(--accent-ink);padding:.5rem}\n"
	".skip:focus{left:0}\n"
	"header{display:flex;flex-wrap:wrap;align-items:center;gap:1rem;padding:.5rem 1rem;"
	"background:var(--accent);color:var(--accent-ink)}\n"
	"header a{color:var(--accent-ink)}\n"
	".brand{font-weight:700;font-size:1.25rem;text-decoration:none}\n"
	"nav ul{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;margin:0;padding:0}\n"
	".logout{margin-left:auto;display:flex;gap:.5rem;align-items:center}\n"
	/* the public's language switch, at the header's end */
	"header a.lang{margin-left:auto}\n"
	"main{max-width:72rem;margin:0 auto;padding:1rem}\n"
	"footer{border-top:1px solid var(--line);color:var(--muted);padding:1rem;text-align:center}\n"
	"h1{font-size:1.75rem;margin:.5rem 0 1rem}h2{font-size:1.25rem}\n"
	"a{color:var(--accent)}a:focus,button:focus,input:focus,select:focus,textarea:focus"
	"{outline:3px solid #f5a623;outline-offset:2px}\n"
	"table{border-collapse:collapse;width:100%;margin:1rem 0}\n"
	"caption{text-align:left;font-weight:600;padding:.25rem 0}\n"
	"th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}\n"
	"thead th{background:var(--band)}\n"
	".form p{margin:.5rem 0}.form label{display:block;font-weight:600}\n"
	".form input[type=checkbox]+label{display:inline;font-weight:400}\n"
	"input,select,textarea{font:inherit;padding:.35rem;border:1px solid #767676;border-radius:3px;"
	"max-width:100%}\n"
	"input[type=text],input:not([type]),textarea,select{width:28rem}\n"
	"button{font:inherit;padding:.4rem .9rem;border:0;border-radius:3px;background:var(--accent);"
	"color:var(--accent-ink);cursor:pointer}\n"
	"header button{background:var(--accent-ink);color:var(--accent)}\n"
	".error{color:var(--error);font-weight:600}.ok{color:var(--ok);font-weight:600}\n"
	/* a refused form: the summary at the top, the message at the field */
	".error-summary{border:4px solid var(--error);padding:.5rem 1rem;margin:1rem 0}\n"
	".error-summary h2{margin:.25rem 0}.error-summary a{color:var(--error);font-weight:600}\n"
	".field-error{display:block;color:var(--error);font-weight:600}\n"
	"[aria-invalid=true]{border:2px solid var(--error)}.pending-upload{display:block}\n"
	".grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:1rem}\n"
	".grid section{border:1px solid var(--line);border-radius:4px;padding:0 1rem}\n"
	".date,.muted{color:var(--muted)}\n"
	".filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end;background:var(--band);"
	"padding:.75rem;border-radius:4px}\n"
	".filters label{display:block;font-size:.9rem;font-weight:600}\n"
	".filters input,.filters select{width:auto}\n"
	".secret{color:var(--error)}\n"
	".hash{font-family:monospace;font-size:.85em;word-break:break-all}\n"
	".action-group{border:1px solid var(--line);border-radius:4px;margin:.5rem 0;padding:0 .75rem}\n"
	".action-group summary{font-weight:600;padding:.5rem 0;cursor:pointer}\n"
	/* a folded § of a long meeting: its heading is the summary line */
	".fold summary,.row-actions summary{cursor:pointer;padding:.25rem 0}.fold summary h3{display:inline;margin:0}\n"
	".actions .group{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(16rem,100%),1fr));gap:1rem;"
	"padding-bottom:.75rem}\n"
	".actions fieldset{margin:0;height:100%;min-width:0}.actions input,.actions select,.actions textarea{width:100%}\n"
	".counts{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;margin:0 0 1rem;padding:0}"
	".counts li{border:1px solid var(--line);border-radius:4px;padding:.5rem .75rem;background:var(--band)}"
	".counts strong{font-size:1.4rem;margin-right:.25rem}\n"
	".refused{border:1px dashed var(--line);border-radius:4px;padding:0 .75rem;color:var(--muted)}\n"
	".tag{display:inline-block;padding:0 .45rem;border-radius:3px;font-size:.9em;font-weight:600;"
	"border:1px solid currentColor;white-space:nowrap}\n"
	".tag-open{color:#0b4f8a;background:#e6f0fa}.tag-decided{color:#6b4500;background:#fdf1d8}"
	".tag-closed{color:#3d3d3d;background:#ececec}.tag-secret{color:#a4000f;background:#fdeaea}"
	".tag-planned{color:#3d3d3d;background:#ececec}.tag-called{color:#0b4f8a;background:#e6f0fa}"
	".tag-held{color:#6b4500;background:#fdf1d8}.tag-adjusted{color:#1d5e20;background:#e5f3e6}\n"

	"dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}\n"
	"dl.meta dt{font-weight:600}dl.meta dd{margin:0}\n"
	"fieldset{border:1px solid var(--line);border-radius:4px;margin:1rem 0;min-width:0}\n"
	".table-wrap{position:relative;max-width:100%;overflow-x:auto}\n"
	".pager{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:baseline}\n"
	".pager ul{display:flex;flex-wrap:wrap;gap:.25rem .75rem;list-style:none;margin:0;padding:0}"
	".pager p{margin:.5rem 0}.pager [aria-current]{font-weight:700}\n"
	/* Phones: tables of the public pages (.stack) become one block per
	 * row, each cell headed by its column's name (data-label); nothing
	 * is wider than the screen. */
	".decisions li{margin-bottom:.5rem}.case-title{font-size:1.15rem}.stack td{overflow-wrap:anywhere}\n"
	"pre{white-space:pre-wrap;overflow-wrap:anywhere}code{overflow-wrap:anywhere}\n"
	".wayback-search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:1rem 0}\n"
	"@media (max-width:40rem){main{padding:.5rem;overflow-wrap:anywhere}"
	"header{gap:.5rem}header .search,header .search input{width:100%}"
	"input[type=text],input:not([type]),input[type=search],textarea,select{width:100%}"
	".filters p{flex:1 1 100%;margin:0}dl.meta{grid-template-columns:1fr}dl.meta dd{margin-bottom:.25rem}"
	".stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}"
	".stack table,.stack tbody,.stack tr,.stack td{display:block;width:100%}"
	".stack tr{border-bottom:2px solid var(--line);padding:.25rem 0}"
	".stack td{border:0;padding:.1rem .25rem}"
	".stack td[data-label]::before{content:attr(data-label) \": \";font-weight:600}}\n"
	".visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);"
	"white-space:nowrap}\n"
	"header .search{display:flex;gap:.25rem}header .search input{width:14rem}\n"
	"mark{background:#fff3a0;color:inherit}.hits li{margin-bottom:1rem}\n"
	".facets{display:flex;flex-wrap:wrap;gap:2rem}.facets h2{font-size:1rem;margin:.5rem 0 0}\n"
	".notice{border-top:1px solid var(--line);padding:.25rem 0 .5rem}.notice h2,.notice h3{margin:.5rem 0}\n"
	".notice-text{max-width:48rem}td .form input:not([type]){width:12rem}\n"
	".disposed{font-style:italic;color:var(--muted)}p.disposed{border-left:4px solid var(--line);"
	"padding-left:.5rem}\n"
	"td.num{text-align:right;font-variant-numeric:tabular-nums}.figures th,.figures td{font-size:.9rem}.figures th[scope=row]{overflow-wrap:anywhere}\n"
	".chart{margin:1rem 0}.chart svg{max-width:100%;height:auto}.chart .bar-now{fill:#0b4f8a}\n"
	".chart .bar-prev{fill:#fff;stroke:#1a1a1a;stroke-width:1}.chart .axis{stroke:#1a1a1a}\n"
	".chart .tick{font-size:12px;fill:#1a1a1a}\n";

/* PAGE: GET /static/kansli.css  access: public */
enum MHD_Result page_css(request *r)
{
	const char *etag = "\"kansli-css-4\"";
	const char *inm = req_header(r, "If-None-Match");
	struct MHD_Response *resp;
	unsigned status = 200;
	if (inm && !strcmp(inm, etag)) {
		resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		status = 304;
	} else {
		resp = MHD_create_response_from_buffer(sizeof css - 1, (void *)css, MHD_RESPMEM_PERSISTENT);
	}
	MHD_add_response_header(resp, "Content-Type", "text/css; charset=utf-8");
	MHD_add_response_header(resp, "Cache-Control", "public, max-age=86400");
	MHD_add_response_header(resp, "ETag", etag);
	web_response_headers(r, resp);
	r->status = status;
	enum MHD_Result ret = MHD_queue_response(r->c, status, resp);
	MHD_destroy_response(resp);
	return ret;
}
