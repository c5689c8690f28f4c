"Tests of plmnb.predict beyond the notebook's examples: every helper on several families, batching, bad input, the Playground."
import re, time
from pathlib import Path
import pytest, torch
import html as _html
from types import SimpleNamespace
from plmnb.core import BadArgumentError, DataError, UnsupportedTaskError, seed_everything
from plmnb.models import load, resolve, EMBEDDED_ID, Loaded
from plmnb.predict import *


def lookup_tagger(token_labels:dict, labels=('O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC'), model=EMBEDDED_ID)->Loaded:
    "A token-classification `Loaded` whose logits are `table[input_ids]`: we know what each token gets."
    ld = load(model, 'token-classification', labels=list(labels), quiet=True)
    table = torch.zeros(len(ld.tokenizer), len(labels)); table[:, 0] = 5.0
    for t, l in token_labels.items():
        i = ld.tokenizer.convert_tokens_to_ids(t); table[i] = 0; table[i, list(labels).index(l)] = 5.0
    class Lookup(torch.nn.Module):
        def __init__(self): super().__init__(); self.table, self.config = torch.nn.Parameter(table, requires_grad=False), ld.model.config
        def forward(self, input_ids=None, attention_mask=None, token_type_ids=None): return SimpleNamespace(logits=self.table[input_ids])
    return Loaded(Lookup(), ld.tokenizer, ld.info, 'token-classification')

TEXTS = ['Short.', 'A rather longer sentence that will need padding when it sits in a batch with short ones.',
         'Hm.', 'Medium length text here, with a comma.', 'x ' * 40]


@pytest.fixture(scope='module')
def clf(): return load(EMBEDDED_ID, 'text-classification', labels=['neg', 'neu', 'pos'], quiet=True)

@pytest.fixture(scope='module')
def mini(): return load(EMBEDDED_ID, quiet=True)

@pytest.fixture(scope='module')
def gpt(): return load('tiny-gpt2', 'text-generation', quiet=True)

@pytest.fixture(scope='module')
def bert_mlm(): return load('tiny-bert', 'fill-mask', quiet=True)

@pytest.fixture(scope='module')
def roberta_mlm(): return load('tiny-roberta', 'fill-mask', quiet=True)

@pytest.fixture(scope='module')
def tagger():
    return lookup_tagger({'ada': 'B-PER', 'ko': 'I-PER', '##wal': 'I-PER', '##cz': 'B-LOC', '##yk': 'I-PER',
                           'paris': 'B-LOC', 'new': 'B-LOC', 'york': 'I-LOC', 'bob': 'B-PER'})


# --- classify -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize('model', ['tiny-bert', 'tiny-roberta', 'tiny-albert', 'tiny-distilbert', 'tiny-gpt2'])
def test_classify_families_batched_equals_single(model):
    ld = load(model, 'text-classification', num_labels=3, quiet=True)
    batched = classify(ld, TEXTS, batch_size=2)
    assert isinstance(batched, Results) and len(batched) == len(TEXTS)
    for t, b in zip(TEXTS, batched):
        one = classify(ld, t)
        assert isinstance(one, Classification) and one.text == t == b.text
        assert list(one.probs) == ld.labels
        torch.testing.assert_close(list(one.probs.values()), list(b.probs.values()), atol=1e-5, rtol=0)
        assert abs(sum(one.probs.values()) - 1) < 1e-5 and one.label == max(one.probs, key=one.probs.get)

def test_classify_matches_transformers_pipeline(clf):
    from transformers import pipeline
    pipe = pipeline('text-classification', model=clf.model, tokenizer=clf.tokenizer, top_k=None)
    for t, r in zip(TEXTS, classify(clf, TEXTS)):
        out = pipe(t)
        out = out[0] if out and isinstance(out[0], list) else out
        ref = {d['label']: d['score'] for d in out}
        for l in clf.labels: assert abs(ref[l] - r.probs[l]) < 1e-5

def test_classify_one_forward_per_batch_and_mode_restored(clf):
    calls = []
    h = clf.model.register_forward_hook(lambda *a: calls.append(a[1]['input_ids'].shape if len(a) > 1 and isinstance(a[1], dict) else 1))
    try:
        clf.model.train()
        classify(clf, TEXTS * 7, batch_size=32)  # 35 texts
        assert len(calls) == 2 and clf.model.training
        clf.model.eval()
        classify(clf, TEXTS)
        assert not clf.model.training
    finally: h.remove(); clf.model.eval()

def test_dynamic_padding_sorts_by_length(clf):
    from plmnb.predict import _encode, _batches
    enc = _encode(clf, TEXTS)
    widths = [b['input_ids'].shape[1] for _, b in _batches(clf, enc, 2)]
    assert widths == sorted(widths) and widths[0] < max(len(x) for x in enc.ids)

