/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The container of an Anki package: a zip archive (libzip) whose entries
 * may be zstd frames (libzstd), and the protobuf messages of the modern
 * layout. Every entry is held to a size limit and an inflation ratio, so a
 * zip bomb is refused before it fills memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>
#include <zstd.h>

#include "anki.h"
#include "dl.h"

/*
 * libzip is opened on first use rather than linked: it and the libcrypto it
 * needs cost every command a few milliseconds of symbol binding at start,
 * and only the Anki formats read zip archives. Each function used is taken
 * from the library under its own name and type; the macros below make the
 * code read as plain libzip calls.
 */
#define ZIP_FUNCTIONS(X)                                                                           \
    X(zip_close) X(zip_discard) X(zip_error_fini) X(zip_error_init) X(zip_error_strerror)          \
    X(zip_fclose) X(zip_file_add) X(zip_file_strerror) X(zip_fopen_index) X(zip_fread)            \
    X(zip_name_locate) X(zip_open_from_source) X(zip_set_file_compression) X(zip_source_buffer)   \
    X(zip_source_buffer_create) X(zip_source_close) X(zip_source_free) X(zip_source_keep)         \
    X(zip_source_open) X(zip_source_read) X(zip_source_stat) X(zip_stat_index) X(zip_stat_init)   \
    X(zip_strerror)

static struct {
    ZIP_FUNCTIONS(RECITE_DL_MEMBER)
} zipfn;
#define ZIP_SLOT(name) RECITE_DL_SLOT(zipfn, name)
static struct recite_dl zip_lib = RECITE_DL_INIT(RECITE_LIBZIP_SONAME, ZIP_FUNCTIONS, ZIP_SLOT);

/* Opens libzip once; RECITE_EINTERNAL (with why) when it cannot be. */
static int zip_ready(struct recite_error *err)
{
    if (!recite_dl_ready(&zip_lib))
        return recite_error_set(err, RECITE_EINTERNAL,
                                "cannot read or write zip archives: %s (install libzip)",
                                zip_lib.why);
    return 0;
}

#define zip_close (zipfn.zip_close)
#define zip_discard (zipfn.zip_discard)
#define zip_error_fini (zipfn.zip_error_fini)
#define zip_error_init (zipfn.zip_error_init)
#define zip_error_strerror (zipfn.zip_error_strerror)
#define zip_fclose (zipfn.zip_fclose)
#define zip_file_add (zipfn.zip_file_add)
#define zip_file_strerror (zipfn.zip_file_strerror)
#define zip_fopen_index (zipfn.zip_fopen_index)
#define zip_fread (zipfn.zip_fread)
#define zip_name_locate (zipfn.zip_name_locate)
#define zip_open_from_source (zipfn.zip_open_from_source)
#define zip_set_file_compression (zipfn.zip_set_file_compression)
#define zip_source_buffer (zipfn.zip_source_buffer)
#define zip_source_buffer_create (zipfn.zip_source_buffer_create)
#define zip_source_close (zipfn.zip_source_close)
#define zip_source_free (zipfn.zip_source_free)
#define zip_source_keep (zipfn.zip_source_keep)
#define zip_source_open (zipfn.zip_source_open)
#define zip_source_read (zipfn.zip_source_read)
#define zip_source_stat (zipfn.zip_source_stat)
#define zip_stat_index (zipfn.zip_stat_index)
#define zip_stat_init (zipfn.zip_stat_init)
#define zip_strerror (zipfn.zip_strerror)

struct anki_zip {
    zip_t *zip;
    size_t inflated; /* bytes read so far, against ANKI_TOTAL_MAX */
};

