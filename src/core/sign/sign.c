/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * minisign-compatible keys and signatures on libsodium alone. Invariant:
 * decoded secret keys, keystreams and secret key text live in sodium_malloc
 * memory and are wiped when released; recite always signs prehashed (ED).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "bytes.h"
#include "recite/common.h"
#include "recite/files.h"
#include "recite/sign.h"

#define UNTRUSTED_PREFIX "untrusted comment: "
#define TRUSTED_PREFIX "trusted comment: "
#define LINE_MAX_BYTES 1023
#define SECKEY_B64_LEN 212
#define SIG_B64_LEN 100
#define GLOBAL_B64_LEN 88

/* The 158-byte secret key blob, field by field; byte arrays only, so no padding. */
struct recite_seckey {
    uint8_t sig_alg[2];
    uint8_t kdf_alg[2];
    uint8_t chk_alg[2];
    uint8_t salt[32];
    uint8_t opslimit[8];
    uint8_t memlimit[8];
    uint8_t keyid[8]; /* encrypted region starts here: 104 bytes */
    uint8_t sk[64];
    uint8_t chk[32];
};
_Static_assert(sizeof(struct recite_seckey) == 158, "secret key blob is 158 bytes");
#define ENCRYPTED_OFFSET 54
#define ENCRYPTED_LEN 104

static const char *const fault_names[RECITE_FAULT_COUNT] = {
    [RECITE_FAULT_NONE] = "valid",
    [RECITE_FAULT_SIG_MISSING] = "missing-signature",
    [RECITE_FAULT_SIG_MALFORMED] = "malformed-signature",
    [RECITE_FAULT_SIG_BASE64] = "malformed-signature-base64",
    [RECITE_FAULT_SIG_ALGORITHM] = "unsupported-algorithm",
    [RECITE_FAULT_UNKNOWN_KEY] = "unknown-key",
    [RECITE_FAULT_BAD_SIGNATURE] = "bad-signature",
    [RECITE_FAULT_BAD_COMMENT] = "trusted-comment-edited",
    [RECITE_FAULT_JSON_MALFORMED] = "malformed-json",
    [RECITE_FAULT_TOTALS] = "totals-mismatch",
    [RECITE_FAULT_SUMMARY_MISMATCH] = "summary-mismatch",
    [RECITE_FAULT_WRONG_STUDENT] = "wrong-student",
    [RECITE_FAULT_BANK_HASH] = "bank-hash-differs",
    [RECITE_FAULT_DUPLICATE] = "duplicate-attempt",
    [RECITE_FAULT_IO] = "unreadable",
    [RECITE_FAULT_NOT_REGULAR] = "not-a-regular-file",
};

static const char *const fault_texts[RECITE_FAULT_COUNT] = {
    [RECITE_FAULT_NONE] = "valid",
    [RECITE_FAULT_SIG_MISSING] = "signature file missing",
    [RECITE_FAULT_SIG_MALFORMED] = "malformed signature file",
    [RECITE_FAULT_SIG_BASE64] = "invalid base64 in signature file",
    [RECITE_FAULT_SIG_ALGORITHM] = "unsupported signature algorithm",
    [RECITE_FAULT_UNKNOWN_KEY] = "unknown key",
    [RECITE_FAULT_BAD_SIGNATURE] = "bad signature",
    [RECITE_FAULT_BAD_COMMENT] = "trusted comment edited",
    [RECITE_FAULT_JSON_MALFORMED] = "malformed score JSON",
    [RECITE_FAULT_TOTALS] = "stated totals disagree with the items",
    [RECITE_FAULT_SUMMARY_MISMATCH] = "trusted comment and score body disagree",
    [RECITE_FAULT_WRONG_STUDENT] = "student in the score is not the roster entry that signed it",
    [RECITE_FAULT_BANK_HASH] = "bank hash differs from the given bank",
    [RECITE_FAULT_DUPLICATE] = "duplicate attempt id",
    [RECITE_FAULT_IO] = "cannot read the file",
    [RECITE_FAULT_NOT_REGULAR] = "not a regular file, or a link out of its directory",
};

const char *recite_fault_name(enum recite_fault fault)
{
    return (unsigned)fault < RECITE_FAULT_COUNT ? fault_names[fault] : "unknown";
}

