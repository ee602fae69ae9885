"""Snippets with the query's words marked. Works on the original text: tokens are matched by
their analyzed terms, so "leerkrachten" is marked for the query "leerkracht"."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analyzer import Analyzer
from .analyzer.text import surface_tokens

WINDOW_TOKENS = 36


def matcher(analyzer: Analyzer, query_terms: set[str]):
    def is_hit(token: str) -> bool:
        terms = analyzer.word_terms(token)
        return terms[0] in query_terms or any(t in query_terms for t in terms[1:] if len(t) >= 4)

    return is_hit


def highlight(
    text: str, is_hit, *, window: int = WINDOW_TOKENS, max_chars: int = 320
) -> SafeString:
    """The densest window of `text`, HTML-escaped, with hits in <mark>."""
    tokens = surface_tokens(text)
    if not tokens:
        return mark_safe(escape(text[:max_chars]))  # noqa: S308 - escaped
    hits = [is_hit(tok) for _, _, tok in tokens]
    prefix = [0]
    for hit in hits:
        prefix.append(prefix[-1] + hit)
    span = min(window, len(tokens))
    best_start = max(
        range(len(tokens) - span + 1), key=lambda i: (prefix[i + span] - prefix[i], -i)
    )
    chosen = tokens[best_start : best_start + window]
    start, end = chosen[0][0], chosen[-1][1]
    if end - start > max_chars:
        end = start + max_chars
    out = ["… " if start > 0 else ""]
    pos = start
    for (s, e, _tok), hit in zip(chosen, hits[best_start : best_start + window], strict=True):
        if s >= end:
            break
        e = min(e, end)
        out.append(escape(text[pos:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>" if hit else escape(text[s:e]))
        pos = e
    out.append(escape(text[pos:end]))
    if end < len(text):
        out.append(" …")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above
