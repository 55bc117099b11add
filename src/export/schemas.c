/*
 * schemas.c — the XML schemas every package carries (share/schemas/, see
 * its README for their sources and licences), built into the program so a
 * new installation can deliver packages without files installed beside it.
 * (util/embed.h).
 */
#include "export/sip.h"
#include "util/embed.h"

EMBED(schema_mets, "share/schemas/mets.xsd");
EMBED(schema_xlink, "share/schemas/xlink.xsd");
EMBED(schema_csip, "share/schemas/DILCISExtensionMETS.xsd");
EMBED(schema_sip, "share/schemas/DILCISExtensionSIPMETS.xsd");
EMBED(schema_premis, "share/schemas/premis-v3-0.xsd");
EMBED(schema_erms, "share/schemas/ERMS_v2_1_2.xsd");

const sip_schema sip_schemas[] = {
	{ "mets.xsd", schema_mets, schema_mets_end },
	{ "xlink.xsd", schema_xlink, schema_xlink_end },
	{ "DILCISExtensionMETS.xsd", schema_csip, schema_csip_end },
	{ "DILCISExtensionSIPMETS.xsd", schema_sip, schema_sip_end },
	{ "premis-v3-0.xsd", schema_premis, schema_premis_end },
	{ "ERMS_v2_1_2.xsd", schema_erms, schema_erms_end },
	{ NULL, NULL, NULL },
};
