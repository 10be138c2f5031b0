#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Convert sections of a HistoryAtState/milestones TEI chapter to text.

    tei2txt.py [--wrap N] CHAPTER.xml SECTION-ID... > out

Each <head> becomes "# heading"; each <p> one paragraph (whitespace collapsed), or
hard-wrapped at N columns with --wrap; <figure> and <note> are dropped.
"""
import re
import sys
import textwrap
import xml.etree.ElementTree as ET

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def text_of(elem):
    parts = []

    def walk(e):
        if e.tag in (TEI + "note", TEI + "figure"):
            if e.tail:
                parts.append(e.tail)
            return
        if e.text:
            parts.append(e.text)
        for child in e:
            walk(child)
        if e is not elem and e.tail:
            parts.append(e.tail)

    walk(elem)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def main(argv):
    wrap = 0
    if argv[:1] == ["--wrap"]:
        wrap = int(argv[1])
        argv = argv[2:]
    root = ET.parse(argv[0]).getroot()
    out = []
    for wanted in argv[1:]:
        div = next(d for d in root.iter(TEI + "div") if d.get(XML_ID) == wanted)
        for child in div:
            if child.tag == TEI + "head":
                out.append("# " + text_of(child))
            elif child.tag == TEI + "p":
                para = text_of(child)
                if para:
                    out.append(textwrap.fill(para, wrap) if wrap else para)
    sys.stdout.write("\n\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
