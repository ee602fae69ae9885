"""Build the BEIR layout of the graded dev collection.

Reads passages.txt and queries.txt beside this file and writes corpus.jsonl,
queries.jsonl and qrels/test.tsv. Any malformed input stops the build with a
message naming the file and line number.
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = {"keyword", "synonym", "compound", "inflection", "question", "typo"}
SECTION_RE = re.compile(r"## (S\d{2})(?: .*)?")
JUDGMENT_RE = re.compile(r"(S\d{2})\.(\d+):(\d+)")


class BuildError(Exception):
    """Raised for any malformed line in the source files."""


def content_lines(path: Path):
    """Yield (line number, line) for lines that are not blank or plain comments."""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or (line.startswith("#") and not line.startswith("## ")):
            continue
        yield number, line


def read_passages(path: Path) -> tuple[dict[str, int], list[dict[str, str]]]:
    """Return passage counts per section and the corpus documents."""
    counts: dict[str, int] = {}
    corpus: list[dict[str, str]] = []
    section = None
    for number, line in content_lines(path):
        where = f"{path.name}:{number}"
        if line.startswith("## "):
            match = SECTION_RE.fullmatch(line)
            if match is None:
                raise BuildError(f"{where}: malformed section header {line!r}")
            section = match.group(1)
            if section in counts:
                raise BuildError(f"{where}: section {section} appears twice")
            counts[section] = 0
            continue
        if section is None:
            raise BuildError(f"{where}: passage before the first section header")
        parts = line.split("|")
        if len(parts) != 2:
            raise BuildError(f"{where}: expected 'title | text', got {len(parts)} fields")
        title, text = (part.strip() for part in parts)
        if not title or not text:
            raise BuildError(f"{where}: empty title or text")
        counts[section] += 1
        doc_id = f"{section}-{counts[section]}"
        corpus.append({"_id": doc_id, "title": title, "text": text})
    for section, count in counts.items():
        if count == 0:
            raise BuildError(f"{path.name}: section {section} has no passages")
    return counts, corpus


def read_queries(path: Path, counts: dict[str, int]):
    """Return the query records and the (query id, doc id, grade) judgments."""
    queries: list[dict[str, str]] = []
    qrels: list[tuple[str, str, int]] = []
    for number, line in content_lines(path):
        where = f"{path.name}:{number}"
        parts = line.split("|")
        if len(parts) != 3:
            raise BuildError(f"{where}: expected 'kind | query | judgments'")
        kind, text, judged = (part.strip() for part in parts)
        if kind not in KINDS:
            raise BuildError(f"{where}: unknown kind {kind!r}")
        if not text:
            raise BuildError(f"{where}: empty query text")
        qid = f"q{len(queries) + 1:03d}"
        grades: dict[str, int] = {}
        for item in judged.split():
            match = JUDGMENT_RE.fullmatch(item)
            if match is None:
                raise BuildError(f"{where}: malformed judgment {item!r}")
            section, index, grade = match.group(1), int(match.group(2)), int(match.group(3))
            if section not in counts:
                raise BuildError(f"{where}: unknown section {section} in {item!r}")
            if not 1 <= index <= counts[section]:
                raise BuildError(
                    f"{where}: section {section} has {counts[section]} passages, not {index}"
                )
            if grade not in (1, 2):
                raise BuildError(f"{where}: grade must be 1 or 2 in {item!r}")
            doc_id = f"{section}-{index}"
            if doc_id in grades:
                raise BuildError(f"{where}: passage {doc_id} judged twice")
            grades[doc_id] = grade
        if 2 not in grades.values():
            raise BuildError(f"{where}: query {text!r} has no grade-2 judgment")
        queries.append({"_id": qid, "text": text, "kind": kind})
        qrels.extend((qid, doc_id, grade) for doc_id, grade in grades.items())
    return queries, qrels


def write_jsonl(path: Path, records: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def main() -> None:
    counts, corpus = read_passages(HERE / "passages.txt")
    queries, qrels = read_queries(HERE / "queries.txt", counts)
    write_jsonl(HERE / "corpus.jsonl", corpus)
    write_jsonl(HERE / "queries.jsonl", queries)
    (HERE / "qrels").mkdir(exist_ok=True)
    with (HERE / "qrels" / "test.tsv").open("w", encoding="utf-8") as out:
        out.write("query-id\tcorpus-id\tscore\n")
        for qid, doc_id, grade in qrels:
            out.write(f"{qid}\t{doc_id}\t{grade}\n")
    top = sum(1 for _, _, grade in qrels if grade == 2)
    print(
        f"{len(counts)} sections, {len(corpus)} passages, {len(queries)} queries, "
        f"{len(qrels)} judgments ({top} grade 2)"
    )


if __name__ == "__main__":
    try:
        main()
    except BuildError as error:
        sys.exit(f"build failed: {error}")
