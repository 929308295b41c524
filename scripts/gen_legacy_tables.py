#!/usr/bin/env python3
"""Generate (or check) patterns/tcvn3.tsv and patterns/vni.tsv.

    python3 scripts/gen_legacy_tables.py          # rewrite both files
    python3 scripts/gen_legacy_tables.py --check  # exit 1 if they differ

TCVN3: every byte 0x01-0xFF that glibc's `iconv -f TCVN5712-1` decodes to a
letter or combining tone mark that is not ASCII (TCVN 5712:1993 VN1, whose
high half is also the layout of the VN3 "ABC" fonts). Needs the `iconv`
program (glibc).

VNI: built from the published rules of the VNI-Windows font encoding (VNI
Software Company): a Vietnamese letter is its ASCII base letter followed by
one Windows-1252 byte for the vowel mark and tone (lower-case letters take the
lower-case Latin-1 byte, capitals the capital one), except for a few letters
that are one byte of their own (i with a tone, ơ, ư, đ, ỵ). Written from the
rules, not copied from any program.
"""

import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TCVN3 = ROOT / "patterns" / "tcvn3.tsv"
VNI = ROOT / "patterns" / "vni.tsv"

TCVN3_HEADER = """\
# tcvn3.tsv: the TCVN3 (TCVN 5712:1993, "ABC" fonts such as .VnTime) byte table
# used by the decode stage to read legacy 8-bit Vietnamese text files.
#
# What: one row per byte that stands for a Vietnamese letter or tone mark. Bytes
# not listed are read as Windows-1252 (ASCII, and the punctuation Windows puts
# at 0x80-0x9F). Rows at 0x01-0x17 and 0x80-0x9F are the VN1 capitals; the
# decoder takes them as letters only inside a word that then reads as
# Vietnamese, else as Windows-1252 punctuation (ABC files put smart quotes and
# dashes there and write capitals with the lower-case code in a capitals font).
# Source: glibc iconv's TCVN5712-1 converter (`iconv -f TCVN5712-1 -t UTF-8`,
# one byte at a time); regenerate and check with scripts/gen_legacy_tables.py.
# How to add a row: `byte` as two hex digits, `char` as the character or
# U+XXXX (combining marks), `name` its Unicode name; keep rows sorted by byte;
# a byte appears once. Better: change the script and regenerate.
"""

VNI_HEADER = """\
# vni.tsv: the VNI-Windows byte table used by the decode stage to read legacy
# 8-bit Vietnamese text files typed in VNI fonts (VNI-Times ...).
#
# What: one row per byte sequence that stands for a Vietnamese letter: an ASCII
# base letter followed by one mark byte, or one byte alone. The decoder takes the
# longest sequence that matches; bytes not listed are read as Windows-1252.
# Source: the VNI-Windows font encoding published by VNI Software Company, built
# from its rules (base letter + mark byte; lower-case letters take the lower-case
# Latin-1 mark byte, capitals the capital one) by scripts/gen_legacy_tables.py,
# which also checks the file.
# How to add a row: `bytes` as hex pairs separated by spaces, `char` the letter,
# `seen_as` how the bytes look when read as Windows-1252 (for people); keep rows
# sorted by bytes; a sequence appears once. Better: change the script.
"""


def tcvn3_rows():
    rows = []
    for b in range(1, 256):
        r = subprocess.run(
            ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"],
            input=bytes([b]),
            capture_output=True,
            check=True,
        )
        s = r.stdout.decode("utf-8")
        if len(s) != 1:
            continue
        c = s
        if ord(c) < 0x80 or c == "\u00a0":
            continue
        cat = unicodedata.category(c)
        if not (cat.startswith("L") or cat == "Mn"):
            continue
        shown = "U+%04X" % ord(c) if cat == "Mn" else c
        rows.append("%02X\t%s\t%s" % (b, shown, unicodedata.name(c)))
    return rows


# VNI: mark bytes (lower-case form; the capital form is the Latin-1 upper case).
TONES = {"": "", "\u0301": "\u00f9", "\u0300": "\u00f8", "\u0309": "\u00fb",
         "\u0303": "\u00f5", "\u0323": "\u00ef"}
CIRCUMFLEX = {"": "\u00e2", "\u0301": "\u00e1", "\u0300": "\u00e0",
              "\u0309": "\u00e5", "\u0303": "\u00e3", "\u0323": "\u00e4"}
BREVE = {"": "\u00ea", "\u0301": "\u00e9", "\u0300": "\u00e8",
         "\u0309": "\u00fa", "\u0303": "\u00fc", "\u0323": "\u00eb"}
# i with a tone is one byte; so is y with the dot below.
I_TONES = {"\u0301": "\u00ed", "\u0300": "\u00ec", "\u0309": "\u00e6",
           "\u0303": "\u00f3", "\u0323": "\u00f2"}


def vni_rows():
    seqs = {}  # cp1252 text -> letter

    def add(seq, letter):
        for s, l in ((seq, letter), (seq.upper(), letter.upper())):
            l = unicodedata.normalize("NFC", l)
            assert seqs.get(s, l) == l, (s, l)
            seqs[s] = l

    for tone, mark in TONES.items():
        for base in "aeouy":
            if tone:
                add(base + mark, base + tone)
        if tone:
            add("\u00f4" + mark, "\u01a1" + tone)  # ơ
            add("\u00f6" + mark, "\u01b0" + tone)  # ư
    for tone, mark in CIRCUMFLEX.items():
        for base in "aeo":
            add(base + mark, base + "\u0302" + tone)
    for tone, mark in BREVE.items():
        add("a" + mark, "a\u0306" + tone)
    for tone, mark in I_TONES.items():
        add(mark, "i" + tone)
    del seqs["y\u00ef"], seqs["Y\u00cf"]
    add("\u00ee", "y\u0323")  # ỵ
    add("\u00f4", "\u01a1")   # ơ
    add("\u00f6", "\u01b0")   # ư
    add("\u00f1", "\u0111")   # đ
    rows = []
    for s, letter in seqs.items():
        raw = s.encode("cp1252")
        rows.append((raw, "%s\t%s\t%s" % (" ".join("%02X" % b for b in raw), letter, s)))
    rows.sort()
    return [r for _, r in rows]


def render(header, columns, rows):
    return header + columns + "\n" + "\n".join(rows) + "\n"


def main():
    files = {
        TCVN3: render(TCVN3_HEADER, "byte\tchar\tname", tcvn3_rows()),
        VNI: render(VNI_HEADER, "bytes\tchar\tseen_as", vni_rows()),
    }
    check = "--check" in sys.argv[1:]
    bad = 0
    for path, text in files.items():
        if check:
            if path.read_text(encoding="utf-8") != text:
                print(f"{path}: differs from what the script generates", file=sys.stderr)
                bad = 1
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    sys.exit(bad)


if __name__ == "__main__":
    main()
