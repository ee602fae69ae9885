import re
from pathlib import Path

import pytest
import yaml

from kennisbank.articles.models import ArticlePage
from kennisbank.demo.loader import CONTENT_DIR, DemoContentError, load_demo, read_front_matter
from kennisbank.people.models import Author
from kennisbank.taxonomy.models import ThemePage, TopicPage

ARTICLE_FILES = sorted((CONTENT_DIR / "articles").glob("*.md"))


def test_demo_content_meets_the_brief():
    themes = yaml.safe_load((CONTENT_DIR / "taxonomy.yaml").read_text(encoding="utf-8"))
    theme_of_topic = {
        topic["name"]: theme["theme"] for theme in themes for topic in theme["topics"]
    }
    assert len(ARTICLE_FILES) >= 24
    authors, themes_used = set(), set()
    for path in ARTICLE_FILES:
        meta, body = read_front_matter(path)
        assert len(re.findall(r"\w+", body)) >= 400, path.name
        assert len(re.findall(r"^## ", body, re.M)) >= 3, path.name
        assert re.search(r"^(- |\d+\. )", body, re.M), f"{path.name} has no list"
        assert 3 <= len(meta["literature"]) <= 8, path.name
        authors.update(meta["authors"])
        themes_used.update(theme_of_topic[name] for name in meta["topics"])
    assert len(authors) >= 8
    assert len(themes_used) >= 8


def test_demo_content_does_not_repeat_the_reference_page():
    seed_dir = Path(__file__).resolve().parents[3].parent / "shared" / "seed"
    seeds = list(seed_dir.glob("*.txt"))
    if not seeds:
        pytest.skip("../shared/seed is not present (fresh clone)")
    words = re.findall(r"\w+", seeds[0].read_text(encoding="utf-8").lower())
    grams = {" ".join(words[i : i + 8]) for i in range(len(words) - 8)}
    for path in ARTICLE_FILES:
        # The prose, not the literature list: references to the same book are facts.
        _, body = read_front_matter(path)
        ours = re.findall(r"\w+", body.lower())
        shared = [
            " ".join(ours[i : i + 8])
            for i in range(len(ours) - 8)
            if " ".join(ours[i : i + 8]) in grams
        ]
        assert not shared, f"{path.name} repeats the reference page: {shared[:2]}"


@pytest.mark.django_db
def test_load_demo_is_idempotent():
    first = load_demo()
    counts = (
        ArticlePage.objects.count(),
        Author.objects.count(),
        ThemePage.objects.count(),
        TopicPage.objects.count(),
    )
    assert counts[0] == len(ARTICLE_FILES)
    assert counts[2] == 12
    second = load_demo()
    assert second.created == []
    assert len(second.unchanged) == len(first.created)
    assert (
        ArticlePage.objects.count(),
        Author.objects.count(),
        ThemePage.objects.count(),
        TopicPage.objects.count(),
    ) == counts
    article = ArticlePage.objects.get(slug="traumasensitief-lesgeven")
    assert article.live and article.authors and article.topics and article.literature
    assert article.get_latest_revision() is not None


@pytest.mark.django_db
def test_broken_demo_file_gives_a_clear_error(tmp_path):
    (tmp_path / "articles").mkdir()
    for name in ("taxonomy.yaml", "authors.yaml"):
        (tmp_path / name).write_text(
            (CONTENT_DIR / name).read_text(encoding="utf-8"), encoding="utf-8"
        )
    (tmp_path / "articles" / "kapot.md").write_text("geen front matter", encoding="utf-8")
    with pytest.raises(DemoContentError, match="kapot.md: no YAML front matter"):
        load_demo(tmp_path)
    assert not ArticlePage.objects.exists()  # one transaction: nothing half-loaded
