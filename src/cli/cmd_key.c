/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recite key gen|show|import|trust: the student's minisign-compatible key
 * pair beside the database (keys/, mode 0700; secret key 0600), and the
 * instructor keys trusted to sign banks.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "cmds.h"
#include "keys.h"

struct key_args {
    bool no_password;
    bool force;
    bool fast_kdf;
    const char *passphrase_file;
    struct cli_key_paths paths; /* filled by the first action that needs them */
};

/* Prints the one-line public key and the key id. */
static void show_pubkey(const struct recite_pubkey *pub)
{
    char b64[RECITE_PUBKEY_TEXT_LEN + 1], hex[RECITE_KEYID_HEX_LEN + 1];
    recite_pubkey_format(b64, pub);
    recite_keyid_hex(hex, pub->keyid);
    printf("public key: %s\nkey id: %s\n", b64, hex);
}

/*
 * Writes key (encrypted with pw unless NULL, at the cost kdf) and its .pub
 * into the key directory: both files or neither.
 */
static int store_key(const struct cli_key_paths *paths, const struct recite_seckey *key,
                     const char *pw, const struct recite_kdf_options *kdf, bool force)
{
    struct recite_error err = {0};
    struct recite_pubkey pub;
    struct recite_staged_file files[2] = {{NULL, NULL}, {NULL, NULL}};
    char pub_text[RECITE_PUBKEY_FILE_MAX], *secret_text = NULL;
    recite_seckey_pubkey(&pub, key);
    if (pw)
        cli_kdf_notice();
    size_t pub_len = recite_pubkey_file_text(pub_text, &pub);
    /* The public key goes first: if the secret key then fails, it is taken back. */
    int rc = recite_key_dir_create(paths->dir, &err);
    if (rc == 0)
        rc = recite_seckey_format(&secret_text, key, pw, pw ? strlen(pw) : 0, kdf, &err);
    if (rc == 0)
        rc = recite_file_stage(&files[0], paths->public, pub_text, pub_len, 0644, &err);
    if (rc == 0)
        rc = recite_file_stage(&files[1], paths->secret, secret_text, strlen(secret_text), 0600,
                               &err);
    if (rc == 0)
        rc = recite_files_commit(files, 2, force, &err);
    recite_files_discard(files, 2);
    recite_secret_free(secret_text);
    if (rc < 0)
        return cli_report(&err);
    show_pubkey(&pub);
    return CLI_EXIT_OK;
}

/* Refuses to go on when either key file exists, unless --force. */
static int check_free(const struct cli_key_paths *paths, const struct key_args *args)
{
    if (args->force)
        return 0;
    const char *taken = recite_file_exists(paths->secret)   ? paths->secret
                        : recite_file_exists(paths->public) ? paths->public
                                                            : NULL;
    if (!taken)
        return 0;
    cli_error("a key file already exists at '%s' (use --force to replace the key pair)", taken);
    return CLI_EXIT_CANTCREAT;
}

/* The scrypt cost of a new key: minisign's 1 GiB unless --fast-kdf says otherwise. */
static void new_key_kdf(struct recite_kdf_options *kdf, const struct key_args *args)
{
    *kdf = (struct recite_kdf_options)RECITE_KDF_OPTIONS_INIT;
    if (args->fast_kdf) {
        kdf->opslimit = 524288;
        kdf->memlimit = 16777216;
        cli_warn("the secret key is encrypted with scrypt at 16 MiB (--fast-kdf): "
                 "a stolen key file is cheaper to attack");
    }
}

static int key_gen(const struct cli_key_paths *paths, const struct key_args *args)
{
    struct recite_error err = {0};
    struct recite_seckey *key = NULL;
    struct recite_kdf_options kdf;
    char *pw = NULL;
    int status = check_free(paths, args);
    if (status != 0)
        return status;
    if (!args->no_password)
        status = cli_read_passphrase(&pw, args->passphrase_file, "new passphrase: ", true);
    if (status == 0 && pw && !*pw) {
        cli_error("empty passphrase; use --no-password for an unencrypted key");
        status = CLI_EXIT_USAGE;
    }
    if (status == 0 && recite_seckey_generate(&key, &err) < 0)
        status = cli_report(&err);
    if (status == 0) {
        new_key_kdf(&kdf, args);
        status = store_key(paths, key, pw, &kdf, args->force);
    }
    recite_seckey_free(key);
    recite_secret_free(pw);
    return status;
}

static int key_show(const struct cli_key_paths *paths)
{
    struct recite_error err = {0};
    struct recite_pubkey pub;
    char *text = NULL;
    size_t len = 0;
    int rc = recite_file_read(&text, &len, paths->public, 65536, &err);
    if (rc == RECITE_ENOTFOUND) {
        cli_error("no key yet; run 'recite key gen'");
        return CLI_EXIT_NOINPUT;
    }
    if (rc == 0)
        rc = recite_pubkey_parse_file(&pub, text, len, &err);
    free(text);
    if (rc < 0)
        return cli_report(&err);
    show_pubkey(&pub);
    return CLI_EXIT_OK;
}

