"""The SQLite engine's analyser gives the same terms whatever the number of threads using it.

The shipped gunicorn configuration runs two threads per worker; a Snowball stemmer shared between
them mixed their words (wrong terms, IndexError and 500s under load).
"""

import threading
from concurrent.futures import ThreadPoolExecutor

from search.analysis import analyse

TEXTS = {
    "fr": "L’élaboration participative des budgets municipaux et la transparence des contrats publics",
    "en": "Participatory budgeting platforms documenting consultations and legislative monitoring",
    "es": "Las plataformas de participación ciudadana y los presupuestos participativos municipales",
}


def test_threads_analysing_at_once_get_the_terms_one_thread_gets():
    expected = {language: analyse(text, language) for language, text in TEXTS.items()}
    start = threading.Barrier(8)

    def work(worker):
        start.wait()
        wrong = []
        for round_number in range(400):
            language = list(TEXTS)[(worker + round_number) % 3]
            terms = analyse(TEXTS[language], language)
            if terms != expected[language]:
                wrong.append((language, terms))
        return wrong

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    assert all(not wrong for wrong in results), [wrong[:2] for wrong in results if wrong]
