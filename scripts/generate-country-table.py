#!/usr/bin/env python3
"""Writes data/reference/iso-3166-countries.tsv from Debian's iso-codes data (ISO 3166-1).

Run when iso-codes changes (apt-get install iso-codes); the table is committed and embedded in the
binary at build time (EmbedTextPlugin), so nothing reads the system's files at run time.
Columns: alpha-2, alpha-3, display name, ISO short name, official name.
"""
import json, pathlib, sys

source = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/iso-codes/json/iso_3166-1.json")
entries = json.loads(source.read_text(encoding="utf-8"))["3166-1"]
rows = ["alpha2\talpha3\tdisplay_name\tiso_name\tofficial_name"]
for entry in sorted(entries, key=lambda e: e["alpha_3"]):
    display = entry.get("common_name", entry["name"])
    fields = [entry["alpha_2"], entry["alpha_3"], display, entry["name"], entry.get("official_name", "")]
    assert all("\t" not in f and "\n" not in f for f in fields)
    rows.append("\t".join(fields))
out = pathlib.Path(__file__).resolve().parent.parent / "data/reference/iso-3166-countries.tsv"
out.write_text("\n".join(rows) + "\n", encoding="utf-8")
print(f"wrote {len(rows) - 1} countries to {out}")
