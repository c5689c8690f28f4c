"adapt: extend + continue LM training of a pretrained model; rehead keeps the body in memory."
from pathlib import Path
import pytest, torch
from plmnb.core import BadArgumentError, UnsupportedTaskError
from plmnb.models import load
from plmnb.adapt import adapt, lm_task
from plmnb.models import rehead

ZH = [p for p in (Path(__file__).resolve().parent.parent/'plmnb'/'samples'/'corpus_zh.txt').read_text(encoding='utf-8').split('\n\n') if p.strip()]
EN = [p for p in (Path(__file__).resolve().parent.parent/'plmnb'/'samples'/'corpus.txt').read_text(encoding='utf-8').split('\n\n') if p.strip()]
KW = dict(epochs=1, batch_size=8, block_size=32, progress='none')

def test_lm_task_by_family():
    assert [lm_task(f) for f in ('bert', 'roberta', 'distilbert', 'albert', 'gpt2')] == ['fill-mask'] * 4 + ['text-generation']
    with pytest.raises(UnsupportedTaskError, match='neither head'): lm_task('t5')

def test_rehead_keeps_the_body_and_seeds_the_head():
    lm = load('tiny-bert', 'fill-mask', quiet=True)
    a, b = rehead(lm, 'text-classification', ['neg', 'pos'], seed=3), rehead(lm, 'text-classification', ['neg', 'pos'], seed=3)
    assert a.labels == ['neg', 'pos'] and a.task == 'text-classification' and a.tokenizer is lm.tokenizer
    for (k, v), (k2, v2) in zip(lm.model.bert.encoder.state_dict().items(), a.model.bert.encoder.state_dict().items()):
        assert k == k2 and torch.equal(v, v2)
    assert torch.equal(a.model.classifier.weight, b.model.classifier.weight)
    assert not torch.equal(a.model.classifier.weight, rehead(lm, 'text-classification', ['neg', 'pos'], seed=4).model.classifier.weight)
    back = rehead(a, 'fill-mask')  # and back: the LM head is tied to the (shared) embeddings
    assert back.model.get_output_embeddings().weight is back.model.get_input_embeddings().weight

def test_adapt_extends_the_vocabulary_and_reports_it():
    run = adapt('tiny-bert', ZH[:40], extend_vocab=400, **KW)
    ad, lo = run.loaded.trained['adapt'], run.loaded
    assert ad['before']['unk_rate'] > 0.9 and ad['after']['unk_rate'] < ad['before']['unk_rate'] / 5, ad
    assert 0 < ad['added'] <= 400 and ad['seconds'] > 0
    assert lo.task == 'fill-mask' and lo.model.get_input_embeddings().weight.shape[0] == len(lo.tokenizer)
    assert lo.model.get_output_embeddings().weight is lo.model.get_input_embeddings().weight
    assert '[UNK]' not in lo.tokenizer.tokenize('这部电影很好看')
    assert run.metrics.get('eval_loss') is not None

def test_adapt_without_extension_and_from_a_task_model():
    clf = load('tiny-bert', 'text-classification', labels=['neg', 'pos'], quiet=True)
    emb = clf.model.bert.embeddings.word_embeddings.weight.detach().clone()
    run = adapt(clf, EN[:20], **KW)  # a classifier is re-headed for masked LM: its body goes on learning
    ad = run.loaded.trained['adapt']
    assert ad['added'] == 0 and ad['before'] == ad['after'] and run.stop_reason is None and run.metrics['eval_loss'] < 20
    assert run.loaded.task == 'fill-mask' and run.loaded.model.bert.embeddings.word_embeddings.weight.shape == emb.shape

def test_adapt_causal_family():
    run = adapt('tiny-gpt2', ZH[:20], extend_vocab=100, **KW)
    assert run.loaded.task == 'text-generation' and run.loaded.trained['adapt']['added'] > 0

