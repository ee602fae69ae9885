"""The database engine: posting lists stored as blobs in the site's own database (SQLite or
PostgreSQL, one design), scored with numpy. See docs/search.md for the design and figures."""

import json
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable

import numpy as np
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Max

from ..analyzer import AnalyzedQuery, get_analyzer
from ..conf import search_setting
from ..editor_data import editor_data
from ..query import analyze_query, idf
from . import postings
from .base import SORT_DATE, Filters, IndexDocument, SearchEngine, SearchHit, SearchResults
from .feedback import neighbour_smoothed, rm3_weights
from .ordering import top_k
from .reader import frequency_cache, known_terms, read_postings
from .runs import PostingRuns, TermIds
from .speller import speller_for
from .state import DocArrays, doc_arrays

REBUILD_BATCH = 5000
MAX_BODY_CHARS = 20_000
MAX_SEGMENTS = 8
# RM3 takes its expansion terms from the feedback documents' most frequent terms; keeping a
# document's top terms (with its full length stored apart) makes feedback cheap to read.
RM3_VECTOR_TERMS = 64


logger = logging.getLogger(__name__)


def _refresh_statistics(models) -> None:
    """PostgreSQL plans from table statistics, and a rebuild replaces every row of these
    tables in one transaction: until autovacuum gets round to them, queries would be planned
    for the tables as they were (empty, on a new site). Its documentation advises ANALYZE after
    a bulk load; it takes about half a second at 100,000 articles. SQLite's planner needs no
    statistics to use the term index."""
    if connection.vendor != "postgresql":
        return
    try:
        # In a savepoint, so that a failure leaves an enclosing transaction usable.
        with transaction.atomic(), connection.cursor() as cursor:
            for model in models:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    except DatabaseError:
        # The rebuild itself has committed; autovacuum will analyse the tables later.
        logger.warning("ANALYZE after the search index rebuild failed", exc_info=True)


def _state():
    from ..models import SearchState

    state, _ = SearchState.objects.get_or_create(pk=1)
    return state


def _weighted(counter: Counter, weight: float) -> Counter:
    return counter if weight == 1.0 else Counter({t: weight * c for t, c in counter.items()})


