"""Writes the BEIR layout (corpus.jsonl, queries.jsonl, qrels/test.tsv) of the dev collection
from passages.txt and queries.txt beside this file. Run it after editing either file."""

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    topics: dict[str, list[str]] = {}
    corpus = []
    topic = None
    for line in (HERE / "passages.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            topic = line.split()[1]
            topics[topic] = []
        elif line.strip() and not line.startswith("#"):
            title, text = (part.strip() for part in line.split("|", 1))
            doc_id = f"{topic}-{len(topics[topic]) + 1}"
            topics[topic].append(doc_id)
            corpus.append({"_id": doc_id, "title": title, "text": text})
    queries, qrels = [], []
    for n, line in enumerate(
        line
        for line in (HERE / "queries.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ):
        kind, text, judged = (part.strip() for part in line.split("|"))
        qid = f"q{n + 1:03d}"
        queries.append({"_id": qid, "text": text, "kind": kind})
        grades: dict[str, int] = {}
        for item in judged.split():
            match = re.fullmatch(r"(T\d+)(?:\.(\d+))?", item)
            if match is None:
                raise ValueError(f"bad judgment {item!r} in {line!r}")
            if match.group(2):
                grades[topics[match.group(1)][int(match.group(2)) - 1]] = 2
            else:
                for doc_id in topics[match.group(1)]:
                    grades.setdefault(doc_id, 1)
        qrels.extend((qid, doc_id, grade) for doc_id, grade in sorted(grades.items()))
    with (HERE / "corpus.jsonl").open("w", encoding="utf-8") as out:
        for doc in corpus:
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    with (HERE / "queries.jsonl").open("w", encoding="utf-8") as out:
        for query in queries:
            out.write(json.dumps(query, ensure_ascii=False) + "\n")
    (HERE / "qrels").mkdir(exist_ok=True)
    with (HERE / "qrels" / "test.tsv").open("w", encoding="utf-8") as out:
        out.write("query-id\tcorpus-id\tscore\n")
        for qid, doc_id, grade in qrels:
            out.write(f"{qid}\t{doc_id}\t{grade}\n")
    print(f"{len(corpus)} passages, {len(queries)} queries, {len(qrels)} judgments")


if __name__ == "__main__":
    main()
