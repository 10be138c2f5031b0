/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzzes every parser of minisign files: signatures (then a verification
 * with a fixed key), public key files and one-line keys, secret key files
 * and rosters. None may crash, leak or read out of bounds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "recite.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct recite_pubkey key;
    static bool ready;
    if (!ready) {
        recite_sign_init(NULL);
        recite_pubkey_parse(&key, "RWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4", 56,
                            NULL);
        ready = true;
    }
    /* A copy with no bytes past the end, so over-reads are caught. */
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    struct recite_error err = {0};
    enum recite_fault fault;
    struct recite_sig *sig = malloc(sizeof(*sig));
    if (sig && recite_sig_parse(sig, text, size, &fault, &err) == 0)
        recite_sig_verify(sig, &key, text, size, false, &fault, &err);
    free(sig);
    struct recite_pubkey pub;
    recite_pubkey_parse_file(&pub, text, size, &err);
    recite_pubkey_parse(&pub, text, size, &err);
    struct recite_seckey *seckey = NULL;
    if (recite_seckey_parse(&seckey, text, size, &err) == 0)
        recite_seckey_pubkey(&pub, seckey);
    recite_seckey_free(seckey);
    struct recite_keyset roster;
    if (recite_roster_parse(&roster, text, size, "fuzz", &err) == 0)
        recite_keyset_release(&roster);
    free(text);
    return 0;
}