class DatabaseEngine(SearchEngine):
    # -- writing --------------------------------------------------------------------------
    def _analyze(self, doc: IndexDocument, analyzer, weights) -> dict:
        fields = [
            (weights.get(name, 1.0), *analyzer.analyze(text))
            for name, text in doc.fields.items()
            if text
        ]
        # The field with the most distinct grams (the body) becomes the total, scaled only if
        # its weight is not 1; the smaller fields are added to it term by term. Merging every
        # field that way took as long as analysing them.
        fields.sort(key=lambda field: len(field[2]), reverse=True)
        # Lengths first: the merge below adds into the first field's own counters.
        word_length = sum(w * sum(f_words.values()) for w, f_words, _, _ in fields)
        gram_length = sum(w * sum(f_grams.values()) for w, _, f_grams, _ in fields)
        words, grams = Counter(), Counter()
        if fields:
            w, f_words, f_grams, _ = fields[0]
            words, grams = _weighted(f_words, w), _weighted(f_grams, w)
        for w, f_words, f_grams, _ in fields[1:]:
            for term, count in f_words.items():
                words[term] += w * count
            for term, count in f_grams.items():
                grams[term] += w * count
        return {
            "words": words,
            "grams": grams,
            "surface": set().union(*(f_surface for *_, f_surface in fields)),
            "word_length": float(word_length),
            "gram_length": float(gram_length),
        }

    def _document_row(self, doc: IndexDocument, docnum: int, analysis: dict):
        from ..models import SearchDocument

        return SearchDocument(
            key=doc.key[:100],
            page_id=doc.page_id,
            docnum=docnum,
            title=doc.title[:500],
            url=doc.url[:1000],
            summary=doc.summary,
            body=doc.body[:MAX_BODY_CHARS],
            content_type=doc.content_type,
            date=doc.date,
            themes=" ".join(str(t) for t in doc.themes),
            sectors=" ".join(doc.sectors),
            word_length=analysis["word_length"],
            gram_length=analysis["gram_length"],
            terms=json.dumps(
                {t: round(c, 2) for t, c in analysis["words"].most_common(RM3_VECTOR_TERMS)},
                separators=(",", ":"),
            ).encode(),
        )

    def index(self, docs: Iterable[IndexDocument]) -> None:
        from ..models import SearchDelta, SearchDocument, SearchState, SearchWord

        docs = list(docs)
        if not docs:
            return
        analyzer = get_analyzer()
        weights = search_setting("FIELD_WEIGHTS")
        analyses = [self._analyze(doc, analyzer, weights) for doc in docs]
        with transaction.atomic():
            _state()
            # The row lock serialises writers on PostgreSQL; SQLite's IMMEDIATE transactions
            # already do.
            state = SearchState.objects.select_for_update().get(pk=1)
            old = list(SearchDocument.objects.filter(key__in=[d.key for d in docs]))
            SearchDelta.objects.filter(docnum__in=[o.docnum for o in old]).delete()
            SearchDocument.objects.filter(pk__in=[o.pk for o in old]).delete()
            rows, delta, words = [], [], set()
            docnum = state.next_docnum
            for doc, analysis in zip(docs, analyses, strict=True):
                rows.append(self._document_row(doc, docnum, analysis))
                for term, weight in analysis["words"].items():
                    delta.append(SearchDelta(term=term[:100], docnum=docnum, weight=weight))
                for term, weight in analysis["grams"].items():
                    delta.append(SearchDelta(term=term[:100], docnum=docnum, weight=weight))
                words.update(w for w in analysis["surface"] if len(w) <= 100)
                docnum += 1
            SearchDocument.objects.bulk_create(rows)
            SearchDelta.objects.bulk_create(delta, batch_size=2000)
            known_words = set(
                SearchWord.objects.filter(word__in=words).values_list("word", flat=True)
            )
            new_words = [SearchWord(word=w) for w in words - known_words]
            SearchWord.objects.bulk_create(new_words, ignore_conflicts=True, batch_size=2000)
            SearchState.objects.filter(pk=1).update(
                next_docnum=docnum,
                version=F("version") + 1,
                vocabulary_version=F("vocabulary_version") + (1 if new_words else 0),
            )
        if self.delta_docs() >= search_setting("DELTA_MERGE_DOCS"):
            from ..tasks import merge_index

            transaction.on_commit(lambda: merge_index.enqueue())

    def delta_docs(self) -> int:
        from ..models import SearchDelta

        return SearchDelta.objects.values("docnum").distinct().count()

    def remove(self, keys: Iterable[str]) -> None:
        from ..models import SearchDelta, SearchDocument, SearchState

        keys = list(keys)
        with transaction.atomic():
            docnums = list(
                SearchDocument.objects.filter(key__in=keys).values_list("docnum", flat=True)
            )
            if not docnums:
                return
            SearchDelta.objects.filter(docnum__in=docnums).delete()
            SearchDocument.objects.filter(docnum__in=docnums).delete()
            _state()
            SearchState.objects.filter(pk=1).update(version=F("version") + 1)

    def rebuild(self, docs: Iterable[IndexDocument]) -> int:
        """Analyses the documents in batches (memory stays bounded by a batch), spills each
        batch's postings to a sorted run on disk and writes ONE segment from their merge."""
        from ..models import SearchDelta, SearchDocument, SearchState, SearchTerm, SearchWord

        analyzer = get_analyzer()
        weights = search_setting("FIELD_WEIGHTS")
        with transaction.atomic(), PostingRuns() as runs:
            _state()
            SearchState.objects.select_for_update().get(pk=1)
            for model in (SearchDelta, SearchTerm, SearchDocument, SearchWord):
                model.objects.all().delete()
            docnum = 0
            vocabulary: Counter = Counter()
            batch: list[IndexDocument] = []

            def flush():
                nonlocal docnum
                rows = []
                # Postings of the batch as flat numpy columns (term id, docnum, weight): a
                # fraction of the memory of per-term Python lists, and sorted in one go.
                term_ids = TermIds()
                t_cols, d_cols, w_cols = [], [], []
                for doc in batch:
                    analysis = self._analyze(doc, analyzer, weights)
                    rows.append(self._document_row(doc, docnum, analysis))
                    for counter in (analysis["words"], analysis["grams"]):
                        n = len(counter)
                        t_cols.append(
                            np.fromiter(map(term_ids.__getitem__, counter), dtype=np.int32, count=n)
                        )
                        w_cols.append(np.fromiter(counter.values(), dtype=np.float32, count=n))
                        d_cols.append(np.full(n, docnum, dtype=np.int32))
                    vocabulary.update(w for w in analysis["surface"] if len(w) <= 100)
                    docnum += 1
                SearchDocument.objects.bulk_create(rows, batch_size=1000)
                if t_cols:
                    runs.add(
                        term_ids.names,
                        np.concatenate(t_cols),
                        np.concatenate(d_cols),
                        np.concatenate(w_cols),
                    )
                batch.clear()

            for doc in docs:
                batch.append(doc)
                if len(batch) >= REBUILD_BATCH:
                    flush()
            if batch:
                flush()
            # Encode term by term and write in chunks bounded by rows and bytes, so only
            # compact blobs are held (the decoded runs of 2,000 terms could take 300 MB).
            chunk, chunk_bytes = [], 0
            for term, d, w in runs.merged():
                blob = postings.encode(d, w)
                chunk.append(SearchTerm(term=term, segment=0, df=len(d), postings=blob))
                chunk_bytes += len(blob)
                if len(chunk) >= 2000 or chunk_bytes >= 16 * 1024 * 1024:
                    SearchTerm.objects.bulk_create(chunk)
                    chunk, chunk_bytes = [], 0
            if chunk:
                SearchTerm.objects.bulk_create(chunk)
            SearchWord.objects.bulk_create(
                (SearchWord(word=w, df=c) for w, c in vocabulary.items()), batch_size=5000
            )
            SearchState.objects.filter(pk=1).update(
                next_docnum=docnum,
                version=F("version") + 1,
                vocabulary_version=F("vocabulary_version") + 1,
            )
        _refresh_statistics((SearchDocument, SearchTerm, SearchWord, SearchDelta))
        return docnum

    def merge(self) -> None:
        """Turns the delta rows into a new segment; folds small segments together when there
        are too many. Dead postings (of replaced or removed documents) are dropped on the way."""
        from ..models import SearchDelta, SearchDocument, SearchState, SearchTerm

        with transaction.atomic():
            _state()
            SearchState.objects.select_for_update().get(pk=1)
            alive = set(SearchDocument.objects.values_list("docnum", flat=True))
            lists: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
            for term, docnum, weight in SearchDelta.objects.values_list(
                "term", "docnum", "weight"
            ).iterator(chunk_size=10_000):
                if docnum in alive:
                    lists[term][0].append(docnum)
                    lists[term][1].append(weight)
            segments = sorted(set(SearchTerm.objects.values_list("segment", flat=True)))
            if len(segments) >= MAX_SEGMENTS:
                # Fold every segment but the largest (the rebuild's first) into the new one.
                fold = segments[1:]
                for term, blob in (
                    SearchTerm.objects.filter(segment__in=fold)
                    .values_list("term", "postings")
                    .iterator(chunk_size=2000)
                ):
                    d, w = postings.decode(blob)
                    for dn, wt in zip(d.tolist(), w.tolist(), strict=True):
                        if dn in alive:
                            lists[term][0].append(dn)
                            lists[term][1].append(wt)
                SearchTerm.objects.filter(segment__in=fold).delete()
            if lists:
                new_segment = (SearchTerm.objects.aggregate(m=Max("segment"))["m"] or 0) + 1
                SearchTerm.objects.bulk_create(
                    (
                        SearchTerm(
                            term=term,
                            segment=new_segment,
                            df=len(d),
                            postings=postings.encode(d, w),
                        )
                        for term, (d, w) in lists.items()
                        if d
                    ),
                    batch_size=2000,
                )
            SearchDelta.objects.all().delete()
            SearchState.objects.filter(pk=1).update(version=F("version") + 1)

    # -- reading --------------------------------------------------------------------------
    def _postings(self, terms: Iterable[str], arrays: DocArrays) -> dict[str, tuple]:
        """term -> (docnums, weights) of live documents, main segments and delta together."""
        return read_postings(terms, arrays)

    def _bm25(
        self, weighted_terms, plist, arrays, lengths, avg, unit_scores: dict | None = None
    ) -> np.ndarray:
        """BM25 over `weighted_terms`. `unit_scores` keeps each term's per-posting score at
        query weight 1 between calls: RM3's second pass re-weights the first pass's words,
        and scaling a stored array costs a fraction of scoring the postings again."""
        k1, b = search_setting("K1"), search_setting("B")
        norm = arrays.length_norm(lengths, avg, k1, b)
        scores = np.zeros(arrays.size, dtype=np.float32)
        for term, qweight in weighted_terms.items():
            entry = plist.get(term)
            if entry is None or qweight <= 0:
                continue
            docs, tf = entry
            unit = unit_scores.get(term) if unit_scores is not None else None
            if unit is None:
                # The old expression's float32 order, (idf * (tf * (k1 + 1))) / (tf + norm):
                # the same scores to the last bit for typed words and power-of-two weights.
                denominator = norm[docs]
                denominator += tf
                unit = tf * (k1 + 1.0)
                unit *= idf(arrays.n_docs, len(docs))
                unit /= denominator
                if unit_scores is not None:
                    unit_scores[term] = unit
            scores[docs] += qweight * unit
        return scores

    @staticmethod
    def _selective_grams(grams: dict, arrays: DocArrays) -> dict:
        """The query's grams without those found in more than GRAM_MAX_DF_RATIO of the
        documents: their idf is near zero, but scoring them costs a posting per document. On a
        small site every gram is in a large share of the pages, so the cut starts above
        GRAM_MAX_DF_MIN_DOCS documents."""
        ratio = search_setting("GRAM_MAX_DF_RATIO")
        if not ratio:
            return grams
        limit = max(ratio * arrays.n_docs, search_setting("GRAM_MAX_DF_MIN_DOCS"))
        if len(grams) == 0 or arrays.n_docs <= limit:
            return grams
        # Decided on the stored document frequencies, before any posting blob is read; the
        # common grams recur from query to query, so they come from the per-version cache.
        frequencies = frequency_cache.get(arrays.version, grams)
        return {gram: weight for gram, weight in grams.items() if frequencies[gram] <= limit}

    @staticmethod
    def _fuse(word_scores, gram_scores) -> np.ndarray:
        ww, gw = search_setting("WORD_WEIGHT"), search_setting("GRAM_WEIGHT")
        fused = np.zeros_like(word_scores)
        wmax = float(word_scores.max()) if len(word_scores) else 0.0
        gmax = float(gram_scores.max()) if len(gram_scores) else 0.0
        if wmax > 0:
            fused += (ww / wmax) * word_scores
        if gmax > 0:
            fused += (gw / gmax) * gram_scores
        return fused

    def _rm3(self, query_words, fused, arrays, plist, vectors) -> tuple[dict[str, float], dict]:
        """RM3: expand the word query with the terms of the top documents."""
        weights = rm3_weights(
            query_words,
            fused,
            arrays,
            lambda terms: self._document_frequencies(terms, plist, arrays),
            vectors,
        )
        missing = [t for t in weights if t not in plist]
        if missing:
            plist = {**plist, **self._postings(missing, arrays)}
        return weights, plist

    @staticmethod
    def _document_frequencies(terms, plist, arrays) -> dict[str, int]:
        out = {t: len(plist[t][0]) for t in terms if t in plist}
        out.update(frequency_cache.get(arrays.version, [t for t in terms if t not in out]))
        return out

    @staticmethod
    def versions() -> tuple[int, int, int]:
        """(index, vocabulary, editor data) versions in one query (plain SQL: the ORM's query
        building costs more than the query)."""

        from ..models import SearchState

        table = connection.ops.quote_name(SearchState._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT version, vocabulary_version, editor_version FROM {table} WHERE id = 1"  # noqa: S608
            )
            row = cursor.fetchone()
        return tuple(row) if row else (0, 0, 0)

    def analyze_query(
        self, text: str, repair: bool = True, versions: tuple[int, int, int] | None = None
    ) -> AnalyzedQuery:
        _index_version, vocab_version, editor_version = versions or self.versions()
        editor = editor_data(editor_version)
        analyzer = get_analyzer(editor.protected)

        return analyze_query(
            text,
            analyzer,
            editor,
            known=known_terms,
            speller=speller_for(vocab_version) if repair else None,
            repair=repair,
        )

    def rank(self, query: AnalyzedQuery, arrays: DocArrays, rm3: bool | None = None):
        """(final scores, matched mask) over all document numbers."""
        vectors: dict[int, dict] = {}  # top documents' term vectors, for RM3 and smoothing
        grams = self._selective_grams(query.grams, arrays)
        plist = self._postings(list(query.words) + list(grams), arrays)
        unit_scores: dict[str, np.ndarray] = {}
        word_scores = self._bm25(
            query.words, plist, arrays, arrays.word_length, arrays.avg_word_length, unit_scores
        )
        gram_scores = self._bm25(
            grams,
            plist,
            arrays,
            arrays.gram_length,
            arrays.avg_gram_length,
        )
        gram_max = float(gram_scores.max()) if arrays.size else 0.0
        matched = (word_scores > 0) | (
            (gram_scores > 0) & (gram_scores >= search_setting("GRAM_MATCH_RATIO") * gram_max)
        )
        fused = self._fuse(word_scores, gram_scores)
        if (search_setting("RM3") if rm3 is None else rm3) and matched.any():
            weights, plist = self._rm3(
                query.words, np.where(matched, fused, 0), arrays, plist, vectors
            )
            word_scores = self._bm25(
                weights, plist, arrays, arrays.word_length, arrays.avg_word_length, unit_scores
            )
            ratio = search_setting("RM3_MATCH_RATIO")
            if ratio is not None and word_scores.any():
                # Documents that only the expansion finds become results when their score
                # reaches this fraction of the best: feedback's point is the words the
                # searcher did not type.
                matched = matched | (word_scores >= max(ratio * float(word_scores.max()), 1e-9))
            fused = self._fuse(np.where(matched, word_scores, 0), gram_scores)
        return neighbour_smoothed(np.where(matched, fused, 0.0), arrays, vectors), matched

    def search(
        self,
        text: str,
        *,
        filters: Filters | None = None,
        sort: str = "relevance",
        offset: int = 0,
        limit: int = 10,
        repair: bool = True,
        facets: bool = True,
        rm3: bool | None = None,
    ) -> SearchResults:
        from ..models import SearchDocument

        versions = self.versions()
        query = self.analyze_query(text, repair=repair, versions=versions)
        arrays = doc_arrays(versions[0])
        if query.is_empty or arrays.n_docs == 0:
            return SearchResults(query=query, hits=[], total=0, facets={})
        scores, matched = self.rank(query, arrays, rm3=rm3)
        facet_counts = self._facets(matched, arrays) if facets else {}
        selected = matched & self._filter_mask(filters, arrays) if filters else matched
        candidates = np.flatnonzero(selected)
        if sort == SORT_DATE:
            order = np.lexsort((-scores[candidates], -arrays.date[candidates]))
        else:
            order = top_k(scores[candidates], offset + limit)
        page = candidates[order[offset : offset + limit]].tolist()
        rows = {
            d.docnum: d
            for d in SearchDocument.objects.filter(docnum__in=page).only(
                "key",
                "docnum",
                "title",
                "url",
                "summary",
                "body",
                "content_type",
                "date",
                "page_id",
            )
        }
        hits = [
            SearchHit(
                key=rows[d].key,
                title=rows[d].title,
                url=rows[d].url,
                summary=rows[d].summary,
                body=rows[d].body,
                content_type=rows[d].content_type,
                date=rows[d].date,
                score=float(scores[d]),
                page_id=rows[d].page_id,
            )
            for d in page
            if d in rows
        ]
        return SearchResults(query=query, hits=hits, total=len(candidates), facets=facet_counts)

    def ranked_keys(self, text: str, limit: int = 100, **kwargs) -> list[tuple[str, float]]:
        """Keys and scores of the top `limit` documents (benchmarks)."""
        from ..models import SearchDocument

        versions = self.versions()
        query = self.analyze_query(text, repair=kwargs.pop("repair", True), versions=versions)
        arrays = doc_arrays(versions[0])
        if query.is_empty or arrays.n_docs == 0:
            return []
        scores, matched = self.rank(query, arrays, **kwargs)
        candidates = np.flatnonzero(matched)
        top = candidates[top_k(scores[candidates], limit)].tolist()
        keys = dict(SearchDocument.objects.filter(docnum__in=top).values_list("docnum", "key"))
        return [(keys[d], float(scores[d])) for d in top if d in keys]

    @staticmethod
    def _filter_mask(filters: Filters, arrays: DocArrays) -> np.ndarray:
        mask = np.ones(arrays.size, dtype=bool)
        if filters.content_type:
            if filters.content_type in arrays.ctype_values:
                mask &= arrays.ctype == arrays.ctype_values.index(filters.content_type)
            else:
                mask[:] = False
        if filters.year:
            mask &= arrays.year == filters.year
        for value, values, docs, idx in (
            (filters.theme, arrays.theme_values, arrays.theme_docs, arrays.theme_idx),
            (filters.sector, arrays.sector_values, arrays.sector_docs, arrays.sector_idx),
        ):
            if value:
                has = np.zeros(arrays.size, dtype=bool)
                if value in values:
                    has[docs[idx == values.index(value)]] = True
                mask &= has
        return mask

    @staticmethod
    def _facets(matched: np.ndarray, arrays: DocArrays) -> dict[str, list[tuple]]:
        def counted(values, counts):
            return sorted(
                ((v, int(c)) for v, c in zip(values, counts, strict=True) if c),
                key=lambda vc: (-vc[1], str(vc[0])),
            )

        ctype = np.bincount(arrays.ctype[matched], minlength=len(arrays.ctype_values))
        # Counted by year number (0, unknown, is left out): np.unique sorted every match and
        # took half of the facets' time on a query that matches most documents.
        year_counts = np.bincount(arrays.year[matched])
        year_values = np.flatnonzero(year_counts[1:]) + 1
        year_counts = year_counts[year_values]
        themes = np.bincount(
            arrays.theme_idx[matched[arrays.theme_docs]], minlength=len(arrays.theme_values)
        )
        sectors = np.bincount(
            arrays.sector_idx[matched[arrays.sector_docs]], minlength=len(arrays.sector_values)
        )
        return {
            "content_type": counted(arrays.ctype_values, ctype),
            "theme": counted(arrays.theme_values, themes),
            "sector": counted(arrays.sector_values, sectors),
            "year": sorted(
                zip(year_values.tolist(), year_counts.tolist(), strict=True), reverse=True
            ),
        }
