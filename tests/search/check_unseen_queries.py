"""Check that every expected page in unseen_queries.yaml exists (no search is run).

Run from the repository root: python tests/search/check_unseen_queries.py
"""
import collections
import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
DIRS = {"orders", "housing", "nrpf", "justice", "support", "services"}
THEMES = {"safe-tonight", "contact-stalking", "orders", "sexual-violence", "housing",
          "money-immigration", "children-young", "men", "older-disabled-deaf", "lgbt",
          "perpetrator", "justice-after-reporting", "worker-shorthand", "place", "misspelling",
          "welsh-nation", "scotland", "northern-ireland"}

cats = set(re.findall(r"^\s*-?\s*id:\s*([a-z0-9-]+)", (ROOT / "data/categories.yaml").read_text(), re.M))
areas = set(re.findall(r"\bid:\s*([a-z0-9-]+)", (ROOT / "data/areas.yaml").read_text()))

queries = yaml.safe_load((ROOT / "tests/search/unseen_queries.yaml").read_text())
bad = []
for q in queries:
    assert set(q) == {"query", "top5_any", "theme", "speaker"}, q
    if q["theme"] not in THEMES:
        bad.append((q["query"], "theme " + q["theme"]))
    if not 1 <= len(q["top5_any"]) <= 4:
        bad.append((q["query"], "needs 1 to 4 pages"))
    for p in q["top5_any"]:
        m = re.fullmatch(r"([a-z]+)/([a-z0-9-]+)/", p)
        ok = bool(m) and (
            (m[1] in DIRS and (ROOT / "data" / m[1] / f"{m[2]}.yaml").is_file())
            or (m[1] == "categories" and m[2] in cats)
            or (m[1] == "areas" and m[2] in areas))
        if not ok:
            bad.append((q["query"], p))
dupes = [k for k, v in collections.Counter(q["query"] for q in queries).items() if v > 1]
print(f"{len(queries)} queries, {sum(len(q['top5_any']) for q in queries)} paths checked")
for t, n in sorted(collections.Counter(q["theme"] for q in queries).items()):
    print(f"  {t}: {n}")
for b in bad:
    print("BAD", b)
for d in dupes:
    print("DUPLICATE", d)
sys.exit(1 if bad or dupes else 0)