def test_classify_repr(clf):
    r = classify(clf, 'I <3 <script>alert(1)</script>')
    h = r._repr_html_()
    assert '<script>' not in h and '&lt;script&gt;' in h and r.label in h and '%' in h
    assert classify(clf, ['a', 'b'])._repr_html_().count('<table') == 2
    assert r.label in str(r)

def test_classify_sigmoid_for_one_label():
    ld = load('tiny-bert', 'text-classification', num_labels=1, quiet=True)
    r = classify(ld, 'hello')
    assert 0 < r.score < 1 and list(r.probs) == ld.labels


# --- bad input ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize('bad', ['', '   ', [], ['ok', '']])
def test_empty_text(clf, bad):
    with pytest.raises(DataError, match='empty|No texts'): classify(clf, bad)

def test_not_text(clf):
    with pytest.raises(BadArgumentError, match='not a string'): classify(clf, ['ok', None])
    with pytest.raises(BadArgumentError, match='string or a list'): classify(clf, 42)
    with pytest.raises(BadArgumentError, match='batch_size'): classify(clf, 'ok', batch_size=0)

@pytest.mark.parametrize('helper,call,needs', [
    ('classify', lambda ld: classify(ld, 'x'), 'text-classification'),
    ('tag', lambda ld: tag(ld, 'x'), 'token-classification'),
    ('fill_mask', lambda ld: fill_mask(ld, 'x [MASK]'), 'fill-mask'),
    ('next_word', lambda ld: next_word(ld, 'x'), 'text-generation'),
    ('generate', lambda ld: generate(ld, 'x'), 'text-generation')])
def test_wrong_task(helper, call, needs, mini, gpt, bert_mlm):
    for ld, fits in [(mini, r'embed\(\) or similarity\(\)'), (gpt, r'next_word\(\) or generate\(\)'), (bert_mlm, r'fill_mask\(\)')]:
        if ld.task == needs: continue
        with pytest.raises(UnsupportedTaskError, match=f"{helper} needs a {needs} model; this one is loaded for {ld.task}: use {fits}"):
            call(ld)

def test_not_loaded():
    with pytest.raises(BadArgumentError, match='takes what plmnb.load returns'): classify('tiny-bert', 'x')

def test_fill_mask_without_mask_names_the_token(bert_mlm, roberta_mlm):
    with pytest.raises(DataError, match=r'No mask token.*Put \[MASK\] where'): fill_mask(bert_mlm, 'Paris is nice.')
    with pytest.raises(DataError, match='Put <mask> where'): fill_mask(roberta_mlm, 'Paris is [MASK].')

def test_too_long_is_truncated_with_one_line_notice(clf, gpt, bert_mlm, tagger, mini, capsys):
    long = 'word ' * 700
    r = classify(clf, [long, 'short'])
    out = capsys.readouterr().out
    assert out.count('\n') == 1 and '1 of 2 texts' in out and 'truncated to 512' in out
    assert r[0].truncated and not r[1].truncated
    nw = next_word(gpt, long + ' The end')
    assert nw.truncated and 'keeping the end' in capsys.readouterr().out
    assert tag(tagger, long).truncated and f'truncated to {tagger.max_tokens}' in capsys.readouterr().out
    f = fill_mask(bert_mlm, '[MASK] ' + long)
    assert f.truncated and len(f.masks) == 1
    with pytest.raises(DataError, match='lies past'): fill_mask(bert_mlm, long + ' [MASK]')
    assert embed(mini, long).shape == (384,)
    capsys.readouterr()
    assert generate(gpt, long, max_new_tokens=3, seed=0).startswith(long[:10])
    assert 'truncated to 253' in capsys.readouterr().out  # room kept for the new tokens


# --- tag ------------------------------------------------------------------------------------------------------

def test_tag_merges_subtokens_and_bio(tagger):
    text = 'Ada Kowalczyk met Bob in New York and Paris.'
    t = tag(tagger, text)
    assert [(e.label, e.text) for e in t.entities] == [('PER', 'Ada Kowalczyk'), ('PER', 'Bob'), ('LOC', 'New York'), ('LOC', 'Paris')]
    for e in t.entities: assert text[e.start:e.end] == e.text and 0 <= e.score <= 1
    assert ('Kowalczyk', 'I-PER', pytest.approx(t.words[1][2])) == t.words[1]  # 4 sub-tokens, one word, averaged
    assert [w for w, _, _ in t.words][:3] == ['Ada', 'Kowalczyk', 'met']

