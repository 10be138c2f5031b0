/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Signing: the known-answer vector of the spec byte for byte, secret key
 * decoding and passphrases, signature parsing with each distinct fault,
 * legacy signatures, key sets and rosters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "recite.h"

#define DATA RECITE_TEST_DATA "/sign/"

static const char kat_comment[] = "timestamp:1700000000\tfile:kat.txt\thashed";

static char *slurp(const char *name, size_t *len)
{
    char path[512], *text = NULL;
    size_t n = 0;
    struct recite_error err = {0};
    snprintf(path, sizeof(path), DATA "%s", name);
    assert_int_equal(recite_file_read(&text, &n, path, 1 << 20, &err), 0);
    if (len)
        *len = n;
    return text;
}

static struct recite_seckey *kat_key(void)
{
    uint8_t seed[32], keyid[8];
    for (int i = 0; i < 32; i++)
        seed[i] = (uint8_t)i;
    for (int i = 0; i < 8; i++)
        keyid[i] = (uint8_t)(i + 1);
    struct recite_seckey *key = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_seckey_from_seed(&key, seed, keyid, &err), 0);
    return key;
}

/* The second line of a two-line file text. */
static const char *line2(const char *text)
{
    const char *nl = strchr(text, '\n');
    assert_non_null(nl);
    return nl + 1;
}

static void test_sign_kat_public_key(void **state)
{
    (void)state;
    struct recite_seckey *key = kat_key();
    struct recite_pubkey pub;
    char b64[RECITE_PUBKEY_TEXT_LEN + 1], hex[RECITE_KEYID_HEX_LEN + 1];
    recite_seckey_pubkey(&pub, key);
    recite_pubkey_format(b64, &pub);
    recite_keyid_hex(hex, pub.keyid);
    assert_string_equal(b64, "RWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4");
    assert_string_equal(hex, "0807060504030201");
    size_t len;
    char *file = slurp("kat.pub", &len);
    struct recite_pubkey parsed;
    struct recite_error err = {0};
    assert_int_equal(recite_pubkey_parse_file(&parsed, file, len, &err), 0);
    assert_memory_equal(&parsed, &pub, sizeof(pub));
    free(file);
    static const char blank_after[] =
        "untrusted comment: k\r\nRWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4\r\n\n\n";
    assert_int_equal(recite_pubkey_parse_file(&parsed, blank_after, strlen(blank_after), &err), 0);
    static const char more[] =
        "untrusted comment: k\nRWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4\n\nx\n";
    assert_int_equal(recite_pubkey_parse_file(&parsed, more, strlen(more), &err), RECITE_EDATA);
    assert_non_null(strstr(err.msg, "line 3"));
    static const char no_comment[] = "RWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4\n";
    assert_int_equal(recite_pubkey_parse_file(&parsed, no_comment, strlen(no_comment), &err),
                     RECITE_EDATA);
    assert_non_null(strstr(err.msg, "line 2"));
    static const char wrong_alg[] = "untrusted comment: k\n"
                                    "RUQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4\n";
    assert_int_equal(recite_pubkey_parse_file(&parsed, wrong_alg, strlen(wrong_alg), &err),
                     RECITE_EDATA);
    assert_non_null(strstr(err.msg, "line 2: unsupported public key algorithm"));
    recite_seckey_free(key);
}

static void test_sign_kat_secret_keys(void **state)
{
    (void)state;
    struct recite_seckey *key = kat_key();
    struct recite_error err = {0};
    char *plain = NULL, *encrypted = NULL;
    char *want_plain = slurp("kat-unencrypted.key", NULL);
    char *want_encrypted = slurp("kat-encrypted.key", NULL);
    assert_int_equal(recite_seckey_format(&plain, key, NULL, 0, NULL, &err), 0);
    assert_string_equal(line2(plain), line2(want_plain));
    uint8_t salt[32];
    for (int i = 0; i < 32; i++)
        salt[i] = (uint8_t)(0xa0 + i);
    struct recite_kdf_options kdf = {524288, 16777216, salt};
    assert_int_equal(recite_seckey_format(&encrypted, key, "test", 4, &kdf, &err), 0);
    assert_string_equal(line2(encrypted), line2(want_encrypted));
    recite_secret_free(plain);
    recite_secret_free(encrypted);
    free(want_plain);
    free(want_encrypted);
    recite_seckey_free(key);
}

