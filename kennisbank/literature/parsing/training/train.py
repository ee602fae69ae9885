"""Train the reference-parsing CRF and write it into the package.

    python -m kennisbank.literature.parsing.training.train [--anystyle PATH] [--synthetic N]

AnyStyle's labelled set is read from ../shared/data/anystyle/core.xml (relative to the
repository root) unless --anystyle says otherwise; the Dutch strings come from
training/synthetic.py. The dev set under benchmarks/ is never read here.
"""

import argparse
import random
import sys
import time
from pathlib import Path

import pycrfsuite

from ..model import MODEL_PATH
from ..tokens import token_features
from .anystyle import load_core
from .synthetic import generate

REPO = Path(__file__).resolve().parents[4]
DEFAULT_ANYSTYLE = REPO.parent / "shared" / "data" / "anystyle" / "core.xml"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--anystyle", type=Path, default=DEFAULT_ANYSTYLE)
    ap.add_argument("--synthetic", type=int, default=2000, help="Dutch strings to generate")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=150)
    args = ap.parse_args(argv)

    data = []
    if args.anystyle.exists():
        data += load_core(args.anystyle)
        print(f"AnyStyle: {len(data)} sequences from {args.anystyle}")
    else:
        print(f"AnyStyle set not found at {args.anystyle}; training on synthetic data only")
    synth = generate(args.synthetic)
    print(f"Synthetic Dutch: {len(synth)} sequences")
    data += synth
    random.Random(1).shuffle(data)  # noqa: S311 - reproducible order, not security

    trainer = pycrfsuite.Trainer(verbose=False)
    for tokens, labels in data:
        trainer.append(token_features(tokens), labels)
    trainer.set_params(
        {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": args.iterations,
            "feature.possible_transitions": True,
        }
    )
    start = time.perf_counter()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(args.out))
    size = args.out.stat().st_size
    print(f"Trained in {time.perf_counter() - start:.0f} s: {args.out} ({size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
