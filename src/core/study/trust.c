/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The trusted instructor keys (declared in sign.h): kept in the database by
 * the store, turned into a key set here, so the signing layer never needs the
 * database. A key id names one key: trusting a second key under a known id is
 * refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recite/common.h"
#include "recite/sign.h"
#include "recite/store.h"

struct trusted_ctx {
    struct recite_keyset *set;
    struct recite_error *err;
};

static int add_trusted(void *ctx, const char *keyid_hex, const char *pubkey, const char *comment)
{
    struct trusted_ctx *t = ctx;
    struct recite_pubkey key;
    if (recite_pubkey_parse(&key, pubkey, strlen(pubkey), t->err) < 0)
        return recite_error_set(t->err, RECITE_EDATA, "trusted key %s in the database is malformed",
                                keyid_hex);
    return recite_keyset_add(t->set, &key, comment, t->err);
}

int recite_keyset_from_trusted(struct recite_keyset *out, struct recite_store *st,
                               struct recite_error *err)
{
    *out = (struct recite_keyset)RECITE_KEYSET_INIT;
    struct trusted_ctx ctx = {out, err};
    int rc = recite_store_trusted_keys(st, add_trusted, &ctx, err);
    if (rc < 0)
        recite_keyset_release(out);
    return rc;
}

int recite_trusted_key_add(struct recite_store *st, const struct recite_pubkey *key,
                           const char *name, int64_t now_ms, struct recite_error *err)
{
    struct recite_keyset set;
    char hex[RECITE_KEYID_HEX_LEN + 1], given[RECITE_PUBKEY_TEXT_LEN + 1];
    recite_keyid_hex(hex, key->keyid);
    recite_pubkey_format(given, key);
    int rc = recite_keyset_from_trusted(&set, st, err);
    for (size_t i = 0; rc == 0 && i < set.count; i++) {
        if (memcmp(set.keys[i].keyid, key->keyid, RECITE_KEYID_BYTES) != 0 ||
            memcmp(set.keys[i].pk, key->pk, sizeof(key->pk)) == 0)
            continue;
        char trusted[RECITE_PUBKEY_TEXT_LEN + 1];
        recite_pubkey_format(trusted, &set.keys[i]);
        rc = recite_error_set(err, RECITE_EEXISTS,
                              "key id %s is already trusted for another key: trusted %s, "
                              "given %s; a key id must name one key",
                              hex, trusted, given);
    }
    recite_keyset_release(&set);
    if (rc == 0)
        rc = recite_store_trusted_key_add(st, hex, given, name ? name : "", now_ms, err);
    return rc;
}

int recite_sign_check_trusted(struct recite_store *st, const char *path, char **out_signer,
                              enum recite_fault *fault, struct recite_error *err)
{
    struct recite_keyset set;
    size_t index = 0;
    *out_signer = NULL;
    int rc = recite_keyset_from_trusted(&set, st, err);
    if (rc < 0)
        return rc;
    rc = recite_sign_verify_file(path, &set, &index, fault, err);
    if (rc == RECITE_EVERIFY && fault && *fault == RECITE_FAULT_UNKNOWN_KEY) {
        char msg[sizeof(err->msg)];
        snprintf(msg, sizeof(msg), "%s", err ? err->msg : "");
        rc = recite_error_set(err, RECITE_EVERIFY,
                              "'%s' is signed by a key that is not trusted "
                              "(%s); see 'recite key trust'",
                              path, msg);
    }
    if (rc == 0) {
        char hex[RECITE_KEYID_HEX_LEN + 1];
        recite_keyid_hex(hex, set.keys[index].keyid);
        *out_signer = recite_strdup(*set.names[index] ? set.names[index] : hex);
        if (!*out_signer)
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    recite_keyset_release(&set);
    return rc;
}