static void test_sign_kat_signature(void **state)
{
    (void)state;
    struct recite_seckey *key = kat_key();
    struct recite_error err = {0};
    size_t msg_len;
    char *msg = slurp("kat.txt", &msg_len);
    char *want = slurp("kat.txt.minisig", NULL);
    char *sig = NULL;
    assert_int_equal(msg_len, 19);
    assert_int_equal(recite_sign_buffer(&sig, key, msg, msg_len, kat_comment, &err), 0);
    assert_string_equal(sig, want);
    free(sig);
    free(msg);
    free(want);
    recite_seckey_free(key);
}

/* The encrypted KAT key decrypts with "test", signs the vector, and refuses "tesu". */
static void test_sign_decrypt_and_wrong_passphrase(void **state)
{
    (void)state;
    struct recite_seckey *key = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_seckey_load(&key, DATA "kat-encrypted.key", &err), 0);
    assert_true(recite_seckey_encrypted(key));
    assert_int_equal(recite_seckey_decrypt(key, "tesu", 4, &err), RECITE_EVERIFY);
    assert_non_null(strstr(err.msg, "wrong passphrase"));
    assert_true(recite_seckey_encrypted(key));
    assert_int_equal(recite_seckey_decrypt(key, "test", 4, &err), 0);
    assert_false(recite_seckey_encrypted(key));
    size_t msg_len;
    char *msg = slurp("kat.txt", &msg_len);
    char *want = slurp("kat.txt.minisig", NULL);
    char *sig = NULL;
    assert_int_equal(recite_sign_buffer(&sig, key, msg, msg_len, kat_comment, &err), 0);
    assert_string_equal(sig, want);
    free(sig);
    free(msg);
    free(want);
    recite_seckey_free(key);
}

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* CPU time of one decryption attempt of text with password, the best of three. */
static double attempt_ms(const char *text, const char *password, int want)
{
    double best = 0;
    for (int i = 0; i < 3; i++) {
        struct recite_seckey *key = NULL;
        struct recite_error err = {0};
        assert_int_equal(recite_seckey_parse(&key, text, strlen(text), &err), 0);
        double t0 = cpu_ms();
        assert_int_equal(recite_seckey_decrypt(key, password, strlen(password), &err), want);
        double spent = cpu_ms() - t0;
        best = i == 0 || spent < best ? spent : best;
        recite_seckey_free(key);
    }
    return best;
}

/*
 * A wrong passphrase costs one scrypt derivation, as a right one does (it
 * used to cost a second one to put the encrypted bytes back).
 */
static void test_sign_wrong_passphrase_one_derivation(void **state)
{
    (void)state;
    struct recite_seckey *key = kat_key();
    struct recite_error err = {0};
    /* Tens of milliseconds a derivation: far above the rest of a decryption. */
    struct recite_kdf_options kdf = {1u << 20, 32u << 20, NULL};
    char *text = NULL;
    assert_int_equal(recite_seckey_format(&text, key, "right", 5, &kdf, &err), 0);
    double right = attempt_ms(text, "right", 0);
    double wrong = attempt_ms(text, "wrong", RECITE_EVERIFY);
    print_message("right passphrase %.1f ms, wrong %.1f ms\n", right, wrong);
    assert_true(wrong < 1.5 * right);
    recite_secret_free(text);
    recite_seckey_free(key);
}

