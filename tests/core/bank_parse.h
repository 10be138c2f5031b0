/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * For unit tests that build a bank from a literal: include after cmocka.h
 * and recite's headers.
 */
#ifndef RECITE_TEST_BANK_PARSE_H
#define RECITE_TEST_BANK_PARSE_H

#include <string.h>

/* A bank from its text, which must parse (else the test fails with the reason). */
static struct recite_bank *parse(const char *text)
{
    struct recite_bank *bank = NULL;
    struct recite_error err = {0};
    if (recite_bank_parse(&bank, text, strlen(text), NULL, &err) < 0)
        fail_msg("%s", err.msg);
    return bank;
}

#endif
