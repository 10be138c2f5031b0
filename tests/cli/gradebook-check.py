#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads gradebook CSV files the way Moodle's and Canvas's importers do.

    gradebook-check.py moodle GRADES.csv USERS.tsv COLUMN
        Moodle's "Import grades: CSV file" (grade/import/csv, load_data.php),
        mapping from the Username column to the user's username and the
        COLUMN column to a grade item (and "Feedback: COLUMN" to its
        feedback): every row must name a known user, '' and '-' are no
        grade, anything else must be a number. Prints
        "username<TAB>grade<TAB>feedback" per row.
    gradebook-check.py canvas GRADES.csv USERS.tsv COLUMN
        Canvas's gradebook import (app/models/gradebook_importer.rb): the
        header must start Student, ID and end its student columns with
        Section (SIS User ID and SIS Login ID between), an optional Points
        Possible row, each student found by ID, then SIS User ID, then SIS
        Login ID, then name; '' and '-' are no score. Prints
        "points<TAB>N" and "canvas_id<TAB>score" per student.
    gradebook-check.py same-outside ORIGINAL.csv FILLED.csv COLUMN
        Exits 0 when FILLED differs from ORIGINAL only inside the cells of
        COLUMN (compared as raw bytes, quotes and line endings included);
        prints "line<TAB>old<TAB>new" for each changed cell.

USERS.tsv has a header row: username, idnumber, email, canvas_id, name.
Errors go to stderr with exit status 1, as an importer refusing the file.
"""
import csv
import io
import re
import sys


def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)


def users(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def number(value, where):
    value = value.strip()
    if value in ("", "-"):
        return None
    try:
        return float(value)
    except ValueError:
        fail(f"{where}: not a number: {value!r}")


def moodle(grades, users_path, column):
    known = {u["username"]: u for u in users(users_path)}
    with open(grades, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = [h.strip() for h in rows[0]]
    for need in ("Username", column, "Feedback: " + column):
        if need not in header:
            fail(f"moodle: no column {need!r} in {header}")
    user_col, grade_col = header.index("Username"), header.index(column)
    feedback_col = header.index("Feedback: " + column)
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            fail(f"moodle: line {line}: {len(row)} fields, header has {len(header)}")
        username = row[user_col]
        if not username:
            continue  # Moodle skips a row with a blank user field
        if username not in known:
            fail(f"moodle: line {line}: no user with username {username!r}")
        grade = number(row[grade_col], f"moodle: line {line}")
        print(f"{username}\t{'' if grade is None else f'{grade:g}'}\t{row[feedback_col]}")


def canvas(grades, users_path, column):
    people = users(users_path)
    with open(grades, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    row = rows[0]
    if not (len(row) > 3 and "Student" in row[0] and "ID" in row[1]):
        fail("canvas: invalid header row")
    student_columns, sis_user, sis_login = 3, None, None
    if re.search(r"SIS\s+Login\s+ID", row[2]):
        sis_login, student_columns = 2, 4
    elif re.search(r"SIS\s+User\s+ID", row[2]) and re.search(r"SIS\s+Login\s+ID", row[3]):
        sis_user, sis_login, student_columns = 2, 3, 5
    if "Section" not in row[student_columns - 1]:
        fail("canvas: invalid header row (no Section)")
    assignments = row[student_columns:]
    if column not in assignments:
        fail(f"canvas: no assignment {column!r} in {assignments}")
    col = student_columns + assignments.index(column)
    for line, row in enumerate(rows[1:], start=2):
        if row and "Points Possible" in row[0]:
            print(f"points\t{float(row[col]):g}")
            continue
        student = None
        if row[1].strip():
            student = next((p for p in people if p["canvas_id"] == row[1].strip()), None)
        if not student and sis_user is not None and row[sis_user].strip():
            student = next((p for p in people if p["idnumber"] == row[sis_user]), None)
        if not student and sis_login is not None and row[sis_login].strip():
            student = next((p for p in people if p["username"] == row[sis_login]), None)
        if not student:
            student = next((p for p in people if p["name"] == row[0]), None)
        if not student:
            fail(f"canvas: line {line}: no student {row[0]!r}")
        score = number(row[col], f"canvas: line {line}")
        print(f"{student['canvas_id']}\t{'' if score is None else f'{score:g}'}")


def raw_fields(line, delim):
    """The raw bytes of each field of one line (no quoted newlines in the fixtures)."""
    fields, cur, quoted = [], "", False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        if ch == delim and not quoted:
            fields.append(cur)
            cur = ""
        else:
            cur += ch
    fields.append(cur)
    return fields


def same_outside(original, filled, column):
    a = open(original, "rb").read().decode("utf-8")
    b = open(filled, "rb").read().decode("utf-8")
    a_lines, b_lines = a.splitlines(keepends=True), b.splitlines(keepends=True)
    if len(a_lines) != len(b_lines):
        fail(f"same-outside: {len(a_lines)} lines became {len(b_lines)}")
    delim = ","
    header = next(csv.reader(io.StringIO(a_lines[0])))
    names = [h.lstrip("\ufeff") for h in header]
    target = next((i for i, h in enumerate(names) if h == column or h.startswith(column + " (")), None)
    if target is None:
        fail(f"same-outside: no column {column!r}")
    for n, (x, y) in enumerate(zip(a_lines, b_lines), start=1):
        end_x, end_y = x[len(x.rstrip("\r\n")):], y[len(y.rstrip("\r\n")):]
        if end_x != end_y:
            fail(f"same-outside: line {n}: line ending changed")
        fx, fy = raw_fields(x.rstrip("\r\n"), delim), raw_fields(y.rstrip("\r\n"), delim)
        if len(fx) != len(fy):
            fail(f"same-outside: line {n}: {len(fx)} fields became {len(fy)}")
        for i, (p, q) in enumerate(zip(fx, fy)):
            if i != target and p != q:
                fail(f"same-outside: line {n}: field {i + 1} changed: {p!r} -> {q!r}")
        if fx[target] != fy[target]:
            print(f"{n}\t{fx[target]}\t{fy[target]}")


def main():
    if len(sys.argv) != 5:
        fail(__doc__)
    mode, a, b, column = sys.argv[1:]
    {"moodle": moodle, "canvas": canvas, "same-outside": same_outside}.get(
        mode, lambda *_: fail(__doc__))(a, b, column)


if __name__ == "__main__":
    main()
