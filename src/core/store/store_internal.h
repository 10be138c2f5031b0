/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Storage internals shared with the unit tests only: opening a database at
 * an older schema version, to prove that migrations carry it forward.
 */
#ifndef RECITE_STORE_INTERNAL_H
#define RECITE_STORE_INTERNAL_H

#include "recite/common.h"
#include "recite/store.h"

/*
 * Like recite_store_open(), but migrates only up to target_version
 * (1..RECITE_SCHEMA_VERSION). Tests use it to build an old database.
 */
int recite_store_open_version(struct recite_store **out, const char *path, int target_version,
                              struct recite_error *err);

#endif
