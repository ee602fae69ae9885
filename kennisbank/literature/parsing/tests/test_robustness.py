import json
import random
from pathlib import Path

from kennisbank.literature.parsing import ReferenceParseError, csl_only, parse_reference

DEV_SET = (
    Path(__file__).resolve().parents[4] / "benchmarks" / "data" / "reference_parsing_dev.jsonl"
)


def _mutations(seed: int, n: int):
    texts = [json.loads(x)["text"] for x in DEV_SET.read_text(encoding="utf-8").splitlines()]
    rnd = random.Random(seed)  # noqa: S311 - reproducible test data
    for _ in range(n):
        t = rnd.choice(texts)
        op = rnd.randrange(5)
        if op == 0:
            a = rnd.randrange(len(t))
            yield t[a : a + rnd.randrange(1, 80)]
        elif op == 1:
            yield "".join(rnd.sample(t, len(t)))
        elif op == 2:
            yield t + " " + rnd.choice(texts)
        elif op == 3:
            yield t.replace(".", rnd.choice(["", ",", ";", " . "]))
        else:
            yield "".join(chr(rnd.randrange(32, 0x2FFF)) for _ in range(rnd.randrange(1, 200)))


def test_mangled_input_gives_an_item_or_a_parse_error_never_a_crash():
    outcomes = {"item": 0, "error": 0}
    for text in _mutations(seed=5, n=400):
        try:
            item = parse_reference(text)
        except ReferenceParseError as exc:
            assert str(exc)
            outcomes["error"] += 1
        else:
            assert isinstance(item["type"], str)
            assert 0.0 <= item["_confidence"] <= 1.0
            outcomes["item"] += 1
    # Both paths are exercised, so the test can fail either way.
    assert outcomes["item"] > 50 and outcomes["error"] > 50


def test_csl_only_drops_the_parser_keys():
    item = parse_reference("Hattie, J. (2013). Leren zichtbaar maken. Rotterdam: Bazalt.")
    clean = csl_only(item)
    assert "_confidence" in item and not any(k.startswith("_") for k in clean)
    assert clean["title"] == "Leren zichtbaar maken"
