/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recite key gen|show|import|trust: the student's minisign-compatible key
 * pair beside the database (keys/, mode 0700; secret key 0600), and the
 * instructor keys trusted to sign banks.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "cmd.h"
#include "cmds.h"
#include "keys.h"

enum { OPT_NO_PASSWORD = 256, OPT_FORCE, OPT_PASSPHRASE_FILE };

static const struct cli_option options[] = {
    {"no-password", OPT_NO_PASSWORD, no_argument, NULL, "gen: leave the secret key unencrypted"},
    {"force", OPT_FORCE, no_argument, NULL, "gen, import: replace an existing key"},
    {"passphrase-file", OPT_PASSPHRASE_FILE, required_argument, "F",
     "read the passphrase from the first line of F"},
    {"help", 'h', no_argument, NULL, "show this help"},
    {NULL, 0, 0, NULL, NULL},
};

struct key_args {
    bool no_password;
    bool force;
    const char *passphrase_file;
};

static void print_help(FILE *out)
{
    cli_print_usage(out,
                    "recite key gen [--no-password] [--force] [--passphrase-file F]\n"
                    "recite key show\n"
                    "recite key import FILE [--force] [--passphrase-file F]\n"
                    "recite key trust PUBKEY [NAME]",
                    "gen makes a minisign-compatible key pair beside the database; show prints\n"
                    "the public key (minisign -P form) and its key id; import takes an existing\n"
                    "minisign secret key; trust records an instructor key for signed banks.\n"
                    "Without a terminal the passphrase is one line of standard input.",
                    options);
}

/* Prints the one-line public key and the key id. */
static void show_pubkey(const struct recite_pubkey *pub)
{
    char b64[RECITE_PUBKEY_TEXT_LEN + 1], hex[RECITE_KEYID_HEX_LEN + 1];
    recite_pubkey_format(b64, pub);
    recite_keyid_hex(hex, pub->keyid);
    printf("public key: %s\nkey id: %s\n", b64, hex);
}

/* Writes key (encrypted with pw unless NULL) and its .pub into the key directory. */
static int store_key(const struct cli_key_paths *paths, const struct recite_seckey *key,
                     const char *pw, bool force)
{
    struct recite_error err = {0};
    struct recite_kdf_options kdf = RECITE_KDF_OPTIONS_INIT;
    const char *now = getenv("RECITE_NOW");
    /* Tests pin the clock; they also get scrypt's interactive cost, not 1 GiB. */
    if (now && *now) {
        kdf.opslimit = 524288;
        kdf.memlimit = 16777216;
    }
    struct recite_pubkey pub;
    recite_seckey_pubkey(&pub, key);
    if (pw)
        cli_kdf_notice();
    if (recite_key_dir_create(paths->dir, &err) < 0 ||
        recite_seckey_write(paths->secret, key, pw, pw ? strlen(pw) : 0, &kdf, force, &err) < 0 ||
        recite_pubkey_write(paths->public, &pub, &err) < 0)
        return cli_report(&err);
    show_pubkey(&pub);
    return CLI_EXIT_OK;
}