/* minisign -G -W writes a zero checksum; a wrong non-zero one is corruption. */
static void test_sign_plain_key_checksums(void **state)
{
    (void)state;
    size_t len;
    char *text = slurp("kat-unencrypted.key", &len);
    struct recite_seckey *key = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_seckey_parse(&key, text, len, &err), 0);
    recite_seckey_free(key);
    /* Decode, zero the checksum (last 32 bytes), re-encode: accepted. */
    uint8_t blob[158];
    char b64[213];
    const char *l2 = line2(text);
    assert_int_equal(sodium_base642bin(blob, sizeof(blob), l2, 212, NULL, NULL, NULL,
                                       sodium_base64_VARIANT_ORIGINAL),
                     0);
    memset(blob + 126, 0, 32);
    sodium_bin2base64(b64, sizeof(b64), blob, sizeof(blob), sodium_base64_VARIANT_ORIGINAL);
    char forged[400];
    snprintf(forged, sizeof(forged), "untrusted comment: x\n%s\n", b64);
    assert_int_equal(recite_seckey_parse(&key, forged, strlen(forged), &err), 0);
    recite_seckey_free(key);
    blob[126] = 1;
    sodium_bin2base64(b64, sizeof(b64), blob, sizeof(blob), sodium_base64_VARIANT_ORIGINAL);
    snprintf(forged, sizeof(forged), "untrusted comment: x\n%s\n", b64);
    assert_int_equal(recite_seckey_parse(&key, forged, strlen(forged), &err), RECITE_EDATA);
    assert_non_null(strstr(err.msg, "checksum"));
    blob[126] = 0;
    blob[4] = 'X'; /* checksum algorithm */
    sodium_bin2base64(b64, sizeof(b64), blob, sizeof(blob), sodium_base64_VARIANT_ORIGINAL);
    snprintf(forged, sizeof(forged), "untrusted comment: x\n%s\n", b64);
    assert_int_equal(recite_seckey_parse(&key, forged, strlen(forged), &err), RECITE_EDATA);
    assert_non_null(strstr(err.msg, "line 2: unsupported checksum"));
    assert_int_equal(recite_seckey_parse(&key, "nope\n", 5, &err), RECITE_EDATA);
    assert_non_null(strstr(err.msg, "line 2"));
    free(text);
}

static enum recite_fault verify_text(const char *sig_text, const char *msg, size_t msg_len,
                                     bool require_prehash)
{
    struct recite_sig sig;
    struct recite_error err = {0};
    enum recite_fault fault = RECITE_FAULT_NONE;
    struct recite_pubkey pub;
    assert_int_equal(
        recite_pubkey_load(&pub, "RWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4", &err),
        0);
    if (recite_sig_parse(&sig, sig_text, strlen(sig_text), &fault, &err) < 0) {
        assert_int_not_equal(fault, RECITE_FAULT_NONE);
        return fault;
    }
    int rc = recite_sig_verify(&sig, &pub, msg, msg_len, require_prehash, &fault, &err);
    assert_true((rc == 0) == (fault == RECITE_FAULT_NONE));
    return fault;
}

