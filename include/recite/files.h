/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Files recite reads and writes, whole files only. A file is never written
 * in place: data goes to a new temporary file in the target's directory, is
 * flushed to disk, and is then renamed (or linked) into place, so a reader never sees half a
 * file, a failure leaves the target as it was, and no write goes through a
 * symlink. Included through recite.h.
 */
#ifndef RECITE_FILES_H
#define RECITE_FILES_H

#include <sys/types.h>

#include "common.h"

/* How recite_file_save() writes. */
struct recite_save_options {
    unsigned mode; /* permission bits; 0 means 0666 less the umask */
    bool replace;  /* what is at the path (a file, or a symlink itself) may be replaced */
};
#define RECITE_SAVE_OPTIONS_INIT                                                                   \
    {                                                                                              \
        0, false                                                                                   \
    }

/*
 * Writes len bytes of data as the file at path (opts NULL: the defaults).
 * Without opts->replace, anything already at path (even a dangling symlink)
 * makes it fail with RECITE_EEXISTS and stay as it was; with it, a symlink
 * at path is replaced by the file, its target left alone. RECITE_ECREATE or
 * RECITE_EIO when the file cannot be made or written.
 */
int recite_file_save(const char *path, const void *data, size_t len,
                     const struct recite_save_options *opts, struct recite_error *err);

/* A file written to its temporary name, waiting for recite_files_commit(). */
struct recite_staged_file {
    char *path; /* owned copy of the target path */
    char *tmp;  /* owned; the temporary file beside it, NULL once committed or discarded */
};

/*
 * Writes data to a temporary file beside path (mode as in
 * recite_save_options). Release with recite_files_discard() unless it was
 * committed.
 */
int recite_file_stage(struct recite_staged_file *out, const char *path, const void *data,
                      size_t len, unsigned mode, struct recite_error *err);

/*
 * A file written a piece at a time, then put in place as recite_file_save()
 * puts one: recite_file_writer_open(), recite_file_writer_put() for each
 * piece (its signature fits a put() callback), then
 * recite_file_writer_close(), which makes it durable and commits it; or
 * recite_file_writer_discard() to give up.
 */
struct recite_file_writer {
    struct recite_staged_file file;
    int fd;
    int saved_errno; /* the first failed write's errno, 0 while all went well */
};
int recite_file_writer_open(struct recite_file_writer *w, const char *path,
                            struct recite_error *err);
/* Appends data; RECITE_EIO once a write failed (the close then says why). */
int recite_file_writer_put(void *w, const char *data, size_t len);
int recite_file_writer_close(struct recite_file_writer *w, const struct recite_save_options *opts,
                             struct recite_error *err);
void recite_file_writer_discard(struct recite_file_writer *w);

/*
 * Puts every staged file in place, or none: if one cannot be (something is
 * at its path and replace is false, or the rename fails), the ones already
 * placed are put back as they were (restored, or removed when they were
 * new). Every temporary file is gone afterwards. Errors as recite_file_save().
 */
int recite_files_commit(struct recite_staged_file *files, size_t count, bool replace,
                        struct recite_error *err);

/* Removes the temporary files that are left and frees the paths; safe after commit. */
void recite_files_discard(struct recite_staged_file *files, size_t count);

/*
 * Reads a whole file into a malloc'd, NUL-terminated buffer. RECITE_ENOTFOUND
 * when missing, RECITE_EIO otherwise; max_size bounds it (RECITE_EDATA).
 */
int recite_file_read(char **out, size_t *out_len, const char *path, size_t max_size,
                     struct recite_error *err);

/*
 * recite_file_read() for files from others: anything but a regular file (a
 * FIFO, a device, a socket, a directory) is refused with RECITE_EDATA
 * without reading from it or waiting for a writer. A file larger than
 * max_size is RECITE_EIO here.
 */
int recite_file_read_regular(char **out, size_t *out_len, const char *path, size_t max_size,
                             struct recite_error *err);

/* recite_file_save() with mode 0644 and replace: what is at path is replaced. */
int recite_file_write(const char *path, const void *data, size_t len, struct recite_error *err);

/* What a file that is not a regular file is, in words: "a FIFO", "a directory", ... */
const char *recite_file_kind(mode_t mode);

/* Whether something (a file, a directory, a symlink, even a dangling one) is at path. */
bool recite_file_exists(const char *path);

#endif
