/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Score files for verify and grades: collecting them (a directory stands
 * for its files, signatures and hidden files aside), the roster or key they
 * are checked against, and one verification pass over all of them.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "score_files.h"

static int list_add(struct cli_file_list *list, char *name)
{
    if (!name)
        return -1;
    if (list->count == list->cap) {
        size_t next = list->cap ? list->cap * 2 : 64;
        char **grown = realloc(list->names, next * sizeof(*grown));
        if (!grown) {
            free(name);
            return -1;
        }
        list->names = grown;
        list->cap = next;
    }
    list->names[list->count++] = name;
    return 0;
}

void cli_file_list_release(struct cli_file_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->names[i]);
    free(list->names);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Adds the files of dir (not signatures, not hidden files), sorted by name. */
static int add_directory(struct cli_file_list *list, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        cli_error("cannot open directory '%s'", dir);
        return CLI_EXIT_NOINPUT;
    }
    size_t first = list->count;
    int rc = 0;
    for (struct dirent *e; rc == 0 && (e = readdir(d));) {
        if (e->d_name[0] == '.' || ends_with(e->d_name, ".minisig"))
            continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *path = malloc(n);
        if (path)
            snprintf(path, n, "%s/%s", dir, e->d_name);
        rc = list_add(list, path);
    }
    closedir(d);
    if (rc < 0) {
        cli_error("out of memory");
        return CLI_EXIT_SOFTWARE;
    }
    qsort(list->names + first, list->count - first, sizeof(char *), compare_names);
    return 0;
}

static int collect_files(struct cli_file_list *list, int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        struct stat sb;
        int status = 0;
        if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode))
            status = add_directory(list, argv[i]);
        else if (list_add(list, recite_strdup(argv[i])) < 0)
            status = CLI_EXIT_SOFTWARE;
        if (status != 0)
            return status;
    }
    return 0;
}

/* Two entries with one key id: both are tried, but the instructor should know. */
static void warn_collisions(const struct recite_keyset *keys)
{
    for (size_t i = 0; i < keys->count; i++) {
        for (size_t j = i + 1; j < keys->count; j++) {
            if (memcmp(keys->keys[i].keyid, keys->keys[j].keyid, RECITE_KEYID_BYTES) != 0)
                continue;
            char hex[RECITE_KEYID_HEX_LEN + 1];
            char *a = cli_sanitize(keys->names[i], strlen(keys->names[i]), false);
            char *b = cli_sanitize(keys->names[j], strlen(keys->names[j]), false);
            recite_keyid_hex(hex, keys->keys[i].keyid);
            cli_warn("roster entries '%s' and '%s' share key id %s", a ? a : "", b ? b : "", hex);
            free(a);
            free(b);
        }
    }
}

static int load_keys(struct recite_keyset *keys, const struct cli_score_args *args)
{
    struct recite_error err = {0};
    if (args->roster && recite_roster_load(keys, args->roster, &err) < 0)
        return cli_report(&err);
    if (args->pubkey) {
        struct recite_pubkey pub;
        if (recite_pubkey_load(&pub, args->pubkey, &err) < 0 ||
            recite_keyset_add(keys, &pub, "", &err) < 0)
            return cli_report(&err);
    }
    warn_collisions(keys);
    if (keys->count == 0) {
        cli_error("the roster '%s' lists no student", args->roster);
        return CLI_EXIT_DATAERR;
    }
    return 0;
}

int cli_score_prepare(struct recite_keyset *keys, struct cli_file_list *files, char *bank_hash,
                      size_t hash_size, const struct cli_score_args *args, int argc, char **argv)
{
    struct recite_error err = {0};
    if (recite_sign_init(&err) < 0)
        return cli_report(&err);
    if (args->bank && recite_score_bank_file_hash(bank_hash, hash_size, args->bank, &err) < 0)
        return cli_report(&err);
    int status = load_keys(keys, args);
    if (status == 0)
        status = collect_files(files, argc, argv);
    return status;
}

int cli_score_verify_files(struct recite_score_result **out, const struct cli_file_list *files,
                           const struct recite_keyset *keys, const char *bank_hash)
{
    struct recite_score_result *results = calloc(files->count ? files->count : 1, sizeof(*results));
    *out = NULL;
    if (!results) {
        cli_error("out of memory");
        return CLI_EXIT_SOFTWARE;
    }
    int status = CLI_EXIT_OK;
    struct recite_error err = {0};
    for (size_t i = 0; i < files->count && status == 0; i++) {
        if (recite_score_verify_file(&results[i], files->names[i], keys, bank_hash, &err) < 0)
            status = cli_report(&err);
    }
    if (status == 0 && recite_score_mark_duplicates(results, (const char *const *)files->names,
                                                    files->count) < 0) {
        cli_error("out of memory");
        status = CLI_EXIT_SOFTWARE;
    }
    if (status != 0) {
        for (size_t i = 0; i < files->count; i++)
            recite_score_result_release(&results[i]);
        free(results);
        return status;
    }
    *out = results;
    return 0;
}