const char *recite_fault_text(enum recite_fault fault)
{
    return (unsigned)fault < RECITE_FAULT_COUNT ? fault_texts[fault] : "unknown";
}

int recite_sign_init(struct recite_error *err)
{
    if (sodium_init() < 0)
        return recite_error_set(err, RECITE_EINTERNAL, "cannot initialise libsodium");
    return 0;
}

static int fail(enum recite_fault *fault, enum recite_fault why, struct recite_error *err,
                const char *msg)
{
    if (fault)
        *fault = why;
    return recite_error_set(err, RECITE_EVERIFY, "%s", msg);
}

/* ---- small helpers: lines, base64, little-endian, key ids ---- */

/* One line of text: the bytes before '\n', without trailing '\r's. */
struct line {
    const char *text;
    size_t len;
};

/* Splits text into at most max lines; returns how many lines there are (may exceed max). */
static size_t split_lines(struct line *out, size_t max, const char *text, size_t len)
{
    size_t n = 0;
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        size_t l = (size_t)(stop - p);
        while (l > 0 && p[l - 1] == '\r')
            l--;
        if (n < max)
            out[n] = (struct line){p, l};
        n++;
        p = nl ? nl + 1 : end;
    }
    return n;
}

/* True when everything after line last (its line ending included) is blank lines. */
static bool blank_after(const char *text, size_t len, const struct line *last)
{
    for (const char *p = last->text + last->len; p < text + len; p++) {
        if (*p != '\n' && *p != '\r')
            return false;
    }
    return true;
}

static bool has_prefix(const struct line *l, const char *prefix)
{
    size_t n = strlen(prefix);
    return l->len >= n && memcmp(l->text, prefix, n) == 0;
}

/* Decodes exactly expected_len bytes from a base64 line of exactly b64_len characters. */
static bool b64_decode(uint8_t *out, size_t expected_len, const struct line *l, size_t b64_len)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    if (l->len != b64_len)
        return false;
    /*
     * libsodium's decoder also takes some bytes >= 0x80 as if they were '/',
     * which would let a signature file change without failing; minisign's
     * decoder refuses them, and so do we.
     */
    size_t data = l->len;
    while (data > 0 && l->text[data - 1] == '=')
        data--;
    for (size_t i = 0; i < data; i++) {
        if (!memchr(alphabet, l->text[i], sizeof(alphabet) - 1))
            return false;
    }
    size_t bin_len = 0;
    const char *end = NULL;
    if (sodium_base642bin(out, expected_len, l->text, l->len, NULL, &bin_len, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return false;
    return bin_len == expected_len && end == l->text + l->len;
}

void recite_keyid_hex(char out[RECITE_KEYID_HEX_LEN + 1], const uint8_t keyid[RECITE_KEYID_BYTES])
{
    static const char digits[] = "0123456789ABCDEF";
    for (int i = 0; i < 8; i++) {
        out[2 * i] = digits[keyid[7 - i] >> 4];
        out[2 * i + 1] = digits[keyid[7 - i] & 0xf];
    }
    out[16] = '\0';
}

int recite_keyid_parse(uint8_t out[RECITE_KEYID_BYTES], const char *hex)
{
    size_t n = strlen(hex);
    if (n == 0 || n > 16)
        return RECITE_EDATA;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        char c = hex[i];
        unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                                            : 16;
        if (d == 16)
            return RECITE_EDATA;
        v = (v << 4) | d;
    }
    recite_store64_le(out, v);
    return 0;
}

/* ---- public keys ---- */

void recite_pubkey_format(char out[RECITE_PUBKEY_TEXT_LEN + 1], const struct recite_pubkey *key)
{
    uint8_t blob[42];
    blob[0] = 'E';
    blob[1] = 'd';
    memcpy(blob + 2, key->keyid, 8);
    memcpy(blob + 10, key->pk, 32);
    sodium_bin2base64(out, RECITE_PUBKEY_TEXT_LEN + 1, blob, sizeof(blob),
                      sodium_base64_VARIANT_ORIGINAL);
}

