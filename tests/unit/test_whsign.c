/* test_whsign.c — webhook signatures against the Standard Webhooks
 * specification's own example, and the secrets kansli makes. */
#include <sodium.h>
#include <string.h>

#include "test.h"
#include "util/whsign.h"

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	/* the example of the specification and its reference libraries */
	const char *secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
	const char *body = "{\"test\": 2432232314}";
	char sig[WHSIGN_SIGNATURE_LEN];
	CHECK("the specification's example signs as its libraries do",
	      whsign_sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body, strlen(body), sig) == 0 &&
	      !strcmp(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
	char other[WHSIGN_SIGNATURE_LEN];
	whsign_sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265331, body, strlen(body), other);
	CHECK("another timestamp, another signature", strcmp(sig, other) != 0);
	whsign_sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJeK", 1614265330, body, strlen(body), other);
	CHECK("another id, another signature", strcmp(sig, other) != 0);
	CHECK("a secret without whsec_ is refused", whsign_sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "m", 1, "", 0, sig) != 0);
	CHECK("a secret that is not base64 is refused", whsign_sign("whsec_!!!", "m", 1, "", 0, sig) != 0);
	CHECK("a secret of no bytes (whsec_ alone) is refused: an empty key signs nothing", whsign_sign("whsec_", "m", 1, "", 0, sig) != 0);
	char a[WHSIGN_SECRET_LEN], b[WHSIGN_SECRET_LEN];
	whsign_secret_new(a);
	whsign_secret_new(b);
	CHECK("a new secret is whsec_ and 24 bytes in base64", !strncmp(a, "whsec_", 6) && strlen(a) == 6 + 32);
	CHECK("two secrets differ", strcmp(a, b) != 0);
	CHECK("a new secret signs", whsign_sign(a, "m", 1, "x", 1, sig) == 0 && !strncmp(sig, "v1,", 3) &&
	      strlen(sig) == 3 + 44);
	TEST_END();
}
