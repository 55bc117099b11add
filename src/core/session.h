/*
 * session.h — who is logged in to the web application, and API tokens.
 *
 * Session and token secrets are random 256-bit values handed to the client
 * once; only their SHA-256 is stored, so a copy of the database does not
 * let anyone log in. A session ends after 30 minutes idle or 12 hours in
 * all. Failed logins are counted per client address and per account:
 * after 100 in an hour from one address, that address is refused until
 * the hour has passed; after 100 on one account, the addresses that failed
 * on it are refused, and the real user from another address still gets in.
 * An unknown user name costs the same argon2id verification as a known one.
 */
#ifndef KANSLI_SESSION_H
#define KANSLI_SESSION_H

#include <jansson.h>
#include <stdint.h>

#include "core/kansli.h"

#define SESSION_IDLE_US (30LL * 60 * 1000000)
#define SESSION_MAX_US (12LL * 3600 * 1000000)
#define LOGIN_MAX_FAILURES_PER_HOUR 100
#define SESSION_TOKEN_LEN 64 /* hex characters */

/* Why a session a client presents is no longer live (session.ended). */
enum {
	SESSION_LIVE = 0,
	SESSION_IDLE,       /* 30 minutes without a request (SESSION_IDLE_US) */
	SESSION_TOO_OLD,    /* 12 hours after its login (SESSION_MAX_US) */
	SESSION_LOGGED_OUT, /* logged out, ended by another session, or its user disabled */
};

typedef struct session {
	int64_t id, user_id;
	char username[65];
	char full_name[201];
	char language[3]; /* the web UI's: "sv" or "en" (core/userlang.h) */
	char csrf[SESSION_TOKEN_LEN + 1];
	int ended;        /* SESSION_*: set by session_resume's KERR_DENIED for a session it knows */
	int must_change;  /* an administrator set the password: it must be changed first (core/account.h) */
	int64_t token_id; /* the API token's id when token_resume made it, else 0 */
	int64_t token_seen; /* when that token was last noted as used (token_touch), 0: never */
} session;

/* Checks the password (argon2id) and opens a session; the token goes to the
 * client in a cookie. KERR_DENIED with one message for any wrong
 * credentials, a disabled account's included (a right password for one
 * is logged as session.refused); KERR_CONFLICT when the account is
 * throttled. out->must_change says the password must be changed first. */
int session_login(kansli *k, const char *username, const char *password, const char *user_agent,
                  const char *address, char token[SESSION_TOKEN_LEN + 1], session *out, kerr *e);
/* The login throttle for a check of username's password other than a
 * login (core/account.h's password change): 0 when a check from address
 * may be tried now, KERR_CONFLICT when a login from there would be
 * refused as throttled, or a storage error. */
int session_login_allowed(kansli *k, const char *username, const char *address, kerr *e);
/* Counts a wrong password for username from address toward that throttle,
 * as a failed login does (its own transaction). 0 or KERR_*. */
int session_login_failed(kansli *k, const char *username, const char *address, kerr *e);
/* Finds a live session by token; KERR_DENIED when unknown or no longer
 * live. For a session the token names that is no longer live, *out still
 * holds it (id, user, csrf) and out->ended says why, so that a form sent
 * after a timeout can be kept for the same user's next login; otherwise
 * out->ended is SESSION_LIVE. */
int session_resume(kansli *k, const char *token, session *out, kerr *e);
int session_logout(kansli *k, int64_t session_id, kerr *e);
/* Ends every other live session of the user. */
int session_end_others(kansli *k, int64_t user_id, int64_t keep_id, kerr *e);
/* Live sessions of a user: [{id, created, last_seen, user_agent, address}]. */
json_t *session_list(kansli *k, int64_t user_id, kerr *e);

/* 1 when given equals secret (a CSRF token), compared in constant time. */
int session_secret_equal(const char *given, const char *secret);

/* API tokens for machines: created for a user, expiring, revocable. */
int token_create(kansli *k, const char *username, const char *name, int days,
                 char token[SESSION_TOKEN_LEN + 1], kerr *e);
int token_resume(kansli *k, const char *token, session *out, kerr *e);
/* Notes that the token token_id was used now by user_agent (for the lists
 * of core/account.h), at most once a minute: seen is out->token_seen. A
 * failure is returned but changes nothing else. */
int token_touch(kansli *k, int64_t token_id, int64_t seen, const char *user_agent, kerr *e);
int token_revoke(kansli *k, int64_t token_id, kerr *e);
json_t *token_list(kansli *k, kerr *e);

/* The check value a session's login event carries (hex SHA-256 of the
 * token's hash): it ties the row to the event without the event holding
 * what a client presents or the table looks up. */
void session_token_check(const unsigned char token_hash[32], char out[65]);

#endif
