#!/usr/bin/env python3
"""Derive the scrubber's ICD-10-CM code set (code, billable flag, description) from the CDC release
shipped inside the PyPI package simple-icd-10-cm (see PROVENANCE.md). Usage:

    pip download --no-deps -d /tmp/icd simple-icd-10-cm==1.5.0
    (cd /tmp/icd && python3 -m zipfile -e simple_icd_10_cm-1.5.0-py3-none-any.whl x)
    python3 derive_icd10cm.py /tmp/icd/x icd10cm-2026-04.tsv.gz

Output: gzip'd UTF-8 text, '#' header lines, then one line per code: CODE<TAB>Y|N<TAB>description,
the code without its dot, Y for a billable code (a leaf of the classification), N for a header.
Chapters and blocks (ranges such as A00-A09) are left out: they are never codes on a claim. A category that is
also the name of a block holding only it (B10, C50, E89, Z68, ...: the package answers is_chapter_or_block for both)
is kept: it is a category header, as in CDC's order file.
"""
import gzip
import sys

src, out = sys.argv[1], sys.argv[2]
sys.path.insert(0, src)
import simple_icd_10_cm as cm  # noqa: E402

# get_all_codes lists such a category twice (as the block and as the category): keep the first.
codes = list(dict.fromkeys(c for c in cm.get_all_codes(with_dots=False) if not cm.is_chapter_or_block(c) or cm.is_category(c)))
with gzip.GzipFile(out, "wb", mtime=0) as raw:
    f = raw
    f.write(b"# ICD-10-CM April 1, 2026 release (FY2026), CDC/NCHS tabular list; public domain\n")
    f.write(b"# derived with derive_icd10cm.py from simple-icd-10-cm 1.5.0; see PROVENANCE.md\n")
    f.write(b"# version=FY2026-04\teffectiveFrom=2026-04-01\teffectiveTo=2026-09-30\n")
    for c in codes:
        desc = cm.get_description(c).replace("\t", " ").replace("\n", " ")
        f.write(f"{c}\t{'Y' if cm.is_leaf(c) else 'N'}\t{desc}\n".encode("utf-8"))
print(f"{len(codes)} codes, {sum(1 for c in codes if cm.is_leaf(c))} billable", file=sys.stderr)