static int pubkey_decode(struct recite_pubkey *out, const struct line *l, const char *where,
                         struct recite_error *err)
{
    uint8_t blob[42];
    if (!b64_decode(blob, sizeof(blob), l, RECITE_PUBKEY_TEXT_LEN))
        return recite_error_set(err, RECITE_EDATA,
                                "%smalformed public key: not 56 characters of base64", where);
    if (blob[0] != 'E' || blob[1] != 'd')
        return recite_error_set(err, RECITE_EDATA, "%sunsupported public key algorithm", where);
    memcpy(out->keyid, blob + 2, 8);
    memcpy(out->pk, blob + 10, 32);
    return 0;
}

int recite_pubkey_parse(struct recite_pubkey *out, const char *text, size_t len,
                        struct recite_error *err)
{
    struct line l = {text, len};
    return pubkey_decode(out, &l, "", err);
}

int recite_pubkey_parse_file(struct recite_pubkey *out, const char *text, size_t len,
                             struct recite_error *err)
{
    struct line lines[3];
    size_t n = split_lines(lines, 3, text, len);
    if (memchr(text, '\0', len))
        return recite_error_set(err, RECITE_EDATA, "malformed public key file: NUL byte");
    if (n < 2)
        return recite_error_set(err, RECITE_EDATA,
                                "malformed public key file: line %zu: expected two lines", n + 1);
    if (!blank_after(text, len, &lines[1]))
        return recite_error_set(err, RECITE_EDATA,
                                "malformed public key file: line 3: unexpected text");
    if (!has_prefix(&lines[0], UNTRUSTED_PREFIX) || lines[0].len > LINE_MAX_BYTES)
        return recite_error_set(
            err, RECITE_EDATA, "malformed public key file: line 1: expected 'untrusted comment: '");
    return pubkey_decode(out, &lines[1], "line 2: ", err);
}

int recite_pubkey_load(struct recite_pubkey *out, const char *path_or_text,
                       struct recite_error *err)
{
    size_t n = strlen(path_or_text);
    struct recite_error ignored = {0};
    if (n == RECITE_PUBKEY_TEXT_LEN && recite_pubkey_parse(out, path_or_text, n, &ignored) == 0)
        return 0;
    char *text = NULL;
    size_t len = 0;
    int rc = recite_file_read(&text, &len, path_or_text, 65536, err);
    if (rc == RECITE_ENOTFOUND)
        return recite_error_set(err, RECITE_EDATA,
                                "'%s' is neither a public key nor a public key file", path_or_text);
    if (rc < 0)
        return rc;
    rc = recite_pubkey_parse_file(out, text, len, err);
    free(text);
    if (rc < 0) {
        char msg[sizeof(err->msg)];
        snprintf(msg, sizeof(msg), "%s", err ? err->msg : "");
        return recite_error_set(err, rc, "%s: %s", path_or_text, msg);
    }
    return 0;
}

size_t recite_pubkey_file_text(char out[RECITE_PUBKEY_FILE_MAX], const struct recite_pubkey *key)
{
    char hex[RECITE_KEYID_HEX_LEN + 1], b64[RECITE_PUBKEY_TEXT_LEN + 1];
    recite_keyid_hex(hex, key->keyid);
    recite_pubkey_format(b64, key);
    int n = snprintf(out, RECITE_PUBKEY_FILE_MAX, UNTRUSTED_PREFIX "minisign public key %s\n%s\n",
                     hex, b64);
    return (size_t)n;
}

int recite_pubkey_write(const char *path, const struct recite_pubkey *key, struct recite_error *err)
{
    char text[RECITE_PUBKEY_FILE_MAX];
    size_t n = recite_pubkey_file_text(text, key);
    return recite_file_write(path, text, n, err);
}

/* ---- secret keys ---- */

void *recite_secret_alloc(size_t size)
{
    void *p = sodium_malloc(size);
    if (p)
        sodium_memzero(p, size);
    return p;
}

void recite_secret_free(void *p)
{
    if (p)
        sodium_free(p);
}

static struct recite_seckey *seckey_alloc(struct recite_error *err)
{
    struct recite_seckey *key = recite_secret_alloc(sizeof(*key));
    if (!key)
        recite_error_set(err, RECITE_ENOMEM, "cannot allocate locked memory for a secret key");
    return key;
}