static int key_gen(const struct cli_key_paths *paths, const struct key_args *args)
{
    struct recite_error err = {0};
    struct recite_seckey *key = NULL;
    char *pw = NULL;
    if (!args->force && access(paths->secret, F_OK) == 0) {
        cli_error("a secret key already exists at '%s' (use --force to replace it)", paths->secret);
        return CLI_EXIT_CANTCREAT;
    }
    int status = CLI_EXIT_OK;
    if (!args->no_password)
        status = cli_read_passphrase(&pw, args->passphrase_file, "new passphrase: ", true);
    if (status == 0 && pw && !*pw) {
        cli_error("empty passphrase; use --no-password for an unencrypted key");
        status = CLI_EXIT_USAGE;
    }
    if (status == 0 && recite_seckey_generate(&key, &err) < 0)
        status = cli_report(&err);
    if (status == 0)
        status = store_key(paths, key, pw, args->force);
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

/* Re-encrypts the imported key with the same passphrase, so it keeps working. */
static int key_import(const struct cli_key_paths *paths, const char *file,
                      const struct key_args *args)
{
    struct recite_seckey *key = NULL;
    char *pw = NULL;
    struct recite_error err = {0};
    if (!args->force && access(paths->secret, F_OK) == 0) {
        cli_error("a secret key already exists at '%s' (use --force to replace it)", paths->secret);
        return CLI_EXIT_CANTCREAT;
    }
    int status = 0;
    if (recite_sign_init(&err) < 0 || recite_seckey_load(&key, file, &err) < 0)
        return cli_report(&err);
    if (recite_seckey_encrypted(key)) {
        status = cli_read_passphrase(&pw, args->passphrase_file, "passphrase: ", false);
        if (status == 0)
            cli_kdf_notice();
        if (status == 0 && recite_seckey_decrypt(key, pw, strlen(pw), &err) < 0)
            status = cli_report(&err);
    }
    if (status == 0)
        status = store_key(paths, key, pw, args->force);
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
    char b64[RECITE_PUBKEY_TEXT_LEN + 1], hex[RECITE_KEYID_HEX_LEN + 1];
    recite_pubkey_format(b64, &pub);
    recite_keyid_hex(hex, pub.keyid);
    if (recite_store_trusted_key_add(st, hex, b64, name ? name : "", now, &err) < 0)
        status = cli_report(&err);
    else
        printf("trusted key %s\n", hex);
    recite_store_close(st);
    return status;
}

static int parse_args(struct key_args *args, int argc, char **argv, bool *help)
{
    struct cli_getopt g;
    cli_getopt_init(&g, options);
    optind = 0;
    for (int c; (c = getopt_long(argc, argv, g.shorts, g.longs, NULL)) != -1;) {
        if (c == 'h')
            *help = true;
        else if (c == OPT_NO_PASSWORD)
            args->no_password = true;
        else if (c == OPT_FORCE)
            args->force = true;
        else if (c == OPT_PASSPHRASE_FILE)
            args->passphrase_file = optarg;
        else
            return cli_usage_error("key", "unknown or incomplete option '%s'", argv[optind - 1]);
    }
    return 0;
}

static int dispatch(const char *action, int nargs, char **args, const struct key_args *opts)
{
    if (strcmp(action, "trust") == 0) {
        if (nargs < 1 || nargs > 2)
            return cli_usage_error("key", "key trust takes PUBKEY and an optional NAME");
        return key_trust(args[0], nargs == 2 ? args[1] : NULL);
    }
    struct cli_key_paths paths;
    int status = cli_key_paths(&paths);
    if (status != 0)
        return status;
    int want = strcmp(action, "import") == 0 ? 1 : 0;
    if (strcmp(action, "gen") != 0 && strcmp(action, "show") != 0 && !want)
        status = cli_usage_error("key", "unknown action '%s' (gen, show, import or trust)", action);
    else if (nargs != want)
        status = cli_usage_error("key", "wrong number of arguments for 'key %s'", action);
    else if (strcmp(action, "gen") == 0)
        status = key_gen(&paths, opts);
    else if (strcmp(action, "show") == 0)
        status = key_show(&paths);
    else
        status = key_import(&paths, args[0], opts);
    cli_key_paths_release(&paths);
    return status;
}

/* recite key gen|show|import FILE|trust PUBKEY [NAME] */
int cmd_key(int argc, char **argv)
{
    struct key_args args = {0};
    bool help = false;
    int status = parse_args(&args, argc, argv, &help);
    if (status != 0)
        return status;
    if (help) {
        print_help(stdout);
        return CLI_EXIT_OK;
    }
    if (optind >= argc)
        return cli_usage_error("key", "missing action (gen, show, import or trust)");
    /* A crash must not leave the decrypted key in a core file. */
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    struct recite_error err = {0};
    if (recite_sign_init(&err) < 0)
        return cli_report(&err);
    return dispatch(argv[optind], argc - optind - 1, argv + optind + 1, &args);
}
