/* fuzz_checkpoint.c — checkpoint_verify on hostile text (verify-remote will
 * read checkpoints from other servers). */
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/checkpoint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char pk[32], sk[64];
	static int ready;
	if (!ready) {
		if (sodium_init() < 0)
			abort();
		crypto_sign_seed_keypair(pk, sk, (const unsigned char *)"kansli-fuzz-seed-0123456789abcde");
		ready = 1;
	}
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	char *origin = NULL, why[128];
	uint64_t n;
	unsigned char root[32];
	if (checkpoint_verify(s, "fuzz.example", pk, &origin, &n, root, why, sizeof why) == 0)
		free(origin);
	free(s);
	return 0;
}