void recite_seckey_free(struct recite_seckey *key)
{
    recite_secret_free(key);
}

/* BLAKE2b-256 over "Ed" || key id || secret key (spec section 3.3). */
static void seckey_checksum(uint8_t out[32], const struct recite_seckey *key)
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 32);
    crypto_generichash_update(&st, key->sig_alg, 2);
    crypto_generichash_update(&st, key->keyid, 8);
    crypto_generichash_update(&st, key->sk, 64);
    crypto_generichash_final(&st, out, 32);
    sodium_memzero(&st, sizeof(st));
}

static void seckey_set_plain_header(struct recite_seckey *key)
{
    memcpy(key->sig_alg, "Ed", 2);
    memset(key->kdf_alg, 0, 2);
    memcpy(key->chk_alg, "B2", 2);
    seckey_checksum(key->chk, key);
}

int recite_seckey_generate(struct recite_seckey **out, struct recite_error *err)
{
    struct recite_seckey *key = seckey_alloc(err);
    if (!key)
        return RECITE_ENOMEM;
    uint8_t pk[32];
    randombytes_buf(key->keyid, sizeof(key->keyid));
    crypto_sign_keypair(pk, key->sk);
    seckey_set_plain_header(key);
    *out = key;
    return 0;
}

int recite_seckey_from_seed(struct recite_seckey **out, const uint8_t seed[32],
                            const uint8_t keyid[RECITE_KEYID_BYTES], struct recite_error *err)
{
    struct recite_seckey *key = seckey_alloc(err);
    if (!key)
        return RECITE_ENOMEM;
    uint8_t pk[32];
    memcpy(key->keyid, keyid, 8);
    crypto_sign_seed_keypair(pk, key->sk, seed);
    seckey_set_plain_header(key);
    *out = key;
    return 0;
}

void recite_seckey_pubkey(struct recite_pubkey *out, const struct recite_seckey *key)
{
    memcpy(out->keyid, key->keyid, 8);
    crypto_sign_ed25519_sk_to_pk(out->pk, key->sk);
}

bool recite_seckey_encrypted(const struct recite_seckey *key)
{
    return memcmp(key->kdf_alg, "Sc", 2) == 0;
}

/* Checks a decoded (still possibly encrypted) blob's algorithm fields. */
static int seckey_check_header(const struct recite_seckey *key, struct recite_error *err)
{
    if (memcmp(key->sig_alg, "Ed", 2) != 0)
        return recite_error_set(err, RECITE_EDATA, "line 2: unsupported signature algorithm");
    if (memcmp(key->chk_alg, "B2", 2) != 0)
        return recite_error_set(err, RECITE_EDATA, "line 2: unsupported checksum algorithm");
    if (!recite_seckey_encrypted(key) && !sodium_is_zero(key->kdf_alg, 2))
        return recite_error_set(err, RECITE_EDATA, "line 2: unsupported key derivation");
    return 0;
}

/* An unencrypted key's checksum is all zero (minisign -G -W) or right. */
static int seckey_check_plain(const struct recite_seckey *key, struct recite_error *err)
{
    if (sodium_is_zero(key->chk, 32))
        return 0;
    uint8_t chk[32];
    seckey_checksum(chk, key);
    int same = sodium_memcmp(chk, key->chk, 32);
    sodium_memzero(chk, sizeof(chk));
    if (same != 0)
        return recite_error_set(err, RECITE_EDATA, "corrupt secret key: checksum mismatch");
    return 0;
}