def test_tag_batched_equals_single(tagger):
    texts = ['Ada met Bob.', 'In Paris.', 'Nobody here at all, nobody.']
    for a, b in zip(tag(tagger, texts, batch_size=2), [tag(tagger, t) for t in texts]):
        assert a.entities == b.entities

def test_tag_real_models_byte_level_offsets():
    for m in ['tiny-roberta', 'tiny-gpt2', 'tiny-albert']:
        ld = load(m, 'token-classification', labels=['O', 'B-X', 'I-X'], quiet=True)
        text = 'The  quick brown fox, jumps.'
        t = tag(ld, text)
        assert [w for w, _, _ in t.words] and all(w.strip() == w and w for w, _, _ in t.words)
        for e in t.entities: assert text[e.start:e.end] == e.text and e.label == 'X'

def test_tag_html_escapes(tagger):
    h = tag(tagger, '<i>Ada</i> & Bob')._repr_html_()
    assert '<mark' in h and '&lt;i&gt;' in h and '&amp;' in h and '<i>' not in h


# --- fill_mask / next_word / generate -------------------------------------------------------------------------

def test_fill_mask_multi_and_batched(bert_mlm, roberta_mlm):
    r = fill_mask(bert_mlm, ['[MASK] is the [MASK] of [MASK].', 'Hello [MASK].'], k=4, batch_size=1)
    assert [len(x.masks) for x in r] == [3, 1] and all(len(c) == 4 for c in r[0].masks)
    one = fill_mask(bert_mlm, 'Hello [MASK].', k=4)
    assert [c.id for c in one.candidates] == [c.id for c in r[1].candidates]
    torch.testing.assert_close([c.prob for c in one.candidates], [c.prob for c in r[1].candidates], atol=1e-5, rtol=0)
    assert one.candidates[0].text == 'Hello ' + one.candidates[0].token.strip() + '.'
    rr = fill_mask(roberta_mlm, 'Hello <mask> world.', k=2)
    assert len(rr.candidates) == 2 and rr.candidates[0].text.startswith('Hello ')
    with pytest.raises(BadArgumentError, match='k=0'): fill_mask(bert_mlm, '[MASK]', k=0)

def test_next_word_display_form_and_batch(gpt):
    r = next_word(gpt, 'hello', k=10)
    assert len(r.candidates) == 10 and all(c.token == gpt.tokenizer.decode([c.id]) for c in r.candidates)
    texts = ['hello', 'The quick brown fox jumps over the lazy', 'a b']
    for a, t in zip(next_word(gpt, texts, k=5, batch_size=3), texts):
        b = next_word(gpt, t, k=5)
        assert [c.id for c in a.candidates] == [c.id for c in b.candidates]
        torch.testing.assert_close([c.prob for c in a.candidates], [c.prob for c in b.candidates], atol=1e-5, rtol=0)
    # a space-prefixed token reads as ' word'
    ids = gpt.tokenizer(' world')['input_ids']
    assert gpt.tokenizer.decode(ids[:1]).startswith(' ')

def test_generate_seeded_stream(gpt):
    a = generate(gpt, 'Once', max_new_tokens=15, seed=3, top_k=20, top_p=0.9, temperature=0.7)
    b = generate(gpt, 'Once', max_new_tokens=15, seed=3, top_k=20, top_p=0.9, temperature=0.7)
    s = generate(gpt, 'Once', max_new_tokens=15, seed=3, top_k=20, top_p=0.9, temperature=0.7, stream=True)
    assert a == b == 'Once' + ''.join(s)
    assert a.startswith('Once') and len(a) > len('Once')

def test_generate_stream_stops_early(gpt):
    gpt.model.train()
    it = generate(gpt, 'Once', max_new_tokens=200, seed=0, stream=True)
    first = next(it)
    assert first and not gpt.model.training
    it.close()
    assert gpt.model.training
    gpt.model.eval()

def test_generate_bad_args(gpt):
    with pytest.raises(DataError, match='prompt is empty'): generate(gpt, '')
    with pytest.raises(BadArgumentError, match='max_new_tokens'): generate(gpt, 'x', max_new_tokens=0)
    with pytest.raises(BadArgumentError, match='max_new_tokens'): generate(gpt, 'x', max_new_tokens=10_000)
    with pytest.raises(BadArgumentError, match='temperature'): generate(gpt, 'x', temperature=-1)
    with pytest.raises(BadArgumentError, match='top_p'): generate(gpt, 'x', top_p=0)


# --- embed / similarity ---------------------------------------------------------------------------------------

