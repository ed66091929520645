"""The learned sentence classifier: the shipped model, parse features, and save/load.

The sentences here are invented for these tests (not taken from any data file).
"""

from __future__ import annotations

import numpy as np
import pytest

from herald.events.classifier import NO_EVENT, SentenceClassifier, features, load_classifier, parse_features

pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def model():
    return load_classifier()


def _sent(nlp, text):
    return next(iter(nlp(text).sents))


def test_shipped_model_is_small_and_well_formed(model):
    from herald.events.classifier import _DEFAULT
    assert _DEFAULT.stat().st_size < 3_000_000
    assert {"NONE", "ASSAULT", "PROTEST", "AID"} <= set(model.classes)
    assert model.coef.shape == (len(model.classes), len(model.vocab)) == (len(model.classes), len(model.idf))
    assert model.version


@pytest.mark.parametrize("text, label", [
    ("Thousands of farmers marched through the capital on Sunday to protest against rising fuel prices.", "PROTEST"),
    ("Artillery shells fired by government troops killed nine villagers near the northern border town.", "ASSAULT"),
    ("Aid agencies delivered food and medicine to refugees in the camp on Monday.", "AID"),
    ("The government rejected the opposition proposal for early elections.", "REJECT"),
    ("Washington imposed new sanctions on the country's central bank.", "SANCTION"),
    ("The two presidents held talks by telephone on Thursday about trade and regional security.", "CONSULT"),
])
def test_shipped_model_predicts_sensible_labels(nlp, model, text, label):
    got, p = model.predict(_sent(nlp, text))
    assert got == label, (got, p, model.predict_proba(_sent(nlp, text)))
    assert p > 1 / len(model.classes)


@pytest.mark.parametrize("text", [
    "The local football club won the cup final on Saturday.",
    "The company reported higher quarterly profits.",
])
def test_shipped_model_codes_nothing_for_non_political_news(nlp, model, text):
    from herald.events.coder import CoderSettings
    got, p = model.predict(_sent(nlp, text))
    assert got in NO_EVENT or p < CoderSettings().classifier_threshold, (got, p)


def test_text_path_uses_word_features_only(model):
    assert all(not f.startswith("@") for f in features("Rebels attacked an army post."))
    label, p = model.predict("Rebel fighters attacked an army post and killed four soldiers.")
    assert label in model.classes and 0 < p <= 1
    assert model.predict("") == (None, 0.0)


def test_parse_features_read_root_object_clause_and_negation(nlp):
    feats = parse_features(_sent(nlp, "The ministry said it would not send troops to the region."))
    assert "@r:say" in feats
    assert "@x:send" in feats and "@xo:send+troop" in feats
    assert "@xp:send+to+region" in feats
    assert "@neg" in feats
    plain = parse_features(_sent(nlp, "Police arrested two opposition leaders."))
    assert "@ro:arrest+leader" in plain and "@neg" not in plain


def test_tiny_training_set_round_trips_through_save_and_load(tmp_path, nlp):
    pytest.importorskip("sklearn")
    from herald.events.tools.train_classifier import doc_features, fit
    texts = ["Soldiers shelled the village.", "Troops shelled the town.", "Gunmen shot villagers.",
             "Crowds protested in the square.", "Students protested outside parliament.", "Workers marched and protested.",
             "The weather was mild.", "The museum opened a new wing.", "The weather stayed warm."]
    labels = ["ASSAULT"] * 3 + ["PROTEST"] * 3 + ["NONE"] * 3
    feats = [doc_features(d) for d in nlp.pipe(texts)]
    model = fit(feats, labels, min_df=1, c=10.0, version="tiny-1")
    path = tmp_path / "tiny.npz"
    model.save(path)
    back = load_classifier(str(path))
    assert back.classes == model.classes and back.version == "tiny-1" and back.vocab == model.vocab
    probe = _sent(nlp, "Rebels shelled the village again.")
    a, b = model.predict_proba(probe), back.predict_proba(probe)
    assert max(a, key=a.get) == max(b, key=b.get) == "ASSAULT"
    assert np.allclose([a[k] for k in a], [b[k] for k in a], atol=1e-2)  # weights are stored as float16
    assert "NONE" in NO_EVENT


@pytest.fixture(scope="module")
def coded(events_pipeline):
    from herald.records import Article

    def run(text):
        (state,) = events_pipeline.run([Article(id="t", text=text)])
        return state
    return run


# sentences no predicate pattern types today (if patterns come to type one, pick another)
@pytest.mark.parametrize("text, label, source", [
    ("A Japanese relief team got to Kathmandu on Sunday with emergency shelters for quake survivors.", "AID", "JPN"),
])
def test_coder_asks_the_model_when_no_pattern_types_a_sentence(coded, text, label, source):
    from herald.events.coder import CoderSettings, EventCoder
    state = coded(text)
    (ev,) = state.events
    assert ev.plover == label and ev.source.actor.country == source
    kind, version, got, p = ev.provenance.rule.split(":")
    assert kind == "model" and version == load_classifier().version and got == label
    assert float(p) >= CoderSettings().classifier_threshold
    # without the model the sentence codes nothing: the event is the model's alone
    off = EventCoder(settings=CoderSettings(classifier_threshold=None))
    assert off.code_doc(state.doc, state.article, state.actors) == []


def test_a_sure_model_act_replaces_a_bare_statement(coded):
    # patterns read only "said" (010); the reported act is one no pattern knows
    from herald.events.coder import CoderSettings, EventCoder
    state = coded("India said its navy had taken water and medical teams to flood-hit Sri Lanka.")
    (ev,) = state.events
    assert ev.plover == "AID" and ev.source.actor.country == "IND"
    kind, _, label, p = ev.provenance.rule.split(":")
    assert kind == "model" and label == "AID" and float(p) >= CoderSettings().statement_override_threshold
    # with the override off the statement stands
    off = EventCoder(settings=CoderSettings(statement_override_threshold=None))
    assert [e.cameo for e in off.code_doc(state.doc, state.article, state.actors)] == ["010"]