int recite_seckey_parse(struct recite_seckey **out, const char *text, size_t len,
                        struct recite_error *err)
{
    *out = NULL;
    struct line lines[3];
    size_t n = split_lines(lines, 3, text, len);
    if (memchr(text, '\0', len))
        return recite_error_set(err, RECITE_EDATA, "malformed secret key file: NUL byte");
    if (n < 2 || !blank_after(text, len, &lines[1]))
        return recite_error_set(err, RECITE_EDATA,
                                "malformed secret key file: line %zu: expected two lines",
                                n < 2 ? n + 1 : 3);
    if (!has_prefix(&lines[0], UNTRUSTED_PREFIX) || lines[0].len > LINE_MAX_BYTES)
        return recite_error_set(
            err, RECITE_EDATA, "malformed secret key file: line 1: expected 'untrusted comment: '");
    struct recite_seckey *key = seckey_alloc(err);
    if (!key)
        return RECITE_ENOMEM;
    int rc;
    if (!b64_decode((uint8_t *)key, sizeof(*key), &lines[1], SECKEY_B64_LEN)) {
        rc = recite_error_set(err, RECITE_EDATA,
                              "malformed secret key file: line 2: not 212 characters of base64");
        goto fail;
    }
    if ((rc = seckey_check_header(key, err)) < 0)
        goto fail;
    if (!recite_seckey_encrypted(key) && (rc = seckey_check_plain(key, err)) < 0)
        goto fail;
    *out = key;
    return 0;
fail:
    recite_seckey_free(key);
    return rc;
}

int recite_seckey_load(struct recite_seckey **out, const char *path, struct recite_error *err)
{
    char *text = NULL;
    size_t len = 0;
    int rc = recite_file_read(&text, &len, path, 65536, err);
    if (rc < 0)
        return rc;
    rc = recite_seckey_parse(out, text, len, err);
    sodium_memzero(text, len);
    free(text);
    if (rc < 0 && err) {
        char msg[sizeof(err->msg)];
        snprintf(msg, sizeof(msg), "%s", err->msg);
        recite_error_set(err, rc, "%s: %s", path, msg);
    }
    return rc;
}

/* XORs the 104-byte encrypted region with the scrypt keystream. */
static int seckey_xor(struct recite_seckey *key, const char *password, size_t len,
                      struct recite_error *err)
{
    uint8_t *stream = recite_secret_alloc(ENCRYPTED_LEN);
    if (!stream)
        return recite_error_set(err, RECITE_ENOMEM, "cannot allocate locked memory");
    int rc = 0;
    if (crypto_pwhash_scryptsalsa208sha256(stream, ENCRYPTED_LEN, password, len, key->salt,
                                           recite_load64_le(key->opslimit),
                                           (size_t)recite_load64_le(key->memlimit)) != 0) {
        rc = recite_error_set(err, RECITE_ENOMEM, "key derivation failed: not enough memory");
        goto out;
    }
    uint8_t *region = (uint8_t *)key + ENCRYPTED_OFFSET;
    for (size_t i = 0; i < ENCRYPTED_LEN; i++)
        region[i] ^= stream[i];
out:
    recite_secret_free(stream);
    return rc;
}

int recite_seckey_decrypt(struct recite_seckey *key, const char *password, size_t len,
                          struct recite_error *err)
{
    if (!recite_seckey_encrypted(key))
        return 0;
    uint64_t ops = recite_load64_le(key->opslimit), mem = recite_load64_le(key->memlimit);
    /* A hostile key file could otherwise ask scrypt for unbounded memory or time. */
    if (ops < crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_MIN || ops > (1ULL << 32) ||
        mem < crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_MIN || mem > (4ULL << 30))
        return recite_error_set(err, RECITE_EDATA,
                                "secret key asks for unreasonable scrypt limits");
    /*
     * The encrypted bytes are kept, so that a wrong passphrase puts them back
     * by copying: one key derivation per attempt, not a second to undo it.
     */
    uint8_t *kept = recite_secret_alloc(ENCRYPTED_LEN);
    if (!kept)
        return recite_error_set(err, RECITE_ENOMEM, "cannot allocate locked memory");
    uint8_t *region = (uint8_t *)key + ENCRYPTED_OFFSET;
    memcpy(kept, region, ENCRYPTED_LEN);
    int rc = seckey_xor(key, password, len, err);
    if (rc == 0) {
        uint8_t chk[32];
        seckey_checksum(chk, key);
        bool right = sodium_memcmp(chk, key->chk, 32) == 0;
        sodium_memzero(chk, sizeof(chk));
        if (right) {
            memset(key->kdf_alg, 0, 2);
        } else {
            memcpy(region, kept, ENCRYPTED_LEN);
            rc = recite_error_set(err, RECITE_EVERIFY, "wrong passphrase for that key");
        }
    }
    recite_secret_free(kept);
    return rc;
}

