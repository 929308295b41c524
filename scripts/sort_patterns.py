#!/usr/bin/env python3
"""Sort the data rows of patterns/*.tsv files in place (code-point order, the
order tests/patterns_data.rs checks), keeping the `#` header block and the
column-header line on top. Usage: scripts/sort_patterns.py patterns/x.tsv ..."""
import sys

for path in sys.argv[1:]:
    lines = open(path, encoding="utf-8").read().split("\n")
    head = []
    i = 0
    while i < len(lines) and (lines[i].startswith("#") or not lines[i].strip()):
        head.append(lines[i])
        i += 1
    columns = lines[i]
    rows = sorted(set(l for l in lines[i + 1:] if l.strip()))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(head + [columns] + rows) + "\n")
