"""Search settings. Every weight is named here with the default measured on the dev collection
(benchmarks/search_quality.py); a site overrides any of them in settings.KENNISBANK_SEARCH."""

from django.conf import settings

DEFAULTS = {
    "ENGINE": "kennisbank.search.engine.database.DatabaseEngine",
    # Plurals (and infinitives) are stemmed as their singular when the lexicon knows one at
    # most this much (natural log) rarer than the word (None: Snowball alone)
    "SINGULAR_MARGIN": 1.0,
    # BM25
    "K1": 0.9,
    "B": 0.4,
    # Field weights (BM25F-style: weighted term frequencies and lengths)
    "FIELD_WEIGHTS": {"title": 3.0, "summary": 2.0, "meta": 1.5, "body": 1.0},
    # Weighted sum of max-normalised word and 4-gram scores
    "WORD_WEIGHT": 0.5,
    "GRAM_WEIGHT": 0.5,
    # A query word's grams weigh n_grams ** -this (0: every gram 1, long words weigh most)
    "GRAM_QUERY_WORD_NORM": 0.0,
    # Query weight of a compound's parts relative to the compound itself
    "COMPOUND_PART_WEIGHT": 0.5,
    # Synonyms and abbreviations, expanded into the word field
    "SYNONYM_WEIGHT": 0.5,
    "ABBREVIATION_WEIGHT": 0.5,
    # An expanded member's compound parts (at COMPOUND_PART_WEIGHT), and its grams at this
    # fraction of its weight (0: the expansion stays in the word field)
    "SYNONYM_PARTS": True,
    "SYNONYM_GRAM_WEIGHT": 1.0,
    # RM3 pseudo-relevance feedback
    "RM3": True,
    "RM3_DOCS": 10,
    "RM3_TERMS": 10,
    "RM3_ORIGINAL_WEIGHT": 0.5,
    # Feedback documents weigh their fused score to this power
    "RM3_DOC_WEIGHT_POWER": 1.0,
    # Rank expansion candidates by P(w|R) x idf instead of P(w|R)
    "RM3_TERM_IDF": False,
    # Documents only the expansion matches become results at this fraction of the best
    # expanded word score (None: the expansion only re-ranks the first pass's results)
    "RM3_MATCH_RATIO": 0.05,
    # Expansion terms found in more than this fraction of the documents are left out
    "RM3_MAX_DF_RATIO": 0.3,
    # Neighbour smoothing: each of the top NEIGHBOUR_DOCS documents takes this share of its
    # score from the similarity-weighted scores of the others (0: off)
    "NEIGHBOUR_WEIGHT": 0.4,
    "NEIGHBOUR_DOCS": 30,
    # Typo repair: only for tokens the index does not know and that are not common Dutch words
    "TYPO_REPAIR": True,
    "TYPO_MIN_LENGTH": 5,
    "TYPO_REAL_WORD_LOG_FREQUENCY": -13.8,
    # A document is a result when a query word matches it, or its gram score reaches this
    # fraction of the best gram score
    "GRAM_MATCH_RATIO": 0.1,
    # Grams found in more than this fraction of the documents are not scored (None: all are).
    # 0.1 measured: dev nDCG@10 0.787 -> 0.798, p95 at 100,000 articles 73 -> 49 ms (SQLite)
    "GRAM_MAX_DF_RATIO": 0.1,
    "GRAM_MAX_DF_MIN_DOCS": 20,
    # Documents in the delta segment before a background merge into the main blobs
    "DELTA_MERGE_DOCS": 200,
    # Per process: the most recently used long posting lists, as stored (compact). 4 measured
    # against 16: 14 MB less per process, hits 59% -> 53%, p95 unchanged at 100,000 articles
    "POSTING_CACHE_MB": 4,
    "MAX_QUERY_LENGTH": 200,
    "MAX_QUERY_TOKENS": 16,
    "RESULTS_PER_PAGE": 10,
}


def search_setting(name: str):
    overrides = getattr(settings, "KENNISBANK_SEARCH", {}) or {}
    return overrides.get(name, DEFAULTS[name])