void recite_seckey_kdf(struct recite_kdf_options *out, const struct recite_seckey *key)
{
    *out = (struct recite_kdf_options)RECITE_KDF_OPTIONS_INIT;
    out->opslimit = recite_load64_le(key->opslimit);
    out->memlimit = recite_load64_le(key->memlimit);
}

/* Encrypts copy in place, trying SENSITIVE limits and halving them as minisign does. */
static int seckey_encrypt(struct recite_seckey *copy, const char *password, size_t len,
                          const struct recite_kdf_options *kdf, struct recite_error *err)
{
    uint64_t ops = kdf && kdf->opslimit ? kdf->opslimit
                                        : crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE;
    uint64_t mem = kdf && kdf->memlimit ? kdf->memlimit
                                        : crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE;
    memcpy(copy->kdf_alg, "Sc", 2);
    if (kdf && kdf->salt)
        memcpy(copy->salt, kdf->salt, 32);
    else
        randombytes_buf(copy->salt, 32);
    seckey_checksum(copy->chk, copy);
    for (;;) {
        recite_store64_le(copy->opslimit, ops);
        recite_store64_le(copy->memlimit, mem);
        int rc = seckey_xor(copy, password, len, err);
        if (rc != RECITE_ENOMEM || ops / 2 < crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_MIN ||
            mem / 2 < crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_MIN)
            return rc;
        ops /= 2;
        mem /= 2;
    }
}

int recite_seckey_format(char **out, const struct recite_seckey *key, const char *password,
                         size_t password_len, const struct recite_kdf_options *kdf,
                         struct recite_error *err)
{
    *out = NULL;
    if (recite_seckey_encrypted(key))
        return recite_error_set(err, RECITE_EUSAGE, "the secret key is still encrypted");
    struct recite_seckey *copy = seckey_alloc(err);
    if (!copy)
        return RECITE_ENOMEM;
    memcpy(copy, key, sizeof(*copy));
    memset(copy->kdf_alg, 0, 2);
    memset(copy->salt, 0, 32);
    memset(copy->opslimit, 0, 16);
    seckey_checksum(copy->chk, copy);
    int rc = 0;
    if (password && (rc = seckey_encrypt(copy, password, password_len, kdf, err)) < 0)
        goto out;
    static const char comment[] = UNTRUSTED_PREFIX "minisign encrypted secret key\n";
    size_t size = sizeof(comment) - 1 + SECKEY_B64_LEN + 2;
    char *text = recite_secret_alloc(size);
    if (!text) {
        rc = recite_error_set(err, RECITE_ENOMEM, "cannot allocate locked memory");
        goto out;
    }
    memcpy(text, comment, sizeof(comment) - 1);
    sodium_bin2base64(text + sizeof(comment) - 1, SECKEY_B64_LEN + 1, (const uint8_t *)copy,
                      sizeof(*copy), sodium_base64_VARIANT_ORIGINAL);
    text[size - 2] = '\n';
    text[size - 1] = '\0';
    *out = text;
out:
    recite_seckey_free(copy);
    return rc;
}

int recite_seckey_write(const char *path, const struct recite_seckey *key, const char *password,
                        size_t password_len, const struct recite_kdf_options *kdf, bool force,
                        struct recite_error *err)
{
    struct stat sb;
    if (!force && lstat(path, &sb) == 0)
        return recite_error_set(err, RECITE_EEXISTS,
                                "a secret key already exists at '%s' (use --force to replace it)",
                                path);
    char *text = NULL;
    int rc = recite_seckey_format(&text, key, password, password_len, kdf, err);
    struct recite_save_options opts = {0600, true};
    if (rc == 0)
        rc = recite_file_save(path, text, strlen(text), &opts, err);
    recite_secret_free(text);
    return rc;
}

/* ---- signing ---- */

static void prehash(uint8_t out[64], const void *msg, size_t len)
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 64);
    crypto_generichash_update(&st, msg, len);
    crypto_generichash_final(&st, out, 64);
}

/* A trusted comment recite writes: printable UTF-8 or TAB, one line, bounded. */
static bool comment_ok(const char *comment)
{
    size_t n = strlen(comment);
    if (n > RECITE_COMMENT_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)comment[i];
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return false;
    }
    return true;
}

