/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * minisign-compatible keys and signatures on libsodium: key generation and
 * scrypt encryption of secret keys, the one-line public key, prehashed (ED)
 * signing, verification of ED and legacy Ed signatures with the trusted
 * comment, and key sets (a roster, the trusted instructor keys). Secret keys
 * live only in sodium_malloc memory. See docs/score-format.md and
 * shared spec signing.md. Included through recite.h.
 */
#ifndef RECITE_SIGN_H
#define RECITE_SIGN_H

#include "common.h"

#define RECITE_KEYID_BYTES 8
#define RECITE_PUBKEY_TEXT_LEN 56   /* base64 of the 42-byte public key blob */
#define RECITE_KEYID_HEX_LEN 16     /* little-endian uint64, uppercase hex */
#define RECITE_COMMENT_MAX 1024     /* longest trusted comment recite writes */
#define RECITE_SIG_COMMENT_MAX 8192 /* longest trusted comment line recite reads */

/*
 * Why a signature was refused. Each has its own message; the CLI maps them
 * all to exit status 1. The score-level reasons live here too so that one
 * verification result can carry any of them.
 */
enum recite_fault {
    RECITE_FAULT_NONE = 0,
    RECITE_FAULT_SIG_MISSING,      /* no FILE.minisig */
    RECITE_FAULT_SIG_MALFORMED,    /* lines, prefixes, lengths, NUL bytes */
    RECITE_FAULT_SIG_BASE64,       /* bad base64 or wrong decoded length */
    RECITE_FAULT_SIG_ALGORITHM,    /* not ED/Ed, or legacy when prehash is required */
    RECITE_FAULT_UNKNOWN_KEY,      /* the key id matches no trusted key */
    RECITE_FAULT_BAD_SIGNATURE,    /* the file was changed or the signature forged */
    RECITE_FAULT_BAD_COMMENT,      /* the trusted comment was edited or transplanted */
    RECITE_FAULT_JSON_MALFORMED,   /* signed, but not a recite-score document */
    RECITE_FAULT_TOTALS,           /* signed, but the stated totals are not the items' */
    RECITE_FAULT_SUMMARY_MISMATCH, /* trusted comment and score body disagree */
    RECITE_FAULT_WRONG_STUDENT,    /* the body names another student than the key's */
    RECITE_FAULT_BANK_HASH,        /* the score was earned on another bank */
    RECITE_FAULT_DUPLICATE,        /* the attempt id was seen in another file */
    RECITE_FAULT_IO,               /* the file could not be read */
    RECITE_FAULT_NOT_REGULAR,      /* a FIFO, device, ..., or a link out of its directory */
    RECITE_FAULT_COUNT
};

/* A stable token for tables and CSV, e.g. "bad-signature". Static storage. */
const char *recite_fault_name(enum recite_fault fault);
/* A short human phrase, e.g. "trusted comment edited". Static storage. */
const char *recite_fault_text(enum recite_fault fault);

/* Initialises libsodium once; safe to call many times. */
int recite_sign_init(struct recite_error *err);

/* A public key: the key id and the Ed25519 public key. Plain data. */
struct recite_pubkey {
    uint8_t keyid[RECITE_KEYID_BYTES];
    uint8_t pk[32];
};

/* The key id as minisign 0.12 prints it: 16 uppercase hex digits plus NUL. */
void recite_keyid_hex(char out[RECITE_KEYID_HEX_LEN + 1], const uint8_t keyid[RECITE_KEYID_BYTES]);
/* Parses 1 to 16 hex digits (any case) as a key id number. 0 or RECITE_EDATA. */
int recite_keyid_parse(uint8_t out[RECITE_KEYID_BYTES], const char *hex);

/* The one-line form (minisign -P): 56 base64 characters plus NUL. */
void recite_pubkey_format(char out[RECITE_PUBKEY_TEXT_LEN + 1], const struct recite_pubkey *key);
/* Parses the one-line form (surrounding blanks are not allowed). RECITE_EDATA when malformed. */
int recite_pubkey_parse(struct recite_pubkey *out, const char *text, size_t len,
                        struct recite_error *err);