static char *replace(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    assert_non_null(at);
    size_t n = strlen(text) - strlen(from) + strlen(to) + 1;
    char *out = malloc(n);
    snprintf(out, n, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
    return out;
}

static void test_sign_verify_faults(void **state)
{
    (void)state;
    size_t len;
    char *msg = slurp("kat.txt", &len);
    char *good = slurp("kat.txt.minisig", NULL);
    assert_int_equal(verify_text(good, msg, len, true), RECITE_FAULT_NONE);
    assert_int_equal(verify_text(good, "recite test vectoR\n", len, true),
                     RECITE_FAULT_BAD_SIGNATURE);
    char *v;
    v = replace(good, "file:kat.txt", "file:kat.TXT");
    assert_int_equal(verify_text(v, msg, len, true), RECITE_FAULT_BAD_COMMENT);
    free(v);
    v = replace(good, "trusted comment: ", "trusted comment:");
    assert_int_equal(verify_text(v, msg, len, true), RECITE_FAULT_SIG_MALFORMED);
    free(v);
    v = replace(good, "untrusted comment: ", "Untrusted comment: ");
    assert_int_equal(verify_text(v, msg, len, true), RECITE_FAULT_SIG_MALFORMED);
    free(v);
    v = replace(good, "RUQBAgMEBQYHCIyo", "RUQBAgMEBQYHCIy"); /* one character short */
    assert_int_equal(verify_text(v, msg, len, true), RECITE_FAULT_SIG_BASE64);
    free(v);
    v = replace(good, "RUQBAgMEBQYHCIyo", "RVQBAgMEBQYHCIyo"); /* "EU" algorithm */
    assert_int_equal(verify_text(v, msg, len, true), RECITE_FAULT_SIG_ALGORITHM);
    free(v);
    v = replace(good, "RUQBAgMEBQYHCIyo", "RUQCAgMEBQYHCIyo"); /* key id 02 02 ... */
    assert_int_equal(verify_text(v, msg, len, true), RECITE_FAULT_UNKNOWN_KEY);
    free(v);
    v = replace(good, "==\n", "==\nextra\n");
    assert_int_equal(verify_text(v, msg, len, true), RECITE_FAULT_SIG_MALFORMED);
    free(v);
    /* CRLF line endings, trailing blank lines and a missing final newline are fine. */
    v = replace(good, "hashed\n", "hashed\r\n");
    assert_int_equal(verify_text(v, msg, len, true), RECITE_FAULT_NONE);
    free(v);
    v = replace(good, "==\n", "==\n\n");
    assert_int_equal(verify_text(v, msg, len, true), RECITE_FAULT_NONE);
    free(v);
    v = replace(good, "==\n", "==");
    assert_int_equal(verify_text(v, msg, len, true), RECITE_FAULT_NONE);
    free(v);
    /* Truncated after each line: missing lines. */
    for (int keep = 0; keep < 4; keep++) {
        char *cut = strdup(good), *p = cut;
        for (int i = 0; i < keep; i++)
            p = strchr(p, '\n') + 1;
        *p = '\0';
        assert_int_equal(verify_text(cut, msg, len, true), RECITE_FAULT_SIG_MALFORMED);
        free(cut);
    }
    free(good);
    free(msg);
}

/* A legacy (Ed) signature over the raw message: accepted unless prehash is required. */
static void test_sign_legacy(void **state)
{
    (void)state;
    struct recite_seckey *key = kat_key();
    struct recite_pubkey pub;
    recite_seckey_pubkey(&pub, key);
    size_t len;
    char *msg = slurp("kat.txt", &len);
    char *text = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_sign_buffer(&text, key, msg, len, kat_comment, &err), 0);
    /* Rebuild it as legacy with libsodium: same key, raw message. */
    uint8_t sk[64], blob[74], global[64 + sizeof(kat_comment)];
    uint8_t seed[32];
    for (int i = 0; i < 32; i++)
        seed[i] = (uint8_t)i;
    crypto_sign_seed_keypair(global, sk, seed);
    memcpy(blob, "Ed", 2);
    memcpy(blob + 2, pub.keyid, 8);
    crypto_sign_detached(blob + 10, NULL, (const uint8_t *)msg, len, sk);
    memcpy(global, blob + 10, 64);
    memcpy(global + 64, kat_comment, strlen(kat_comment));
    uint8_t gsig[64];
    crypto_sign_detached(gsig, NULL, global, 64 + strlen(kat_comment), sk);
    char b1[101], b2[89], legacy[512];
    sodium_bin2base64(b1, sizeof(b1), blob, 74, sodium_base64_VARIANT_ORIGINAL);
    sodium_bin2base64(b2, sizeof(b2), gsig, 64, sodium_base64_VARIANT_ORIGINAL);
    snprintf(legacy, sizeof(legacy), "untrusted comment: x\n%s\ntrusted comment: %s\n%s\n", b1,
             kat_comment, b2);
    assert_int_equal(verify_text(legacy, msg, len, false), RECITE_FAULT_NONE);
    assert_int_equal(verify_text(legacy, msg, len, true), RECITE_FAULT_SIG_ALGORITHM);
    assert_int_equal(verify_text(legacy, "other", 5, false), RECITE_FAULT_BAD_SIGNATURE);
    free(text);
    free(msg);
    recite_seckey_free(key);
}