int anki_zip_open(struct anki_zip **out, const void *data, size_t len, struct recite_error *err)
{
    *out = NULL;
    int ready = zip_ready(err);
    if (ready < 0)
        return ready;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(len ? data : "", len, 0, &ze);
    if (!src) {
        zip_error_fini(&ze);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    zip_t *zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!zip) {
        zip_source_free(src);
        int rc = recite_error_set(err, RECITE_EDATA, "not a readable zip archive (%s)",
                                  zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return rc;
    }
    zip_error_fini(&ze);
    struct anki_zip *z = calloc(1, sizeof(*z));
    if (!z) {
        zip_discard(zip);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    z->zip = zip;
    *out = z;
    return 0;
}

void anki_zip_close(struct anki_zip *z)
{
    if (!z)
        return;
    zip_discard(z->zip);
    free(z);
}

bool anki_zip_has(struct anki_zip *z, const char *name)
{
    return zip_name_locate(z->zip, name, 0) >= 0;
}

/* Whether an entry of stored bytes may inflate to size. */
static bool size_ok(size_t stored, size_t size)
{
    if (size > ANKI_ENTRY_MAX)
        return false;
    if (size <= ANKI_RATIO_FREE)
        return true;
    return stored > 0 && size / stored <= ANKI_RATIO_MAX;
}

static int too_large(const char *name, size_t size, struct recite_error *err)
{
    return recite_error_set(err, RECITE_EDATA,
                            "entry '%s' inflates to %zu bytes or more, past what a package may "
                            "hold (a zip bomb?)",
                            name, size);
}

int anki_zstd_decompress(const unsigned char *in, size_t n, size_t limit, unsigned char **out,
                         size_t *len, struct recite_error *err)
{
    *out = NULL;
    *len = 0;
    ZSTD_DCtx *dctx = ZSTD_createDCtx();
    size_t cap = n * 4 + 1024;
    if (cap > limit + 1)
        cap = limit + 1;
    unsigned char *buf = malloc(cap + 1);
    if (!dctx || !buf) {
        ZSTD_freeDCtx(dctx);
        free(buf);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    ZSTD_inBuffer ib = {in, n, 0};
    size_t used = 0, ret = 1;
    int rc = 0;
    while (rc == 0) {
        if (used == cap) {
            if (cap > limit) {
                rc = recite_error_set(err, RECITE_EDATA,
                                      "zstd data inflates past %zu bytes (a zip bomb?)", limit);
                break;
            }
            size_t grown = cap * 2 > limit + 1 ? limit + 1 : cap * 2;
            unsigned char *g = realloc(buf, grown + 1);
            if (!g) {
                rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
                break;
            }
            buf = g;
            cap = grown;
        }
        ZSTD_outBuffer ob = {buf + used, cap - used, 0};
        ret = ZSTD_decompressStream(dctx, &ob, &ib);
        used += ob.pos;
        if (ZSTD_isError(ret)) {
            rc = recite_error_set(err, RECITE_EDATA, "corrupt zstd data (%s)",
                                  ZSTD_getErrorName(ret));
            break;
        }
        if (ib.pos == ib.size && ob.pos < ob.size) {
            if (ret != 0)
                rc = recite_error_set(err, RECITE_EDATA, "truncated zstd data");
            break;
        }
    }
    ZSTD_freeDCtx(dctx);
    if (rc == 0 && used > limit)
        rc = recite_error_set(err, RECITE_EDATA, "zstd data inflates past %zu bytes (a zip bomb?)",
                              limit);
    if (rc < 0) {
        free(buf);
        return rc;
    }
    buf[used] = '\0';
    *out = buf;
    *len = used;
    return 0;
}

int anki_zstd_compress(const unsigned char *in, size_t n, unsigned char **out, size_t *len,
                       struct recite_error *err)
{
    size_t cap = ZSTD_compressBound(n);
    unsigned char *buf = malloc(cap ? cap : 1);
    if (!buf)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    size_t r = ZSTD_compress(buf, cap, in, n, 3);
    if (ZSTD_isError(r)) {
        free(buf);
        return recite_error_set(err, RECITE_EINTERNAL, "zstd: %s", ZSTD_getErrorName(r));
    }
    *out = buf;
    *len = r;
    return 0;
}

int anki_zip_read(struct anki_zip *z, const char *name, bool zstd, unsigned char **out, size_t *len,
                  struct recite_error *err)
{
    *out = NULL;
    *len = 0;
    zip_int64_t index = zip_name_locate(z->zip, name, 0);
    if (index < 0)
        return recite_error_set(err, RECITE_ENOTFOUND, "the package has no entry '%s'", name);
    zip_stat_t sb;
    zip_stat_init(&sb);
    if (zip_stat_index(z->zip, (zip_uint64_t)index, 0, &sb) < 0 || !(sb.valid & ZIP_STAT_SIZE) ||
        !(sb.valid & ZIP_STAT_COMP_SIZE))
        return recite_error_set(err, RECITE_EDATA, "entry '%s' cannot be read (%s)", name,
                                zip_strerror(z->zip));
    if (sb.size > ANKI_ENTRY_MAX || !size_ok((size_t)sb.comp_size, (size_t)sb.size) ||
        z->inflated + (size_t)sb.size > ANKI_TOTAL_MAX)
        return too_large(name, (size_t)sb.size, err);
    size_t size = (size_t)sb.size;
    unsigned char *buf = malloc(size + 2);
    if (!buf)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    zip_file_t *f = zip_fopen_index(z->zip, (zip_uint64_t)index, 0);
    if (!f) {
        free(buf);
        return recite_error_set(err, RECITE_EDATA, "entry '%s' cannot be read (%s)", name,
                                zip_strerror(z->zip));
    }
    /* one byte more than declared: an entry that inflates past its size is caught */
    size_t got = 0;
    int rc = 0;
    while (got < size + 1) {
        zip_int64_t r = zip_fread(f, buf + got, size + 1 - got);
        if (r < 0) {
            rc = recite_error_set(err, RECITE_EDATA, "entry '%s' is corrupt (%s)", name,
                                  zip_file_strerror(f));
            break;
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    zip_fclose(f);
    if (rc == 0 && got != size)
        rc = recite_error_set(err, RECITE_EDATA, "entry '%s' is %zu bytes, not the %zu it declares",
                              name, got, size);
    if (rc < 0) {
        free(buf);
        return rc;
    }
    buf[size] = '\0';
    z->inflated += size;
    if (!zstd) {
        *out = buf;
        *len = size;
        return 0;
    }
    size_t limit = ANKI_TOTAL_MAX - z->inflated;
    if (limit > ANKI_ENTRY_MAX)
        limit = ANKI_ENTRY_MAX;
    if (size && limit > ANKI_RATIO_FREE && limit / size > ANKI_RATIO_MAX)
        limit = size * ANKI_RATIO_MAX > ANKI_RATIO_FREE ? size * ANKI_RATIO_MAX : ANKI_RATIO_FREE;
    struct recite_error sub = {0};
    rc = anki_zstd_decompress(buf, size, limit, out, len, &sub);
    free(buf);
    if (rc < 0)
        return recite_error_set(err, rc, "entry '%s': %s", name, sub.msg);
    z->inflated += *len;
    return 0;
}

int anki_zip_write(const struct anki_zip_entry *entries, size_t count, unsigned char **out,
                   size_t *len, struct recite_error *err)
{
    *out = NULL;
    *len = 0;
    int ready = zip_ready(err);
    if (ready < 0)
        return ready;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *z = NULL;
    int rc = 0;
    if (!src) {
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        goto out;
    }
    zip_source_keep(src);
    if (!(z = zip_open_from_source(src, ZIP_TRUNCATE, &ze))) {
        rc = recite_error_set(err, RECITE_EINTERNAL, "zip: %s", zip_error_strerror(&ze));
        goto out;
    }
    for (size_t i = 0; i < count && rc == 0; i++) {
        zip_source_t *data =
            zip_source_buffer(z, entries[i].len ? entries[i].data : "", entries[i].len, 0);
        zip_int64_t idx = data ? zip_file_add(z, entries[i].name, data, ZIP_FL_ENC_UTF_8) : -1;
        if (idx < 0) {
            zip_source_free(data);
            rc = recite_error_set(err, RECITE_EINTERNAL, "zip: %s", zip_strerror(z));
        } else {
            zip_set_file_compression(z, (zip_uint64_t)idx,
                                     entries[i].deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
        }
    }
    if (rc == 0 && zip_close(z) < 0)
        rc = recite_error_set(err, RECITE_EINTERNAL, "zip: %s", zip_strerror(z));
    if (rc == 0)
        z = NULL;
    zip_stat_t sb;
    if (rc == 0 && (zip_source_open(src) < 0 || zip_source_stat(src, &sb) < 0))
        rc = recite_error_set(err, RECITE_EINTERNAL, "zip: cannot read the archive back");
    if (rc == 0) {
        unsigned char *buf = malloc(sb.size ? sb.size : 1);
        zip_int64_t got = buf ? zip_source_read(src, buf, sb.size) : -1;
        zip_source_close(src);
        if (got < 0 || (zip_uint64_t)got != sb.size) {
            free(buf);
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        } else {
            *out = buf;
            *len = (size_t)sb.size;
        }
    }
out:
    if (z)
        zip_discard(z);
    if (src)
        zip_source_free(src);
    zip_error_fini(&ze);
    return rc;
}

/* ---- protobuf ---- */

static int varint(struct anki_pb *pb, uint64_t *out)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (pb->p >= pb->end)
            return -1;
        unsigned char c = *pb->p++;
        v |= (uint64_t)(c & 0x7F) << shift;
        if (!(c & 0x80)) {
            *out = v;
            return 0;
        }
    }
    return -1;
}

int anki_pb_next(struct anki_pb *pb, uint32_t *field, int *wire, uint64_t *value,
                 const unsigned char **data, size_t *n)
{
    if (pb->p >= pb->end)
        return 0;
    uint64_t key;
    if (varint(pb, &key) < 0 || key >> 3 == 0 || key >> 3 > UINT32_MAX)
        return -1;
    *field = (uint32_t)(key >> 3);
    *wire = (int)(key & 7);
    *value = 0;
    *data = NULL;
    *n = 0;
    switch (*wire) {
    case 0:
        return varint(pb, value) < 0 ? -1 : 1;
    case 1:
    case 5: {
        size_t w = *wire == 1 ? 8 : 4;
        if ((size_t)(pb->end - pb->p) < w)
            return -1;
        for (size_t i = 0; i < w; i++)
            *value |= (uint64_t)pb->p[i] << (8 * i);
        pb->p += w;
        return 1;
    }
    case 2: {
        uint64_t len;
        if (varint(pb, &len) < 0 || len > (uint64_t)(pb->end - pb->p))
            return -1;
        *data = pb->p;
        *n = (size_t)len;
        pb->p += len;
        return 1;
    }
    default:
        return -1;
    }
}

void anki_pb_put_varint(struct recite_buf *b, uint64_t v)
{
    do {
        unsigned char c = v & 0x7F;
        v >>= 7;
        recite_buf_addc(b, (char)(c | (v ? 0x80 : 0)));
    } while (v);
}

void anki_pb_put_bytes(struct recite_buf *b, uint32_t field, const void *data, size_t n)
{
    anki_pb_put_varint(b, (uint64_t)field << 3 | 2);
    anki_pb_put_varint(b, n);
    recite_buf_add(b, data, n);
}

void anki_pb_put_uint(struct recite_buf *b, uint32_t field, uint64_t v)
{
    anki_pb_put_varint(b, (uint64_t)field << 3);
    anki_pb_put_varint(b, v);
}