def test_similarity_is_real_with_minilm(mini):
    s_close = similarity(mini, 'A man is eating food.', 'A man eats a meal.')
    s_far = similarity(mini, 'A man is eating food.', 'The car is red.')
    assert isinstance(s_close, float) and s_close > s_far + 0.3
    m = similarity(mini, ['A man is eating food.', 'The car is red.'], ['A man eats a meal.', 'A red car.'])
    assert m.shape == (2, 2) and m[0, 0] > m[0, 1] and m[1, 1] > m[1, 0]

def test_embed_batched_unnormalized_any_task(mini, gpt, clf, bert_mlm):
    v = embed(mini, TEXTS, batch_size=2)
    for t, row in zip(TEXTS, v): torch.testing.assert_close(embed(mini, t), row, atol=1e-5, rtol=0)
    raw = embed(mini, 'hello', normalize=False)
    assert abs(raw.norm() - 1) > 1e-3
    torch.testing.assert_close(embed(clf, 'hello'), embed(mini, 'hello'), atol=1e-5, rtol=0)  # same base model
    for ld in (gpt, bert_mlm): assert embed(ld, ['a', 'b c d']).shape == (2, ld.model.config.to_dict().get('hidden_size') or ld.model.config.n_embd)


# --- Playground -----------------------------------------------------------------------------------------------

def test_debouncer():
    got = []
    d = Debouncer(got.append, wait=0.05)
    for i in range(10): d(i)
    assert d.pending
    time.sleep(0.4)
    assert got == [9] and not d.pending
    assert not d.flush()
    d(1); d.cancel(); time.sleep(0.15); assert got == [9]

def test_playground_classify_and_fallback(clf):
    pg = Playground(clf)
    assert isinstance(pg.result, Classification)
    pg.set_text('<img src=x onerror=alert(1)> great')
    assert pg.result.text.startswith('<img')
    b = pg._repr_mimebundle_()
    assert 'application/vnd.jupyter.widget-view+json' not in b and 'text/plain' in b  # the live view only via show_static
    h = b['text/html']
    assert '<img' not in h and '&lt;img' in h and pg.result.label in h and f'{pg.result.score:.1%}' in h
    assert pg.out.value == pg.result_html(live=True) and pg.out.value in h
    pg.set_text('')
    assert pg.result is None and 'empty' in pg.error and 'empty' in pg.html()

def test_playground_typing_is_debounced(clf):
    pg = Playground(clf, wait=0.05)
    calls = []
    orig = pg._run
    pg._run = lambda: calls.append(1) or orig()
    for t in ['g', 'go', 'goo', 'good']: pg.text.value = t
    time.sleep(0.5)
    assert len(calls) == 1 and pg.result.text == 'good'

def test_playground_generation(gpt):
    pg = Playground(gpt, text='Hello', k=3)
    assert len(pg.buttons.children) == 3 and pg.buttons.children[0].description.startswith(repr(pg.result.candidates[0].token))
    c = pg.result.candidates[2]
    pg.choose(2)
    assert pg.text.value == 'Hello' + c.token and pg.result.text == pg.text.value
    with pytest.raises(BadArgumentError, match='3 candidates'): pg.choose(5)
    pg.max_new.value = 4
    before = pg.text.value
    pg.generate(seed=1)
    assert pg.text.value.startswith(before) and len(pg.text.value) > len(before)
    assert pg.result.text == pg.text.value
    h, c = pg._repr_mimebundle_()['text/html'], pg.result.candidates[0]
    assert _html.escape(repr(c.token) if c.token != c.token.strip() else c.token, quote=True) in h and f'{c.prob:.1%}' in h

def test_playground_tag_fill_embed(tagger, bert_mlm, roberta_mlm, mini):
    pg = Playground(tagger, text='Bob & Ada in Paris')
    assert [e.text for e in pg.result.entities] == ['Bob', 'Ada', 'Paris']
    h = pg._repr_mimebundle_()['text/html']
    assert h.count('<mark') == 3 and '&amp;' in h
    pg = Playground(roberta_mlm)
    assert '<mask>' in pg.text.value and len(pg.result.masks) == 1
    pg = Playground(bert_mlm)
    pg.set_text('nothing to fill')
    assert '[MASK]' in pg.error
    with pytest.raises(UnsupportedTaskError): pg.choose(0)
    pg = Playground(mini)
    pg.set_text('A man is eating food.', 'A man eats a meal.')
    hi = pg.result
    pg.set_text('A man is eating food.', 'The car is red.')
    assert hi > pg.result and f'{pg.result:.3f}' in pg._repr_mimebundle_()['text/html']
    assert 'The car is red.' in pg.html()


# --- one length rule, every family (issue 12) -----------------------------------------------------------------

