import json
import subprocess
import sys
from pathlib import Path

import pycrfsuite

from kennisbank.literature.parsing.model import MODEL_PATH
from kennisbank.literature.parsing.tokens import token_features
from kennisbank.literature.parsing.training.synthetic import generate

REPO = Path(__file__).resolve().parents[4]
DEV_SET = REPO / "benchmarks" / "data" / "reference_parsing_dev.jsonl"


def test_model_ships_in_the_package_and_is_small():
    assert MODEL_PATH.exists()
    assert MODEL_PATH.stat().st_size < 3 * 1024 * 1024


def test_training_code_produces_a_working_tagger(tmp_path):
    data = generate(60, seed=3)
    trainer = pycrfsuite.Trainer(verbose=False)
    for tokens, labels in data:
        trainer.append(token_features(tokens), labels)
    trainer.set_params({"max_iterations": 20})
    out = tmp_path / "m.crfsuite"
    trainer.train(str(out))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(out))
    tokens, labels = data[0]
    predicted = tagger.tag(token_features(tokens))
    assert len(predicted) == len(tokens)
    assert set(predicted) <= {lab for _, labs in data for lab in labs}


def test_dev_set_is_large_and_varied_enough():
    rows = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 100
    types = {r["csl"]["type"] for r in rows}
    assert {"book", "chapter", "article-journal", "report", "webpage"} <= types
    assert any("editor" in r["csl"] for r in rows)
    assert any("edition" in r["csl"] for r in rows)
    assert any("non-dropping-particle" in a for r in rows for a in r["csl"].get("author", []))


def test_benchmark_scores_and_writes_predictions_in_order(tmp_path):
    src = tmp_path / "in.jsonl"
    lines = [json.loads(x) for x in DEV_SET.read_text(encoding="utf-8").splitlines()[:5]]
    lines.append({"text": ""})  # no csl, and unparseable: still one output line
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "reference_parsing.py"),
            str(src),
            "--predict",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    preds = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(preds) == 6
    assert preds[0]["title"] == lines[0]["csl"]["title"]
    assert "_error" in preds[-1]
    assert "accuracy not computed" in proc.stdout


def test_benchmark_normalisation():
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import reference_parsing as bench
    finally:
        sys.path.pop(0)
    assert bench.norm_field("page", "12–34") == bench.norm_field("page", "12 - 34")
    assert bench.norm_field("title", " Zin in leren. ") == "zin in leren"
    assert bench.norm_field("edition", "2e dr.") == "2"
    a = [{"family": "IJzendoorn", "given": "M.H.", "non-dropping-particle": "van"}]
    b = [{"family": "Ijzendoorn", "given": "Marinus H.", "non-dropping-particle": "van"}]
    assert bench.norm_field("author", a) == bench.norm_field("author", b)
    c = [{"family": "IJzendoorn", "given": "M. H."}]
    assert bench.norm_field("author", a) != bench.norm_field("author", c)
    total, right, _, _ = bench.score([{"title": "A", "type": "book"}], [{"title": "a."}])
    assert (sum(total.values()), sum(right.values())) == (2, 1)
