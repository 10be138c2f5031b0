/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Feature modules of the core library, one header each; listed here so that
 * adding a module touches one line. Included only through recite.h.
 */
#ifndef RECITE_MODULES_H
#define RECITE_MODULES_H

#include "sched.h"
#include "queue.h"
#include "answer.h"
#include "judge.h"
#include "quiz.h"
#include "bank.h"
#include "buf.h"
#include "files.h"
#include "sign.h"
#include "score.h"
#include "grades.h"
#include "formats.h"
#include "import.h"
#include "gen.h"
#include "stats.h"
#include "fit.h"

#endif