_LOADED = {}
def loaded_for(model, task):
    "Load each (model, task) once for the whole module."
    if (model, task) not in _LOADED: _LOADED[model, task] = load(model, task, quiet=True)
    return _LOADED[model, task]

HELPERS = {'text-classification': lambda ld, t: classify(ld, [t, 'short'])[0], 'token-classification': tag, 'text-generation': next_word}

@pytest.mark.parametrize('times', [2, 10])
@pytest.mark.parametrize('model', ['tiny-bert', 'tiny-roberta', 'tiny-albert', 'tiny-distilbert', 'tiny-gpt2', EMBEDDED_ID])
def test_long_inputs_every_family(model, times, capsys):
    tasks = [t for t in HELPERS if t in resolve(model).tasks]
    assert 'text-classification' in tasks and 'token-classification' in tasks
    for task in tasks:
        ld = loaded_for(model, task)
        text = 'word ' * (times * ld.max_tokens)
        capsys.readouterr()
        r = HELPERS[task](ld, text)
        out = capsys.readouterr().out
        assert r.truncated, (model, task)
        assert out.count('\n') == 1 and f'truncated to {ld.max_tokens}' in out, (model, task, out)

def test_max_tokens_is_the_one_rule():
    import plmnb.predict as p
    assert not hasattr(p, 'max_length') and not hasattr(p, '_max_tokens')
    rob = loaded_for('tiny-roberta', 'text-classification')
    assert rob.max_tokens == rob.model.config.max_position_embeddings - rob.model.config.pad_token_id - 1
    from plmnb.predict import _encode
    assert len(_encode(rob, ['word ' * 2000]).ids[0]) == rob.max_tokens


# --- in-memory models and sentence pairs ----------------------------------------------------------------------

def test_in_memory_model_through_every_helper():
    import transformers
    tok = loaded_for('tiny-bert', 'fill-mask').tokenizer
    cfg = dict(vocab_size=len(tok), hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=64, max_position_embeddings=48)
    clf = Loaded.from_model(transformers.BertForSequenceClassification(transformers.BertConfig(**cfg, num_labels=2)), tok)
    tg = Loaded.from_model(transformers.BertForTokenClassification(transformers.BertConfig(**cfg, num_labels=3)), tok)
    mlm = Loaded.from_model(transformers.BertForMaskedLM(transformers.BertConfig(**cfg)), tok)
    assert (clf.task, tg.task, mlm.task) == ('text-classification', 'token-classification', 'fill-mask')
    assert classify(clf, 'word ' * 100).truncated and clf.max_tokens == 48
    assert tag(tg, 'Ada met Bob.').words and len(fill_mask(mlm, 'Hello [MASK].').candidates) == 5
    assert embed(mlm, 'hello').shape == (32,)
    with pytest.raises(BadArgumentError, match='Loaded.from_model'): classify(clf.model, 'x')

def test_classify_pairs_two_ways_and_token_types(clf):
    a = classify(clf, [('A man eats.', 'Someone is eating.'), ('A man eats.', 'The car is red.')])
    b = classify(clf, ['A man eats.', 'A man eats.'], text_pair=['Someone is eating.', 'The car is red.'])
    for x, y in zip(a, b): assert x.probs == pytest.approx(y.probs, abs=1e-6) and x.text_pair == y.text_pair
    single = classify(clf, 'A man eats.')
    assert a[1].probs != pytest.approx(single.probs, abs=1e-4)  # the second text is read
    from transformers import pipeline
    pipe = pipeline('text-classification', model=clf.model, tokenizer=clf.tokenizer, top_k=None)
    ref = {d['label']: d['score'] for d in pipe({'text': 'A man eats.', 'text_pair': 'The car is red.'})}
    assert ref == pytest.approx(a[1].probs, abs=1e-5)
    assert 'The car is red.' in a[1]._repr_html_() and '‖' in str(a[1])

def test_pair_errors(clf):
    with pytest.raises(BadArgumentError, match='one second text per text'): classify(clf, ['a', 'b'], text_pair=['c'])
    with pytest.raises(BadArgumentError, match='not both'): classify(clf, [('a', 'b')], text_pair=['c'])
    with pytest.raises(DataError, match='text_pair.*empty'): classify(clf, 'a', text_pair='')
    ld = load('tiny-bert', 'text-classification', labels=['no', 'yes'], quiet=True)
    assert 'random weights' in Playground(ld).title()
    ld.trained = {'on': 'pairs', 'steps': 3, 'pair': True}
    assert is_pair_model(ld) and 'random' not in Playground(ld).title() and 'pairs, 3 steps' in Playground(ld).title()
    with pytest.raises(DataError, match=r"trained on sentence pairs, but one text was given.*text_pair="): classify(ld, 'alone')
    assert classify(ld, 'a', text_pair='b').text_pair == 'b'
    pg = Playground(ld)
    assert pg.pair and len(pg.boxes) == 2 and pg.other in pg.widget.children and pg.result.text_pair == pg.other.value
    assert not Playground(clf).pair and Playground(clf).other not in Playground(clf).widget.children
    ld.trained = {'on': 'sentiment', 'steps': 3, 'pair': False}
    assert trained_on_pairs(ld) is False and trained_on_pairs(clf) is None
    with pytest.raises(DataError, match=r'trained on single texts, but pairs were given'): classify(ld, 'a', text_pair='b')
    assert classify(ld, 'alone').text_pair is None


