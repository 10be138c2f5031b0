/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recite.h: the one header a user of the recite core library includes.
 * Each module's contract lives in include/recite/<module>.h; this file pulls
 * them all in so callers (the CLI, tests, benchmarks) never pick and choose.
 */
#ifndef RECITE_H
#define RECITE_H

#include "recite/common.h"
#include "recite/store.h"
#include "recite/modules.h"

#endif