/*
 * Parses the text of a .pub file ("untrusted comment: ..." then the key);
 * errors name the line: "line 2: ...". RECITE_EDATA when malformed.
 */
int recite_pubkey_parse_file(struct recite_pubkey *out, const char *text, size_t len,
                             struct recite_error *err);
/* Accepts either a path to a .pub file or the one-line form. */
int recite_pubkey_load(struct recite_pubkey *out, const char *path_or_text,
                       struct recite_error *err);
/* The text of a .pub file ("untrusted comment: minisign public key ID", the key); its length. */
#define RECITE_PUBKEY_FILE_MAX 128
size_t recite_pubkey_file_text(char out[RECITE_PUBKEY_FILE_MAX], const struct recite_pubkey *key);
/* Writes a .pub file (mode 0644) through a temporary file and rename. */
int recite_pubkey_write(const char *path, const struct recite_pubkey *key,
                        struct recite_error *err);

/* A secret key, decoded; opaque, in sodium_malloc memory. */
struct recite_seckey;

/* scrypt cost of an encrypted key; zeros mean minisign's SENSITIVE values. */
struct recite_kdf_options {
    uint64_t opslimit;
    uint64_t memlimit;
    const uint8_t *salt; /* 32 bytes, or NULL for random */
};
#define RECITE_KDF_OPTIONS_INIT                                                                    \
    {                                                                                              \
        0, 0, NULL                                                                                 \
    }

/* A new random key pair. Free with recite_seckey_free(). */
int recite_seckey_generate(struct recite_seckey **out, struct recite_error *err);
/* A key pair from a 32-byte seed and a key id (tests, known answers). */
int recite_seckey_from_seed(struct recite_seckey **out, const uint8_t seed[32],
                            const uint8_t keyid[RECITE_KEYID_BYTES], struct recite_error *err);
/* Wipes and frees; NULL does nothing. */
void recite_seckey_free(struct recite_seckey *key);
/* The public half of a secret key. */
void recite_seckey_pubkey(struct recite_pubkey *out, const struct recite_seckey *key);

/*
 * Parses a secret key file's text (two lines). The key may still be
 * encrypted: check recite_seckey_encrypted() and call recite_seckey_decrypt().
 * Errors name the line. RECITE_EDATA when malformed or unsupported.
 */
int recite_seckey_parse(struct recite_seckey **out, const char *text, size_t len,
                        struct recite_error *err);
/* Reads and parses a secret key file; RECITE_ENOTFOUND when it does not exist. */
int recite_seckey_load(struct recite_seckey **out, const char *path, struct recite_error *err);
bool recite_seckey_encrypted(const struct recite_seckey *key);
/* The scrypt limits stored in the key (zeros for a key never encrypted), salt NULL. */
void recite_seckey_kdf(struct recite_kdf_options *out, const struct recite_seckey *key);
/*
 * Decrypts with the password (raw bytes, no newline) using the limits stored
 * in the key: one scrypt derivation, right or wrong. RECITE_EVERIFY on a
 * wrong password (the key stays encrypted, ready for another attempt),
 * RECITE_EDATA on absurd limits, RECITE_ENOMEM when scrypt cannot get its
 * memory.
 */
int recite_seckey_decrypt(struct recite_seckey *key, const char *password, size_t len,
                          struct recite_error *err);

/*
 * The secret key file text, encrypted with password when it is not NULL
 * (kdf may be NULL for the SENSITIVE defaults, halved on memory failure as
 * minisign does). *out is sodium_malloc'd: free with recite_secret_free().
 */
int recite_seckey_format(char **out, const struct recite_seckey *key, const char *password,
                         size_t password_len, const struct recite_kdf_options *kdf,
                         struct recite_error *err);
/* Writes the secret key file with mode 0600 (refusing to replace one unless force). */
int recite_seckey_write(const char *path, const struct recite_seckey *key, const char *password,
                        size_t password_len, const struct recite_kdf_options *kdf, bool force,
                        struct recite_error *err);