# --- encoder-decoder helpers and QA (issue 17) ----------------------------------------------------------------

def _seq2seq_model(name, task):
    "plmnb's tiny encoder-decoder model `name` (random weights)."
    return load(name, task, quiet=True)

@pytest.fixture(scope='module', params=['tiny-t5', 'tiny-bart'])
def s2s(request): return _seq2seq_model(request.param, 'summarization')

def test_summarize_batched_streamed_truncated(s2s, capsys):
    docs = ['The council met and agreed to build a bridge.', 'Short.', 'word ' * (3 * s2s.max_tokens)]
    rs = summarize(s2s, docs, max_new_tokens=6, batch_size=2)
    assert [r.source for r in rs] == docs and all(isinstance(r, Generated) for r in rs)
    assert [r.truncated for r in rs] == [False, False, True] and 'truncated to' in capsys.readouterr().out
    for d, r in zip(docs[:2], rs): assert summarize(s2s, d, max_new_tokens=6).text == r.text
    assert ''.join(summarize(s2s, docs[0], max_new_tokens=6, stream=True)).strip() == rs[0].text
    with pytest.raises(BadArgumentError, match='one text'): summarize(s2s, docs, stream=True)
    assert '&lt;b&gt;' in summarize(s2s, '<b>x</b> y', max_new_tokens=2)._repr_html_()

def test_translate_and_prefix(s2s):
    tr = load(s2s.info.id, 'translation', quiet=True)
    r = translate(tr, ['The house is wonderful.', 'Hello.'], max_new_tokens=5)
    assert len(r) == 2 and all(isinstance(x.text, str) for x in r)
    from plmnb.predict import _prefix
    tr.model.config.task_specific_params = {'translation_en_to_de': {'prefix': 'translate English to German: '}}
    assert _prefix(tr, 'translation', None) == 'translate English to German: ' and _prefix(tr, 'translation', '') == ''
    assert _prefix(tr, 'summarization', None) == ''
    t2t = load(s2s.info.id, 'text2text-generation', quiet=True)
    t2t.model.config.task_specific_params = tr.model.config.task_specific_params
    assert _prefix(t2t, 'translation', None) == ''  # the text names the task itself
    assert Playground(t2t, text='translate English to German: Hello.').result.source == 'translate English to German: Hello.'

@pytest.mark.parametrize('helper', [summarize, translate])
def test_decoder_only_asked_to_summarize(helper, gpt, bert_mlm):
    with pytest.raises(UnsupportedTaskError, match=r"needs an encoder-decoder model .*tiny-gpt2 is a decoder-only gpt2 model. Load one: plmnb.load\('tiny-t5'"):
        helper(gpt, 'A long text.')
    with pytest.raises(UnsupportedTaskError, match='encoder-only bert model'): helper(bert_mlm, 'A long text.')

@pytest.fixture(scope='module', params=['tiny-bert', 'tiny-roberta'])
def qa(request):
    seed_everything(0)  # the QA head is new: seeded, so every run tests the same model
    return load(request.param, 'question-answering', quiet=True)

CTX = 'Ada Lovelace wrote the first program for the Analytical Engine of Charles Babbage in 1843.'

def test_answer_maps_to_characters(qa):
    a = answer(qa, 'Who wrote the first program?', CTX)
    assert isinstance(a, Answer) and CTX[a.start:a.end] == a.text and a.text.strip() == a.text and a.text
    assert 0 < a.score <= 1 and len(qa.tokenizer(a.text, add_special_tokens=False)['input_ids']) <= 30
    rs = answer(qa, ['Who?', 'When?'], CTX, batch_size=1)
    assert [r.text for r in rs] == [answer(qa, q, CTX).text for q in ['Who?', 'When?']]
    assert 'mark' in a._repr_html_()
    assert (a.start == 0 or not CTX[a.start - 1].isalnum()) and (a.end == len(CTX) or not CTX[a.end].isalnum())  # whole words