def test_adapt_same_seed_same_result():
    a, b = adapt('tiny-bert', ZH[:20], extend_vocab=50, seed=7, **KW), adapt('tiny-bert', ZH[:20], extend_vocab=50, seed=7, **KW)
    assert a.metrics['eval_loss'] == pytest.approx(b.metrics['eval_loss'], abs=1e-6)

@pytest.mark.parametrize('kw,msg', [(dict(extend_vocab=-1), 'extend_vocab=-1'), (dict(extend_vocab=2.5), 'extend_vocab=2.5')])
def test_adapt_bad_arguments(kw, msg):
    with pytest.raises(BadArgumentError, match=msg): adapt('tiny-bert', ZH[:5], **kw, **KW)

def test_adapt_refuses_a_raw_model():
    with pytest.raises(BadArgumentError, match='Loaded.from_model'): adapt(torch.nn.Linear(2, 2), ZH[:5], **KW)

def _body(model): return {k: v.detach().clone() for k, v in model.base_model.encoder.state_dict().items()} if hasattr(model.base_model, 'encoder') \
    else {k: v.detach().clone() for k, v in model.base_model.h.state_dict().items()}

@pytest.mark.parametrize('name', ['tiny-bert', 'tiny-gpt2'])
def test_new_tokens_train_only_the_new_parts(name):
    "With new tokens, by default the pretrained body and the old token rows are left exactly as they were; the new rows learn."
    fresh = load(name, 'fill-mask' if 'bert' in name else 'text-generation', quiet=True)
    body, rows = _body(fresh.model), fresh.model.get_input_embeddings().weight.detach().clone()
    run = adapt(name, ZH[:40], extend_vocab=100, **KW)
    m, n = run.loaded.model, rows.shape[0]
    assert run.loaded.trained['adapt']['frozen_body']
    assert all(torch.equal(v, _body(m)[k]) for k, v in body.items())
    emb = m.get_input_embeddings().weight
    assert torch.equal(emb[:n], rows) and emb.shape[0] > n and all(p.requires_grad for p in m.parameters())  # unfrozen after
    if m.get_output_embeddings() is not None: assert m.get_output_embeddings().weight is emb  # still tied

def test_freeze_body_false_trains_every_weight():
    fresh = load('tiny-bert', 'fill-mask', quiet=True)
    body = _body(fresh.model)
    run = adapt('tiny-bert', ZH[:40], extend_vocab=100, freeze_body=False, **KW)
    assert not run.loaded.trained['adapt']['frozen_body']
    assert any(not torch.equal(v, _body(run.loaded.model)[k]) for k, v in body.items())

def test_without_new_tokens_every_weight_learns_and_nothing_new_is_refused():
    fresh = load('tiny-bert', 'fill-mask', quiet=True)
    body = _body(fresh.model)
    run = adapt('tiny-bert', EN[:20], **KW)
    assert run.stop_reason is None and not run.loaded.trained['adapt']['frozen_body']
    assert any(not torch.equal(v, _body(run.loaded.model)[k]) for k, v in body.items())
    with pytest.raises(BadArgumentError, match='freeze_body=False'): adapt('tiny-bert', EN[:5], freeze_body=True, **KW)

def test_text_the_tokenizer_cannot_read_is_refused_with_the_fix():
    "Chinese on an English tokenizer, without new tokens: mostly [UNK], which masked LM never masks (a NaN loss before)."
    from plmnb.core import DataError
    with pytest.raises(DataError, match=r'(?s)unknown to .*extend_vocab=2000'): adapt('tiny-bert', ZH[:20], **KW)

def test_masked_lm_on_unreadable_text_is_refused_by_finetune_too():
    from plmnb.core import DataError
    from plmnb.train import finetune
    with pytest.raises(DataError, match=r"(?s)unknown to .*never masks unknown tokens.*extend_vocab=2000"):
        finetune(load('tiny-bert', 'fill-mask', quiet=True), ZH[:20], task='fill-mask', epochs=1, progress='none')
    run = finetune(load('tiny-bert', 'fill-mask', quiet=True), EN[:20], task='fill-mask', epochs=1, progress='none', max_length=32)
    assert run.stop_reason is None  # readable text trains as before
