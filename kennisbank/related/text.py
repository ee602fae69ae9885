"""A small TF-IDF model for "similar text" between pages.

Written here rather than taken from scikit-learn: the corpus is at most a few thousand pages,
the whole model is a few dozen lines of dictionaries, and scikit-learn would pull numpy and
scipy (~100 MB) into every install for it. The search app (built separately) may later offer
"more like this"; this module keeps related content independent of it."""

import math
import re
from collections import Counter

import Stemmer

# Frequent Dutch function words. IDF already weighs down common words; removing these keeps
# short texts (titles, leads) from matching on "de", "het", "een".
_STOPWORD_TEXT = """
    aan al alle alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus
    een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets
    ik in is ja je jij kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu
    of om omdat ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was
    wat we wel werd wezen wie wij wil worden wordt zal ze zelf zich zij zijn zo zonder zou
    heel hele wanneer waar waarom welke onze jullie hen haar hun zoals tussen onder tijdens
    kunt kun gaat gaan komt komen maakt maken zien ziet laat laten staat doet vaak soms goed
    elk elke ieder iedere andere ander beter meest minder weinig echter bijvoorbeeld
    """
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
TOKEN = re.compile(r"[^\W\d_]{3,}", re.UNICODE)

_stemmer = Stemmer.Stemmer("dutch")


def terms(text: str) -> list[str]:
    words = [w for w in TOKEN.findall(text.lower()) if w not in STOPWORDS]
    return _stemmer.stemWords(words)


class TfIdf:
    """Fitted on the texts of all candidate pages; vectors are sparse dicts, L2-normalised, so
    similarity is a dot product."""

    def __init__(self, documents: dict[int, str]):
        self.term_counts = {key: Counter(terms(text)) for key, text in documents.items()}
        document_frequency: Counter = Counter()
        for counts in self.term_counts.values():
            document_frequency.update(counts.keys())
        n = len(documents)
        self.idf = {t: math.log((1 + n) / (1 + df)) + 1 for t, df in document_frequency.items()}
        self.vectors = {key: self._vector(counts) for key, counts in self.term_counts.items()}

    def _vector(self, counts: Counter) -> dict[str, float]:
        weights = {
            t: (1 + math.log(c)) * self.idf.get(t, 0.0) for t, c in counts.items() if t in self.idf
        }
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {t: w / norm for t, w in weights.items()} if norm else {}

    def similarity(self, a: int, b: int) -> float:
        va, vb = self.vectors.get(a, {}), self.vectors.get(b, {})
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(w * vb.get(t, 0.0) for t, w in va.items())