/* Frees a buffer returned by recite_seckey_format() or recite_secret_alloc(); NULL ok. */
void recite_secret_free(void *p);
/* A zeroed sodium_malloc buffer for passwords; NULL when locked memory is exhausted. */
void *recite_secret_alloc(size_t size);

/*
 * The .minisig text for a message: prehashed (ED), with the given trusted
 * comment (one line of printable UTF-8 or TAB, at most RECITE_COMMENT_MAX
 * bytes). Caller frees *out with free().
 */
int recite_sign_buffer(char **out, const struct recite_seckey *key, const void *msg, size_t len,
                       const char *trusted_comment, struct recite_error *err);

/* The path of path's signature file, "PATH.minisig". Caller frees; NULL when memory runs out. */
char *recite_minisig_path(const char *path);

/*
 * Signs the file at path into path.minisig (written atomically). A NULL
 * comment gives minisign's default "timestamp:<s>\tfile:<name>\thashed".
 */
int recite_sign_file(const char *path, const struct recite_seckey *key, const char *trusted_comment,
                     struct recite_error *err);
/*
 * As recite_sign_file(), for the len bytes of data already read from path:
 * the signature covers exactly those bytes, whatever path holds now.
 */
int recite_sign_data(const char *path, const void *data, size_t len,
                     const struct recite_seckey *key, const char *trusted_comment,
                     struct recite_error *err);

/* A parsed .minisig file. Plain data. */
struct recite_sig {
    uint8_t alg[2]; /* "ED" or "Ed" */
    uint8_t keyid[RECITE_KEYID_BYTES];
    uint8_t sig[64];
    uint8_t global_sig[64];
    char comment[RECITE_SIG_COMMENT_MAX + 1]; /* the trusted comment, NUL-terminated */
    size_t comment_len;
};

/*
 * Parses .minisig text. On failure returns RECITE_EVERIFY, sets *fault to
 * SIG_MALFORMED, SIG_BASE64 or SIG_ALGORITHM and names the line in err.
 */
int recite_sig_parse(struct recite_sig *out, const char *text, size_t len, enum recite_fault *fault,
                     struct recite_error *err);

/*
 * Checks a parsed signature of msg against key (steps 3-5 of minisign's
 * order). RECITE_EVERIFY with *fault UNKNOWN_KEY, BAD_SIGNATURE or
 * BAD_COMMENT, or SIG_ALGORITHM for a legacy signature when require_prehash.
 */
int recite_sig_verify(const struct recite_sig *sig, const struct recite_pubkey *key,
                      const void *msg, size_t len, bool require_prehash, enum recite_fault *fault,
                      struct recite_error *err);

/*
 * Who a roster student is in a gradebook: NAME=VALUE fields a roster line
 * may carry after the key, for `recite score grades`.
 */
enum recite_roster_field {
    RECITE_ROSTER_USERNAME =
        0,                   /* username=: the LMS login (Moodle username, Canvas SIS Login ID) */
    RECITE_ROSTER_IDNUMBER,  /* idnumber=: Moodle ID number, Canvas SIS User ID */
    RECITE_ROSTER_EMAIL,     /* email= */
    RECITE_ROSTER_NAME,      /* name=: the name the LMS shows ("Doe, Alice") */
    RECITE_ROSTER_CANVAS_ID, /* canvas_id=: Canvas's numeric user id */
    RECITE_ROSTER_SECTION,   /* section= */
    RECITE_ROSTER_FIELD_COUNT
};

/* "username", "idnumber", ... Static storage. */
const char *recite_roster_field_name(enum recite_roster_field field);

/* A set of public keys with names: a roster, or the trusted instructor keys. */
struct recite_keyset {
    struct recite_pubkey *keys; /* owned */
    char **names;               /* owned; the student identifier or a comment */
    size_t count;
    size_t cap;
    char **fields; /* owned; count * RECITE_ROSTER_FIELD_COUNT values, NULL when absent */
    size_t *lines; /* the roster line of each entry; 0 when not from a roster */
};
#define RECITE_KEYSET_INIT                                                                         \
    {                                                                                              \
        NULL, NULL, 0, 0, NULL, NULL                                                               \
    }