static void test_sign_roster(void **state)
{
    (void)state;
    struct recite_keyset set;
    struct recite_error err = {0};
    const char ok[] = "# class of "
                      "2026\n\nalice\tRWQBAgMEBQYHCAOhB7/"
                      "zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4\t0807060504030201\r\n"
                      "bob\tRWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4\n";
    assert_int_equal(recite_roster_parse(&set, ok, strlen(ok), "r.txt", &err), 0);
    assert_int_equal(set.count, 2);
    assert_string_equal(set.names[0], "alice");
    assert_string_equal(set.names[1], "bob");
    recite_keyset_release(&set);
    /* As editors save it: a byte order mark, CRLF, indented comments, blank and trailing blanks. */
    const char saved[] = "\xef\xbb\xbf"
                         "alice\tRWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4\r\n"
                         "  \t\r\n  # late\r\n\r\n"
                         "bob\tRWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4 \t\r\n";
    assert_int_equal(recite_roster_parse(&set, saved, strlen(saved), "r.txt", &err), 0);
    assert_int_equal(set.count, 2);
    assert_string_equal(set.names[0], "alice");
    assert_string_equal(set.names[1], "bob");
    assert_int_equal(set.lines[1], 5);
    recite_keyset_release(&set);
    const char hidden[] =
        "al\xe2\x80\x8bice\tRWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4\n";
    assert_int_equal(recite_roster_parse(&set, hidden, strlen(hidden), "r.txt", &err),
                     RECITE_EDATA);
    assert_non_null(strstr(err.msg, "r.txt:1:3: the identifier is not printable"));
    const char bad_key[] =
        "alice\tRWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4\ncarol\tRWQB\n";
    assert_int_equal(recite_roster_parse(&set, bad_key, strlen(bad_key), "r.txt", &err),
                     RECITE_EDATA);
    assert_non_null(strstr(err.msg, "r.txt:2:7: "));
    const char bad_id[] = "alice\tRWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4\tFF\n";
    assert_int_equal(recite_roster_parse(&set, bad_id, strlen(bad_id), "r.txt", &err),
                     RECITE_EDATA);
    assert_non_null(strstr(err.msg, "r.txt:1:64: key id"));
    const char no_tab[] = "\n\nalice RWQB\n";
    assert_int_equal(recite_roster_parse(&set, no_tab, strlen(no_tab), "r.txt", &err),
                     RECITE_EDATA);
    assert_non_null(strstr(err.msg, "r.txt:3: "));
    /* Gradebook identities after the key, with or without the key id. */
    const char fields[] =
        "# ids\nalice\tRWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4\t0807060504030201"
        "\temail=alice@example.edu\tname=Doe, Alice\n"
        "bob\tRWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4\tusername=bob1\t"
        "idnumber=007\tcanvas_id=42\tsection=A\n";
    assert_int_equal(recite_roster_parse(&set, fields, strlen(fields), "r.txt", &err), 0);
    assert_int_equal(set.count, 2);
    assert_int_equal(set.lines[0], 2);
    assert_int_equal(set.lines[1], 3);
    assert_string_equal(recite_keyset_field(&set, 0, RECITE_ROSTER_EMAIL), "alice@example.edu");
    assert_string_equal(recite_keyset_field(&set, 0, RECITE_ROSTER_NAME), "Doe, Alice");
    assert_null(recite_keyset_field(&set, 0, RECITE_ROSTER_USERNAME));
    assert_string_equal(recite_keyset_field(&set, 1, RECITE_ROSTER_USERNAME), "bob1");
    assert_string_equal(recite_keyset_field(&set, 1, RECITE_ROSTER_IDNUMBER), "007");
    assert_string_equal(recite_keyset_field(&set, 1, RECITE_ROSTER_CANVAS_ID), "42");
    assert_string_equal(recite_keyset_field(&set, 1, RECITE_ROSTER_SECTION), "A");
    recite_keyset_release(&set);
    const char *const bad_fields[][2] = {
        {"alice\tRWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4\tmail=a@b\n",
         "r.txt:1:64: expected NAME=VALUE"},
        {"alice\tRWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4\temail=\n",
         "r.txt:1:64: 'email' is empty"},
        {"alice\tRWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4\temail=a\temail=b\n",
         "r.txt:1:72: 'email' given twice"},
        {"alice\tRWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4\temail=a\tx\n",
         "r.txt:1:72: expected NAME=VALUE"},
    };
    for (size_t i = 0; i < sizeof(bad_fields) / sizeof(bad_fields[0]); i++) {
        assert_int_equal(
            recite_roster_parse(&set, bad_fields[i][0], strlen(bad_fields[i][0]), "r.txt", &err),
            RECITE_EDATA);
        if (!strstr(err.msg, bad_fields[i][1]))
            fail_msg("roster %zu: '%s' lacks '%s'", i, err.msg, bad_fields[i][1]);
    }
}

