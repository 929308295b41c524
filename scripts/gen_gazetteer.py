#!/usr/bin/env python3
"""Generate patterns/gazetteer.tsv: Vietnam's administrative units before and
after the 1 July 2025 reform, for planmine's place-name recognition.

Source data
    PyPI package ``vietnamadminunits`` (author: Hieu Tran / Tran Ngoc Minh Hieu,
    MIT License), version pinned below in EXPECTED_VERSION.  The script reads
    the data files shipped inside the package (``data/dataset.db``: SQLite
    tables ``admin_units_legacy`` (63 provinces) and ``admin_units``
    (34 provinces); ``data/converter_2025.json``: old -> new mapping).  It does
    not import the package's Python code, so none of its runtime dependencies
    are exercised, and it needs no network at run time.

Install the one dependency (pip only, into a throw-away venv):
    python3 -m venv /tmp/gazvenv
    /tmp/gazvenv/bin/pip install vietnamadminunits==1.0.4

Regenerate (from the repository root):
    /tmp/gazvenv/bin/python scripts/gen_gazetteer.py
    /tmp/gazvenv/bin/python scripts/gen_gazetteer.py --check   # exit 1 if stale

The output is committed; CI never runs this script.

Output format: UTF-8, NFC, LF, tab-separated; '#' comment header, then the
column line ``level era type name district province province_current``.  See
the header written into the TSV for the column meanings.

Decisions worth knowing:
  * type and name come from the source's *full* name ("Thị trấn Yên Viên"),
    split on the leading type word, not from its ``*Short``/``*Type`` columns:
    the short names carry disambiguators such as "Yên Viên (Thị trấn)" or keep
    "Phường 1", and a handful of ``wardType`` values contradict the full name
    (e.g. "Phường 5" of Phú Nhuận typed "Xã"); the full name wins.
  * province_current of an old commune comes from the package's commune-level
    converter (the new province its old commune key is filed under); an old
    district gets the single new province all its communes map to; otherwise
    (old provinces, and districts without communes) the package's
    province-level merger table is used.
  * Rows added by hand live in MANUAL_ROWS below so they survive regeneration.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import sqlite3
import sys
import unicodedata
from pathlib import Path

PACKAGE = "vietnamadminunits"
EXPECTED_VERSION = "1.0.4"
AUTHOR = "Hieu Tran (Tran Ngoc Minh Hieu)"
LICENCE = "MIT License"

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "patterns" / "gazetteer.tsv"

COLUMNS = ["level", "era", "type", "name", "district", "province", "province_current"]

# Longest first so "thị trấn"/"thị xã" are tried before shorter prefixes.
TYPE_WORDS = ["thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "huyện", "quận", "tỉnh", "xã"]
ALLOWED_TYPES = {
    "province": {"tỉnh", "thành phố"},
    "district": {"quận", "huyện", "thị xã", "thành phố"},
    "commune": {"xã", "phường", "thị trấn", "đặc khu"},
}

# Rows added by hand: tuples in COLUMNS order.  Keep them here (not only in the
# TSV) so regeneration keeps them.  Example:
#   ("province", "old", "tỉnh", "Thừa Thiên Huế", "", "Thừa Thiên Huế", "Huế"),
MANUAL_ROWS: list[tuple[str, str, str, str, str, str, str]] = []


def nfc(s: str | None) -> str:
    return unicodedata.normalize("NFC", (s or "").strip())


def split_type(full: str) -> tuple[str, str]:
    """'Thành Phố Bắc Kạn' -> ('thành phố', 'Bắc Kạn'); 'Phường 1' -> ('phường', '1')."""
    full = " ".join(nfc(full).split())
    low = full.lower()
    for t in TYPE_WORDS:
        if low.startswith(t + " "):
            return t, full[len(t) + 1 :].strip()
    raise ValueError(f"no type word at the start of {full!r}")


def package_dir() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"{PACKAGE} is not installed; see the header of {Path(__file__).name}")
    return Path(list(spec.submodule_search_locations)[0])


def build_rows(pkg: Path, warnings: list[str]) -> list[tuple[str, ...]]:
    db = sqlite3.connect(f"file:{pkg / 'data' / 'dataset.db'}?mode=ro", uri=True)
    conv = json.loads((pkg / "data" / "converter_2025.json").read_text(encoding="utf-8"))

    # --- new era (34 provinces, communes only) ---------------------------------
    new_short: dict[str, str] = {}  # new provinceKey -> short name
    rows: set[tuple[str, ...]] = set()
    for pkey, pfull, wfull, wtype in db.execute(
        "SELECT provinceKey, province, ward, wardType FROM admin_units"
    ):
        ptype, pname = split_type(pfull)
        new_short[pkey] = pname
        rows.add(("province", "new", ptype, pname, "", pname, pname))
        t, n = split_type(wfull)
        if wtype and wtype.lower() != t:
            warnings.append(f"new {pname}: {wfull!r} typed {wtype!r} in source; using {t!r}")
        rows.add(("commune", "new", t, n, "", pname, pname))

    # --- old -> new mappings -----------------------------------------------------
    prov_map: dict[str, str] = {}  # old provinceKey -> new provinceKey
    for new_key, olds in conv["DICT_PROVINCE"].items():
        for old_key in olds:
            if old_key in prov_map and prov_map[old_key] != new_key:
                warnings.append(f"old province {old_key} mapped to several new ones")
            prov_map.setdefault(old_key, new_key)
    commune_map: dict[str, set[str]] = {}  # "prov_dist_ward" key -> new provinceKeys
    for new_key, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for old_keys in wards.values():
            for k in old_keys:
                commune_map.setdefault(k, set()).add(new_key)
    for new_key, divided in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for k in divided:
            commune_map.setdefault(k, set()).add(new_key)

    # --- old era (63 provinces, districts, communes) -----------------------------
    district_targets: dict[tuple[str, str], set[str]] = {}
    district_info: dict[tuple[str, str], tuple[str, str, str]] = {}
    for pkey, dkey, wkey, pfull, dfull, wfull, wtype in db.execute(
        "SELECT provinceKey, districtKey, wardKey, province, district, ward, wardType "
        "FROM admin_units_legacy"
    ):
        ptype, pname = split_type(pfull)
        prov_current = new_short[prov_map[pkey]]
        rows.add(("province", "old", ptype, pname, "", pname, prov_current))
        dtype, dname = split_type(dfull)
        district_info[(pkey, dkey)] = (dtype, dname, pname)
        targets = commune_map.get(f"{pkey}_{dkey}_{wkey or ''}", set())
        district_targets.setdefault((pkey, dkey), set()).update(targets)
        if not wfull:  # island districts with no communes (Bạch Long Vĩ, Côn Đảo, ...)
            continue
        t, n = split_type(wfull)
        if wtype and wtype.lower() != t:
            warnings.append(f"old {pname}/{dname}: {wfull!r} typed {wtype!r} in source; using {t!r}")
        if len(targets) == 1:
            cur = new_short[next(iter(targets))]
        else:
            if len(targets) > 1:
                warnings.append(f"old {pname}/{dname}/{wfull}: several new provinces {sorted(targets)}")
            cur = prov_current
        rows.add(("commune", "old", t, n, dname, pname, cur))
    for key, (dtype, dname, pname) in district_info.items():
        targets = district_targets[key]
        cur = new_short[next(iter(targets))] if len(targets) == 1 else new_short[prov_map[key[0]]]
        rows.add(("district", "old", dtype, dname, "", pname, cur))

    for r in MANUAL_ROWS:
        rows.add(tuple(nfc(x) for x in r))

    for r in rows:
        assert len(r) == len(COLUMNS), r
        assert r[2] in ALLOWED_TYPES[r[0]], r
        assert all("\t" not in x and "\n" not in x for x in r), r
    return sorted(rows, key=lambda r: (r[0], r[1], r[5], r[4], r[2], r[3], r[6]))


def render(rows: list[tuple[str, ...]], version: str) -> str:
    counts: dict[tuple[str, str], int] = {}
    for r in rows:
        counts[(r[0], r[1])] = counts.get((r[0], r[1]), 0) + 1
    count_text = ", ".join(f"{lv}/{era} {n}" for (lv, era), n in sorted(counts.items()))
    header = f"""\
