"""The whole pipeline in worker processes gives exactly the single-process events, in order."""

from herald.coding import build_pipeline, run_parallel
from herald.records import Article

TEXTS = [
    "Turkish police detained 40 protesters in Istanbul on Saturday.",
    "Egypt and Jordan urged Israel to allow aid convoys into the territory.",
    "The French government condemned Turkey on Tuesday.",
    "The weather was mild and the markets were calm.",
    "Chinese President Xi Jinping and Brazilian President Luiz Inacio Lula da Silva met in Beijing.",
]


def test_parallel_equals_single_process():
    arts = [Article(id=f"a{i}", text=t) for i, t in enumerate(TEXTS * 2)]
    single = [(s.article.id, [e.as_output() for e in s.events]) for s in build_pipeline().run(arts)]
    multi = list(run_parallel(arts, n_process=2, batch_size=3))
    assert [(s.article.id, [e.as_output() for e in s.events]) for s in multi] == single
    assert all(s.doc is None for s in multi) and sum(len(ev) for _, ev in single) >= 5