/* Entry i's roster field, or NULL. Borrowed from the set. */
const char *recite_keyset_field(const struct recite_keyset *set, size_t i,
                                enum recite_roster_field field);

/* Adds a copy of key under name. */
int recite_keyset_add(struct recite_keyset *set, const struct recite_pubkey *key, const char *name,
                      struct recite_error *err);
void recite_keyset_release(struct recite_keyset *set);
/*
 * Parses a roster: one student a line, "IDENTIFIER<TAB>PUBLIC-KEY" with an
 * optional third field, the key id in hex, which must match the key, then
 * any of the NAME=VALUE fields of enum recite_roster_field, each once and
 * not empty; '#' starts a comment line, blank lines are skipped. Errors are
 * located: "NAME:LINE: message" or "NAME:LINE:COL: message". RECITE_EDATA
 * when malformed.
 */
int recite_roster_parse(struct recite_keyset *out, const char *text, size_t len, const char *name,
                        struct recite_error *err);
int recite_roster_load(struct recite_keyset *out, const char *path, struct recite_error *err);

/*
 * Verifies msg against every key of set that has the signature's key id, in
 * order; *out_index receives the index of the key that verified. Faults as
 * recite_sig_verify (UNKNOWN_KEY when no key has that id). Score files
 * require prehashed signatures; files signed by minisign -l are legacy.
 */
int recite_keyset_verify(const struct recite_keyset *set, const struct recite_sig *sig,
                         const void *msg, size_t len, bool require_prehash, size_t *out_index,
                         enum recite_fault *fault, struct recite_error *err);

struct recite_store;
/*
 * The trusted instructor keys recorded by `recite key trust` (table
 * trusted_key), named by their comments. Release with recite_keyset_release().
 */
int recite_keyset_from_trusted(struct recite_keyset *out, struct recite_store *st,
                               struct recite_error *err);

/*
 * Trusts key for signed banks, under name (may be NULL). Trusting the same
 * key again renames it; another key with the same key id is refused with
 * RECITE_EEXISTS, both keys (minisign -P form) named in err, nothing changed.
 */
int recite_trusted_key_add(struct recite_store *st, const struct recite_pubkey *key,
                           const char *name, int64_t now_ms, struct recite_error *err);

/*
 * Verifies path against path.minisig with the keys in set (e.g. the trusted
 * instructor keys, for a bank import). RECITE_ENOTFOUND when there is no
 * signature file (an unsigned file), RECITE_EVERIFY with *fault otherwise.
 * *out_index gets the key that verified.
 */
int recite_sign_verify_file(const char *path, const struct recite_keyset *set, size_t *out_index,
                            enum recite_fault *fault, struct recite_error *err);

/*
 * What `bank import` asks: is path signed (path.minisig) by a trusted
 * instructor key? 0 when it is (*out_signer: the key's recorded name, or its
 * key id when unnamed; caller frees with free()), RECITE_ENOTFOUND when there
 * is no signature (an unsigned file: import it with a note), RECITE_EVERIFY
 * with *fault and the reason in err when the signature is bad or from a key
 * that is not trusted.
 */
int recite_sign_check_trusted(struct recite_store *st, const char *path, char **out_signer,
                              enum recite_fault *fault, struct recite_error *err);

/*
 * The key directory beside the database: dirname(db_path)/keys. Caller frees
 * *out with free(). recite_key_dir_create makes it with mode 0700.
 */
int recite_key_dir(char **out, const char *db_path, struct recite_error *err);
int recite_key_dir_create(const char *dir, struct recite_error *err);

/*
 * Before a secret key file is used, as ssh does: RECITE_EDATA when it is not
 * a regular file of the user's own, when group or others may read or write
 * it, or when its directory is writable by others. A directory others may
 * read or enter is allowed with a message in *warning (may be NULL; its
 * code stays 0 otherwise). A missing file passes (loading it reports that).
 */
int recite_key_file_check(const char *secret_path, struct recite_error *warning,
                          struct recite_error *err);

#endif
