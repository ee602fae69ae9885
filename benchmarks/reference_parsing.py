"""Benchmark the reference parser on a JSON-lines file of {"text": ..., "csl": {...}}.

    .venv/bin/python benchmarks/reference_parsing.py benchmarks/data/reference_parsing_dev.jsonl
    .venv/bin/python benchmarks/reference_parsing.py FILE --predict OUT.jsonl   # csl optional
    .venv/bin/python benchmarks/reference_parsing.py FILE --errors              # list mistakes

Score: the share of gold fields the prediction gets right, per field and overall, after
normalising case, white space, outer punctuation and dashes; names are compared as
(particle, family, initials) in order; dates as their date-parts; editions by their number.
A parse error counts as a prediction with no fields. Alongside, a baseline in the same run:
the share of fields a fixed-order APA regex gets right, so the figure has a reference point.
"""

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kennisbank.literature.parsing import ReferenceParseError, parse_reference  # noqa: E402

FIELDS = [
    "type",
    "author",
    "editor",
    "issued",
    "title",
    "container-title",
    "publisher",
    "publisher-place",
    "volume",
    "issue",
    "page",
    "edition",
    "DOI",
    "URL",
]
_OUTER = " \t.,;:()[]{}\"'“”‘’«»"


def norm_text(value) -> str:
    text = str(value).lower()
    text = re.sub(r"[‐‑‒–—―]", "-", text)
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(_OUTER)


def _initials(given: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s.\-]+", given or "") if w).lower()


def norm_names(names) -> list:
    out = []
    for n in names or []:
        if not isinstance(n, dict):
            out.append(("", norm_text(n), ""))
        elif "literal" in n:
            out.append(("", norm_text(n["literal"]), ""))
        else:
            particle = " ".join(
                p for p in (n.get("dropping-particle", ""), n.get("non-dropping-particle", "")) if p
            )
            out.append(
                (norm_text(particle), norm_text(n.get("family", "")), _initials(n.get("given")))
            )
    return out


def norm_field(field: str, value):
    if value in (None, "", [], {}):
        return None
    if field in ("author", "editor"):
        return norm_names(value)
    if field == "issued":
        parts = (value.get("date-parts") or [[]])[0] if isinstance(value, dict) else []
        if not parts and isinstance(value, dict) and value.get("literal"):
            return norm_text(value["literal"])
        return [int(p) for p in parts if str(p).lstrip("-").isdigit()]
    if field == "edition":
        m = re.search(r"\d+", str(value))
        return m.group(0) if m else norm_text(value)
    if field == "DOI":
        return re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", norm_text(value))
    return norm_text(value)


def predict(text: str) -> dict:
    try:
        return parse_reference(text)
    except ReferenceParseError as exc:
        return {"_error": str(exc)}


_BASELINE_RE = re.compile(
    r"^(?P<author>.+?)\s*\((?P<year>\d{4})[a-z]?\)\.?\s*(?P<title>[^.?!]+[.?!])\s*"
    r"(?:(?P<place>[^:.]+):\s*(?P<publisher>[^.]+)\.?)?"
)


def baseline(text: str) -> dict:
    """Fixed-order APA regex: 'Author (Year). Title. Place: Publisher.'"""
    m = _BASELINE_RE.match(text)
    if not m:
        return {}
    item = {"type": "book", "author": [{"literal": m["author"]}], "title": m["title"]}
    item["issued"] = {"date-parts": [[int(m["year"])]]}
    if m["publisher"]:
        item["publisher"], item["publisher-place"] = m["publisher"], m["place"]
    return item


def score(golds: list[dict], preds: list[dict]):
    total, right, spurious = Counter(), Counter(), Counter()
    errors = []
    for i, (gold, pred) in enumerate(zip(golds, preds, strict=True)):
        for field in FIELDS:
            g = norm_field(field, gold.get(field))
            p = norm_field(field, pred.get(field))
            if g is None:
                if p is not None:
                    spurious[field] += 1
                continue
            total[field] += 1
            if g == p:
                right[field] += 1
            else:
                errors.append((i, field, g, p))
    return total, right, spurious, errors


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Reference-parsing accuracy per CSL field.")
    ap.add_argument("file", type=Path)
    ap.add_argument("--predict", type=Path, metavar="OUT", help="write predictions as JSONL")
    ap.add_argument("--errors", action="store_true", help="list every wrong field")
    args = ap.parse_args(argv)

    rows = []
    with args.file.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    print(f"{args.file}:{n}: not JSON ({exc})", file=sys.stderr)
                    return 2
    texts = [r.get("text", "") for r in rows]
    start = time.perf_counter()
    preds = [predict(t) for t in texts]
    elapsed = time.perf_counter() - start
    if args.predict:
        with args.predict.open("w", encoding="utf-8") as out:
            for p in preds:
                out.write(json.dumps(p, ensure_ascii=False) + "\n")
        print(f"Wrote {len(preds)} predictions to {args.predict}")
    print(
        f"Parsed {len(texts)} references in {elapsed:.2f} s "
        f"({1000 * elapsed / max(1, len(texts)):.1f} ms each); "
        f"parse errors: {sum('_error' in p for p in preds)}"
    )

    golds = [r["csl"] for r in rows if "csl" in r]
    if len(golds) != len(rows):
        print("Some lines have no 'csl': accuracy not computed.")
        return 0
    total, right, spurious, errors = score(golds, preds)
    b_total, b_right, _, _ = score(golds, [baseline(t) for t in texts])
    print(f"\n{'field':<17}{'gold':>6}{'right':>7}{'acc':>8}{'baseline':>10}{'spurious':>10}")
    for field in FIELDS:
        if total[field] or spurious[field]:
            acc = right[field] / total[field] if total[field] else float("nan")
            bacc = b_right[field] / b_total[field] if b_total[field] else float("nan")
            print(
                f"{field:<17}{total[field]:>6}{right[field]:>7}{acc:>8.1%}{bacc:>10.1%}"
                f"{spurious[field]:>10}"
            )
    all_total, all_right = sum(total.values()), sum(right.values())
    b_all = sum(b_right.values()) / max(1, sum(b_total.values()))
    print(
        f"{'overall':<17}{all_total:>6}{all_right:>7}{all_right / max(1, all_total):>8.1%}"
        f"{b_all:>10.1%}{sum(spurious.values()):>10}"
    )
    perfect = sum(1 for i in range(len(golds)) if not any(e[0] == i for e in errors))
    flagged = [p.get("_needs_review", True) for p in preds]
    wrong_rows = {e[0] for e in errors}
    caught = sum(1 for i in wrong_rows if flagged[i])
    print(
        f"\nReferences fully right: {perfect}/{len(golds)}; flagged for review: "
        f"{sum(flagged)}; of the {len(wrong_rows)} with an error, {caught} were flagged."
    )
    if args.errors:
        print()
        for i, field, g, p in errors:
            print(f"[{i + 1}] {field}: gold={g!r} got={p!r}\n      {texts[i][:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
