/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Whole-file reads and writes (files.h). Invariant for writes: a target path only ever changes
 * by rename() or link() of a complete, flushed temporary file from its own
 * directory; nothing is opened for writing at the target path itself, so no
 * write can follow a symlink planted there.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "recite/common.h"
#include "recite/files.h"

bool recite_file_exists(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0;
}

/* path + suffix + "XXXXXX", malloc'd. */
static char *sibling_name(const char *path, const char *suffix)
{
    return recite_strjoin(path, suffix, "XXXXXX", NULL);
}

static bool write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t put = write(fd, p, len);
        if (put < 0 && errno == EINTR)
            continue;
        if (put < 0)
            return false;
        p += put;
        len -= (size_t)put;
    }
    return true;
}

/* The mode a new file gets: mode, or 0666 less the umask when 0. */
static mode_t file_mode(unsigned mode)
{
    if (mode)
        return (mode_t)mode;
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

/* Opens out's temporary file beside path (mkstemp: O_EXCL, nothing followed); its fd or < 0. */
static int stage_open(struct recite_staged_file *out, const char *path, struct recite_error *err)
{
    *out = (struct recite_staged_file){recite_strdup(path), sibling_name(path, ".tmp-")};
    if (!out->path || !out->tmp) {
        recite_files_discard(out, 1);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    int fd = mkstemp(out->tmp);
    if (fd < 0) {
        int saved = errno;
        free(out->tmp);
        out->tmp = NULL;
        recite_files_discard(out, 1);
        return recite_error_set(err, RECITE_ECREATE, "cannot create '%s': %s", path,
                                strerror(saved));
    }
    return fd;
}

/*
 * Gives the file written to fd its mode and makes it durable, then closes
 * it; written is false when writing it failed (saved the errno then).
 */
static int stage_close(struct recite_staged_file *out, int fd, bool written, int saved,
                       unsigned mode, struct recite_error *err)
{
    if (written) {
        written = fchmod(fd, file_mode(mode)) == 0 && fsync(fd) == 0;
        saved = errno;
    }
    if (close(fd) != 0 && written) {
        written = false;
        saved = errno;
    }
    if (!written) {
        int rc = recite_error_set(err, RECITE_EIO, "cannot write '%s': %s", out->path,
                                  strerror(saved));
        recite_files_discard(out, 1);
        return rc;
    }
    return 0;
}

int recite_file_stage(struct recite_staged_file *out, const char *path, const void *data,
                      size_t len, unsigned mode, struct recite_error *err)
{
    int fd = stage_open(out, path, err);
    if (fd < 0)
        return fd;
    bool written = write_all(fd, data, len);
    return stage_close(out, fd, written, errno, mode, err);
}

int recite_file_writer_open(struct recite_file_writer *w, const char *path,
                            struct recite_error *err)
{
    *w = (struct recite_file_writer){.fd = -1};
    int fd = stage_open(&w->file, path, err);
    if (fd < 0)
        return fd;
    w->fd = fd;
    return 0;
}

int recite_file_writer_put(void *writer, const char *data, size_t len)
{
    struct recite_file_writer *w = writer;
    if (w->saved_errno)
        return RECITE_EIO;
    if (!write_all(w->fd, data, len)) {
        w->saved_errno = errno ? errno : EIO;
        return RECITE_EIO;
    }
    return 0;
}

int recite_file_writer_close(struct recite_file_writer *w, const struct recite_save_options *opts,
                             struct recite_error *err)
{
    struct recite_save_options defaults = RECITE_SAVE_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    int rc = stage_close(&w->file, w->fd, w->saved_errno == 0, w->saved_errno, opts->mode, err);
    w->fd = -1;
    if (rc == 0)
        rc = recite_files_commit(&w->file, 1, opts->replace, err);
    recite_files_discard(&w->file, 1);
    return rc;
}

void recite_file_writer_discard(struct recite_file_writer *w)
{
    if (w->fd >= 0)
        close(w->fd);
    w->fd = -1;
    recite_files_discard(&w->file, 1);
}

void recite_files_discard(struct recite_staged_file *files, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (files[i].tmp)
            unlink(files[i].tmp);
        free(files[i].tmp);
        free(files[i].path);
        files[i] = (struct recite_staged_file){NULL, NULL};
    }
}

/* Makes the renames durable; a failure here loses nothing that was not already at risk. */
static void sync_dir(const char *path)
{
    char *dir = recite_strdup(path);
    if (!dir)
        return;
    char *slash = strrchr(dir, '/');
    const char *name = slash ? (slash == dir ? "/" : dir) : ".";
    if (slash && slash != dir)
        *slash = '\0';
    int fd = open(name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

/* How one file was put in place, so that it can be undone. */
struct placed {
    char *backup; /* the previous file, kept under a temporary name; NULL when there was none */
};

/* Puts f in place without replacing anything. */
static int place_new(struct recite_staged_file *f, struct recite_error *err)
{
    if (link(f->tmp, f->path) != 0) {
        int saved = errno;
        if (saved == EEXIST || recite_file_exists(f->path))
            return recite_error_set(err, RECITE_EEXISTS, "'%s' exists (use --force to replace it)",
                                    f->path);
        /* A file system without hard links: check, then rename (a small race). */
        if (saved != EPERM && saved != ENOTSUP && saved != ENOSYS)
            return recite_error_set(err, RECITE_ECREATE, "cannot create '%s': %s", f->path,
                                    strerror(saved));
        if (rename(f->tmp, f->path) != 0)
            return recite_error_set(err, RECITE_ECREATE, "cannot create '%s': %s", f->path,
                                    strerror(errno));
    } else {
        unlink(f->tmp);
    }
    free(f->tmp);
    f->tmp = NULL;
    return 0;
}

/* Puts f in place over what is there, keeping the old one aside in *backup. */
static int place_over(struct recite_staged_file *f, char **backup, struct recite_error *err)
{
    struct stat sb;
    *backup = NULL;
    if (lstat(f->path, &sb) == 0) {
        if (S_ISDIR(sb.st_mode))
            return recite_error_set(err, RECITE_ECREATE, "cannot create '%s': it is a directory",
                                    f->path);
        size_t n = strlen(f->tmp) + sizeof(".old");
        if (!(*backup = malloc(n)))
            return recite_error_set(err, RECITE_ENOMEM, "out of memory");
        snprintf(*backup, n, "%s.old", f->tmp);
        /* A link keeps the old file readable at its path until the rename. */
        if (link(f->path, *backup) != 0 && rename(f->path, *backup) != 0) {
            int saved = errno;
            free(*backup);
            *backup = NULL;
            return recite_error_set(err, RECITE_ECREATE, "cannot replace '%s': %s", f->path,
                                    strerror(saved));
        }
    }
    if (rename(f->tmp, f->path) != 0) {
        int saved = errno;
        if (*backup && !recite_file_exists(f->path))
            rename(*backup, f->path);
        else if (*backup)
            unlink(*backup);
        free(*backup);
        *backup = NULL;
        return recite_error_set(err, RECITE_ECREATE, "cannot create '%s': %s", f->path,
                                strerror(saved));
    }
    free(f->tmp);
    f->tmp = NULL;
    return 0;
}

/* Undoes the first count placements, newest first. */
static void unplace(struct recite_staged_file *files, struct placed *done, size_t count)
{
    for (size_t i = count; i-- > 0;) {
        if (done[i].backup)
            rename(done[i].backup, files[i].path);
        else
            unlink(files[i].path);
    }
}

int recite_files_commit(struct recite_staged_file *files, size_t count, bool replace,
                        struct recite_error *err)
{
    struct placed *done = calloc(count + 1, sizeof(*done));
    if (!done) {
        recite_files_discard(files, count);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    int rc = 0;
    size_t i = 0;
    for (; i < count && rc == 0; i++)
        rc = replace ? place_over(&files[i], &done[i].backup, err) : place_new(&files[i], err);
    if (rc < 0)
        unplace(files, done, i - 1);
    for (size_t k = 0; k < count; k++) {
        if (rc == 0 && done[k].backup)
            unlink(done[k].backup);
        free(done[k].backup);
    }
    if (rc == 0 && count > 0)
        sync_dir(files[0].path);
    free(done);
    recite_files_discard(files, count);
    return rc;
}

int recite_file_save(const char *path, const void *data, size_t len,
                     const struct recite_save_options *opts, struct recite_error *err)
{
    struct recite_save_options defaults = RECITE_SAVE_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    struct recite_staged_file file;
    int rc = recite_file_stage(&file, path, data, len, opts->mode, err);
    if (rc == 0)
        rc = recite_files_commit(&file, 1, opts->replace, err);
    return rc;
}

/* ---- reading whole files ---- */

/* Reads the open file fd (path names it in messages) and closes it. */
static int read_open_file(char **out, size_t *out_len, int fd, const char *path, size_t max_size,
                          struct recite_error *err)
{
    int rc = 0;
    struct stat sb;
    /* Sized from fstat when it can be, so a class of files costs one malloc each. */
    size_t cap = 4096, len = 0;
    if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 &&
        (uintmax_t)sb.st_size < max_size)
        cap = (size_t)sb.st_size + 1;
    char *buf = malloc(cap + 1);
    while (buf) {
        if (len == cap) {
            if (cap >= max_size) {
                rc = recite_error_set(err, RECITE_EDATA, "'%s' is too large", path);
                goto out;
            }
            cap *= 2;
            char *grown = realloc(buf, cap + 1);
            if (!grown)
                break;
            buf = grown;
        }
        ssize_t got = read(fd, buf + len, cap - len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            rc = recite_error_set(err, RECITE_EIO, "cannot read '%s': %s", path, strerror(errno));
            goto out;
        }
        if (got == 0)
            break;
        len += (size_t)got;
    }
    if (!buf) {
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        goto out;
    }
    if (len > max_size) {
        rc = recite_error_set(err, RECITE_EDATA, "'%s' is too large", path);
        goto out;
    }
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    buf = NULL;
out:
    free(buf);
    close(fd);
    return rc;
}

int recite_file_read(char **out, size_t *out_len, const char *path, size_t max_size,
                     struct recite_error *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return recite_error_set(err, errno == ENOENT ? RECITE_ENOTFOUND : RECITE_EIO,
                                "cannot open '%s': %s", path, strerror(errno));
    return read_open_file(out, out_len, fd, path, max_size, err);
}

const char *recite_file_kind(mode_t mode)
{
    return S_ISFIFO(mode)   ? "a FIFO"
           : S_ISCHR(mode)  ? "a character device"
           : S_ISBLK(mode)  ? "a block device"
           : S_ISSOCK(mode) ? "a socket"
           : S_ISDIR(mode)  ? "a directory"
                            : "of an unknown kind";
}

int recite_file_read_regular(char **out, size_t *out_len, const char *path, size_t max_size,
                             struct recite_error *err)
{
    *out = NULL;
    /* O_NONBLOCK: opening a FIFO without a writer must not wait for one. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        return recite_error_set(err, errno == ENOENT ? RECITE_ENOTFOUND : RECITE_EIO,
                                "cannot open '%s': %s", path, strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        int rc = recite_error_set(err, RECITE_EIO, "cannot read '%s': %s", path, strerror(errno));
        close(fd);
        return rc;
    }
    if (!S_ISREG(sb.st_mode)) {
        int rc = recite_error_set(err, RECITE_EDATA, "'%s' is %s, not a regular file", path,
                                  recite_file_kind(sb.st_mode));
        close(fd);
        return rc;
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    int rc = read_open_file(out, out_len, fd, path, max_size, err);
    if (rc == RECITE_EDATA && err)
        err->code = rc = RECITE_EIO; /* too large: RECITE_EDATA means "not a regular file" */
    return rc;
}

int recite_file_write(const char *path, const void *data, size_t len, struct recite_error *err)
{
    struct recite_save_options opts = {0644, true};
    return recite_file_save(path, data, len, &opts, err);
}