int recite_sign_buffer(char **out, const struct recite_seckey *key, const void *msg, size_t len,
                       const char *trusted_comment, struct recite_error *err)
{
    *out = NULL;
    if (!comment_ok(trusted_comment))
        return recite_error_set(err, RECITE_EUSAGE, "a trusted comment must be one printable line");
    uint8_t blob[74], digest[64];
    memcpy(blob, "ED", 2);
    memcpy(blob + 2, key->keyid, 8);
    prehash(digest, msg, len);
    crypto_sign_detached(blob + 10, NULL, digest, sizeof(digest), key->sk);
    size_t clen = strlen(trusted_comment);
    uint8_t *global_msg = malloc(64 + clen);
    char *text = malloc(2 * RECITE_COMMENT_MAX + 512);
    if (!global_msg || !text) {
        free(global_msg);
        free(text);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    memcpy(global_msg, blob + 10, 64);
    memcpy(global_msg + 64, trusted_comment, clen);
    uint8_t global[64];
    crypto_sign_detached(global, NULL, global_msg, 64 + clen, key->sk);
    free(global_msg);
    char sig_b64[SIG_B64_LEN + 1], global_b64[GLOBAL_B64_LEN + 1];
    sodium_bin2base64(sig_b64, sizeof(sig_b64), blob, sizeof(blob), sodium_base64_VARIANT_ORIGINAL);
    sodium_bin2base64(global_b64, sizeof(global_b64), global, sizeof(global),
                      sodium_base64_VARIANT_ORIGINAL);
    snprintf(text, 2 * RECITE_COMMENT_MAX + 512,
             UNTRUSTED_PREFIX "signature from minisign secret key\n%s\n" TRUSTED_PREFIX "%s\n%s\n",
             sig_b64, trusted_comment, global_b64);
    *out = text;
    return 0;
}

char *recite_minisig_path(const char *path)
{
    return recite_strjoin(path, ".minisig", NULL);
}

int recite_sign_file(const char *path, const struct recite_seckey *key, const char *trusted_comment,
                     struct recite_error *err)
{
    char *data = NULL;
    size_t len = 0;
    int rc = recite_file_read(&data, &len, path, SIZE_MAX / 2, err);
    if (rc == 0)
        rc = recite_sign_data(path, data, len, key, trusted_comment, err);
    free(data);
    return rc;
}

int recite_sign_data(const char *path, const void *data, size_t len,
                     const struct recite_seckey *key, const char *trusted_comment,
                     struct recite_error *err)
{
    char *sig = NULL, *sig_path = NULL;
    int rc = 0;
    char comment[RECITE_COMMENT_MAX + 1];
    if (!trusted_comment) {
        const char *base = strrchr(path, '/');
        base = base ? base + 1 : path;
        int64_t now = 0;
        if ((rc = recite_now_ms(&now, err)) < 0)
            goto out;
        snprintf(comment, sizeof(comment), "timestamp:%lld\tfile:%s\thashed",
                 (long long)(now / 1000), base);
        trusted_comment = comment;
    }
    if ((rc = recite_sign_buffer(&sig, key, data, len, trusted_comment, err)) < 0)
        goto out;
    if (!(sig_path = recite_minisig_path(path))) {
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        goto out;
    }
    rc = recite_file_write(sig_path, sig, strlen(sig), err);
out:
    free(sig_path);
    free(sig);
    return rc;
}

/* ---- verifying ---- */

static int sig_parse_lines(struct recite_sig *out, const struct line *lines,
                           enum recite_fault *fault, struct recite_error *err)
{
    if (!has_prefix(&lines[0], UNTRUSTED_PREFIX))
        return fail(fault, RECITE_FAULT_SIG_MALFORMED, err,
                    "malformed signature file: line 1: expected 'untrusted comment: '");
    if (lines[0].len > LINE_MAX_BYTES)
        return fail(fault, RECITE_FAULT_SIG_MALFORMED, err,
                    "malformed signature file: line 1: too long");
    if (!has_prefix(&lines[2], TRUSTED_PREFIX))
        return fail(fault, RECITE_FAULT_SIG_MALFORMED, err,
                    "malformed signature file: line 3: expected 'trusted comment: '");
    size_t clen = lines[2].len - strlen(TRUSTED_PREFIX);
    if (lines[2].len > RECITE_SIG_COMMENT_MAX)
        return fail(fault, RECITE_FAULT_SIG_MALFORMED, err,
                    "malformed signature file: line 3: trusted comment too long");
    uint8_t blob[74];
    if (!b64_decode(blob, sizeof(blob), &lines[1], SIG_B64_LEN))
        return fail(fault, RECITE_FAULT_SIG_BASE64, err,
                    "malformed signature file: line 2: not 100 characters of base64");
    if (!b64_decode(out->global_sig, 64, &lines[3], GLOBAL_B64_LEN))
        return fail(fault, RECITE_FAULT_SIG_BASE64, err,
                    "malformed signature file: line 4: not 88 characters of base64");
    if (memcmp(blob, "ED", 2) != 0 && memcmp(blob, "Ed", 2) != 0)
        return fail(fault, RECITE_FAULT_SIG_ALGORITHM, err,
                    "line 2: unsupported signature algorithm");
    memcpy(out->alg, blob, 2);
    memcpy(out->keyid, blob + 2, 8);
    memcpy(out->sig, blob + 10, 64);
    memcpy(out->comment, lines[2].text + strlen(TRUSTED_PREFIX), clen);
    out->comment[clen] = '\0';
    out->comment_len = clen;
    return 0;
}

int recite_sig_parse(struct recite_sig *out, const char *text, size_t len, enum recite_fault *fault,
                     struct recite_error *err)
{
    if (fault)
        *fault = RECITE_FAULT_NONE;
    struct line lines[4];
    if (memchr(text, '\0', len))
        return fail(fault, RECITE_FAULT_SIG_MALFORMED, err, "malformed signature file: NUL byte");
    size_t n = split_lines(lines, 4, text, len);
    if (n < 4) {
        recite_error_set(err, RECITE_EVERIFY,
                         "malformed signature file: line %zu: missing (4 lines expected)", n + 1);
        if (fault)
            *fault = RECITE_FAULT_SIG_MALFORMED;
        return RECITE_EVERIFY;
    }
    if (!blank_after(text, len, &lines[3]))
        return fail(fault, RECITE_FAULT_SIG_MALFORMED, err,
                    "malformed signature file: line 5: unexpected text");
    return sig_parse_lines(out, lines, fault, err);
}

int recite_sig_verify(const struct recite_sig *sig, const struct recite_pubkey *key,
                      const void *msg, size_t len, bool require_prehash, enum recite_fault *fault,
                      struct recite_error *err)
{
    if (fault)
        *fault = RECITE_FAULT_NONE;
    bool prehashed = memcmp(sig->alg, "ED", 2) == 0;
    if (!prehashed && require_prehash)
        return fail(fault, RECITE_FAULT_SIG_ALGORITHM, err,
                    "legacy (non-prehashed) signature where a prehashed one is required");
    if (memcmp(sig->keyid, key->keyid, 8) != 0) {
        char got[17], want[17];
        recite_keyid_hex(got, sig->keyid);
        recite_keyid_hex(want, key->keyid);
        if (fault)
            *fault = RECITE_FAULT_UNKNOWN_KEY;
        return recite_error_set(err, RECITE_EVERIFY,
                                "signature key id is %s but the public key's id is %s", got, want);
    }
    uint8_t digest[64];
    if (prehashed) {
        prehash(digest, msg, len);
        msg = digest;
        len = sizeof(digest);
    }
    if (crypto_sign_verify_detached(sig->sig, msg, len, key->pk) != 0)
        return fail(fault, RECITE_FAULT_BAD_SIGNATURE, err, "signature verification failed");
    uint8_t global_msg[64 + RECITE_SIG_COMMENT_MAX];
    memcpy(global_msg, sig->sig, 64);
    memcpy(global_msg + 64, sig->comment, sig->comment_len);
    if (crypto_sign_verify_detached(sig->global_sig, global_msg, 64 + sig->comment_len, key->pk) !=
        0)
        return fail(fault, RECITE_FAULT_BAD_COMMENT, err,
                    "trusted comment signature verification failed");
    return 0;
}