static void test_sign_keyid_hex(void **state)
{
    (void)state;
    uint8_t id[8];
    char hex[17];
    assert_int_equal(recite_keyid_parse(id, "2FB588094B53A"), 0);
    recite_keyid_hex(hex, id);
    assert_string_equal(hex, "0002FB588094B53A");
    assert_int_equal(recite_keyid_parse(id, "xyz"), RECITE_EDATA);
    assert_int_equal(recite_keyid_parse(id, "12345678901234567"), RECITE_EDATA);
}

static void test_sign_key_dir(void **state)
{
    (void)state;
    char *dir = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_key_dir(&dir, "/home/a/.local/share/recite/recite.db", &err), 0);
    assert_string_equal(dir, "/home/a/.local/share/recite/keys");
    free(dir);
    assert_int_equal(recite_key_dir(&dir, "recite.db", &err), 0);
    assert_string_equal(dir, "./keys");
    free(dir);
}

/* Sign a file, then verify it through the trusted-key path a bank import uses. */
static void test_sign_file_and_verify_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/recite-sign-XXXXXX", path[128];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/nato.bank", dir);
    struct recite_error err = {0};
    assert_int_equal(recite_file_write(path, "bank nato\n", 10, &err), 0);
    struct recite_keyset set = RECITE_KEYSET_INIT;
    size_t index = 99;
    enum recite_fault fault;
    assert_int_equal(recite_sign_verify_file(path, &set, &index, &fault, &err), RECITE_ENOTFOUND);
    assert_int_equal(fault, RECITE_FAULT_SIG_MISSING);
    struct recite_seckey *key = kat_key(), *other = NULL;
    assert_int_equal(recite_seckey_generate(&other, &err), 0);
    assert_int_equal(recite_sign_file(path, key, NULL, &err), 0);
    struct recite_pubkey pub;
    recite_seckey_pubkey(&pub, other);
    assert_int_equal(recite_keyset_add(&set, &pub, "someone else", &err), 0);
    assert_int_equal(recite_sign_verify_file(path, &set, &index, &fault, &err), RECITE_EVERIFY);
    assert_int_equal(fault, RECITE_FAULT_UNKNOWN_KEY);
    recite_seckey_pubkey(&pub, key);
    assert_int_equal(recite_keyset_add(&set, &pub, "instructor", &err), 0);
    assert_int_equal(recite_sign_verify_file(path, &set, &index, &fault, &err), 0);
    assert_int_equal(index, 1);
    assert_int_equal(recite_file_write(path, "bank natO\n", 10, &err), 0);
    assert_int_equal(recite_sign_verify_file(path, &set, &index, &fault, &err), RECITE_EVERIFY);
    assert_int_equal(fault, RECITE_FAULT_BAD_SIGNATURE);
    char sig_path[160];
    snprintf(sig_path, sizeof(sig_path), "%s.minisig", path);
    unlink(sig_path);
    unlink(path);
    rmdir(dir);
    recite_keyset_release(&set);
    recite_seckey_free(key);
    recite_seckey_free(other);
}

/* The bank import check: trusted, unsigned, untrusted and tampered banks. */
static void test_sign_check_trusted(void **state)
{
    (void)state;
    char dir[] = "/tmp/recite-trust-XXXXXX", db[128], bank[128], cmd[160];
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof(db), "%s/recite.db", dir);
    snprintf(bank, sizeof(bank), "%s/nato.bank", dir);
    struct recite_error err = {0};
    struct recite_store *st = NULL;
    assert_int_equal(recite_store_open(&st, db, &err), 0);
    assert_int_equal(recite_file_write(bank, "bank nato\n", 10, &err), 0);
    char *signer = NULL;
    enum recite_fault fault;
    assert_int_equal(recite_sign_check_trusted(st, bank, &signer, &fault, &err), RECITE_ENOTFOUND);
    assert_int_equal(fault, RECITE_FAULT_SIG_MISSING);
    struct recite_seckey *key = kat_key();
    assert_int_equal(recite_sign_file(bank, key, NULL, &err), 0);
    assert_int_equal(recite_sign_check_trusted(st, bank, &signer, &fault, &err), RECITE_EVERIFY);
    assert_int_equal(fault, RECITE_FAULT_UNKNOWN_KEY);
    assert_non_null(strstr(err.msg, "not trusted"));
    assert_int_equal(
        recite_store_trusted_key_add(st, "0807060504030201",
                                     "RWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4",
                                     "instructor", 0, &err),
        0);
    assert_int_equal(recite_sign_check_trusted(st, bank, &signer, &fault, &err), 0);
    assert_string_equal(signer, "instructor");
    free(signer);
    assert_int_equal(recite_file_write(bank, "bank nat0\n", 10, &err), 0);
    assert_int_equal(recite_sign_check_trusted(st, bank, &signer, &fault, &err), RECITE_EVERIFY);
    assert_int_equal(fault, RECITE_FAULT_BAD_SIGNATURE);
    assert_null(signer);
    recite_seckey_free(key);
    recite_store_close(st);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* ---- against the real minisign (skipped when it is not installed) ---- */