def test_answer_long_context_is_read_in_windows(qa):
    from plmnb.predict import _qa_windows
    long = ' '.join(f'Sentence number {i} says little.' for i in range(300)) + ' ' + CTX
    enc, owner = _qa_windows(qa, ['Who wrote it?'], [long], 32)
    assert len(owner) > 3
    calls = []
    h = qa.model.register_forward_hook(lambda m, a, kw, out: calls.append(1), with_kwargs=True)
    try: a = answer(qa, 'Who wrote it?', long, stride=32, batch_size=2)
    finally: h.remove()
    assert len(calls) == (len(owner) + 1) // 2 and long[a.start:a.end] == a.text
    # the model reads every window: the answer is the best span over all of them, planted one in the last window
    last = len(owner) - 1
    ctx_last = [t for t, s in enumerate(enc.sequence_ids(last)) if s == 1]
    want = ctx_last[-3]
    orig = qa.model.forward
    def rigged(*args, **kw):
        out = orig(*args, **kw)
        ids = kw['input_ids']
        for r in range(ids.shape[0]):
            if ids[r].tolist()[:len(enc['input_ids'][last])] == enc['input_ids'][last]:
                out.start_logits[r, want] = out.end_logits[r, want] = 100.0
        return out
    qa.model.forward = rigged
    try: b = answer(qa, 'Who wrote it?', long, stride=32)
    finally: del qa.model.forward
    from plmnb.predict import _whole_words
    i, j = _whole_words(enc.word_ids(last), enc.sequence_ids(last), want, want)  # the planted token, widened to its word
    s, e = enc['offset_mapping'][last][i][0], enc['offset_mapping'][last][j][1]
    assert (b.start, b.end) == (s, e) and b.text == long[s:e] and s <= enc['offset_mapping'][last][want][0]

def test_answer_bad_input(qa, clf):
    with pytest.raises(DataError, match='Shorten the question'): answer(qa, 'why ' * 600, CTX)
    with pytest.raises(BadArgumentError, match='2 questions but 3 contexts'): answer(qa, ['a?', 'b?'], [CTX] * 3)
    with pytest.raises(DataError, match='context is empty'): answer(qa, 'Who?', ' ')
    with pytest.raises(UnsupportedTaskError, match=r'answer needs a question-answering model'): answer(clf, 'Who?', CTX)


# --- Playground: every task, one text, themes, stable colours, reopened notebooks (issue 15) ------------------

def test_playground_qa_and_seq2seq(qa, s2s):
    pg = Playground(qa)
    assert isinstance(pg.result, Answer) and pg.boxes[0] == 'question' and pg.other in pg.widget.children
    h, a = pg.html(), pg.result
    plain = _html.unescape(re.sub(r'<[^>]+>', '', h))
    assert plain.count(a.question) == 1 and plain.count(a.context) == 1 and '<mark' in h  # each text once, the answer marked
    pg.set_text('When?', 'In 1843 it ran.')
    assert pg.result.context == 'In 1843 it ran.'
    pg.set_text('When?', '')
    assert pg.result is None and 'context' in pg.error
    pg = Playground(s2s)
    assert isinstance(pg.result, Generated) and pg.html().count(pg.text.value[:30]) == 1
    seen = []
    pg.out.observe(lambda ch: seen.append(ch['new']), 'value')
    pg.text.value = 'The river rose and the bridge was closed for a week.'
    assert not pg._debounced.pending  # typing does not start a generation
    pg.write()
    assert pg.result.text == summarize(s2s, pg.text.value).text and pg.result.source == pg.text.value
    assert pg.out.value == pg.result_html(live=True)
    if pg.result.text: assert len(seen) >= 2  # drawn as it came, then the final result (random tiny-bart may write nothing)

def test_playground_text_once_and_theme(clf, tagger):
    pg = Playground(clf, text='A <i>fine</i> day')
    h = pg.html()
    assert h.count('fine') == 1 and 'border:1px' not in h and '<pre' not in h
    assert 'fine' not in pg.out.value  # under the box: the result only
    assert 'var(--jp-ui-font-color1' in h and 'var(--jp-layout-color3' in h and '#eee' not in h
    pg = Playground(tagger, text='Bob met Ada in Paris.')
    assert pg.html().count('Paris') == 1

def test_entity_colours_stable_across_renders(tagger):
    a = tag(tagger, 'Paris and Bob.')._repr_html_()
    b = tag(tagger, 'Paris.')._repr_html_()
    loc = entity_color('LOC')
    assert f'solid {loc}' in a and f'solid {loc}' in b and f'solid {entity_color("PER")}' in a
    code = 'from plmnb.predict import entity_color; print(entity_color("DRUG"), entity_color("GENE"))'
    import subprocess, sys
    outs = {subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, env={**__import__('os').environ, 'PYTHONHASHSEED': s}).stdout
            for s in ('1', '2')}
    assert len(outs) == 1 and outs.pop().split() == [entity_color('DRUG'), entity_color('GENE')]

