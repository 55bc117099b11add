/*
 * page_search_help.c — how to search: the language of core/query.h told
 * for the staff and public search boxes.
 */
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/respond.h"

/* PAGE: GET /sokhjalp  access: public */
enum MHD_Result page_search_help(request *r)
{
	buf b = BUF_INIT;
	layout_begin(&b, r, _("Så söker du"));
	html_f(&b,
		_("<h1>Så söker du</h1>\n"
		"<p>Sökrutan förstår ord, fraser och några enkla regler. Allt annat du skriver söks som vanlig text, "
		"så skiljetecken, kolon och bindestreck gör inget fel.</p>\n"
		"<dl class=\"meta\">\n"
		"<dt><code>bygglov garage</code></dt><dd>Handlingar med båda orden. Böjda former hittas också: "
		"<code>bygglovet</code> hittar <code>bygglov</code>.</dd>\n"
		"<dt><code>\"ansökan om bygglov\"</code></dt><dd>Orden i just den ordningen (en fras).</dd>\n"
		"<dt><code>detaljpl*</code></dt><dd>Ord som börjar så (minst två bokstäver före <code>*</code>). "
		"<code>\"sven er\"*</code> gör samma sak med en fras.</dd>\n"
		"<dt><code>bygglov OR marklov</code></dt><dd>Något av orden.</dd>\n"
		"<dt><code>bygglov AND garage</code></dt><dd>Båda orden (samma sak som utan AND).</dd>\n"
		"<dt><code>bygglov NOT beslut</code>, <code>bygglov -beslut</code></dt><dd>Utan ordet "
		"<code>beslut</code>. Det måste finnas något att söka efter utöver det som utesluts.</dd>\n"
		"<dt><code>(bygglov OR marklov) garage</code></dt><dd>Parenteser grupperar, högst åtta nivåer.</dd>\n"
		"<dt><code>KS 2026/0042</code>, <code>KS 2026/0042-3</code>, <code>KS 2026/</code></dt>"
		"<dd>Diarienummer söks bara bland numren: ett ärende, en handling eller en series år. Ett "
		"ärendenummer som finns tar dig direkt till ärendet.</dd>\n"
		"<dt><code>Sven-Erik</code>, <code>Boken 1:2</code></dt><dd>Namn med bindestreck och "
		"fastighetsbeteckningar söks som de skrivs.</dd>\n"
		"<dt><code>19121212-1212</code>, <code>212000-0142</code></dt><dd>Ett personnummer eller "
		"organisationsnummer hittar de handlingar där det är parten, för den som får se parten. "
		"Den offentliga diarieförteckningen söker aldrig bland parter.</dd>\n"
		"</dl>\n"
		"<p><code>AND</code>, <code>OR</code> och <code>NOT</code> skrivs med versaler; med gemener är de "
		"vanliga ord. Ord bredvid varandra betyder AND, och AND binder hårdare än OR. En sökning får vara "
		"högst 1000 tecken och 32 ord.</p>\n"
		"<p>Sekretessbelagda uppgifter söks bara av den som har rätt att läsa dem, och sådana träffar "
		"loggas som läsningar. I den offentliga diarieförteckningen söks nummer, rubriker, ärendemeningar "
		"och klassificering.</p>\n"));
	layout_end_r(&b, r);
	return web_html(r, 200, &b);
}