static char mdir[64];

static int sh(const char *fmt, ...)
{
    char cmd[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    int status = system(cmd);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int minisign_setup(void **state)
{
    (void)state;
    if (sh("command -v minisign >/dev/null 2>&1") != 0)
        return 0;
    snprintf(mdir, sizeof(mdir), "/tmp/recite-minisign-XXXXXX");
    assert_non_null(mkdtemp(mdir));
    assert_int_equal(sh("cd %s && minisign -G -W -p k.pub -s k.key >/dev/null 2>&1 && "
                        "minisign -G -W -p k2.pub -s k2.key >/dev/null 2>&1 && "
                        "printf 'bank nato\\n' >f.bank && printf 'a\\r\\nb\\r\\n' >crlf.bank && "
                        ": >empty.bank",
                        mdir),
                     0);
    return 0;
}

static int minisign_teardown(void **state)
{
    (void)state;
    if (mdir[0])
        sh("rm -rf %s", mdir);
    return 0;
}

/* recite's verdict on NAME.minisig with the key set made of the given .pub files. */
static enum recite_fault recite_verdict(const char *name, const char *pub)
{
    char path[128], pub_path[128];
    struct recite_keyset set = RECITE_KEYSET_INIT;
    struct recite_pubkey key;
    struct recite_error err = {0};
    snprintf(path, sizeof(path), "%s/%s", mdir, name);
    snprintf(pub_path, sizeof(pub_path), "%s/%s", mdir, pub);
    assert_int_equal(recite_pubkey_load(&key, pub_path, &err), 0);
    assert_int_equal(recite_keyset_add(&set, &key, pub, &err), 0);
    size_t index = 9;
    enum recite_fault fault = RECITE_FAULT_NONE;
    int rc = recite_sign_verify_file(path, &set, &index, &fault, &err);
    assert_true((rc == 0) == (fault == RECITE_FAULT_NONE));
    if (rc == 0)
        assert_int_equal(index, 0);
    recite_keyset_release(&set);
    return fault;
}

/* minisign's verdict: true when it accepts. */
static bool minisign_accepts(const char *name, const char *pub)
{
    return sh("cd %s && minisign -Vm %s -p %s >/dev/null 2>&1", mdir, name, pub) == 0;
}

static void expect_both(const char *name, const char *pub, enum recite_fault want)
{
    assert_int_equal(recite_verdict(name, pub), want);
    assert_int_equal(minisign_accepts(name, pub), want == RECITE_FAULT_NONE);
}

static void test_sign_minisign_signatures(void **state)
{
    (void)state;
    if (!mdir[0])
        skip();
    const char *files[] = {"f.bank", "crlf.bank", "empty.bank"};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(
            sh("cd %s && minisign -S -s k.key -m %s </dev/null >/dev/null 2>&1", mdir, files[i]),
            0);
        expect_both(files[i], "k.pub", RECITE_FAULT_NONE);
        expect_both(files[i], "k2.pub", RECITE_FAULT_UNKNOWN_KEY);
        assert_int_equal(
            sh("cd %s && minisign -S -l -s k.key -m %s </dev/null >/dev/null 2>&1", mdir, files[i]),
            0);
        expect_both(files[i], "k.pub", RECITE_FAULT_NONE); /* legacy is fine for banks */
    }
    /* A CRLF signature file still verifies. */
    assert_int_equal(sh("cd %s && sed -i 's/$/\\r/' f.bank.minisig", mdir), 0);
    expect_both("f.bank", "k.pub", RECITE_FAULT_NONE);
    /* Tampered file, edited trusted comment, truncated base64. */
    assert_int_equal(sh("cd %s && minisign -S -s k.key -m f.bank </dev/null >/dev/null 2>&1 && "
                        "cp f.bank.minisig good && printf 'bank natO\\n' >t.bank && "
                        "cp good t.bank.minisig",
                        mdir),
                     0);
    expect_both("t.bank", "k.pub", RECITE_FAULT_BAD_SIGNATURE);
    assert_int_equal(sh("cd %s && sed '3s/timestamp/timestamP/' good >f.bank.minisig", mdir), 0);
    expect_both("f.bank", "k.pub", RECITE_FAULT_BAD_COMMENT);
    assert_int_equal(sh("cd %s && sed '4s/.....$//' good >f.bank.minisig", mdir), 0);
    expect_both("f.bank", "k.pub", RECITE_FAULT_SIG_BASE64);
    assert_int_equal(sh("cd %s && sed '3d' good >f.bank.minisig", mdir), 0);
    expect_both("f.bank", "k.pub", RECITE_FAULT_SIG_MALFORMED);
}

static void test_sign_minisign_checks_ours(void **state)
{
    (void)state;
    if (!mdir[0])
        skip();
    struct recite_seckey *theirs = NULL, *ours = NULL;
    struct recite_error err = {0};
    char path[128];
    /* Signing with minisign's -W key: minisign (-H, prehash only) verifies. */
    snprintf(path, sizeof(path), "%s/k.key", mdir);
    assert_int_equal(recite_seckey_load(&theirs, path, &err), 0);
    snprintf(path, sizeof(path), "%s/f.bank", mdir);
    assert_int_equal(recite_sign_file(path, theirs, NULL, &err), 0);
    assert_int_equal(sh("cd %s && minisign -H -Vm f.bank -p k.pub >/dev/null 2>&1", mdir), 0);
    /* A recite key, encrypted: minisign loads it and signs; minisign verifies ours. */
    assert_int_equal(recite_seckey_generate(&ours, &err), 0);
    struct recite_kdf_options kdf = {524288, 16777216, NULL};
    struct recite_pubkey pub;
    recite_seckey_pubkey(&pub, ours);
    snprintf(path, sizeof(path), "%s/r.key", mdir);
    assert_int_equal(recite_seckey_write(path, ours, "pw", 2, &kdf, false, &err), 0);
    assert_int_equal(recite_seckey_write(path, ours, "pw", 2, &kdf, false, &err), RECITE_EEXISTS);
    snprintf(path, sizeof(path), "%s/r.pub", mdir);
    assert_int_equal(recite_pubkey_write(path, &pub, &err), 0);
    assert_int_equal(
        sh("cd %s && echo pw | minisign -S -s r.key -m crlf.bank >/dev/null 2>&1", mdir), 0);
    expect_both("crlf.bank", "r.pub", RECITE_FAULT_NONE);
    snprintf(path, sizeof(path), "%s/empty.bank", mdir);
    assert_int_equal(recite_sign_file(path, ours, "recite bank", &err), 0);
    assert_int_equal(sh("cd %s && minisign -H -Vm empty.bank -p r.pub >/dev/null 2>&1", mdir), 0);
    recite_seckey_free(theirs);
    recite_seckey_free(ours);
}

int main(void)
{
    assert_int_equal(recite_sign_init(NULL), 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sign_kat_public_key),
        cmocka_unit_test(test_sign_kat_secret_keys),
        cmocka_unit_test(test_sign_kat_signature),
        cmocka_unit_test(test_sign_decrypt_and_wrong_passphrase),
        cmocka_unit_test(test_sign_wrong_passphrase_one_derivation),
        cmocka_unit_test(test_sign_plain_key_checksums),
        cmocka_unit_test(test_sign_verify_faults),
        cmocka_unit_test(test_sign_legacy),
        cmocka_unit_test(test_sign_roster),
        cmocka_unit_test(test_sign_keyid_hex),
        cmocka_unit_test(test_sign_key_dir),
        cmocka_unit_test(test_sign_file_and_verify_file),
        cmocka_unit_test(test_sign_check_trusted),
        cmocka_unit_test(test_sign_minisign_signatures),
        cmocka_unit_test(test_sign_minisign_checks_ours),
    };
    return cmocka_run_group_tests(tests, minisign_setup, minisign_teardown);
}