# planmine gazetteer: Vietnamese administrative units (provinces, districts,
# communes) as they were before the 1 July 2025 reform (era=old: 63 provinces,
# districts, communes/wards/townships) and after it (era=new: 34 provinces, no
# districts, communes/wards/special zones).
#
# Source: PyPI package "{PACKAGE}" version {version}, by {AUTHOR},
# {LICENCE}; data files data/dataset.db and data/converter_2025.json.
# Derived data; the MIT notice of that package applies to it.
#
# Regenerate (never edit generated rows by hand; CI does not run this):
#   python3 -m venv /tmp/gazvenv && /tmp/gazvenv/bin/pip install {PACKAGE}=={version}
#   /tmp/gazvenv/bin/python scripts/gen_gazetteer.py
#
# Adding a row by hand: append a tuple to MANUAL_ROWS in scripts/gen_gazetteer.py
# and regenerate. If you cannot regenerate, also insert the same line here, in
# sorted position (sort key: level, era, province, district, type, name), seven
# tab-separated fields, NFC, no empty lines; otherwise it is lost next run.
#
# Columns:
#   level             province | district | commune
#   era               old (before 1 July 2025) | new (from 1 July 2025)
#   type              lowercase type word: tỉnh, thành phố, quận, huyện, thị xã,
#                     xã, phường, thị trấn, đặc khu
#   name              short name without the type word ("Phường 1" -> "1")
#   district          old-era communes: short name of their district; else empty
#   province          old era: the old province; new era: the new province
#   province_current  the post-2025 province (one of the 34) the unit lies in now
#
# Rows: {count_text}.
"""
    lines = [header.rstrip("\n"), "\t".join(COLUMNS)]
    lines += ["\t".join(r) for r in rows]
    return unicodedata.normalize("NFC", "\n".join(lines) + "\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    ap.add_argument("--check", action="store_true", help="exit 1 if the output file is not up to date")
    ap.add_argument("-v", "--verbose", action="store_true", help="print source-data warnings")
    args = ap.parse_args()

    version = importlib.metadata.version(PACKAGE)
    if version != EXPECTED_VERSION:
        print(f"warning: {PACKAGE} {version} installed, script written for {EXPECTED_VERSION}", file=sys.stderr)
    warnings: list[str] = []
    rows = build_rows(package_dir(), warnings)
    text = render(rows, version)
    if args.verbose:
        for w in warnings:
            print("note:", w, file=sys.stderr)

    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date ({len(rows)} rows)")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {args.output}: {len(rows)} rows ({len(warnings)} source notes, -v to list)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