/*
 * Re-encrypts the imported key with the same passphrase at the same scrypt
 * cost (unless --fast-kdf), so it keeps working and is no weaker.
 */
static int key_import(const struct cli_key_paths *paths, const char *file,
                      const struct key_args *args)
{
    struct recite_seckey *key = NULL;
    struct recite_kdf_options kdf;
    char *pw = NULL;
    struct recite_error err = {0};
    int status = check_free(paths, args);
    if (status != 0)
        return status;
    if (recite_sign_init(&err) < 0 || recite_seckey_load(&key, file, &err) < 0)
        return cli_report(&err);
    recite_seckey_kdf(&kdf, key);
    if (args->fast_kdf || kdf.opslimit == 0)
        new_key_kdf(&kdf, args);
    if (recite_seckey_encrypted(key)) {
        status = cli_read_passphrase(&pw, args->passphrase_file, "passphrase: ", false);
        if (status == 0)
            cli_kdf_notice();
        if (status == 0 && recite_seckey_decrypt(key, pw, strlen(pw), &err) < 0)
            status = cli_report(&err);
    }
    if (status == 0)
        status = store_key(paths, key, pw, &kdf, args->force);
    recite_seckey_free(key);
    recite_secret_free(pw);
    return status;
}

static int key_trust(const char *text, const char *name)
{
    struct recite_error err = {0};
    struct recite_pubkey pub;
    int64_t now = 0;
    if (recite_pubkey_load(&pub, text, &err) < 0 || recite_now_ms(&now, &err) < 0)
        return cli_report(&err);
    struct recite_store *st = NULL;
    int status = cli_open_store(&st);
    if (status != 0)
        return status;
    char hex[RECITE_KEYID_HEX_LEN + 1];
    recite_keyid_hex(hex, pub.keyid);
    if (recite_trusted_key_add(st, &pub, name, now, &err) < 0)
        status = cli_report(&err);
    else
        printf("trusted key %s\n", hex);
    recite_store_close(st);
    return status;
}

/* The key files' paths, found on first use. Returns 0 or an exit status. */
static int need_paths(struct key_args *args)
{
    return args->paths.dir ? 0 : cli_key_paths(&args->paths);
}

static int action_gen(const struct cli_call *call)
{
    struct key_args *args = call->ctx;
    int status = need_paths(args);
    return status != 0 ? status : key_gen(&args->paths, args);
}

static int action_show(const struct cli_call *call)
{
    struct key_args *args = call->ctx;
    int status = need_paths(args);
    return status != 0 ? status : key_show(&args->paths);
}

static int action_import(const struct cli_call *call)
{
    struct key_args *args = call->ctx;
    int status = need_paths(args);
    return status != 0 ? status : key_import(&args->paths, call->argv[0], args);
}

static int action_trust(const struct cli_call *call)
{
    return key_trust(call->argv[0], call->argc == 2 ? call->argv[1] : NULL);
}

static const struct cli_action actions[] = {
    {"gen", action_gen, 0, 0, "wrong number of arguments for 'key gen'", false, NULL},
    {"show", action_show, 0, 0, "wrong number of arguments for 'key show'", false, NULL},
    {"import", action_import, 1, 1, "wrong number of arguments for 'key import'", false, NULL},
    {"trust", action_trust, 1, 2, "key trust takes PUBKEY and an optional NAME", false, NULL},
    {0},
};

static const struct cli_parser parser = {
    .command = "key",
    .synopsis = "recite key gen [--no-password] [--force] [--fast-kdf] [--passphrase-file F]\n"
                "recite key show\n"
                "recite key import FILE [--force] [--fast-kdf] [--passphrase-file F]\n"
                "recite key trust PUBKEY [NAME]",
    .summary = "gen makes a minisign-compatible key pair beside the database; show prints\n"
               "the public key (minisign -P form) and its key id; import takes an existing\n"
               "minisign secret key; trust records an instructor key for signed banks.\n"
               "Without a terminal the passphrase is one line of standard input.",
    .actions = actions,
};

/* recite key gen|show|import FILE|trust PUBKEY [NAME] */
int cmd_key(int argc, char **argv)
{
    struct key_args args = {0};
    const struct cli_option options[] = {
        CLI_OPT_SWITCH_ROW("no-password", 0, &args.no_password,
                           "gen: leave the secret key unencrypted"),
        CLI_OPT_SWITCH_ROW("force", 0, &args.force, "gen, import: replace an existing key"),
        CLI_OPT_SWITCH_ROW("fast-kdf", 0, &args.fast_kdf,
                           "gen, import: scrypt at 16 MiB, not 1 GiB (quicker, weaker against "
                           "guessing)"),
        CLI_OPT_STRING_ROW("passphrase-file", 0, &args.passphrase_file, "F",
                           "read the passphrase from the first line of F"),
        CLI_OPT_END_ROW,
    };
    cli_secret_hygiene();
    struct recite_error err = {0};
    if (recite_sign_init(&err) < 0)
        return cli_report(&err);
    int status = cli_run(&parser, options, &args, argc, argv);
    cli_key_paths_release(&args.paths);
    return status;
}
