from kennisbank.core.markdown_body import markdown_to_body

DOCUMENT = """
## Inleiding

Eerste alinea met **vet** en *schuin*.

Tweede alinea.

- een
- twee

1. eerste
2. tweede

> **Casus** Sem zit in groep 6.

> Een gewoon citaat.

### Verdieping
"""


def test_markdown_becomes_body_blocks():
    blocks = markdown_to_body(DOCUMENT)
    assert [block["type"] for block in blocks] == [
        "heading",
        "paragraph",
        "list",
        "list",
        "quote",
        "quote",
        "heading",
    ]
    assert blocks[0]["value"] == {"text": "Inleiding", "level": "h2"}
    assert (
        blocks[1]["value"]
        == "<p>Eerste alinea met <b>vet</b> en <i>schuin</i>.</p><p>Tweede alinea.</p>"
    )
    assert blocks[2]["value"]["style"] == "bulleted"
    assert [item["value"] for item in blocks[2]["value"]["items"]] == ["<p>een</p>", "<p>twee</p>"]
    assert blocks[3]["value"]["style"] == "numbered"
    assert blocks[4]["value"]["kind"] == "case"
    assert blocks[4]["value"]["text"] == "<p>Sem zit in groep 6.</p>"
    assert blocks[5]["value"]["kind"] == "quote"
    assert blocks[6]["value"]["level"] == "h3"


def test_hostile_markdown_loses_its_markup_but_keeps_its_text():
    hostile = (
        "<script>alert(1)</script>\n\n"
        "Klik [hier](javascript:alert(1)) of <img src=x onerror=alert(1)>.\n\n"
        "[goed](https://example.org)"
    )
    html = "".join(str(block["value"]) for block in markdown_to_body(hostile))
    assert "<script" not in html
    assert 'href="javascript:' not in html
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # shown as text, not markup
    assert '<a href="https://example.org">goed</a>' in html


def test_empty_document_gives_no_blocks():
    assert markdown_to_body("") == []
    assert markdown_to_body("   \n\n  ") == []
