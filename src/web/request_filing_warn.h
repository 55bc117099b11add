/*
 * request_filing_warn.h — the warning staff see while requests for public
 * documents fall back to the first created of several series because no
 * series is chosen for them (core/request_filing.h).
 */
#ifndef KANSLI_REQUEST_FILING_WARN_H
#define KANSLI_REQUEST_FILING_WARN_H

#include "web/page.h"

/* Writes the warning, with a link to the setting on the admin page, when
 * requests fall back; nothing otherwise. The caller has decided that the
 * user may see it (registrars, administrators). 0, or a read error in
 * p->e. */
int request_filing_warn(page *p);

#endif
