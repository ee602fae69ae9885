"""Second-pass ranking from the top documents themselves: RM3 query expansion and neighbour
smoothing. Both read the documents' stored term vectors (their RM3_VECTOR_TERMS most frequent
index terms), fetched once per query into a shared dict."""

import json
from collections import Counter

import numpy as np

from ..conf import search_setting
from ..query import idf
from .ordering import top_k
from .reader import frequency_cache, select_in

# RM3_MAX_DF_RATIO replaces too common expansion terms from this many times RM3_TERMS candidates
RM3_CANDIDATES = 3


def document_vectors(docnums, vectors: dict[int, dict[str, float]]) -> dict[int, dict]:
    """Adds the missing documents' {term: field-weighted count} to `vectors` and returns it."""
    from ..models import SearchDocument

    missing = [int(d) for d in docnums if d not in vectors]
    if missing:
        # Plain SQL: building the ORM query took as long as running it (PostgreSQL, 30 rows).
        for docnum, blob in select_in(SearchDocument, "docnum, terms", missing, key="docnum"):
            vectors[docnum] = json.loads(bytes(blob) if blob else b"{}")
    return vectors


def rm3_weights(query_words, fused, arrays, document_frequencies, vectors) -> dict[str, float]:
    """RM3: the word query mixed with the most probable terms of the top documents."""
    n_docs = search_setting("RM3_DOCS")
    n_terms = search_setting("RM3_TERMS")
    lam = search_setting("RM3_ORIGINAL_WEIGHT")
    power = search_setting("RM3_DOC_WEIGHT_POWER")
    positive = np.flatnonzero(fused > 0)
    if len(positive) == 0 or not query_words:
        return dict(query_words)
    # The first pass's top documents are most of the final top too: fetch the vectors that
    # neighbour smoothing will ask for in the same query.
    fetch = max(
        n_docs, search_setting("NEIGHBOUR_DOCS") if search_setting("NEIGHBOUR_WEIGHT") else 0
    )
    ranked = positive[top_k(fused[positive], fetch)]
    document_vectors(ranked.tolist(), vectors)
    top = ranked[:n_docs]
    doc_weight = dict(zip(top.tolist(), (fused[top] ** power).tolist(), strict=True))
    total = sum(doc_weight.values())
    relevance: Counter = Counter()
    for docnum, share in doc_weight.items():
        length = arrays.word_length[docnum] or 1.0
        for term, count in vectors.get(docnum, {}).items():
            relevance[term] += (share / total) * count / length
    if search_setting("RM3_TERM_IDF"):
        # Rank candidates by P(w|R) x idf: a word in every feedback document is as likely
        # to be in every document (kind, leerling, school) and says nothing of the topic.
        dfs = document_frequencies(list(relevance))
        relevance = Counter(
            {t: v * idf(arrays.n_docs, dfs.get(t, 0)) for t, v in relevance.items()}
        )
    ratio = search_setting("RM3_MAX_DF_RATIO")
    if ratio and arrays.n_docs > search_setting("GRAM_MAX_DF_MIN_DOCS"):
        # Like common grams, a term in a large share of the documents barely tells them apart
        # but costs a posting per document: the next candidates take its place.
        candidates = relevance.most_common(RM3_CANDIDATES * n_terms)
        dfs = document_frequencies([t for t, _ in candidates if t not in query_words])
        limit = ratio * arrays.n_docs
        expansion = [(t, v) for t, v in candidates if t in query_words or dfs.get(t, 0) <= limit][
            :n_terms
        ]
    else:
        expansion = relevance.most_common(n_terms)
    exp_total = sum(v for _, v in expansion) or 1.0
    q_total = sum(query_words.values()) or 1.0
    weights = {t: lam * w / q_total for t, w in query_words.items()}
    for term, value in expansion:
        weights[term] = weights.get(term, 0.0) + (1 - lam) * value / exp_total
    return weights


def neighbour_smoothed(scores: np.ndarray, arrays, vectors) -> np.ndarray:
    """Score regularisation over the top NEIGHBOUR_DOCS documents: each takes
    NEIGHBOUR_WEIGHT of its score from the similarity-weighted mean score of the others. A
    document on the subject of the best results rises with them, also when it shares few
    words with the query (the cluster hypothesis); one that matches the query words but is
    about something else moves towards the similarity-weighted mean of the top, below them.

    Similarity is the cosine of log-tf x idf vectors over the terms that at least two of
    these documents share: a term in one document only adds to no similarity, and leaving
    it out spares its document-frequency lookup (measured: the same nDCG@10 on both dev
    collections as with every term)."""
    alpha = search_setting("NEIGHBOUR_WEIGHT")
    positive = np.flatnonzero(scores > 0)
    if not alpha or len(positive) < 3:
        return scores
    top = positive[top_k(scores[positive], search_setting("NEIGHBOUR_DOCS"))].tolist()
    document_vectors(top, vectors)
    top = [d for d in top if vectors.get(d)]
    if len(top) < 3:
        return scores
    shared = Counter(t for d in top for t in vectors[d])
    column = {t: i for i, t in enumerate(t for t, n in shared.items() if n > 1)}
    if not column:
        return scores
    rows, cols, values = [], [], []
    for row, docnum in enumerate(top):
        for term, count in vectors[docnum].items():
            col = column.get(term)
            if col is not None:
                rows.append(row)
                cols.append(col)
                values.append(max(count, 1.0))
    dfs = frequency_cache.get(arrays.version, column)
    weights = np.array([idf(arrays.n_docs, dfs.get(t, 1)) for t in column], dtype=np.float32)
    matrix = np.zeros((len(top), len(column)), dtype=np.float32)
    matrix[rows, cols] = 1.0 + np.log(np.array(values, dtype=np.float32))
    matrix *= weights
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-12
    similarity = matrix @ matrix.T
    np.fill_diagonal(similarity, 0.0)
    base = scores[top]
    mass = similarity.sum(axis=1)
    # A document like none of the others keeps its own score.
    neighbours = np.divide(similarity @ base, mass, out=base.copy(), where=mass > 0)
    smoothed = scores.copy()
    smoothed[top] = (1.0 - alpha) * base + alpha * neighbours
    return smoothed