def test_playground_displays_with_static_snapshot(clf, monkeypatch):
    import plmnb.display as d
    calls = []
    class FakeShown:
        def update(self, html=None, png=None, text=None): calls.append(('update', html))
    monkeypatch.setattr(d, 'show_static', lambda w, html=None, png=None, text='': calls.append(('show', html)) or FakeShown())
    pg = Playground(clf, text='first text')
    pg._ipython_display_()
    assert calls[0][0] == 'show' and 'first text' in calls[0][1]
    shown = []
    monkeypatch.setattr(d, 'show_static', lambda w, **kw: shown.append(w) or FakeShown())
    pg._ipython_display_()
    assert shown == [pg] and pg.widget.children[1] is pg.text  # the live widget goes to show_static
    pg.set_text('second text')
    assert calls[-1][0] == 'update' and 'second text' in calls[-1][1] and pg.result.label in calls[-1][1]


# --- seen in a real browser: every result readable in JupyterLab's Light and Dark themes ----------------------

THEMES = {  # JupyterLab 4's own values of the variables the views use
    'light': {'--jp-ui-font-color1': 'rgba(0,0,0,0.87)', '--jp-ui-font-color2': 'rgba(0,0,0,0.54)', '--jp-layout-color0': 'white',
              '--jp-layout-color3': '#bdbdbd', '--jp-error-color1': '#d32f2f'},
    'dark': {'--jp-ui-font-color1': 'rgba(255,255,255,1)', '--jp-ui-font-color2': 'rgba(255,255,255,0.7)', '--jp-layout-color0': '#111111',
             '--jp-layout-color3': '#616161', '--jp-error-color1': '#f44336'}}

CONTRAST_JS = """() => {
  const rgba = s => { const m = s.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (a, b) => [0, 1, 2].map(i => a[i] * a[3] + b[i] * (1 - a[3])).concat([1]);
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                     return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const bg = el => { const chain = []; for (let e = el; e; e = e.parentElement) chain.push(rgba(getComputedStyle(e).backgroundColor));
                     return chain.reverse().reduce((acc, c) => over(c, acc), [255, 255, 255, 1]); };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const b = bg(el), f = over(rgba(getComputedStyle(el).color), b);
    const [hi, lo] = [lum(f), lum(b)].sort((x, y) => y - x);
    out.push([el.tagName, el.textContent.trim().slice(0, 30), (hi + 0.05) / (lo + 0.05)]);
  }
  return out;
}"""

def test_results_readable_in_light_and_dark(clf, tagger, qa, s2s, bert_mlm, tmp_path):
    if not Path('/usr/bin/chromium').exists(): pytest.skip('/usr/bin/chromium is missing (apt-get install chromium)')
    sync_api = pytest.importorskip('playwright.sync_api', reason='playwright is not installed (pip install playwright)')
    pg = Playground(clf, text='A fine <b>film</b>.')
    bad = Playground(clf); bad.set_text('')
    parts = [pg.html(), bad.html(), tag(tagger, 'Ada met Bob in Paris and New York.')._repr_html_(),
             answer(qa, 'Who wrote it?', CTX)._repr_html_(), fill_mask(bert_mlm, 'Hello [MASK] and [MASK].')._repr_html_(),
             summarize(s2s, 'A long document about a bridge.', max_new_tokens=4)._repr_html_()]
    ART = Path(__file__).parent.parent/'artifacts'; ART.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path='/usr/bin/chromium', args=['--headless', '--no-sandbox', '--disable-gpu'])
        try:
            for theme, vars in THEMES.items():
                css = ';'.join(f'{k}:{v}' for k, v in vars.items())
                page = b.new_page(viewport={'width': 900, 'height': 900})
                (tmp_path/f'{theme}.html').write_text(f'<html><body style="{css};background:var(--jp-layout-color0);'
                                                      f'color:var(--jp-ui-font-color1)">{"<hr>".join(parts)}</body></html>', encoding='utf-8')
                page.goto((tmp_path/f'{theme}.html').as_uri())
                page.screenshot(path=str(ART/f'predict_results_{theme}.png'), full_page=True)
                low = [(t, s, round(c, 2)) for t, s, c in page.evaluate(CONTRAST_JS) if c < 4.5]
                assert not low, (theme, low)
                page.close()
        finally: b.close()
